import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RESIDENCY_ZONES, zonesFromConfig } from "../../policies/catalog";
import { UNKNOWN, afterFailover, judgedScope, posture, scopeRecoveries, storeRecovery, storeScopeRpo } from "../../policies/catalog/model";
import { T, euTable, model, plan, resource, selection, vault } from "./build";

const SUBNET = "aws:ec2/subnet:Subnet";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";

describe("the scope a stack's dr:rto and dr:rpo are judged for", () => {
    it("a store of zone eu, which holds eu-west-1 alone, with no DR region: a loss of its account", () => {
        assert.equal(judgedScope(model(euTable()), DEFAULT_RESIDENCY_ZONES), "account");
    });

    it("the region, once the company widens zone eu: a copy in another region is then lawful", () => {
        const zones = zonesFromConfig({ zones: { eu: ["eu-west-1", "eu-central-1"] } });
        assert.equal(judgedScope(model(euTable()), zones), "region");
    });

    it("the region for a cell with a DR region, whatever its zone", () => {
        const cells = ["eu-west-1", "eu-central-1"].map((region, i) =>
            resource(T.cell, `c${i}`, {
                region,
                role: i === 0 ? "primary" : "standby",
                tier: "warm-standby",
                rto: "1h",
                rpo: "4h",
                residency: "eu",
            }),
        );
        assert.equal(judgedScope(model(...cells, euTable()), DEFAULT_RESIDENCY_ZONES), "region");
    });
});

describe("what each scope's disaster costs a store", () => {
    it("a copy in another account in the same region survives an account's loss, not the region's; one elsewhere survives both", () => {
        const home = vault("home");
        const sameRegion = plan("p", home, ["arn:aws:backup:eu-west-1:210987654321:backup-vault:offsite"]);
        const r = storeRecovery(model(euTable(), home, sameRegion, selection("all", sameRegion)), euTable());
        assert.deepEqual([storeScopeRpo(r, "account"), storeScopeRpo(r, "region")], [4 * 3600, Infinity]);
        const abroad = plan("p", home, ["arn:aws:backup:eu-central-1:210987654321:backup-vault:offsite"]);
        const r2 = storeRecovery(model(euTable(), home, abroad, selection("all", abroad)), euTable());
        assert.deepEqual([storeScopeRpo(r2, "account"), storeScopeRpo(r2, "region")], [4 * 3600, 4 * 3600]);
    });

    it("a logically air-gapped vault of the stack survives its account's compromise", () => {
        const home = vault("home");
        const gapped = resource(T.airGappedVault, "gapped", { region: "eu-west-1", name: "gapped" });
        const p = plan("p", home, [UNKNOWN], [gapped]);
        const r = storeRecovery(model(euTable(), home, gapped, p, selection("all", p)), euTable());
        assert.equal(storeScopeRpo(r, "account"), 4 * 3600);
    });

    it("a zone's loss costs a table, a bucket, an Aurora cluster or a Multi-AZ instance nothing; a Single-AZ instance its newest copy elsewhere", () => {
        const tags = euTable().props.tags;
        const cluster = resource(T.rdsCluster, "c", { region: "eu-west-1", tags });
        const multi = resource(T.rdsInstance, "m", { region: "eu-west-1", multiAz: true, backupRetentionPeriod: 7, tags });
        const single = resource(T.rdsInstance, "s", { region: "eu-west-1", multiAz: false, backupRetentionPeriod: 7, tags });
        const bare = resource(T.rdsInstance, "b", { region: "eu-west-1", backupRetentionPeriod: 0, tags });
        const m = model(euTable(), cluster, multi, single, bare);
        const zone = (r: typeof cluster) => storeScopeRpo(storeRecovery(m, r), "az");
        assert.deepEqual([zone(euTable()), zone(cluster), zone(multi), zone(single), zone(bare)], [0, 0, 0, 300, Infinity]);
    });

    it("the posture flags each store that lives in one availability zone", () => {
        const tags = euTable().props.tags;
        const multi = resource(T.rdsInstance, "m", { region: "eu-west-1", multiAz: true, backupRetentionPeriod: 7, tags });
        const single = resource(T.rdsInstance, "s", { region: "eu-west-1", multiAz: false, backupRetentionPeriod: 7, tags });
        const flags = posture(model(euTable(), multi, single)).dataStores.map((s) => [s.name, s.singleZone]);
        assert.deepEqual(flags, [
            ["users", false],
            ["m", false],
            ["s", true],
        ]);
    });
});

describe("each scope's recovery, step by step", () => {
    const tags = euTable().props.tags;
    const subnets = [0, 1].map((i) => resource(SUBNET, `s${i}`, { region: "eu-west-1" }));
    const cell = resource(T.cell, "home", {
        region: "eu-west-1",
        role: "primary",
        tier: "backup-restore",
        rto: "1d",
        rpo: "4h",
        residency: "eu",
    });
    const group = resource(TARGET_GROUP, "tg", { region: "eu-west-1", healthCheck: { interval: 15, unhealthyThreshold: 3 } });
    const service = (spread: number) =>
        resource(
            T.service,
            "svc",
            { region: "eu-west-1", networkConfiguration: { subnets: [UNKNOWN] } },
            { networkConfiguration: subnets.slice(0, spread) },
        );
    const aurora = (instances: number) => {
        const cluster = resource(T.rdsCluster, "db", { region: "eu-west-1", tags });
        return [
            cluster,
            ...Array.from({ length: instances }, (_, i) =>
                resource(T.rdsClusterInstance, `db-${i}`, { region: "eu-west-1" }, { clusterIdentifier: [cluster] }),
            ),
        ];
    };

    it("a zone: targets out (15s × 3), tasks replaced in the other zone, Aurora's writer moved to a reader — no person", () => {
        const az = scopeRecoveries(model(cell, group, service(2), ...subnets, ...aurora(2))).az;
        assert.deepEqual(
            az.steps.map((s) => [s.kind, s.seconds, s.manual]),
            [
                ["zone-targets-out", 45, false],
                ["replace-tasks", 180, false],
                ["zone-database-failover", 120, false],
            ],
        );
    });

    it("a zone, with a one-instance cluster and a service in one subnet: Aurora replaces its writer, a person redeploys the service", () => {
        const az = scopeRecoveries(model(cell, group, service(1), ...subnets, ...aurora(1))).az;
        assert.deepEqual(
            az.steps.map((s) => [s.kind, s.manual]),
            [
                ["zone-targets-out", false],
                ["operator-reacts", true],
                ["deploy-dr-service", true],
                ["zone-database-failover", false],
            ],
        );
        assert.equal(az.steps.find((s) => s.kind === "zone-database-failover")!.seconds, 600);
    });

    it("a corruption: a person finds it and restores each store to a point before it; without a point-in-time copy, no bound", () => {
        const withPitr = euTable("users", { pointInTimeRecovery: { enabled: true } });
        assert.deepEqual(
            scopeRecoveries(model(withPitr)).corruption.steps.map((s) => [s.kind, s.seconds, s.manual]),
            [
                ["operator-reacts", 1800, true],
                ["restore-point-in-time", 7200, true],
            ],
        );
        assert.equal(scopeRecoveries(model(euTable())).corruption.achievableRto, Infinity);
    });

    it("an account: rebuilt in a recovery account from copies outside it, each step a person's; without such copies, no bound", () => {
        const home = vault("home");
        const p = plan("p", home, ["arn:aws:backup:eu-west-1:210987654321:backup-vault:offsite"]);
        const account = scopeRecoveries(model(euTable(), home, p, selection("all", p))).account;
        assert.deepEqual(
            account.steps.map((s) => s.kind),
            ["operator-reacts", "redeploy-cell", "restore-account-copies", "repoint-dns"],
        );
        assert.ok(account.steps.every((s) => s.manual));
        assert.equal(scopeRecoveries(model(euTable())).account.achievableRto, Infinity);
    });
});

describe("after a failover, the DR region's copy is the live store", () => {
    const HOME = "ap-northeast-1";
    const DR = "ap-northeast-3";
    const cells = [HOME, DR].map((region, i) =>
        resource(T.cell, `c${i}`, {
            region,
            role: i === 0 ? "primary" : "standby",
            tier: "warm-standby",
            rto: "1h",
            rpo: "15m",
            residency: "jp",
        }),
    );
    const table = (replica: Record<string, unknown>) =>
        euTable(
            "users",
            { region: HOME, pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: DR, ...replica }] },
            { "dr:residency": "jp" },
        );

    it("its own point-in-time recovery bounds a bad write there; with no copy outside both regions, a loss of the DR region has no bound", () => {
        const [users] = afterFailover(model(...cells, table({ pointInTimeRecovery: true, propagateTags: true })));
        assert.deepEqual([users.region, users.corruptionRpo, users.regionRpo], [DR, 300, Infinity]);
    });

    it("without point-in-time recovery, the DR region's backups of the replica bound it, when its tags propagate for the tag selection", () => {
        const drVault = vault("dr", DR);
        const p = plan("p", drVault);
        const tagged = selection("dr", p, {
            resources: ["*"],
            conditions: [{ stringEquals: [{ key: "aws:ResourceTag/dr:cell", value: "eu" }] }],
        });
        const [withTags] = afterFailover(model(...cells, table({ propagateTags: true }), drVault, p, tagged));
        assert.equal(withTags.corruptionRpo, 3 * 3600);
        const [untagged] = afterFailover(model(...cells, table({}), drVault, p, tagged));
        assert.equal(untagged.corruptionRpo, Infinity, "a replica whose tags do not propagate is not selected by tag");
    });
});
