import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { Evidence, EvidenceReport, judgeEvidence, readEvidence } from "../../cli/src/assess/evidence";
import { ROOT } from "../helpers";
import { Scenario, sharedLab } from "../support/lab";

const lab = sharedLab();
const FIXTURES = path.join(ROOT, "tests", "fixtures", "evidence");
/** The day the fixtures are judged on: the day after Thursday's drills. */
const AS_OF = new Date("2026-11-20T00:00:00Z");
const HOUR = 3600_000;
const DAY = 24 * HOUR;

function evidence(stack: string): Evidence {
    return readEvidence([path.join(FIXTURES, stack)], ROOT);
}

function judge(scenario: Scenario, e: Evidence, asOf = AS_OF): EvidenceReport {
    const { context, resources, stack } = scenario;
    return judgeEvidence({ stack: context.stack, resources, posture: stack.posture, config: context.config }, e, asOf);
}

/** The evidence with the restore jobs of one table (by its source ARN) changed, or dropped when `change` returns nothing. */
function withTableJobs(
    e: Evidence,
    table: string,
    change: (job: Evidence["restoreJobs"][number]) => Evidence["restoreJobs"][number] | undefined,
): Evidence {
    const mine = (j: Evidence["restoreJobs"][number]) => j.sourceArn?.endsWith(`:table/${table}`) === true;
    return { ...e, restoreJobs: e.restoreJobs.flatMap((j) => (mine(j) ? [change({ ...j })].filter((x) => x !== undefined) : [j])) };
}

const row = (r: EvidenceReport, store: string) => r.restores.find((s) => s.store === store)!;
const checks = (r: EvidenceReport) => r.findings.map((f) => `${f.level} ${f.check}`);

describe("evidence beside the model: each store's newest restore decides", async () => {
    const eu = await lab.plan("eu");
    const base = evidence("eu");

    /**
     * The fixture table: eu's users table, whose newest drill restore (Thursday's) is fresh and fast in the fixture,
     * changed one way at a time. Every other store's evidence stays as it is, so the stack's verdict is this row's.
     */
    const CASES: { name: string; change: Parameters<typeof withTableJobs>[2]; decision: string; finding?: RegExp }[] = [
        { name: "fresh and fast", change: (j) => j, decision: "pass" },
        {
            name: "fresh and slow",
            // 2h40m: over the 2h the model counts for every restore step.
            change: (j) => ({ ...j, completed: new Date(j.created.getTime() + 2 * HOUR + 40 * 60_000) }),
            decision: "reject",
            finding:
                /^mandatory evidence-restore users: the newest restore took 2h40m, over the 2h the recovery model counts for a restore\.$/,
        },
        {
            name: "stale",
            // Four months old: past the quarter a backup-restore cell has.
            change: (j) => ({
                ...j,
                created: new Date(j.created.getTime() - 120 * DAY),
                completed: new Date(j.completed!.getTime() - 120 * DAY),
            }),
            decision: "reject",
            finding: /^mandatory evidence-freshness users: the newest restore ended 120d ago, over the 93d the tier allows/,
        },
        {
            name: "failed validation",
            change: (j) =>
                j.id.startsWith("D4F0")
                    ? { ...j, validation: "FAILED", validationMessage: "table holds no item though its backup holds 48213 bytes" }
                    : j,
            decision: "reject",
            finding: /^mandatory evidence-restore users: the newest restore \(job D4F0.*\) failed validation \(FAILED: table holds no item/,
        },
        {
            name: "missing",
            change: () => undefined,
            decision: "reject",
            finding:
                /^mandatory evidence-freshness users: no finished restore job of it in the evidence \(its drills: dr_eu_eu_west_1_drill\)/,
        },
    ];

    for (const c of CASES) {
        it(`${c.name}: ${c.decision}`, () => {
            const report = judge(eu, withTableJobs(base, "eu-users", c.change));
            assert.equal(row(report, "users").decision, c.decision);
            assert.equal(report.rejected, c.decision === "reject");
            const others = report.restores.filter((r) => r.store !== "users");
            assert.ok(
                others.every((r) => r.decision === "pass"),
                "every other store's evidence passes",
            );
            const mandatory = report.findings.filter((f) => f.level === "mandatory").map((f) => `${f.level} ${f.check} ${f.message}`);
            if (c.finding) {
                assert.equal(mandatory.length, 1, mandatory.join("\n"));
                assert.match(mandatory[0], c.finding);
            } else {
                assert.deepEqual(mandatory, []);
            }
        });
    }

    it("the newest finished job decides: Monday's run of users is older than Thursday's", () => {
        const report = judge(eu, base);
        assert.equal(row(report, "users").newest!.id, "D4F0C1A2-5B7E-4C19-8E3A-1F6B2D9C0E41");
        assert.equal(row(report, "users").newest!.seconds, 14 * 60 + 17);
        // A hand-run restore of another account's table is nobody's here.
        assert.equal(report.ignored.restoreJobs, 1);
    });

    it("a restore slower than measured before lengthens each scope that restores; over its target it rejects", () => {
        // 7h30m: the corruption scope's 2h restore step becomes 7h30m, its 2h30m RTO 8h, at eu's 8h target…
        const slow = (minutes: number) => (j: Evidence["restoreJobs"][number]) =>
            j.id.startsWith("D4F0") ? { ...j, completed: new Date(j.created.getTime() + minutes * 60_000) } : j;
        const atTarget = judge(eu, withTableJobs(base, "eu-users", slow(7 * 60 + 30)));
        assert.equal(atTarget.scopes.corruption.measuredSeconds, 8 * 3600);
        assert.equal(atTarget.scopes.corruption.decision, "pass");
        assert.match(atTarget.scopes.corruption.basis, /^restore-point-in-time measured 7h30m \(users\)$/);
        // …and a minute more is over it.
        const over = judge(eu, withTableJobs(base, "eu-users", slow(7 * 60 + 31)));
        assert.equal(over.scopes.corruption.decision, "reject");
        assert.ok(checks(over).includes("mandatory evidence-rto"));
        assert.match(
            over.findings.find((f) => f.check === "evidence-rto")!.message,
            /^\[corruption\] measured recovery 8h1m .* is over the target 8h; the model alone says 2h30m\.$/,
        );
    });
});

describe("evidence beside the model: failovers, game days, controls", async () => {
    const us = await lab.plan("us");
    const base = evidence("us");

    it("us: every store's restore, the failover and the game days are fresh and within target", () => {
        const report = judge(us, base);
        assert.deepEqual(checks(report), []);
        assert.equal(report.maxAgeSeconds, 31 * 24 * 3600, "warm standby proves itself monthly");
        // The region's RTO: the model's 10m30s to the plan's start (detection, DNS, scaling, the trigger), then the measured 38m20s.
        assert.deepEqual(
            [report.scopes.region.modelSeconds, report.scopes.region.measuredSeconds, report.scopes.region.targetSeconds],
            [15 * 60 + 30, 48 * 60 + 50, 3600],
        );
        assert.equal(
            report.failover!.newest!.id,
            "e-7c1d2f30a9b84e51",
            "the newest activation, not the older failed one nor the post-recovery",
        );
    });

    it("buckets named at deployment are told apart by the stack export; without it, by nothing", () => {
        const withoutExport = judge(us, { ...base, deployed: [] });
        assert.deepEqual(
            withoutExport.restores.filter((r) => r.decision === "reject").map((r) => r.store),
            ["uploads", "uploads-replica"],
        );
        assert.match(
            withoutExport.findings.find((f) => f.urn.endsWith("::uploads"))!.message,
            /its name is decided at deployment, so give pulumi stack export too\.$/,
        );
        // The report bucket is named before deployment: no export needed.
        assert.equal(row(withoutExport, "us-audit-reports").decision, "pass");
    });

    it("a failover measured slower than the margin the target leaves rejects, though the model alone passes", () => {
        const slower = {
            ...base,
            executions: base.executions.map((e) => (e.id === "e-7c1d2f30a9b84e51" ? { ...e, actualRecoverySeconds: 55 * 60 } : e)),
        };
        const report = judge(us, slower);
        assert.equal(report.scopes.region.modelSeconds, 15 * 60 + 30);
        assert.equal(report.scopes.region.measuredSeconds, 65 * 60 + 30);
        assert.deepEqual(checks(report), ["mandatory evidence-rto"]);
    });

    it("the newest failover failed, or is older than the tier allows: rejected", () => {
        const failed = { ...base, executions: base.executions.map((e) => (e.id === "e-7c1d2f30a9b84e51" ? { ...e, state: "failed" } : e)) };
        assert.deepEqual(checks(judge(us, failed)), ["mandatory evidence-failover"]);
        const stale = judge(us, base, new Date(AS_OF.getTime() + 20 * DAY));
        assert.ok(
            stale.findings.some(
                (f) => f.check === "evidence-freshness" && /execution ran 37d ago, over the 31d the tier allows/.test(f.message),
            ),
        );
    });

    it("a game day stopped by its guardrail rejects; one not run lately only advises", () => {
        const stopped = {
            ...base,
            experiments: base.experiments.map((x) =>
                x.actionIds.includes("aws:ecs:stop-task")
                    ? { ...x, status: "stopped", reason: "Experiment stopped by the stop condition" }
                    : x,
            ),
        };
        const report = judge(us, stopped);
        assert.deepEqual(checks(report), ["mandatory evidence-game-day"]);
        assert.match(
            report.findings[0].message,
            /^game day task-loss: its newest run \(EXPt4TaskL0ssus\) stopped \(Experiment stopped by the stop condition\)/,
        );
        const noGameDays = judge(us, { ...base, experiments: [] });
        assert.equal(noGameDays.rejected, false);
        assert.deepEqual([...new Set(checks(noGameDays))], ["advisory evidence-freshness"]);
        assert.equal(noGameDays.gameDays.length, 4);
    });

    it("Audit Manager: a NON_COMPLIANT control rejects, INSUFFICIENT_DATA advises", () => {
        const status = (control: string, value: string) => ({
            ...base,
            controls: base.controls.map((c) => (c.control === control ? { ...c, status: value, nonCompliant: 2 } : c)),
        });
        const restoreTime = judge(us, status("RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", "NON_COMPLIANT"));
        assert.deepEqual(checks(restoreTime), ["mandatory evidence-controls"]);
        assert.match(
            restoreTime.findings[0].message,
            /^dr_us_recovery RESTORE_TIME_FOR_RESOURCES_MEET_TARGET: NON_COMPLIANT on 2 resources/,
        );
        assert.deepEqual(checks(judge(us, status("BACKUP_RECOVERY_POINT_ENCRYPTED", "INSUFFICIENT_DATA"))), ["advisory evidence-controls"]);
    });

    it("another stack's evidence proves nothing here", () => {
        const report = judge(us, evidence("eu"));
        assert.ok(report.restores.every((r) => r.decision === "reject"));
        assert.equal(report.ignored.restoreJobs, 7);
        assert.equal(report.ignored.experiments, 3);
        assert.equal(report.ignored.controls, 8);
    });
});
