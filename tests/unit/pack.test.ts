import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../helpers";

const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, "policies", file), "utf8"));

describe("the policy pack publishes alone", () => {
    it("has a lock file of its own that matches its package.json, so npm ci works in a copy of the folder", () => {
        const manifest = read("package.json");
        const lock = read("package-lock.json");
        assert.equal(lock.name, manifest.name);
        assert.equal(lock.version, manifest.version);
        const root = lock.packages[""];
        assert.deepEqual(root.dependencies, manifest.dependencies);
        assert.deepEqual(root.devDependencies, manifest.devDependencies);
        for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
            assert.ok(lock.packages[`node_modules/${dependency}`], `${dependency} is not locked`);
        }
    });

    it("imports nothing from outside its folder", () => {
        const config = read("tsconfig.json");
        assert.deepEqual(config.include.sort(), ["catalog", "index.ts", "rules"]);
        assert.equal(config.compilerOptions.rootDir, ".");
    });
});
