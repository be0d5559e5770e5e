import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { BAD_CONFIG } from "../fixtures/badConfig";
import { ROOT, jsonFile, projectWithStack, runDr, tempDir } from "../helpers";

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

    it("--json prints one object in the documented shape for every stack", async () => {
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
            const { posture } = s;
            assert.deepEqual(Object.keys(posture).sort(), ["dataStores", "rpo", "rto", "tier"]);
            for (const objective of [posture.rto, posture.rpo]) {
                assert.deepEqual(Object.keys(objective).sort(), ["achievableSeconds", "targetSeconds"]);
                assert.ok(objective.achievableSeconds <= objective.targetSeconds, `${s.stack}: ${JSON.stringify(objective)}`);
            }
            assert.deepEqual(posture.dataStores.map((d: any) => d.name).sort(), ["sessions", "uploads", "users"]);
            for (const store of posture.dataStores) {
                assert.deepEqual(Object.keys(store).sort(), ["classification", "copies", "media", "name", "offsite", "regions", "rpo", "type"]);
                assert.ok(store.copies >= 3 && store.media >= 2 && store.offsite >= 1, `${s.stack} ${store.name}`);
            }
        }
        const eu = report.stacks.find((s: any) => s.stack === "eu").posture;
        assert.equal(eu.tier, "backup-restore");
        assert.deepEqual(eu.rto.targetSeconds, 86400);
        assert.deepEqual(eu.dataStores.find((d: any) => d.name === "users").regions, ["eu-west-1"]);
    });

    it("npm run plan -- --stack eu --json prints nothing but the JSON object", () => {
        const run = spawnSync("npm", ["run", "plan", "--", "--stack", "eu", "--json"], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.equal(report.stacks[0].posture.tier, "backup-restore");
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

    it("a pack that crashes before serving, with its own last words", async () => {
        const pack = tempDir("dr-pack-");
        writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "broken", version: "1.0.0", main: "index.js" }));
        writeFileSync(path.join(pack, "index.js"), 'throw new Error("missing dependency left-pad");\n');
        const run = await runDr(["plan", "--stack", "eu", "--policy-pack", pack]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /--policy-pack .*: exited with code 1 before serving: .*missing dependency left-pad/);
        assert.equal(run.stderr.trim().split("\n").length, 1);
    });

    it("a policy pack config naming an unknown level", async () => {
        const run = await runDr(["plan", "--stack", "eu", "--policy-pack-config", jsonFile("config.json", { all: "strict" })]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /"all" is "strict"; expected one of advisory, mandatory, remediate, disabled/);
    });

    it("a policy pack config that breaks the policy's schema", async () => {
        const run = await runDr(["plan", "--stack", "eu", "--policy-pack-config", jsonFile("zones.json", { "data-residency": { zones: { eu: "eu-central-1" } } })]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /"data-residency".zones.eu is "eu-central-1"; expected array\.$/m);
    });

    it("no command, or an unknown one", async () => {
        for (const args of [[], ["deploy"]]) {
            const run = await runDr(args);
            assert.equal(run.code, 2);
            assert.equal(run.stdout, "");
            assert.equal(run.stderr.trim().split("\n").length, 1);
        }
    });

    it("an unknown option", async () => {
        const run = await runDr(["plan", "--stacks", "eu"]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /^dr: Unknown option '--stacks'/);
        assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
});
