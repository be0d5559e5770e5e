import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { EXAMPLES_COMMAND, exampleFiles } from "../../tools/examples";
import { ROOT, runDr } from "../helpers";
import { sharedLab } from "../support/lab";

const lab = sharedLab();

/** The commands docs/drift.md shows on examples/, each with the exit it promises (`# exit N`). */
function documentedRuns(): { args: string[]; exit: number }[] {
    const doc = readFileSync(path.join(ROOT, "docs", "drift.md"), "utf8");
    return [...doc.matchAll(/^npm run dr -- ((?:drift|analyze) [^#\n]*?)\s+# exit (\d+)\b/gm)].map((m) => ({
        args: m[1].split(/\s+/),
        exit: Number(m[2]),
    }));
}

describe("examples/: live state to try dr drift and dr analyze on offline", () => {
    it(`is what ${EXAMPLES_COMMAND} writes from the program now`, async () => {
        for (const { file, text } of await exampleFiles(lab)) {
            const full = path.join(ROOT, file);
            const written = existsSync(full) ? readFileSync(full, "utf8") : undefined;
            // The first line that differs, not the whole file: a stale example is hundreds of kilobytes.
            const lines = (written ?? "").split("\n");
            const at = text.split("\n").findIndex((line, i) => line !== lines[i]);
            assert.ok(
                written === text,
                `${file} ${written === undefined ? "is missing" : `is stale from line ${at + 1}`}: run ${EXAMPLES_COMMAND}`,
            );
        }
    });

    it("docs/drift.md's commands on them exit as it says: no drift 0, critical drift 4, a compliant export 0", async () => {
        const runs = documentedRuns();
        assert.deepEqual(
            runs.map((r) => r.exit),
            [0, 4, 0],
        );
        for (const { args, exit } of runs) {
            const run = await runDr(args);
            assert.equal(run.code, exit, `dr ${args.join(" ")}: ${run.stderr}`);
        }
    });
});
