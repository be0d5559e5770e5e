import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ROOT, projectWithStack, runDr, tempDir } from "../helpers";

const FIXTURES = path.join(ROOT, "tests", "fixtures", "evidence");
const AS_OF = ["--as-of", "2026-11-20"];

/** A copy of a stack's evidence folder with one file's JSON changed. */
function evidenceWith(stack: string, file: string, change: (doc: any) => void): string {
    const dir = tempDir("dr-evidence-");
    cpSync(path.join(FIXTURES, stack), dir, { recursive: true });
    const doc = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    change(doc);
    writeFileSync(path.join(dir, file), JSON.stringify(doc, null, 4));
    return dir;
}

describe("dr evidence, end to end on AWS CLI output", () => {
    it("exit 0: eu's restores, game days and controls are fresh and within target", async () => {
        const run = await runDr(["evidence", "--stack", "eu", ...AS_OF, path.join(FIXTURES, "eu")]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /^stack eu {2}PASSED$/m);
        assert.match(run.stdout, /^ {4}users +2h +14m17s +SUCCESSFUL +2026-11-19T03:18Z +20h41m +pass /m);
        assert.match(run.stdout, /^ {2}no findings$/m);
    });

    it("exit 4: a drill's restore failed validation; the JSON names the store, the check and the decision", async () => {
        const evidence = evidenceWith("eu", "restore-jobs.json", (doc) => {
            doc.RestoreJobs[0].ValidationStatus = "FAILED";
            doc.RestoreJobs[0].ValidationStatusMessage = "table holds no item though its backup holds 48213 bytes";
        });
        const run = await runDr(["evidence", "--stack", "eu", ...AS_OF, "--json", evidence]);
        assert.equal(run.code, 4, run.stderr);
        const [report] = JSON.parse(run.stdout).stacks;
        assert.equal(report.rejected, true);
        const users = report.restores.find((r: any) => r.store === "users");
        assert.deepEqual([users.decision, users.newest.validation], ["reject", "FAILED"]);
        assert.deepEqual(
            report.findings.filter((f: any) => f.level === "mandatory").map((f: any) => f.check),
            ["evidence-restore"],
        );
    });

    it("exit 2: foreign JSON, no evidence, a bad --as-of: one line each, nothing run", async () => {
        const foreign = evidenceWith("eu", "control-compliance.json", (doc) => {
            delete doc.reportItems;
            doc.Policy = { Version: "2012-10-17" };
        });
        for (const [args, pattern] of [
            [
                ["evidence", "--stack", "eu", foreign],
                /control-compliance\.json: not an output dr evidence reads \(found keys \["Policy"\]\); expected aws backup list-restore-jobs/,
            ],
            [["evidence", "--stack", "eu"], /^dr: dr evidence: no evidence; expected files or folders of AWS CLI JSON output/],
            [["evidence", "--as-of", "last week", FIXTURES], /^dr: dr evidence: --as-of "last week"; expected an ISO 8601 date or time/],
            [["plan", "--as-of", "2026-11-20"], /^dr: dr plan: --as-of judges the age of evidence; give --evidence PATH with it/],
        ] as const) {
            const run = await runDr([...args]);
            assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
            assert.equal(run.stdout, "");
            assert.match(run.stderr, new RegExp(`${pattern.source}.*\\n$`));
            assert.equal(run.stderr.split("\n").length, 2, "one line");
        }
    });

    it("exit 70: a pack that crashes while the model is built is an internal error, one line", async () => {
        const fixture = path.join(ROOT, "tests", "fixtures", "untagged");
        const program = path.join(ROOT, "dist", "tests", "fixtures", "untagged", "program.js");
        const pack = path.join(ROOT, "tests", "fixtures", "crashing-pack");
        const run = await runDr(
            ["evidence", "--stack", "fixture", "--program", program, "--policy-pack", pack, path.join(FIXTURES, "eu")],
            fixture,
        );
        assert.equal(run.code, 70);
        assert.equal(run.stdout, "");
        assert.match(run.stderr, /^dr: policy pack .*crashing-pack failed in analyzeStack: .*\(rerun with DR_DEBUG=1 for the trace\)\n$/);
    });
});

describe("dr plan --evidence: a change that would recover slower than measured is caught before deploy", () => {
    it("us as shipped, with its evidence: passed, the evidence beside the posture", async () => {
        const run = await runDr(["plan", "--stack", "us", "--evidence", path.join(FIXTURES, "us"), ...AS_OF, "--json"]);
        assert.equal(run.code, 0, run.stderr);
        const [stack] = JSON.parse(run.stdout).stacks;
        assert.equal(stack.evidence.scopes.region.measuredSeconds, 48 * 60 + 50);
        assert.equal(stack.evidence.rejected, false);
    });

    it("tightening us's RTO to 45m passes on the model (15m30s) and is rejected on the measured failover (48m50s)", async () => {
        const project = projectWithStack("us", (c) => (c["dr:rto"] = "45m"));
        const alone = await runDr(
            [
                "plan",
                "--stack",
                "us",
                "--program",
                path.join(ROOT, "dist", "infra", "index.js"),
                "--policy-pack",
                path.join(ROOT, "policies"),
            ],
            project,
        );
        assert.equal(alone.code, 0, alone.stderr);
        const run = await runDr(
            [
                "plan",
                "--stack",
                "us",
                "--evidence",
                path.join(FIXTURES, "us"),
                ...AS_OF,
                "--program",
                path.join(ROOT, "dist", "infra", "index.js"),
                "--policy-pack",
                path.join(ROOT, "policies"),
            ],
            project,
        );
        assert.equal(run.code, 1, run.stderr);
        assert.match(run.stdout, /^ {2}mandatory evidence-rto {2}stack$/m);
        assert.match(
            run.stdout,
            /\[region\] measured recovery 48m50s \(10m30s to the plan's start \+ its measured 38m20s\) is over the target 45m; the model alone says 15m30s\./,
        );
    });
});
