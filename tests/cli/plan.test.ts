import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { BAD_CONFIG } from "../fixtures/badConfig";
import { ROOT, jsonFile, projectWithStack, runDr } from "../helpers";

const STACKS = ["eu", "tokyo", "us"];

describe("dr plan on the shipped stacks", () => {
    it("passes tokyo, us and eu and lists each", async () => {
        const run = await runDr(["plan"]);
        assert.equal(run.code, 0, run.stderr);
        for (const stack of STACKS) {
            assert.match(run.stdout, new RegExp(`^stack ${stack} .* PASSED$`, "m"));
        }
        assert.match(run.stdout, /^3 stacks: 3 passed, 0 rejected$/m);
    });

    it("--json prints one object in DESIGN §11's shape for every stack", async () => {
        const run = await runDr(["plan", "--json"]);
        assert.equal(run.code, 0, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.deepEqual(report.stacks.map((s: any) => s.stack), STACKS);
        for (const s of report.stacks) {
            assert.equal(typeof s.resources, "number");
            assert.ok(s.resources > 0);
            assert.equal(s.rejected, false);
            assert.ok(Array.isArray(s.violations));
            for (const v of s.violations) {
                assert.deepEqual(Object.keys(v).sort(), ["enforcementLevel", "message", "policy", "policyPack", "urn"]);
                assert.notEqual(v.enforcementLevel, "mandatory");
            }
        }
    });

    it("--stack eu --json reports only eu", async () => {
        const run = await runDr(["plan", "--stack", "eu", "--json"]);
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout).stacks.map((s: any) => s.stack), ["eu"]);
    });
});

describe("dr plan: bad input exits 2 with one message", { concurrency: true }, () => {
    for (const bad of BAD_CONFIG) {
        it(`config: ${bad.what}`, async () => {
            const dir = projectWithStack("us", (config) => {
                for (const [key, value] of Object.entries(bad.changes)) {
                    if (value === undefined) {
                        delete config[key];
                    } else {
                        config[key] = key === "dr:capacity" ? Number(value) : value;
                    }
                }
            });
            const run = await runDr(["plan", "--stack", "us"], dir);
            assert.equal(run.code, 2);
            assert.equal(run.stdout, "");
            assert.equal(run.stderr.trim(), `dr: ${bad.message}`);
        });
    }

    it("an unknown stack", async () => {
        const run = await runDr(["plan", "--stack", "mars"]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /^dr: --stack mars: no such stack here; expected one of eu, tokyo, us, all/);
    });

    it("a pack that fails to start", async () => {
        const run = await runDr(["plan", "--stack", "eu", "--policy-pack", path.join(ROOT, "tests", "fixtures", "untagged")]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /--policy-pack .*untagged: not a policy pack; expected a folder with PulumiPolicy.yaml and package.json/);
    });

    it("a policy pack config naming an unknown level", async () => {
        const run = await runDr(["plan", "--stack", "eu", "--policy-pack-config", jsonFile("config.json", { all: "strict" })]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /"all" is "strict"; expected one of advisory, mandatory, remediate, disabled/);
    });

    it("an unknown option", async () => {
        const run = await runDr(["plan", "--stacks", "eu"]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /^dr: Unknown option '--stacks'/);
        assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
});
