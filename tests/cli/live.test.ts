import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { ROOT, runDr, tempDir } from "../helpers";
import { T } from "../model/build";
import { deployedStack, printedDigest, refreshDigest, stackExport } from "../support/liveState";
import { sharedLab } from "../support/lab";

const lab = sharedLab();

describe("dr drift and dr analyze, end to end on files the Pulumi CLI writes", () => {
    const dir = tempDir("dr-live-");
    const digest = path.join(dir, "eu-refresh.json");
    const exported = path.join(dir, "eu-export.json");

    before(async () => {
        const { context, state } = await deployedStack(lab, "eu");
        const drifted = refreshDigest(
            state,
            [{ type: T.table, name: "users", change: (p) => (p.replicas = [{ regionName: "us-east-1" }]) }],
            { config: context.config },
        );
        writeFileSync(digest, printedDigest(drifted, "Previewing refresh (eu):\n\n"));
        writeFileSync(exported, JSON.stringify(stackExport(state), null, 4));
    });

    it("dr drift --format markdown: the report for the stack's issue, exit 4 on critical drift", async () => {
        const run = await runDr(["drift", digest, "--format", "markdown"]);
        assert.equal(run.code, 4, run.stderr);
        assert.equal(run.stderr, "");
        assert.match(run.stdout, /^## Drift in stack `eu`: critical\n/);
        assert.match(run.stdout, /^### Live re-check: not compliant$/m);
        assert.match(run.stdout, /^\| mandatory \| `data-residency` \| aws:dynamodb\/table:Table "users" \|/m);
    });

    it("dr drift --json: one object on stdout with the status and exit code", async () => {
        const run = await runDr(["drift", digest, "--json", "--stack", "eu"]);
        assert.equal(run.code, 4);
        const report = JSON.parse(run.stdout);
        assert.deepEqual([report.stack, report.status, report.exitCode, report.live.rejected], ["eu", "critical", 4, true]);
        assert.deepEqual(Object.keys(report).sort(), ["drift", "exitCode", "live", "stack", "status"]);
    });

    it("dr analyze --state: the export of the first update is compliant (exit 0), config from Pulumi.eu.yaml here", async () => {
        const run = await runDr(["analyze", "--state", exported], ROOT);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /^ {2}live re-check: \d+ resources {2}COMPLIANT$/m);
        assert.match(run.stdout, /^ {2}posture now {2}tier backup-restore {3}RTO target 1d {3}achievable 3h33m/m);
    });

    it("bad input exits 2 with one line: a digest given to analyze, an export to drift, no file, a stack it is not", async () => {
        for (const [args, pattern] of [
            [["analyze", "--state", digest], /eu-refresh\.json: a refresh digest, not a stack export; run dr drift/],
            [["drift", exported], /eu-export\.json: a stack export, not a refresh digest; run dr analyze --state/],
            [["drift"], /dr drift: no digest; expected one file holding the output of pulumi refresh/],
            [["drift", digest, "--stack", "us"], /--stack us: .*eu-refresh\.json is the state of stack eu/],
            [["drift", digest, "--format", "sarif"], /dr drift: --format sarif; expected one of human, json, markdown/],
        ] as const) {
            const run = await runDr([...args]);
            assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
            assert.equal(run.stdout, "");
            assert.match(run.stderr, new RegExp(`^dr: .*${pattern.source}.*\\n$`));
        }
    });
});
