import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ModelResource, UNKNOWN, cellRecovery } from "../../policies/catalog/model";
import { T, euTable, model, plan, resource, selection, vault } from "./build";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const HC = "aws:route53/healthCheck:HealthCheck";
const RECORD = "aws:route53/record:Record";
const SERVICE = "aws:ecs/service:Service";
const TARGET = "aws:appautoscaling/target:Target";
const POLICY = "aws:appautoscaling/policy:Policy";

const cellOf = (region: string, role: string, tier = "warm-standby") =>
    resource(T.cell, `c-${region}`, { region, role, tier, rto: "1h", rpo: "15m" });
const service = (region: string, count: number) => resource(SERVICE, `svc-${region}`, { region, desiredCount: count });

interface Cell {
    check?: Record<string, unknown>;
    probes?: "home" | "dr";
    drTasks?: number;
    scaling?: { min: number; max: number; policy: boolean };
    data?: "replica" | "backup-copy" | "none";
}

/** A us-east-1 → us-west-2 cell with one users table, built from the evidence each case changes. */
function recovery(c: Cell = {}) {
    const home = resource(LB, "lb-home", { region: "us-east-1" });
    const dr = resource(LB, "lb-dr", { region: "us-west-2" });
    const hc = resource(
        HC,
        "hc",
        { type: "HTTPS", fqdn: UNKNOWN, requestInterval: 10, failureThreshold: 3, ...c.check },
        { fqdn: [c.probes === "dr" ? dr : home] },
    );
    const primary = resource(
        RECORD,
        "primary",
        { failoverRoutingPolicies: [{ type: "PRIMARY" }], healthCheckId: UNKNOWN, aliases: [{ name: UNKNOWN }] },
        { aliases: [home], healthCheckId: [hc] },
    );
    const secondary = resource(
        RECORD,
        "secondary",
        { failoverRoutingPolicies: [{ type: "SECONDARY" }], aliases: [{ name: UNKNOWN }] },
        { aliases: [dr] },
    );
    const resources: ModelResource[] = [
        cellOf("us-east-1", "primary"),
        cellOf("us-west-2", "standby"),
        home,
        dr,
        hc,
        primary,
        secondary,
        service("us-east-1", 3),
    ];
    if (c.drTasks !== undefined) {
        const standby = service("us-west-2", c.drTasks);
        resources.push(standby);
        if (c.scaling) {
            const target = resource(
                TARGET,
                "t",
                { region: "us-west-2", minCapacity: c.scaling.min, maxCapacity: c.scaling.max },
                { resourceId: [standby] },
            );
            resources.push(target);
            if (c.scaling.policy) {
                resources.push(resource(POLICY, "p", { region: "us-west-2" }, { resourceId: [target] }));
            }
        }
    }
    const users = euTable("users", { region: "us-east-1", replicas: c.data === "replica" ? [{ regionName: "us-west-2" }] : [] });
    resources.push(users);
    if (c.data === "backup-copy") {
        const [homeVault, drVault] = [vault("home", "us-east-1"), vault("dr", "us-west-2")];
        const p = plan("plan", homeVault, [UNKNOWN], [drVault]);
        resources.push(homeVault, drVault, p, selection("all", p));
    }
    return cellRecovery(model(...resources));
}

const kinds = (r: ReturnType<typeof recovery>) => r.steps.map((s) => s.kind);

describe("RTO: detection and traffic shift", () => {
    it("health-checked failover: detection is interval × threshold, then one TTL", () => {
        const r = recovery({ drTasks: 3, data: "replica" });
        assert.equal(r.automaticFailover, true);
        assert.deepEqual(r.steps.slice(0, 2), [
            { kind: "health-check-detection", intervalSeconds: 10, threshold: 3, seconds: 30, manual: false },
            { kind: "dns-failover", seconds: 60, manual: false },
        ]);
        assert.equal(r.achievableRto, 90);
    });

    for (const [why, c] of [
        ["a disabled check", { check: { disabled: true } }],
        ["an inverted check", { check: { invertHealthcheck: true } }],
        ["a check of another endpoint", { probes: "dr" }],
    ] as const) {
        it(`${why} guards nothing: a person reacts and changes DNS by hand`, () => {
            const r = recovery({ ...c, drTasks: 3, data: "replica" });
            assert.equal(r.automaticFailover, false);
            assert.deepEqual(kinds(r).slice(0, 2), ["operator-reacts", "dns-manual-change"]);
            assert.deepEqual(r.steps[0], { kind: "operator-reacts", reason: "no-health-checked-record", seconds: 1800, manual: true });
        });
    }
});

describe("RTO: capacity in the DR region", () => {
    it("already running at full capacity costs nothing", () => {
        assert.ok(kinds(recovery({ drTasks: 3, data: "replica" })).includes("capacity-running"));
    });

    it("auto scaling from a running minimum to full capacity", () => {
        const r = recovery({ drTasks: 1, scaling: { min: 1, max: 3, policy: true }, data: "replica" });
        assert.deepEqual(
            r.steps.find((s) => s.kind === "auto-scale"),
            { kind: "auto-scale", from: 1, to: 3, seconds: 300, manual: false },
        );
    });

    it("a scaling target without a policy, or from zero, waits for a person to start tasks", () => {
        for (const scaling of [
            { min: 1, max: 3, policy: false },
            { min: 0, max: 3, policy: true },
        ]) {
            const r = recovery({ drTasks: scaling.min, scaling, data: "replica" });
            assert.deepEqual(
                r.steps.slice(2, 4),
                [
                    { kind: "operator-reacts", reason: "manual-scale", seconds: 1800, manual: true },
                    { kind: "start-tasks", count: 3, seconds: 180, manual: true },
                ],
                JSON.stringify(scaling),
            );
        }
    });

    it("no service in the DR region: a person deploys one", () => {
        const r = recovery({ data: "replica" });
        assert.deepEqual(kinds(r).slice(2), ["operator-reacts", "deploy-dr-service", "data-live"]);
    });
});

describe("RTO: data in the DR region", () => {
    it("a replica there: already live", () => {
        assert.equal(recovery({ drTasks: 3, data: "replica" }).steps.at(-1)?.kind, "data-live");
    });

    it("only a backup copy there: a person restores it", () => {
        const r = recovery({ drTasks: 3, data: "backup-copy" });
        assert.deepEqual(r.steps.at(-1), { kind: "restore-in-dr", stores: ["users"], region: "us-west-2", seconds: 7200, manual: true });
        assert.ok(r.steps.some((s) => s.kind === "operator-reacts" && s.reason === "restore-needed"));
    });

    it("no copy there at all: no bound", () => {
        const r = recovery({ drTasks: 3, data: "none" });
        assert.deepEqual(r.steps.at(-1), {
            kind: "no-copy-in-dr",
            stores: ["users"],
            region: "us-west-2",
            seconds: Infinity,
            manual: true,
        });
        assert.equal(r.achievableRto, Infinity);
    });
});

describe("RTO: a cell with no DR region is rebuilt", () => {
    it("redeployed in another region and restored from its backups there", () => {
        const homeVault = vault("home");
        const p = plan("plan", homeVault, ["arn:aws:backup:eu-central-1:210987654321:backup-vault:offsite"]);
        const r = cellRecovery(model(euTable(), homeVault, p, selection("all", p)));
        assert.deepEqual(kinds(r), ["operator-reacts", "redeploy-cell", "restore-offsite-backups", "repoint-dns"]);
        assert.equal(r.achievableRto, 1800 + 3600 + 7200 + 120);
    });

    it("with a store whose only off-site copy is another account's vault in its own region, not at all: that survives an account's loss, not the region's", () => {
        const homeVault = vault("home");
        const p = plan("plan", homeVault, ["arn:aws:backup:eu-west-1:210987654321:backup-vault:offsite"]);
        const r = cellRecovery(model(euTable(), homeVault, p, selection("all", p)));
        assert.ok(kinds(r).includes("no-offsite-backup"));
        assert.equal(r.achievableRto, Infinity);
    });

    it("with a store that has no off-site backup, not at all", () => {
        const r = cellRecovery(model(euTable()));
        assert.ok(kinds(r).includes("no-offsite-backup"));
        assert.equal(r.achievableRto, Infinity);
    });
});
