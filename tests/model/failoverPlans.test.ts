import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ModelResource, UNKNOWN, cellRecovery, readOnlyPeers } from "../../policies/catalog/model";
import { T, euTable, model, resource } from "./build";

const HOME = "ap-northeast-1";
const DR = "ap-northeast-3";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

interface Plan {
    /** The Aurora block: its behavior and ungraceful setting; absent: no Aurora block. */
    aurora?: { behavior: string; ungraceful?: string };
    approval?: boolean;
    /** Where the trigger's alarm lives; absent: no trigger. */
    triggerRegion?: string;
    /** Put the Aurora block in a Parallel block. */
    parallel?: boolean;
    regions?: string[];
}

interface Cell {
    tier?: string;
    plan?: Plan;
    /** DB instances the DR secondary runs. */
    readers?: number;
    writeForwarding?: boolean;
}

/** An active-active (or `tier`) Tokyo cell serving from both regions, with an Aurora global database and, optionally, a Region switch plan. */
function cell(c: Cell = {}): ModelResource[] {
    const tier = c.tier ?? "active-active";
    const lb = (region: string) => resource(LB, `lb-${region}`, { region });
    const [homeLb, drLb] = [lb(HOME), lb(DR)];
    const check = resource(T.healthCheck, "hc", { fqdn: UNKNOWN, requestInterval: 10, failureThreshold: 3 }, { fqdn: [homeLb] });
    const record = (region: string, target: ModelResource, health?: ModelResource) =>
        resource(
            T.record,
            `r-${region}`,
            { latencyRoutingPolicies: [{ region }], aliases: [{ name: UNKNOWN }], healthCheckId: health ? UNKNOWN : undefined },
            { aliases: [target], ...(health ? { healthCheckId: [health] } : {}) },
        );
    const groups = { home: resource(SG, "svc-home", { region: HOME }), dr: resource(SG, "svc-dr", { region: DR }) };
    const dbGroup = resource(SG, "db-dr", { region: DR });
    const service = (region: string, group: ModelResource) =>
        resource(
            T.service,
            `svc-${region}`,
            { region, desiredCount: 4, networkConfiguration: { securityGroups: [UNKNOWN] } },
            { networkConfiguration: [group] },
        );
    const global = resource(T.globalCluster, "projects", { region: HOME, globalClusterIdentifier: "tokyo-projects" });
    const tags = { ...euTable().props.tags, "dr:residency": "jp", "dr:tier": tier, "dr:rto": "15m" };
    const primary = resource(
        T.rdsCluster,
        "projects",
        { region: HOME, globalClusterIdentifier: UNKNOWN, tags },
        { globalClusterIdentifier: [global] },
    );
    const secondary = resource(
        T.rdsCluster,
        "projects-dr",
        {
            region: DR,
            globalClusterIdentifier: UNKNOWN,
            enableGlobalWriteForwarding: c.writeForwarding ?? false,
            vpcSecurityGroupIds: [UNKNOWN],
        },
        { globalClusterIdentifier: [global], vpcSecurityGroupIds: [dbGroup] },
    );
    const readers = Array.from({ length: c.readers ?? 2 }, (_, i) =>
        resource(T.rdsClusterInstance, `reader-${i}`, { region: DR, clusterIdentifier: UNKNOWN }, { clusterIdentifier: [secondary] }),
    );
    const resources = [
        resource(T.cell, "home", { region: HOME, role: "primary", tier, rto: "15m", rpo: "5m" }),
        resource(T.cell, "dr", { region: DR, role: "standby", tier, rto: "15m", rpo: "5m" }),
        homeLb,
        drLb,
        check,
        record(HOME, homeLb, check),
        record(DR, drLb),
        groups.home,
        groups.dr,
        dbGroup,
        resource(INGRESS, "db-from-svc", { region: DR }, { securityGroupId: [dbGroup], referencedSecurityGroupId: [groups.dr] }),
        service(HOME, groups.home),
        service(DR, groups.dr),
        global,
        primary,
        secondary,
        ...readers,
    ];
    if (c.plan) {
        resources.push(...planResources(c.plan, tier, global, primary, secondary, check));
    }
    return resources;
}

function planResources(p: Plan, tier: string, ...targets: ModelResource[]): ModelResource[] {
    const check = targets.at(-1)!;
    const alarm = p.triggerRegion
        ? resource(
              T.metricAlarm,
              "home-lost",
              { region: p.triggerRegion, period: 60, evaluationPeriods: 3, dimensions: { HealthCheckId: UNKNOWN } },
              { dimensions: [check] },
          )
        : undefined;
    const aurora = p.aurora && {
        name: "db",
        executionBlockType: "AuroraGlobalDatabase",
        globalAuroraConfigs: [
            {
                behavior: p.aurora.behavior,
                globalClusterIdentifier: UNKNOWN,
                databaseClusterArns: [UNKNOWN, UNKNOWN],
                ungracefuls: p.aurora.ungraceful ? [{ ungraceful: p.aurora.ungraceful }] : [],
            },
        ],
    };
    const steps: object[] = [];
    if (p.approval) {
        steps.push({ name: "approve", executionBlockType: "ManualApproval", executionApprovalConfigs: [{ approvalRole: UNKNOWN }] });
    }
    if (aurora) {
        steps.push(p.parallel ? { name: "both", executionBlockType: "Parallel", parallelConfigs: [{ steps: [aurora] }] } : aurora);
    }
    const activeActive = tier === "active-active";
    const plan = resource(
        T.regionSwitchPlan,
        "failover",
        {
            regions: p.regions ?? [HOME, DR],
            recoveryApproach: activeActive ? "activeActive" : "activePassive",
            workflows: [{ workflowTargetAction: activeActive ? "deactivate" : "activate", steps }],
            ...(alarm
                ? {
                      associatedAlarms: [{ mapBlockKey: "lost", alarmType: "trigger", resourceIdentifier: UNKNOWN }],
                      triggers: [
                          {
                              action: activeActive ? "deactivate" : "activate",
                              targetRegion: activeActive ? HOME : DR,
                              conditions: [{ associatedAlarmName: "lost", condition: "red" }],
                              minDelayMinutesBetweenExecutions: 60,
                          },
                      ],
                  }
                : {}),
        },
        { workflows: targets.slice(0, -1), ...(alarm ? { associatedAlarms: [alarm] } : {}) },
    );
    return alarm ? [alarm, plan] : [plan];
}

const recovery = (c: Cell) => cellRecovery(model(...cell(c)));
const failover = (c: Cell) => recovery(c).steps.find((s) => s.kind === "database-failover")!;
const person = (c: Cell) => recovery(c).steps.find((s) => s.kind === "operator-reacts");

describe("RTO: who fails the global database over", () => {
    it("no Region switch plan: a person reacts and fails it over by hand, both steps manual", () => {
        const r = recovery({});
        assert.deepEqual(
            r.steps.slice(-2).map((s) => [s.kind, s.manual]),
            [
                ["operator-reacts", true],
                ["database-failover", true],
            ],
        );
        assert.equal(person({})?.kind === "operator-reacts" && person({})?.reason, "database-failover");
        assert.equal(failover({}).kind === "database-failover" && failover({}).by, "person");
        assert.equal(r.achievableRto, 30 + 60 + 1800 + 300);
    });

    it("a plan that fails it over, started by a trigger on an alarm outside the home region: no person", () => {
        const c: Cell = { plan: { aurora: { behavior: "failover" }, triggerRegion: "us-east-1" } };
        const r = recovery(c);
        assert.equal(person(c), undefined);
        // Health check 10 s × 3, the alarm's 3 one-minute periods, the plan's start.
        assert.deepEqual(
            r.steps.slice(-2).map((s) => [s.kind, s.seconds, s.manual]),
            [
                ["plan-triggered", 30 + 180 + 60, false],
                ["database-failover", 300, false],
            ],
        );
        assert.equal(r.achievableRto, 30 + 60 + 270 + 300);
    });

    it("a trigger whose alarm lives in the home region dies with it: a person starts the plan", () => {
        const c: Cell = { plan: { aurora: { behavior: "failover" }, triggerRegion: HOME } };
        assert.equal(person(c)?.kind === "operator-reacts" && person(c)?.reason, "plan-start");
        assert.deepEqual([failover(c).kind === "database-failover" && failover(c).by, failover(c).manual], ["plan", false]);
    });

    it("a manual approval first: a person approves, then the plan fails it over", () => {
        const c: Cell = { tier: "warm-standby", plan: { aurora: { behavior: "failover" }, triggerRegion: "us-east-1", approval: true } };
        assert.equal(person(c)?.kind === "operator-reacts" && person(c)?.reason, "plan-approval");
        assert.equal(failover(c).manual, false);
    });

    it("a switchover-only block cannot fail over from a lost primary, unless an ungraceful execution fails over", () => {
        const only: Cell = { plan: { aurora: { behavior: "switchoverOnly" }, triggerRegion: "us-east-1" } };
        assert.equal(failover(only).kind === "database-failover" && failover(only).by, "person");
        const ungraceful: Cell = { plan: { aurora: { behavior: "switchoverOnly", ungraceful: "failover" }, triggerRegion: "us-east-1" } };
        assert.equal(failover(ungraceful).kind === "database-failover" && failover(ungraceful).by, "plan");
    });

    it("a block inside a Parallel block counts where the Parallel block runs", () => {
        const c: Cell = { plan: { aurora: { behavior: "failover" }, triggerRegion: "us-east-1", parallel: true } };
        assert.equal(failover(c).kind === "database-failover" && failover(c).by, "plan");
    });

    it("a headless secondary cannot be failed over by the plan (ARC evaluation requires instances): a person adds one", () => {
        const c: Cell = { readers: 0, plan: { aurora: { behavior: "failover" }, triggerRegion: "us-east-1" } };
        assert.equal(failover(c).kind === "database-failover" && failover(c).by, "person");
        assert.equal(failover(c).seconds, 300 + 900);
    });

    it("a plan of other regions is not this cell's", () => {
        const c: Cell = { plan: { aurora: { behavior: "failover" }, triggerRegion: "us-east-1", regions: ["us-east-1", "us-west-2"] } };
        assert.equal(failover(c).kind === "database-failover" && failover(c).by, "person");
    });
});

describe("active-active: the DR region's service must be able to write what it reaches", () => {
    it("a read-only secondary the Osaka service reaches is a peer that cannot write", () => {
        const peers = readOnlyPeers(model(...cell({})));
        assert.deepEqual(
            peers.map((p) => [p.service.name, p.copy.name, p.store.name, p.region]),
            [["svc-ap-northeast-3", "projects-dr", "projects", DR]],
        );
    });

    it("global write forwarding on the secondary lets it write", () => {
        assert.deepEqual(readOnlyPeers(model(...cell({ writeForwarding: true }))), []);
    });

    it("a warm standby's service writes only after the failover: not a peer", () => {
        assert.deepEqual(readOnlyPeers(model(...cell({ tier: "warm-standby" }))), []);
    });
});
