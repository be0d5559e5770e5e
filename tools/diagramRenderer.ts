/**
 * Renders Mermaid diagrams as GitHub's readers see them: mermaid from node_modules in a local page of Debian's
 * headless Chromium (`scripts/install-chromium.sh`), driven by playwright-core. Nothing is fetched: the page is
 * made in memory and the browser's background services are off, as the closed network here requires.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { crc32 } from "node:zlib";
import { Browser, BrowserContext, chromium } from "playwright-core";

/**
 * The browser: `$CHROMIUM` when set, else Debian's Chromium, else Google Chrome where a machine has it instead (GitHub's
 * Ubuntu runners ship Chrome, and Ubuntu's `chromium` package is a snap stub).
 */
export const CHROMIUM =
    process.env.CHROMIUM ??
    ["/usr/bin/chromium", "/usr/bin/google-chrome"].find((candidate) => existsSync(candidate)) ??
    "/usr/bin/chromium";

/** The width GitHub gives a README's content column on a desktop screen, about; a wider image is scaled down to it. */
export const READER_WIDTH = 900;

/** Flags without which Chromium waits on networks it cannot reach here (updates, sync, QUIC). */
const FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/** Each PNG pixel per CSS pixel: twice, so the image stays sharp where a screen or GitHub scales it. */
export const DEVICE_SCALE = 2;

export interface RenderedDiagram {
    /** The diagram's own size in CSS pixels, as mermaid lays it out. */
    width: number;
    height: number;
    /** The smallest font size of any text in it, in CSS pixels at its own size. */
    smallestFontPx: number;
    /** The PNG, at DEVICE_SCALE, carrying the digest of the source it was made from. */
    png: Buffer;
}

/** How big the diagram's smallest text and its height are where it is shown READER_WIDTH wide (never enlarged). */
export function atReaderWidth(d: Pick<RenderedDiagram, "width" | "height" | "smallestFontPx">): { fontPx: number; height: number } {
    const scale = Math.min(1, READER_WIDTH / d.width);
    return { fontPx: d.smallestFontPx * scale, height: d.height * scale };
}

/** The digest a PNG carries of the Mermaid source it was rendered from, and the mermaid that rendered it. */
export function sourceDigest(source: string): string {
    return createHash("sha256").update(`mermaid ${mermaidVersion()}\n${source}`).digest("hex");
}

export function mermaidVersion(): string {
    return (require("mermaid/package.json") as { version: string }).version;
}

const DIGEST_KEY = "mermaid-source-sha256";

/** The PNG with a tEXt chunk holding `text` under `key`, before IEND (PNG spec §11.3.4.3). */
function withText(png: Buffer, key: string, text: string): Buffer {
    const data = Buffer.from(`${key}\0${text}`, "latin1");
    const type = Buffer.from("tEXt", "latin1");
    const chunk = Buffer.alloc(12 + data.length);
    chunk.writeUInt32BE(data.length, 0);
    type.copy(chunk, 4);
    data.copy(chunk, 8);
    chunk.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0, 8 + data.length);
    const iend = png.length - 12;
    return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}

/** What a PNG says it was made from (its tEXt chunk), and its size in pixels (IHDR). */
export function pngFacts(png: Buffer): { digest?: string; width: number; height: number } {
    let digest: string | undefined;
    for (let at = 8; at + 8 <= png.length;) {
        const length = png.readUInt32BE(at);
        const type = png.toString("latin1", at + 4, at + 8);
        if (type === "tEXt") {
            const [key, text] = png.toString("latin1", at + 8, at + 8 + length).split("\0");
            digest = key === DIGEST_KEY ? text : digest;
        }
        at += 12 + length;
    }
    return { digest, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The page's side: mermaid renders the source; every text's computed font size is read from the SVG it drew. */
async function drawInPage(source: string): Promise<{ error?: string; width: number; height: number; smallestFontPx: number }> {
    const page = globalThis as any;
    const { mermaid, document } = page;
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    try {
        const { svg } = await mermaid.render("diagram", source);
        document.body.innerHTML = svg;
    } catch (e) {
        return { error: String(e instanceof Error ? e.message : e), width: 0, height: 0, smallestFontPx: 0 };
    }
    const element = document.querySelector("body > svg");
    const [, , width, height] = element.getAttribute("viewBox").split(/\s+/).map(Number);
    element.setAttribute("width", String(width));
    element.setAttribute("height", String(height));
    element.style.maxWidth = "none";
    const sizes: number[] = [];
    for (const node of element.querySelectorAll("*")) {
        const ownText = [...node.childNodes].some((c: any) => c.nodeType === 3 && c.textContent.trim() !== "");
        if (ownText) {
            sizes.push(parseFloat(page.getComputedStyle(node).fontSize));
        }
    }
    return { width, height, smallestFontPx: Math.min(...sizes) };
}

export class DiagramRenderer {
    private constructor(
        private readonly browser: Browser,
        private readonly context: BrowserContext,
    ) {}

    /**
     * Starts Chromium (playwright gives each launch a fresh profile in a temporary folder, removed at close); fails
     * naming the script that installs it when it is missing.
     */
    static async start(): Promise<DiagramRenderer> {
        if (!existsSync(CHROMIUM)) {
            throw new Error(
                `no Chromium at ${CHROMIUM}: run scripts/install-chromium.sh (Debian's chromium), or set CHROMIUM to a Chromium or Chrome binary`,
            );
        }
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
        const context = await browser.newContext({ deviceScaleFactor: DEVICE_SCALE, offline: true });
        return new DiagramRenderer(browser, context);
    }

    /** The browser, as it names itself: "Chromium 150.0…". */
    get browserVersion(): string {
        return `Chromium ${this.browser.version()}`;
    }

    /** Renders one Mermaid source; a source mermaid refuses throws its error. */
    async render(source: string): Promise<RenderedDiagram> {
        const page = await this.context.newPage();
        try {
            await page.setContent("<!doctype html><html><body style='margin:0'></body></html>");
            await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
            const drawn = await page.evaluate(drawInPage, source);
            if (drawn.error !== undefined) {
                throw new Error(`mermaid cannot render the diagram: ${drawn.error}`);
            }
            await page.setViewportSize({ width: Math.ceil(drawn.width), height: Math.ceil(drawn.height) });
            const png = await page.locator("body > svg").screenshot({ omitBackground: false });
            return {
                width: drawn.width,
                height: drawn.height,
                smallestFontPx: drawn.smallestFontPx,
                png: withText(png, DIGEST_KEY, sourceDigest(source)),
            };
        } finally {
            await page.close();
        }
    }

    async close(): Promise<void> {
        await this.browser.close();
    }
}
