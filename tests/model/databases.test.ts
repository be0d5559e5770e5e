import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIGURES } from "../../policies/catalog";
import {
    UNKNOWN,
    automatedBackupCopies,
    databasePrimaries,
    databaseReplicaCopies,
    storeRecovery,
    stores,
} from "../../policies/catalog/model";
import { T, euTable, model, resource } from "./build";

const HOME = { region: "eu-west-1", account: "same" };
const TAGS = euTable().props.tags;

/** A global cluster in eu-west-1 and its members: the primary there with credentials, a secondary in eu-central-1. */
function globalDatabase(secondaryInstances = 1) {
    const global = resource(T.globalCluster, "projects", { region: "eu-west-1", globalClusterIdentifier: "dr-eu-projects" });
    const primary = resource(
        T.rdsCluster,
        "projects",
        { region: "eu-west-1", masterUsername: "dr_admin", globalClusterIdentifier: UNKNOWN, backupRetentionPeriod: 35, tags: TAGS },
        { globalClusterIdentifier: [global] },
    );
    const secondary = resource(
        T.rdsCluster,
        "projects-eu-central-1",
        { region: "eu-central-1", sourceRegion: "eu-west-1", globalClusterIdentifier: UNKNOWN, tags: TAGS },
        { globalClusterIdentifier: [global] },
    );
    const readers = Array.from({ length: secondaryInstances }, (_, i) =>
        resource(
            T.rdsClusterInstance,
            `projects-eu-central-1-${i + 1}`,
            { region: "eu-central-1", clusterIdentifier: UNKNOWN },
            { clusterIdentifier: [secondary] },
        ),
    );
    return { global, primary, secondary, readers, all: [global, primary, secondary, ...readers] };
}

describe("databases: which clusters and instances copy another", () => {
    it("makes the member in the global cluster's region the primary, and the others its secondaries", () => {
        const db = globalDatabase();
        const m = model(...db.all);
        const primaries = databasePrimaries(m);
        assert.equal(primaries.get(db.secondary.urn), db.primary);
        assert.equal(primaries.has(db.primary.urn), false);
    });

    it("falls back to the member holding the credentials when the global cluster is not in the stack", () => {
        const db = globalDatabase();
        const byId = (r: typeof db.primary) => ({
            ...r,
            props: { ...r.props, globalClusterIdentifier: "dr-eu-projects" },
            propertyDependencies: {},
        });
        const [secondary, primary] = [byId(db.secondary), byId(db.primary)];
        assert.equal(databasePrimaries(model(secondary, primary)).get(secondary.urn)?.urn, primary.urn);
    });

    it("makes a lone cluster nobody's copy", () => {
        const db = globalDatabase();
        assert.equal(databasePrimaries(model(db.global, db.primary)).size, 0);
    });

    it("follows an RDS read replica to its source, by dependency or by the ARN it names", () => {
        const source = resource(T.rdsInstance, "orders", { region: "eu-west-1", arn: "arn:aws:rds:eu-west-1:123456789012:db:orders" });
        const byDependency = resource(
            T.rdsInstance,
            "orders-a",
            { region: "eu-central-1", replicateSourceDb: UNKNOWN },
            { replicateSourceDb: [source] },
        );
        const byArn = resource(T.rdsInstance, "orders-b", {
            region: "eu-central-1",
            replicateSourceDb: "arn:aws:rds:eu-west-1:123456789012:db:orders",
        });
        const primaries = databasePrimaries(model(source, byDependency, byArn));
        assert.equal(primaries.get(byDependency.urn), source);
        assert.equal(primaries.get(byArn.urn), source);
    });
});

describe("databases: the copies they count", () => {
    it("counts a secondary as a live copy under a second behind, with its instances", () => {
        const db = globalDatabase(2);
        const [copy] = databaseReplicaCopies(model(...db.all), db.primary, HOME);
        assert.equal(copy.mechanism, "aurora-global-secondary");
        assert.equal(copy.location.region, "eu-central-1");
        assert.equal(copy.offsite, true);
        assert.equal(copy.lagSeconds, FIGURES.auroraReplicaLag);
        assert.equal(copy.instances, 2);
    });

    it("counts a headless secondary as a copy with no instances", () => {
        const db = globalDatabase(0);
        assert.equal(databaseReplicaCopies(model(...db.all), db.primary, HOME)[0].instances, 0);
    });

    it("counts an RDS instance's automated backups in its region and their replication in another, and none with retention 0", () => {
        const instance = resource(T.rdsInstance, "orders", { region: "eu-west-1", backupRetentionPeriod: 7 });
        const replication = resource(
            T.automatedBackupsReplication,
            "orders-backups",
            { region: "eu-central-1", sourceDbInstanceArn: UNKNOWN },
            { sourceDbInstanceArn: [instance] },
        );
        const copies = automatedBackupCopies(model(instance, replication), instance, HOME);
        assert.deepEqual(
            copies.map((c) => [c.mechanism, c.location.region, c.offsite, c.lagSeconds]),
            [
                ["automated-backup", "eu-west-1", false, FIGURES.rdsPitrLag],
                ["replicated-automated-backup", "eu-central-1", true, FIGURES.rdsBackupReplicationLag],
            ],
        );
        const none = { ...instance, props: { ...instance.props, backupRetentionPeriod: 0 } };
        assert.deepEqual(automatedBackupCopies(model(none), none, HOME), []);
    });

    it("judges the primary as a store and not its secondary, whose recovery counts both copies", () => {
        const db = globalDatabase();
        const m = model(...db.all);
        assert.deepEqual(
            stores(m).map((s) => s.name),
            ["projects"],
        );
        const recovery = storeRecovery(m, db.primary);
        assert.equal(recovery.regionLossRpo, FIGURES.auroraReplicaLag);
        // Point in time: its automated backups, about five minutes back.
        assert.equal(recovery.pointInTimeRpo, FIGURES.rdsPitrLag);
    });

    it("leaves a regional cluster with no off-site copy without a bound for a region loss", () => {
        const db = globalDatabase();
        const recovery = storeRecovery(model(db.primary), db.primary);
        assert.equal(recovery.regionLossRpo, Infinity);
    });
});
