import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../helpers";

/** The README and every page of docs/, from the repository root. */
const PAGES = [
    "README.md",
    ...readdirSync(path.join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => path.join("docs", f)),
];

/** A page's Markdown outside its code blocks, where neither headings nor links are what they look like. */
function prose(page: string): string {
    return readFileSync(path.join(ROOT, page), "utf8").replace(/^```[^]*?^```$/gm, "");
}

/** GitHub's anchor for a heading: lower case, punctuation but hyphens and underscores dropped, spaces as hyphens. */
function anchor(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/ /g, "-");
}

function anchors(page: string): Set<string> {
    return new Set([...prose(page).matchAll(/^#{1,6} (.*)$/gm)].map(([, heading]) => anchor(heading)));
}

describe("the README and docs/ link to what exists", () => {
    it("every relative link names a file of the repository and, with a #fragment, a heading of that page", () => {
        const broken: string[] = [];
        for (const page of PAGES) {
            for (const [, target] of prose(page).matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^[a-z]+:/.test(target)) {
                    continue;
                }
                const [file, fragment] = target.split("#");
                const linked = file === "" ? page : path.normalize(path.join(path.dirname(page), file));
                if (!existsSync(path.join(ROOT, linked))) {
                    broken.push(`${page}: ${target} (no file ${linked})`);
                } else if (fragment !== undefined && linked.endsWith(".md") && !anchors(linked).has(fragment)) {
                    broken.push(`${page}: ${target} (no heading of ${linked} has that anchor)`);
                }
            }
        }
        assert.deepEqual(broken, []);
    });

    it("reads a heading's anchor as GitHub makes it", () => {
        assert.equal(anchor("Vault lock: what compliance mode makes permanent"), "vault-lock-what-compliance-mode-makes-permanent");
        assert.equal(anchor("`dr plan`: the offline gate"), "dr-plan-the-offline-gate");
        assert.equal(anchor("Export the program's body as a function"), "export-the-programs-body-as-a-function");
    });
});
