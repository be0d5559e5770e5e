import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { diagramsOf } from "../../cli/src/commands/plan/markdown";
import { listStacks } from "../../cli/src/engine/stackConfig";
import { DIAGRAMS_DIR, diagramFile, readmeDiagrams, readmeWithDiagrams } from "../../tools/diagrams";
import { DiagramRenderer, READER_WIDTH, atReaderWidth, pngFacts, sourceDigest } from "../../tools/diagramRenderer";
import { ROOT } from "../helpers";
import { asPlan, sharedLab } from "../support/lab";

const lab = sharedLab();

/** Where GitHub's readers see a README: no label smaller than this at READER_WIDTH. */
const SMALLEST_LABEL_PX = 12;

/**
 * No diagram taller than this at READER_WIDTH: two screens of a laptop's browser (about 800 px of page each), so a
 * reader sees both ends of any edge with one scroll. The tallest, a two-region stack, is about 1,460 px.
 */
const TALLEST_PX = 1600;

const STALE = "run npm run diagrams";

async function shippedDiagrams(): Promise<Map<string, string>> {
    return diagramsOf((await Promise.all(listStacks(ROOT).map((stack) => lab.plan(stack)))).map(asPlan));
}

describe("the diagrams in docs/diagrams and the README (npm run diagrams)", () => {
    it("are those dr plan --format markdown draws of the shipped stacks, each PNG made from its source", async () => {
        const diagrams = await shippedDiagrams();
        const expected = [...diagrams.keys()].flatMap((name) => [`${name}.mmd`, `${name}.png`]).sort();
        assert.deepEqual(readdirSync(path.join(ROOT, DIAGRAMS_DIR)).sort(), expected, `${DIAGRAMS_DIR} holds other diagrams: ${STALE}`);
        for (const [name, source] of diagrams) {
            assert.equal(readFileSync(diagramFile(name, "mmd"), "utf8"), `${source}\n`, `${DIAGRAMS_DIR}/${name}.mmd is stale: ${STALE}`);
            const png = pngFacts(readFileSync(diagramFile(name, "png")));
            assert.equal(png.digest, sourceDigest(source), `${DIAGRAMS_DIR}/${name}.png was not made from its source: ${STALE}`);
        }
        const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
        const shown = readmeDiagrams([...diagrams.keys()], (name) => readFileSync(diagramFile(name, "png")));
        assert.equal(readme, readmeWithDiagrams(readme, shown), `the README's diagrams are stale: ${STALE}`);
        assert.doesNotMatch(readme, /```mermaid/, "the README shows the rendered images, not Mermaid GitHub would shrink");
    });

    describe("rendered by mermaid in headless Chromium", () => {
        let renderer: DiagramRenderer;
        before(async () => {
            assert.ok(existsSync("/usr/bin/chromium"), "no Chromium: run scripts/install-chromium.sh (.ci/run does)");
            renderer = await DiagramRenderer.start();
        });
        after(() => renderer?.close());

        it(`draw without error, no label under ${SMALLEST_LABEL_PX} px and none taller than ${TALLEST_PX} px at ${READER_WIDTH} px wide`, async () => {
            for (const [name, source] of await shippedDiagrams()) {
                const drawn = await renderer.render(source);
                const shown = atReaderWidth(drawn);
                const size = `${Math.round(drawn.width)}×${Math.round(drawn.height)} px`;
                assert.ok(
                    shown.fontPx >= SMALLEST_LABEL_PX,
                    `${name} (${size}): its smallest label is ${shown.fontPx.toFixed(1)} px at ${READER_WIDTH} px`,
                );
                assert.ok(shown.height <= TALLEST_PX, `${name} (${size}): ${Math.round(shown.height)} px tall at ${READER_WIDTH} px`);
            }
        });

        it("refuse a diagram Mermaid cannot parse, with Mermaid's error", async () => {
            await assert.rejects(renderer.render("flowchart TB\n  a[unclosed"), /mermaid cannot render the diagram: .*Parse error/s);
        });
    });
});
