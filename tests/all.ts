/**
 * `npm test` runs every test file in this one process, so the costly things they share — the capture
 * worker with `@pulumi/pulumi` loaded, pack processes, captures of the shipped stacks — start once
 * (see support/lab.ts). Each `*.test.js` also runs alone: `node --test dist/tests/<dir>/<file>.test.js`.
 */
import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { sharedLab } from "./support/lab";

// Made here, at the top level, so it stops when the whole run is done, not after the first suite using it.
sharedLab();

// The test files are those in the source tree (dist may hold the output of a source since removed).
const SOURCES = path.resolve(__dirname, "..", "..", "tests");

function testFiles(dir: string): string[] {
    return readdirSync(dir)
        .sort()
        .flatMap((entry) => {
            const full = path.join(dir, entry);
            return statSync(full).isDirectory() ? testFiles(full) : entry.endsWith(".test.ts") ? [full] : [];
        });
}

for (const source of testFiles(SOURCES)) {
    require(path.join(__dirname, path.relative(SOURCES, source)).replace(/\.ts$/, ".js"));
}
