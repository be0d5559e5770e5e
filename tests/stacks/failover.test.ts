import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { StackView, runStack } from "./stack";

const PLAN = "aws:arcregionswitch/plan:Plan";
const CLUSTER = "aws:rds/cluster:Cluster";
const FUNCTION = "aws:lambda/function:Function";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/** The plan's workflows as [action, target region, block types in order]. */
function workflows(plan: CapturedResource): [string, string | undefined, string[]][] {
    return plan.inputs.workflows.map((w: any) => [
        w.workflowTargetAction,
        w.workflowTargetRegion,
        w.steps.map((s: any) => s.executionBlockType),
    ]);
}

/** The statements of the inline policy of the role the plan runs as. */
function executionStatements(view: StackView, plan: CapturedResource): any[] {
    const role = view.byUrn(plan.propertyDependencies.executionRole[0])!;
    assert.equal(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal.Service, "arc-region-switch.amazonaws.com");
    const policy = view.ofType(ROLE_POLICY).find((p) => (p.propertyDependencies.role ?? []).includes(role.urn))!;
    return JSON.parse(policy.inputs.policy).Statement;
}

function triggerAlarm(view: StackView, plan: CapturedResource): CapturedResource {
    return view.byUrn(plan.propertyDependencies.associatedAlarms[0])!;
}

describe("the failover plan executes what the model credits", async () => {
    const [tokyo, us, eu] = await Promise.all(["tokyo", "us", "eu"].map((s) => runStack(s)));

    it("tokyo (active-active): deactivating a lost region fails the global database over, started by a trigger in us-east-1", () => {
        const plan = tokyo.one(PLAN, "tokyo-failover");
        assert.equal(plan.inputs.recoveryApproach, "activeActive");
        assert.deepEqual(plan.inputs.regions, ["ap-northeast-1", "ap-northeast-3"]);
        assert.equal(plan.inputs.recoveryTimeObjectiveMinutes, 15);
        // No person in a 15-minute RTO: no approval, and the Aurora block fails over in any execution mode. Osaka runs
        // one task at night (night mode): the plan scales it to Tokyo's capacity, after the database its writes need.
        assert.deepEqual(workflows(plan), [["deactivate", undefined, ["AuroraGlobalDatabase", "ECSServiceScaling"]]]);
        const aurora = plan.inputs.workflows[0].steps[0].globalAuroraConfigs[0];
        assert.equal(aurora.behavior, "failover");
        assert.equal(aurora.databaseClusterArns.length, 2);
        assert.deepEqual(
            plan.inputs.triggers.map((t: any) => [t.action, t.targetRegion, t.conditions[0].condition]),
            [["deactivate", "ap-northeast-1", "red"]],
        );
        const alarm = triggerAlarm(tokyo, plan);
        assert.equal(alarm.inputs.region, "us-east-1", "Route 53 publishes health-check metrics in us-east-1, outside Tokyo");
        assert.equal(alarm.inputs.metricName, "HealthCheckStatus");
        assert.equal(alarm.inputs.treatMissingData, "notBreaching", "missing data never starts a failover that may lose data");
    });

    it("us (warm standby): activating us-west-2 scales its service, then fails the database over; a probe there triggers it", () => {
        const plan = us.one(PLAN, "us-failover");
        assert.equal(plan.inputs.recoveryApproach, "activePassive");
        assert.equal(plan.inputs.primaryRegion, "us-east-1");
        assert.deepEqual(workflows(plan), [["activate", undefined, ["ECSServiceScaling", "AuroraGlobalDatabase"]]]);
        const ecs = plan.inputs.workflows[0].steps[0].ecsCapacityIncreaseConfigs[0];
        assert.equal(ecs.services.length, 2, "ARC's ECS block takes the service of each region");
        assert.equal(ecs.targetPercent, 100);
        // us-east-1's loss takes Route 53's metrics with it: the detector is a probe in the DR region.
        const alarm = triggerAlarm(us, plan);
        assert.equal(alarm.inputs.region, "us-west-2");
        assert.equal(alarm.inputs.namespace, "DR/HomeRegion");
        const probe = us.one(FUNCTION, "us-home-lost-probe");
        assert.equal(probe.inputs.region, "us-west-2");
    });

    it("the plans' roles may do what their blocks do, on their own resources, and nothing else", async () => {
        const tokyoActions = executionStatements(tokyo, tokyo.one(PLAN, "tokyo-failover")).flatMap((s) => [s.Action].flat());
        assert.ok(tokyoActions.includes("rds:FailoverGlobalCluster"));
        assert.ok(tokyoActions.includes("ecs:UpdateService"), "tokyo's plan scales Osaka back from its night size");
        const allDay = await runStack("tokyo", { edit: (c) => delete c["dr:nightMode"] });
        const allDayActions = executionStatements(allDay, allDay.one(PLAN, "tokyo-failover")).flatMap((s) => [s.Action].flat());
        assert.ok(
            !allDayActions.some((a: string) => a.startsWith("ecs:")),
            "without a night mode Osaka runs full: the plan scales nothing",
        );
        const usStatements = executionStatements(us, us.one(PLAN, "us-failover"));
        const failover = usStatements.find((s) => [s.Action].flat().includes("rds:FailoverGlobalCluster"));
        assert.ok(failover && failover.Resource.length === 3, "the global cluster and its two member clusters");
        assert.ok(usStatements.some((s) => s.Sid === "Services" && s.Resource.length === 2));
        assert.ok(!usStatements.some((s) => [s.Action].flat().some((a: string) => a.endsWith(":*") || a === "*")));
    });

    it("a pilot-light cell's person approves the failover; its headless secondary is left to a person", async () => {
        const pilot = await runStack("us", { edit: (c) => (c["dr:tier"] = "pilot-light") });
        const plan = pilot.one(PLAN, "us-failover");
        assert.deepEqual(workflows(plan), [["activate", undefined, ["ManualApproval", "ECSServiceScaling"]]]);
        const approval = pilot.one(ROLE, "us-failover-approval");
        assert.ok(plan.propertyDependencies.workflows.includes(approval.urn), "the approval step names the role on-call assumes");
    });

    it("eu (one region) has no plan", () => {
        assert.equal(eu.ofType(PLAN).length, 0);
    });
});

describe("active-active writes in both regions", async () => {
    const [tokyo, us] = await Promise.all(["tokyo", "us"].map((s) => runStack(s)));

    it("Osaka's secondary forwards writes to the primary; a warm standby's does not need to", () => {
        assert.equal(tokyo.one(CLUSTER, "projects-ap-northeast-3").inputs.enableGlobalWriteForwarding, true);
        assert.equal(us.one(CLUSTER, "projects-us-west-2").inputs.enableGlobalWriteForwarding, false);
    });

    it("Aurora MySQL gets the consistency setting without which it forwards nothing", async () => {
        const mysql = await runStack("tokyo", { edit: (c) => (c["dr:databases"][0].engine = "aurora-mysql") });
        const secondary = mysql.one(CLUSTER, "projects-ap-northeast-3");
        const group = mysql.byUrn(secondary.propertyDependencies.dbClusterParameterGroupName[0])!;
        assert.deepEqual(group.inputs.parameters, [{ name: "aurora_replica_read_consistency", value: "SESSION" }]);
        assert.equal(group.inputs.region, "ap-northeast-3");
    });
});
