import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WHITEPAPER_RTO_BANDS } from "../../policies/catalog";
import { T } from "../model/build";
import { mandatory, of, sharedLab, varied } from "../support/lab";

const lab = sharedLab();

describe("dr-rto-target through the real program and pack", () => {
    it("passes the shipped stacks' cells", async () => {
        for (const s of await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)))) {
            assert.equal(of(s, "dr-rto-target").length, 0, mandatory(s));
            assert.ok(s.stack.posture.rto.achievableSeconds! <= s.stack.posture.rto.targetSeconds!, s.stack.stack);
        }
    });

    it("rejects active-active without health checks: failover would wait for a person", async () => {
        // A night mode needs the health checks (its gate is one): without them the cell runs no night mode.
        const s = await lab.plan("tokyo", (c) => {
            c["dr:routing"].healthCheck = false;
            delete c["dr:nightMode"];
        });
        assert.equal(s.code, 1);
        const messages = of(s, "dr-rto-target")
            .map((v) => v.message)
            .join("\n");
        assert.match(messages, /recovers from a loss of its home region in 37m, over its target 15m/);
        assert.match(messages, /a person reacts: no health-checked record serves the home region \(30m\)/);
        assert.match(
            messages,
            /is active-active, which promises failover faster than a person can react, but traffic would move only by hand/,
        );
    });

    it("rejects a global database no Region switch plan fails over, naming the manual step that breaks the target", async () => {
        // tokyo as a program without a plan would be: every resource but the plan, its trigger's alarm untouched.
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            resources.filter((r) => r.type !== T.regionSwitchPlan),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-rto-target");
        assert.match(v.message, /recovers from a loss of its home region in 36m30s, over its target 15m/);
        assert.match(
            v.message,
            /A person must act at the steps "a person reacts: no Region switch plan fails the database over, so a person must \(aws rds failover-global-cluster --allow-data-loss\) \(30m\)", "a person fails projects over to ap-northeast-3/,
        );
        assert.match(
            v.message,
            /Fix: an ARC Region switch plan \(aws.arcregionswitch.Plan\) whose workflow fails the global database over/,
        );
    });

    it("rejects a plan whose trigger waits on an alarm in the home region: it cannot fire once that region is gone", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            varied(resources, T.metricAlarm, "tokyo-home-lost-home-lost", (p) => (p.region = "ap-northeast-1")),
        );
        assert.match(
            of(s, "dr-rto-target")[0].message,
            /no trigger that outlives the home region starts the Region switch plan, so a person must start it/,
        );
    });

    it("rejects an active-active Osaka service that reaches a read-only secondary: its writes fail, disaster or not", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            varied(resources, T.rdsCluster, "projects-ap-northeast-3", (p) => (p.enableGlobalWriteForwarding = false)),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-rto-target");
        assert.match(v.urn, /::projects-ap-northeast-3$/);
        assert.match(
            v.message,
            /aws:ecs\/service:Service "tokyo-ap-northeast-3" in ap-northeast-3 serves writes as an active-active peer and reaches aws:rds\/cluster:Cluster "projects-ap-northeast-3", a read-only secondary/,
        );
        assert.match(v.message, /Fix: set enableGlobalWriteForwarding: true on the secondary cluster/);
    });

    it("rejects warm standby without health checks even where the RTO target would allow a person", async () => {
        const s = await lab.plan("us", (c) => (c["dr:routing"].healthCheck = false));
        assert.equal(s.code, 1);
        assert.match(of(s, "dr-rto-target")[0].message, /is warm-standby, which promises failover faster than a person can react/);
    });

    it("rejects a target no tier evidence can meet", async () => {
        const s = await lab.plan("tokyo", (c) => (c["dr:rto"] = "30s"));
        assert.equal(s.code, 1);
        assert.match(of(s, "dr-rto-target")[0].message, /over its target 30s \(dr:rto\): Route 53 health checks see the home region fail/);
    });

    it("says a recovery with no bound has none, instead of a time: eu, judged for a loss of its account, with its copy in its own account", async () => {
        // eu with its backup copy taken away: nothing to restore the rebuilt cell from.
        const s = await lab.plan(
            "eu",
            (c) => (c["dr:backup"].copyVaultArn = "arn:aws:backup:eu-west-1:123456789012:backup-vault:not-offsite"),
        );
        const [v] = of(s, "dr-rto-target");
        assert.match(
            v.message,
            /^\[account\] .*has no bounded recovery from a loss or compromise of its account against its target 1d \(dr:rto\)/m,
        );
        assert.match(v.message, /uploads, users, sessions, projects have no copy in another account \(no bound\)/);
        assert.doesNotMatch(v.message, /in none|\(none\)/);
    });
});

describe("the recovery model's RTO per tier lands in the AWS whitepaper's band", () => {
    for (const tier of ["active-active", "warm-standby", "pilot-light", "backup-restore"] as const) {
        it(`us as ${tier}: ${WHITEPAPER_RTO_BANDS[tier].words}`, async () => {
            const s = await lab.plan("us", (c) => {
                c["dr:tier"] = tier;
                c["dr:rto"] = "24h";
                c["dr:rpo"] = "4h";
                // A global database's writer moves in minutes, whatever the tier: the band is the tier's own, for data every region writes.
                if (tier === "active-active") {
                    c["dr:databases"] = [];
                }
            });
            const achievable = s.stack.posture.rto.achievableSeconds!;
            const band = WHITEPAPER_RTO_BANDS[tier];
            assert.ok(achievable >= band.min && achievable <= band.max, `${tier}: ${achievable}s outside ${band.min}-${band.max}s`);
            assert.equal(s.stack.posture.tier, tier);
        });
    }

    it("us as active-active with its global database: the writer's failover, which a trigger starts, is counted on top", async () => {
        const s = await lab.plan("us", (c) => {
            c["dr:tier"] = "active-active";
            c["dr:rto"] = "24h";
        });
        const steps = s.stack.posture.rto.steps;
        assert.deepEqual(
            steps.slice(-2).map((step) => [step.step, step.manual]),
            [
                ["plan-triggered", false],
                ["database-failover", false],
            ],
        );
        assert.ok(s.stack.posture.rto.achievableSeconds! > WHITEPAPER_RTO_BANDS["active-active"].max);
    });
});
