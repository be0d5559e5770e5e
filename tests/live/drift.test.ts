import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { renderDriftMarkdown } from "../../cli/src/commands/drift/render";
import { DriftReport, driftExitCode, driftReport } from "../../cli/src/commands/drift/run";
import { namesOf } from "../../cli/src/commands/analyze";
import { analyzedFromState, readDigest } from "../../cli/src/engine/state";
import { tempDir } from "../helpers";
import { T } from "../model/build";
import { Drift, DigestOptions, deployedStack, printedDigest, refreshDigest } from "../support/liveState";
import { mandatory, sharedLab } from "../support/lab";

const lab = sharedLab();

/**
 * `dr drift` on a shipped stack's state after `drifts`, through a digest file written as the CLI prints it,
 * re-judged by the real pack over the analyzer protocol.
 */
async function drift(
    stack: string,
    drifts: Drift[],
    options: Partial<DigestOptions> & { leadingText?: string } = {},
): Promise<{ report: DriftReport; code: number; markdown: string }> {
    const { context, state } = await deployedStack(lab, stack);
    const digest = refreshDigest(state, drifts, {
        config: { ...context.config, ...options.config },
        previewRefresh: options.previewRefresh,
    });
    const file = path.join(tempDir("dr-drift-"), `${stack}.json`);
    writeFileSync(file, printedDigest(digest, options.leadingText));
    const report = await driftReport(readDigest(file), file, undefined, (resources, ctx) => lab.judge(ctx, resources));
    const code = driftExitCode(report);
    return { report, code, markdown: renderDriftMarkdown(report, `${stack}.json`, code, namesOf(analyzedFromState(state))) };
}

const violations = (report: DriftReport, policy: string) =>
    report.live.verdict.violations.filter((v) => v.policy === policy && v.enforcementLevel === "mandatory");

describe("dr drift on the shipped stacks' full state", () => {
    it("finds nothing in a refresh that changed nothing: exit 0, compliant, the same posture dr plan reports", async () => {
        const [{ report, code }, planned] = await Promise.all([drift("us", []), lab.plan("us")]);
        assert.equal(code, 0, mandatory({ ...planned, stack: { ...planned.stack, violations: report.live.verdict.violations } }));
        assert.equal(report.findings.drifted, false);
        assert.deepEqual(report.live.posture, planned.stack.posture);
        assert.equal(report.live.change.rpo.worse, false);
    });

    it("rejects eu when a replica of its personal users table appeared in us-east-1: residency-critical, and the live state breaks data-residency (exit 4)", async () => {
        const { report, code, markdown } = await drift("eu", [
            { type: T.table, name: "users", change: (p) => (p.replicas = [{ regionName: "us-east-1", pointInTimeRecovery: true }]) },
        ]);
        assert.equal(code, 4);
        const [users] = report.findings.resources;
        assert.deepEqual([users.name, users.class], ["users", "residency-critical"]);
        assert.deepEqual(
            users.properties.map((p) => [p.path, p.new]),
            [
                ["replicas[0].regionName", "us-east-1"],
                ["replicas[0].pointInTimeRecovery", true],
            ],
        );
        const [v] = violations(report, "data-residency");
        assert.match(v.message, /holds personal data of zone eu \(allowed: eu-west-1\), but global table replica lives in us-east-1/);
        assert.match(
            markdown,
            /^\| residency-critical \| aws:dynamodb\/table:Table "users" \| `replicas\[0\]\.regionName` \| `\(none\)` \| `"us-east-1"` \| a global-table replica is a full copy/m,
        );
    });

    it("rejects tokyo when point-in-time recovery of users was disabled by hand: recovery-critical, and its corruption RPO worsens from 5m to the hourly backup and its windows (exit 4)", async () => {
        const { report, code } = await drift("tokyo", [
            { type: T.table, name: "users", change: (p) => (p.pointInTimeRecovery = { enabled: false }) },
        ]);
        assert.equal(code, 4);
        const [users] = report.findings.resources;
        assert.deepEqual(
            users.properties.map((p) => [p.path, p.old, p.new, p.class]),
            [["pointInTimeRecovery.enabled", true, false, "recovery-critical"]],
        );
        const store = report.live.change.stores.find((s) => s.name === "users")!;
        // A region loss still costs a second (the replica); a corruption now the hourly backup, an hour to start and one to finish.
        assert.deepEqual([store.deployedSeconds, store.liveSeconds, store.worse], [1, 1, false]);
        const corruption = store.scopes.corruption;
        assert.deepEqual([corruption.deployedSeconds, corruption.liveSeconds, corruption.worse], [300, 3 * 3600, true]);
        assert.match(
            violations(report, "dr-rpo-target")[0].message,
            /\[corruption\] aws:dynamodb\/table:Table "users": for a bad write or deletion, .*achievable RPO 3h exceeds its target 1h \(dr:targets\.corruption\.rpo\)/,
        );
    });

    it("exits 3 on cosmetic drift alone, with nothing critical and the live state compliant", async () => {
        const { report, code, markdown } = await drift("us", [
            { type: T.table, name: "sessions", change: (p) => (p.tags = { ...p.tags, team: "payments" }) },
            { type: T.key, name: "us-data-us-east-1", change: (p) => (p.description = "edited in the console") },
        ]);
        assert.equal(code, 3);
        assert.equal(report.findings.critical, false);
        assert.deepEqual(
            report.findings.resources.map((r) => r.class),
            ["cosmetic", "cosmetic"],
        );
        assert.equal(report.live.verdict.rejected, false);
        assert.match(markdown, /^## Drift in stack `us`: drift, nothing critical$/m);
    });

    it("classifies security, operational and gone resources, and reads a deleted alarm's absence into the live check", async () => {
        const { report, code } = await drift("us", [
            {
                type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                name: "uploads-public-access",
                change: (p) => (p.blockPublicPolicy = false),
            },
            { type: "aws:cloudwatch/logGroup:LogGroup", name: "us-us-east-1-app", change: (p) => (p.retentionInDays = 1) },
            { type: T.topicSubscription, name: "us-oncall-us-west-2-email-0" },
        ]);
        assert.equal(code, 4);
        const classes = Object.fromEntries(report.findings.resources.map((r) => [r.name, r.class]));
        assert.deepEqual(classes, {
            "uploads-public-access": "security",
            "us-us-east-1-app": "operational",
            "us-oncall-us-west-2-email-0": "recovery-critical",
        });
        assert.match(
            violations(report, "dr-alerting")[0].message,
            /its topic aws:sns\/topic:Topic "us-oncall-us-west-2" has no subscription in the stack/,
        );
    });

    it("reads the CLIs' quirks: leading text, diff reasons, preview --refresh's second step, secret config, unknowns, and drift left at refresh", async () => {
        const { report, code } = await drift(
            "eu",
            [
                { type: T.table, name: "users", change: (p) => (p.replicas = [{ regionName: "us-east-1" }]) },
                { type: T.table, name: "sessions", change: (p) => (p.deletionProtectionEnabled = false), reported: "reasons" },
                { type: T.bucket, name: "uploads", change: (p) => (p.tags = { ...p.tags, team: "media" }), reported: "none" },
            ],
            { leadingText: "Previewing refresh (eu):\n\n", previewRefresh: true, config: { "aws:secretKey": "[secret]" } },
        );
        assert.equal(code, 4);
        assert.deepEqual(report.findings.resources.map((r) => [r.name, r.class]).sort(), [
            ["sessions", "recovery-critical"],
            ["users", "residency-critical"],
        ]);
        // The bucket's drift stays at op refresh with its old state: only the summary counts it.
        assert.match(report.findings.unexplained!, /but the steps show 2: .* left at op refresh/);
        // The live state is the refresh's, not the program's plan that preview --refresh lists after it.
        assert.equal(violations(report, "data-residency").length, 1);
    });
});
