import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { DR_TAGS, GAME_DAY_TAG } from "../../policies/catalog";
import { StackView, runStack } from "./stack";

const TEMPLATE = "aws:fis/experimentTemplate:ExperimentTemplate";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const SUBNET = "aws:ec2/subnet:Subnet";

/** A stack's game-day templates by name (`zone-power-a`, …), from their tags and resource names. */
function templates(view: StackView, stack: string): Record<string, CapturedResource> {
    return Object.fromEntries(view.ofType(TEMPLATE).map((t) => [t.name.replace(`${stack}-game-days-`, ""), t]));
}

/** A template in the shape the README's table shows: each action's id, its parameters, and what it targets. */
function actions(t: CapturedResource): [string, Record<string, string>, string][] {
    return t.inputs.actions.map((a: any) => [
        a.actionId,
        Object.fromEntries((a.parameters ?? []).map((p: any) => [p.key, p.value])),
        `${a.target.key}=${a.target.value}`,
    ]);
}

function target(t: CapturedResource, name: string): any {
    const found = t.inputs.targets.find((x: any) => x.name === name);
    assert.ok(found, `${t.name} has no target ${name}`);
    return found;
}

/** The statements of the template's role's inline policy. */
function statements(view: StackView, t: CapturedResource): any[] {
    const role = t.propertyDependencies.roleArn[0];
    const policy = view.ofType(ROLE_POLICY).find((p) => (p.propertyDependencies.role ?? []).includes(role))!;
    return JSON.parse(policy.inputs.policy).Statement;
}

const actionsOf = (s: any[]) => s.flatMap((x) => [x.Action].flat()).sort();

describe("game days: AWS FIS experiment templates per cell", async () => {
    const [tokyo, us, eu] = await Promise.all(["tokyo", "us", "eu"].map((s) => runStack(s)));

    it("each cell has the scenarios AWS can inject into its home region; a region cut only where there is a DR region", () => {
        assert.deepEqual(Object.keys(templates(tokyo, "tokyo")).sort(), [
            "database-failover",
            "region-cut",
            "task-loss",
            "zone-power-a",
            "zone-power-b",
        ]);
        assert.deepEqual(Object.keys(templates(eu, "eu")).sort(), ["database-failover", "task-loss", "zone-power-a", "zone-power-b"]);
        for (const [view, region] of [
            [tokyo, "ap-northeast-1"],
            [us, "us-east-1"],
            [eu, "eu-west-1"],
        ] as const) {
            for (const t of view.ofType(TEMPLATE)) {
                assert.equal(t.inputs.region, region, `${t.name} runs in the home region`);
                assert.equal(t.inputs.tags[GAME_DAY_TAG], t.name.split("-game-days-")[1].replace(/-[ab]$/, ""));
            }
        }
    });

    it("the region cut isolates the home region's subnets from the DR region for twice the region's RTO target", () => {
        const t = templates(tokyo, "tokyo")["region-cut"];
        assert.deepEqual(actions(t), [
            [
                "aws:network:route-table-disrupt-cross-region-connectivity",
                { region: "ap-northeast-3", duration: "PT30M" },
                "Subnets=cell-subnets",
            ],
        ]);
        assert.deepEqual(target(t, "cell-subnets").resourceTags, [
            { key: DR_TAGS.cell, value: "tokyo" },
            { key: "DisruptSubnet", value: "Allowed" },
        ]);
        // us: a 1h target, a 2h cut.
        assert.deepEqual(actions(templates(us, "us")["region-cut"])[0][1], { region: "us-west-2", duration: "PT2H" });
    });

    it("a zone's power interruption darkens that zone's subnets and fails over only a writer there", () => {
        const zones = ["a", "b"].map((z) => templates(eu, "eu")[`zone-power-${z}`]);
        zones.forEach((t, i) => {
            const zone = `eu-west-1${"ab"[i]}`;
            assert.deepEqual(actions(t), [
                ["aws:network:disrupt-connectivity", { scope: "all", duration: "PT20M" }, "Subnets=zone-subnets"],
                ["aws:rds:failover-db-cluster", {}, "Clusters=writer-clusters"],
            ]);
            assert.deepEqual(target(t, "zone-subnets").parameters, { availabilityZoneIdentifier: zone });
            assert.deepEqual(target(t, "writer-clusters").parameters, { writerAvailabilityZoneIdentifiers: zone });
            assert.deepEqual(target(t, "writer-clusters").filters, [{ path: "DBClusterIdentifier", values: ["eu-projects-eu-west-1"] }]);
            assert.equal(
                t.inputs.experimentOptions.emptyTargetResolutionMode,
                "skip",
                "a writer in the other zone is skipped, not an error",
            );
        });
        // The targeting tags are on the cell's subnets, in every zone and region of the cell.
        const subnets = tokyo.ofType(SUBNET);
        assert.equal(subnets.length, 8);
        for (const s of subnets) {
            assert.equal(s.inputs.tags.AzImpairmentPower, "DisruptSubnet");
            assert.equal(s.inputs.tags.DisruptSubnet, "Allowed");
            assert.equal(s.inputs.tags[DR_TAGS.cell], "tokyo");
        }
    });

    it("task loss stops half the home service's tasks; a database failover moves every writer", () => {
        const t = templates(us, "us")["task-loss"];
        assert.deepEqual(actions(t), [["aws:ecs:stop-task", {}, "Tasks=service-tasks"]]);
        const tasks = target(t, "service-tasks");
        assert.equal(tasks.selectionMode, "PERCENT(50)");
        assert.deepEqual(Object.keys(tasks.parameters).sort(), ["cluster", "service"]);
        assert.deepEqual(tasks.resourceTags, [{ key: DR_TAGS.cell, value: "us" }]);
        const db = templates(us, "us")["database-failover"];
        assert.deepEqual(actions(db), [["aws:rds:failover-db-cluster", {}, "Clusters=writer-clusters"]]);
        assert.equal(target(db, "writer-clusters").parameters, undefined, "every writer, wherever it is");
        assert.equal(db.inputs.experimentOptions.emptyTargetResolutionMode, "fail");
    });

    it("an RDS database fails over by a forced reboot of its Multi-AZ instance", async () => {
        const view = await runStack("eu", { edit: (c) => (c["dr:databases"][0].engine = "postgres") });
        const t = templates(view, "eu")["database-failover"];
        assert.deepEqual(actions(t), [["aws:rds:reboot-db-instances", { forceFailover: "true" }, "DBInstances=multi-az-instances"]]);
        assert.deepEqual(actionsOf(statements(view, t)), [
            "rds:DescribeDBClusters",
            "rds:DescribeDBInstances",
            "rds:RebootDBInstance",
            "tag:GetResources",
        ]);
    });

    it("every game day stops on the home load balancer's errors lasting the zone scope's RTO target", () => {
        for (const [view, stack] of [
            [tokyo, "tokyo"],
            [eu, "eu"],
        ] as const) {
            const guardrail = view.one(ALARM, `${stack}-game-days-guardrail`);
            assert.equal(guardrail.inputs.metricName, "HTTPCode_ELB_5XX_Count");
            assert.equal(guardrail.inputs.evaluationPeriods, 10, "dr:targets.az.rto is 10m: ten one-minute periods");
            assert.ok(guardrail.inputs.alarmActions.length > 0, "the guardrail pages on-call");
            for (const t of view.ofType(TEMPLATE)) {
                assert.deepEqual(
                    t.inputs.stopConditions.map((s: any) => s.source),
                    ["aws:cloudwatch:alarm"],
                );
                assert.deepEqual(t.propertyDependencies.stopConditions, [guardrail.urn]);
            }
        }
    });

    it("each template's role may do what its actions do (AWS FIS's documented permissions), in the home region only", () => {
        const t = templates(tokyo, "tokyo");
        assert.deepEqual(actionsOf(statements(tokyo, t["task-loss"])), [
            "ecs:DescribeTasks",
            "ecs:ListTasks",
            "ecs:StopTask",
            "tag:GetResources",
        ]);
        const stop = statements(tokyo, t["task-loss"]).find((s) => s.Sid === "StopTasks");
        assert.ok(stop.Condition.ArnEquals["ecs:cluster"], "only tasks of the home cluster");
        const zone = statements(tokyo, t["zone-power-a"]);
        assert.ok(actionsOf(zone).includes("ec2:ReplaceNetworkAclAssociation"));
        assert.ok(actionsOf(zone).includes("rds:FailoverDBCluster"));
        const changeAcls = zone.find((s) => s.Sid === "ChangeFisNetworkAcls");
        assert.deepEqual(changeAcls.Condition, { StringEquals: { "ec2:ResourceTag/managedByFIS": "true" } }, "only the ACLs FIS made");
        const cut = statements(tokyo, t["region-cut"]);
        assert.ok(actionsOf(cut).includes("ec2:AssociateRouteTable"));
        assert.deepEqual(
            cut.find((s) => s.Sid === "DeleteRouteTable").Condition,
            { StringEquals: { "ec2:ResourceTag/managedByFIS": "true" } },
            "only the route tables FIS made",
        );
        for (const template of Object.values(t)) {
            for (const s of statements(tokyo, template)) {
                for (const action of [s.Action].flat()) {
                    assert.ok(!action.endsWith("*"), `${template.name}: ${action} is not a wildcard`);
                }
                for (const resource of [s.Resource].flat()) {
                    assert.ok(
                        resource === "*" || resource.includes(":ap-northeast-1:"),
                        `${template.name}: ${resource} is in the home region`,
                    );
                }
            }
        }
    });
});
