import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { StackView, runStack } from "./stack";

const SCHEDULE = "aws:scheduler/schedule:Schedule";
const GROUP = "aws:scheduler/scheduleGroup:ScheduleGroup";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const SCALING = "aws:appautoscaling/target:Target";
const SERVICE = "aws:ecs/service:Service";
const TOPIC = "aws:sns/topic:Topic";
const NIGHT = "dr:cell:NightMode";

/** Each schedule of the night mode by its name's suffix: its expression, the API its target calls, and the call's input. */
function schedules(view: StackView, cell: string): Record<string, { expression: string; api: string; input: Record<string, any> }> {
    return Object.fromEntries(
        view.ofType(SCHEDULE).map((s) => [
            s.name.slice(`${cell}-night-`.length),
            {
                expression: s.inputs.scheduleExpression,
                api: s.inputs.target.arn.split(":::aws-sdk:")[1],
                input: JSON.parse(s.inputs.target.input),
            },
        ]),
    );
}

function referenced(view: StackView, resource: CapturedResource, key: string, type: string): CapturedResource[] {
    return (resource.propertyDependencies[key] ?? []).map((urn) => view.byUrn(urn)).filter((r): r is CapturedResource => r?.type === type);
}

describe("tokyo's night mode: EventBridge Scheduler switches Osaka between active-active and warm standby", async () => {
    const tokyo = await runStack("tokyo");
    const osakaTarget = tokyo.ofType(SCALING).find((t) => t.inputs.region === "ap-northeast-3")!;
    const gate = tokyo.one(HEALTH_CHECK, "tokyo-routing-ap-northeast-3-gate");

    it("switches at 22:00 and 08:00 Tokyo time, capacity five minutes before traffic in the morning, each within its minute", () => {
        for (const s of tokyo.ofType(SCHEDULE)) {
            assert.equal(
                s.inputs.region,
                "ap-northeast-3",
                `${s.name}: the schedules live in the region they scale, outside the home region`,
            );
            assert.equal(s.inputs.scheduleExpressionTimezone, "Asia/Tokyo");
            assert.deepEqual(s.inputs.flexibleTimeWindow, { mode: "OFF" }, `${s.name}: no flexible window, so it fires within its minute`);
            assert.equal(s.inputs.target.retryPolicy.maximumEventAgeInSeconds, 300);
            assert.equal(referenced(tokyo, s, "groupName", GROUP).length, 1);
        }
        const found = schedules(tokyo, "tokyo");
        assert.deepEqual(Object.fromEntries(Object.entries(found).map(([k, v]) => [k, [v.expression, v.api]])), {
            "night-capacity": ["cron(0 22 * * ? *)", "applicationautoscaling:registerScalableTarget"],
            "day-capacity": ["cron(55 7 * * ? *)", "applicationautoscaling:registerScalableTarget"],
            "night-routing": ["cron(0 22 * * ? *)", "route53:updateHealthCheck"],
            "day-routing": ["cron(0 8 * * ? *)", "route53:updateHealthCheck"],
        });
    });

    it("drops Osaka's minimum to one task at night and back to four by day, on Osaka's own scalable target", () => {
        const found = schedules(tokyo, "tokyo");
        for (const [name, min] of [
            ["night-capacity", 1],
            ["day-capacity", 4],
        ] as const) {
            assert.deepEqual(found[name].input, {
                ServiceNamespace: "ecs",
                ScalableDimension: "ecs:service:DesiredCount",
                ResourceId: osakaTarget.inputs.resourceId,
                MinCapacity: min,
                MaxCapacity: 4,
            });
        }
    });

    it("closes Osaka's gate at night (both children healthy needed) and opens it by day", () => {
        const found = schedules(tokyo, "tokyo");
        assert.deepEqual([found["night-routing"].input.HealthThreshold, found["day-routing"].input.HealthThreshold], [2, 1]);
        for (const name of ["tokyo-night-night-routing", "tokyo-night-day-routing"]) {
            assert.deepEqual(referenced(tokyo, tokyo.one(SCHEDULE, name), "target", HEALTH_CHECK), [gate]);
        }
    });

    it("switches with a role that Scheduler alone assumes, allowed those calls on those resources and nothing else", () => {
        const [role] = tokyo.ofType(SCHEDULE).flatMap((s) => referenced(tokyo, s, "target", ROLE));
        const trust = JSON.parse(role.inputs.assumeRolePolicy).Statement[0];
        assert.equal(trust.Principal.Service, "scheduler.amazonaws.com");
        assert.ok(trust.Condition.StringEquals["aws:SourceAccount"], "no confused deputy");
        const policy = tokyo.ofType(ROLE_POLICY).find((p) => (p.propertyDependencies.role ?? []).includes(role.urn))!;
        const statements = JSON.parse(policy.inputs.policy).Statement;
        assert.deepEqual(
            statements.map((s: any) => [s.Sid, [s.Action].flat().sort()]),
            [
                ["Capacity", ["application-autoscaling:DescribeScalableTargets", "application-autoscaling:RegisterScalableTarget"]],
                ["Service", ["ecs:DescribeServices", "ecs:UpdateService"]],
                ["Routing", ["route53:UpdateHealthCheck"]],
            ],
        );
        assert.ok(statements.every((s: any) => s.Resource !== "*" && !String(s.Resource).endsWith(":*")));
        assert.deepEqual(
            referenced(tokyo, policy, "policy", SERVICE).map((s) => s.inputs.region),
            ["ap-northeast-3"],
        );
    });

    it("pages on-call in Osaka when a switch gives up after its retries", () => {
        const alarm = tokyo.one(ALARM, "tokyo-night-switch-failed");
        assert.deepEqual(
            [alarm.inputs.region, alarm.inputs.namespace, alarm.inputs.metricName, alarm.inputs.threshold],
            ["ap-northeast-3", "AWS/Scheduler", "InvocationDroppedCount", 0],
        );
        assert.deepEqual(
            referenced(tokyo, alarm, "alarmActions", TOPIC).map((t) => t.inputs.region),
            ["ap-northeast-3"],
        );
    });

    it("registers the night for the pack: window, tier, night size and RTO target; and the commands back to day now", () => {
        assert.deepEqual(tokyo.one(NIGHT, "tokyo-night").outputs, {
            cell: "tokyo",
            region: "ap-northeast-3",
            from: "22:00",
            to: "08:00",
            timeZone: "Asia/Tokyo",
            tier: "warm-standby",
            desiredCount: 1,
            minCount: 1,
            maxCount: 4,
            rto: "20m",
        });
        const stack = tokyo.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
        const [capacity, routing] = stack.outputs!.nightMode.backToDayNow;
        assert.match(
            capacity,
            /^aws application-autoscaling register-scalable-target --region ap-northeast-3 .* --min-capacity 4 --max-capacity 4$/,
        );
        assert.ok(capacity.includes(osakaTarget.inputs.resourceId));
        assert.match(routing, /^aws route53 update-health-check --health-check-id \S+ --health-threshold 1$/);
    });
});

describe("night mode of a warm standby (us at pilot light by night)", async () => {
    const us = await runStack("us", {
        edit: (c) => (c["dr:nightMode"] = { from: "23:00", to: "06:30", timeZone: "America/New_York", tier: "pilot-light" }),
    });

    it("only moves the standby's minimum: its records already send it no traffic while us-east-1 is healthy", () => {
        const found = schedules(us, "us");
        assert.deepEqual(Object.keys(found).sort(), ["day-capacity", "night-capacity"]);
        assert.equal(found["night-capacity"].expression, "cron(0 23 * * ? *)");
        assert.equal(found["day-capacity"].expression, "cron(25 6 * * ? *)");
        // By night a pilot light (none running, three at most); by day a warm standby again (one running, three at most).
        assert.deepEqual(
            [found["night-capacity"].input, found["day-capacity"].input].map((i) => [i.MinCapacity, i.MaxCapacity]),
            [
                [0, 3],
                [1, 3],
            ],
        );
        assert.equal(us.ofType(HEALTH_CHECK).filter((c) => c.inputs.type === "CALCULATED").length, 0);
    });

    it("is absent from the shipped us and eu stacks", async () => {
        for (const stack of ["us", "eu"]) {
            const view = await runStack(stack);
            assert.deepEqual([view.ofType(SCHEDULE).length, view.ofType(NIGHT).length], [0, 0], stack);
        }
    });
});
