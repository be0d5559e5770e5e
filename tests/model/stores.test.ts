import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIGURES } from "../../policies/catalog";
import {
    ModelResource,
    SENTINEL_UNKNOWN,
    UNKNOWN,
    afterFailover,
    buildModel,
    cellRecovery,
    scopeRecoveries,
    storeRecovery,
    stores,
} from "../../policies/catalog/model";
import { T, euTable, model, resource } from "./build";

const TAGS = euTable().props.tags;
const HOUR = 3600;

/** A store of `type` in `region`, tagged as the EU's personal data. */
function store(type: string, name: string, region: string, props: Record<string, any> = {}, deps: Record<string, ModelResource[]> = {}) {
    return resource(type, name, { region, tags: TAGS, ...props }, deps);
}

const mechanisms = (m: ReturnType<typeof model>, s: ModelResource) => storeRecovery(m, s).copies.map((c) => c.mechanism);

describe("ElastiCache: global datastores, nodes of a group, daily snapshots", () => {
    const primary = store(T.cacheReplicationGroup, "sessions", "eu-west-1", { replicationGroupId: "sessions" });
    const global = resource(
        T.cacheGlobalDatastore,
        "sessions-global",
        { region: "eu-west-1", primaryReplicationGroupId: UNKNOWN },
        {
            primaryReplicationGroupId: [primary],
        },
    );
    const secondary = store(
        T.cacheReplicationGroup,
        "sessions-us",
        "us-east-1",
        { globalReplicationGroupId: UNKNOWN },
        {
            globalReplicationGroupId: [global],
        },
    );

    it("a global datastore's secondary is a copy of its primary, a second behind in its region; not a store of its own", () => {
        const m = model(primary, global, secondary);
        assert.deepEqual(
            stores(m).map((s) => s.name),
            ["sessions"],
        );
        const recovery = storeRecovery(m, primary);
        const copy = recovery.copies.find((c) => c.mechanism === "cache-global-secondary")!;
        assert.equal(copy.location.region, "us-east-1");
        assert.equal(copy.resource.name, "sessions-us");
        assert.equal(recovery.regionLossRpo, FIGURES.cacheGlobalDatastoreLag);
    });

    it("finds the primary by its replicationGroupId when the datastore names it by value", () => {
        const byName = { ...global, props: { ...global.props, primaryReplicationGroupId: "sessions" }, propertyDependencies: {} };
        const m = model(primary, byName, secondary);
        assert.ok(mechanisms(m, primary).includes("cache-global-secondary"));
    });

    it("a node of a replication group is part of the group, not a store", () => {
        const node = store(
            T.cacheCluster,
            "sessions-node",
            "eu-west-1",
            { replicationGroupId: UNKNOWN },
            { replicationGroupId: [primary] },
        );
        assert.deepEqual(
            stores(model(primary, node)).map((s) => s.name),
            ["sessions"],
        );
    });

    it("keeps a daily snapshot only while snapshotRetentionLimit is above zero; a Memcached node keeps none", () => {
        const kept = { ...primary, props: { ...primary.props, snapshotRetentionLimit: 5 } };
        assert.equal(storeRecovery(model(kept), kept).pointInTimeRpo, FIGURES.cacheSnapshotInterval);
        assert.equal(storeRecovery(model(primary), primary).pointInTimeRpo, Infinity);
        const memcached = store(T.cacheCluster, "menu", "eu-west-1", { engine: "memcached", snapshotRetentionLimit: 5 });
        assert.deepEqual(mechanisms(model(memcached), memcached), ["store"]);
    });

    it("a Multi-AZ group survives a zone loss; a single node keeps only its snapshot", () => {
        const multiAz = { ...primary, props: { ...primary.props, multiAzEnabled: true } };
        assert.equal(storeRecovery(model(multiAz), multiAz).zoneLossRpo, 0);
        const node = store(T.cacheCluster, "menu", "eu-west-1", { engine: "redis", snapshotRetentionLimit: 1 });
        assert.equal(storeRecovery(model(node), node).zoneLossRpo, FIGURES.cacheSnapshotInterval);
    });

    it("after a failover, the secondary's own daily snapshots bound a corruption; without them nothing does", () => {
        const service = resource(T.service, "api-dr", { region: "us-east-1" });
        const [none] = afterFailover(model(primary, global, secondary, service));
        assert.equal(none.corruptionRpo, Infinity);
        const snapshotted = { ...secondary, props: { ...secondary.props, snapshotRetentionLimit: 3 } };
        const [kept] = afterFailover(model(primary, global, snapshotted, service));
        assert.equal(kept.corruptionRpo, FIGURES.cacheSnapshotInterval);
    });

    it("a DR region holding the secondary needs a person to fail the datastore over", () => {
        const service = resource(T.service, "api-dr", { region: "us-east-1", desiredCount: 2 });
        const { steps } = cellRecovery(model(primary, global, secondary, service));
        const failover = steps.find((s) => s.kind === "database-failover");
        assert.ok(failover && failover.kind === "database-failover");
        assert.equal(failover.datastore, true);
        assert.equal(failover.globalDatabase, false);
        assert.equal(failover.seconds, FIGURES.cacheGlobalPromotion);
        assert.deepEqual(
            steps.filter((s) => s.kind === "operator-reacts").map((s) => s.kind === "operator-reacts" && s.reason),
            ["no-health-checked-record"],
            "the person already reacting runs the failover too",
        );
    });
});

describe("MemoryDB Multi-Region clusters", () => {
    const multiRegion = resource(T.memorydbMultiRegionCluster, "ledger", { region: "eu-west-1" });
    const home = store(
        T.memorydbCluster,
        "ledger-eu",
        "eu-west-1",
        { multiRegionClusterName: UNKNOWN },
        { multiRegionClusterName: [multiRegion] },
    );
    const other = store(
        T.memorydbCluster,
        "ledger-de",
        "eu-central-1",
        { multiRegionClusterName: UNKNOWN },
        { multiRegionClusterName: [multiRegion] },
    );

    it("the regional cluster in the Multi-Region cluster's region is the store, the others its copies a second behind", () => {
        const m = model(other, multiRegion, home);
        assert.deepEqual(
            stores(m).map((s) => s.name),
            ["ledger-eu"],
        );
        const recovery = storeRecovery(m, home);
        assert.deepEqual(
            recovery.copies.filter((c) => c.kind === "replica").map((c) => [c.mechanism, c.location.region]),
            [["memorydb-regional-cluster", "eu-central-1"]],
        );
        assert.equal(recovery.regionLossRpo, FIGURES.memorydbMultiRegionLag);
        assert.equal(recovery.zoneLossRpo, 0, "a Multi-AZ transactional log keeps every write");
    });
});

describe("DocumentDB and Neptune global clusters", () => {
    it("a DocumentDB global cluster's secondary is a copy with the instances it runs; automated backups bound a corruption", () => {
        const global = resource(T.docdbGlobalCluster, "profiles-global", { region: "eu-west-1" });
        const primary = store(
            T.docdbCluster,
            "profiles",
            "eu-west-1",
            { globalClusterIdentifier: UNKNOWN, backupRetentionPeriod: 1 },
            {
                globalClusterIdentifier: [global],
            },
        );
        const secondary = store(
            T.docdbCluster,
            "profiles-us",
            "us-east-1",
            { globalClusterIdentifier: UNKNOWN },
            {
                globalClusterIdentifier: [global],
            },
        );
        const instance = resource(T.docdbClusterInstance, "profiles-us-1", { region: "us-east-1" }, { clusterIdentifier: [secondary] });
        const m = model(global, primary, secondary, instance);
        assert.deepEqual(
            stores(m).map((s) => s.name),
            ["profiles"],
        );
        const recovery = storeRecovery(m, primary);
        const copy = recovery.copies.find((c) => c.mechanism === "docdb-global-secondary")!;
        assert.deepEqual([copy.location.region, copy.instances, copy.lagSeconds], ["us-east-1", 1, FIGURES.docdbGlobalLag]);
        assert.equal(recovery.pointInTimeRpo, FIGURES.rdsPitrLag);
        assert.equal(recovery.zoneLossRpo, 0);
    });

    it("a zone loss moves a DocumentDB writer onto a replica in another zone, or waits for a new instance without one", () => {
        const cluster = store(T.docdbCluster, "profiles", "eu-west-1");
        const instance = (n: number) =>
            resource(T.docdbClusterInstance, `profiles-${n}`, { region: "eu-west-1" }, { clusterIdentifier: [cluster] });
        const failover = (...rs: ModelResource[]) =>
            scopeRecoveries(model(cluster, ...rs)).az.steps.find((s) => s.kind === "zone-database-failover");
        assert.equal(failover(instance(1), instance(2))?.seconds, FIGURES.auroraZoneFailover);
        assert.equal(failover(instance(1))?.seconds, FIGURES.auroraInstanceReplacement);
    });

    it("a promoted secondary keeps its automated backups: a corruption after failover is bounded", () => {
        const global = resource(T.docdbGlobalCluster, "g", { region: "eu-west-1" });
        const primary = store(T.docdbCluster, "profiles", "eu-west-1", {}, { globalClusterIdentifier: [global] });
        const secondary = store(T.docdbCluster, "profiles-us", "us-east-1", {}, { globalClusterIdentifier: [global] });
        const service = resource(T.service, "api-dr", { region: "us-east-1" });
        const [after] = afterFailover(model(global, primary, secondary, service));
        assert.deepEqual([after.copy.name, after.corruptionRpo], ["profiles-us", FIGURES.rdsPitrLag]);
    });

    it("a Neptune global database's primary is the cluster it was made from when neither member is in its region", () => {
        const global = resource(T.neptuneGlobalCluster, "graph-global", { region: "ap-south-1" });
        const a = store(
            T.neptuneCluster,
            "graph-a",
            "eu-west-1",
            { globalClusterIdentifier: UNKNOWN },
            { globalClusterIdentifier: [global] },
        );
        const b = store(
            T.neptuneCluster,
            "graph-b",
            "eu-central-1",
            { globalClusterIdentifier: UNKNOWN },
            { globalClusterIdentifier: [global] },
        );
        const madeFromB = { ...global, propertyDependencies: { sourceDbClusterIdentifier: [b.urn] } };
        const m = model(madeFromB, a, b);
        assert.deepEqual(
            stores(m).map((s) => s.name),
            ["graph-b"],
        );
        assert.deepEqual(
            storeRecovery(m, b)
                .copies.filter((c) => c.kind === "replica")
                .map((c) => [c.mechanism, c.resource.name, c.instances]),
            [["neptune-global-secondary", "graph-a", 0]],
        );
    });
});

describe("EFS: replication and automatic backups", () => {
    const files = store(T.efsFileSystem, "files", "eu-west-1");

    it("a replication configuration's destination region holds a copy 15 minutes behind", () => {
        const replication = resource(
            T.efsReplication,
            "files-dr",
            {
                region: "eu-west-1",
                sourceFileSystemId: UNKNOWN,
                destination: { region: "us-east-1" },
            },
            { sourceFileSystemId: [files] },
        );
        const recovery = storeRecovery(model(files, replication), files);
        assert.deepEqual(
            recovery.copies.filter((c) => c.kind === "replica").map((c) => [c.mechanism, c.location.region, c.lagSeconds]),
            [["efs-replication", "us-east-1", FIGURES.efsReplicationLag]],
        );
        assert.equal(recovery.regionLossRpo, FIGURES.efsReplicationLag);
    });

    it("a destination file system of the stack is a read-only copy, not a store, and lends the copy its region", () => {
        const replica = store(T.efsFileSystem, "files-replica", "eu-central-1");
        const replication = resource(
            T.efsReplication,
            "files-dr",
            {
                region: "eu-west-1",
                sourceFileSystemId: UNKNOWN,
                destination: { fileSystemId: UNKNOWN },
            },
            { sourceFileSystemId: [files], destination: [replica] },
        );
        const m = model(files, replica, replication);
        assert.deepEqual(
            stores(m).map((s) => s.name),
            ["files"],
        );
        const copy = storeRecovery(m, files).copies.find((c) => c.mechanism === "efs-replication")!;
        assert.deepEqual([copy.location.region, copy.resource.name], ["eu-central-1", "files-replica"]);
    });

    it("automatic backups: on by a backup policy, or by default for One Zone; a day plus AWS Backup's default windows behind", () => {
        const policy = (status: string, fs: ModelResource) =>
            resource(T.efsBackupPolicy, `${fs.name}-backup`, { fileSystemId: UNKNOWN, backupPolicy: { status } }, { fileSystemId: [fs] });
        const lag = FIGURES.efsAutomaticBackupInterval + FIGURES.backupDefaultStartWindow + FIGURES.backupDefaultCompletionWindow;
        assert.equal(storeRecovery(model(files, policy("ENABLED", files)), files).pointInTimeRpo, lag);
        assert.equal(storeRecovery(model(files), files).pointInTimeRpo, Infinity, "a Regional file system made through the API has none");
        const oneZone = store(T.efsFileSystem, "scratch", "eu-west-1", { availabilityZoneName: "eu-west-1a" });
        const recovery = storeRecovery(model(oneZone), oneZone);
        const backup = recovery.copies.find((c) => c.mechanism === "efs-automatic-backup")!;
        assert.deepEqual([backup.medium, backup.vaultRef, recovery.zoneLossRpo], ["vault", "aws/efs/automatic-backup-vault", lag]);
        assert.equal(storeRecovery(model(oneZone, policy("DISABLED", oneZone)), oneZone).zoneLossRpo, Infinity);
    });
});

describe("Redshift: automated snapshots and their copies to another region", () => {
    const warehouse = store(T.redshiftCluster, "warehouse", "eu-west-1", {
        clusterIdentifier: "warehouse",
        automatedSnapshotRetentionPeriod: 1,
    });
    const copy = resource(
        T.redshiftSnapshotCopy,
        "warehouse-copy",
        { region: "eu-west-1", clusterIdentifier: UNKNOWN, destinationRegion: "eu-central-1" },
        {
            clusterIdentifier: [warehouse],
        },
    );

    it("snapshots every 8 hours bound a corruption; a snapshot copy puts one in another region an hour later (a budget)", () => {
        const recovery = storeRecovery(model(warehouse, copy), warehouse);
        assert.deepEqual(
            recovery.copies.map((c) => [c.mechanism, c.location.region, c.lagSeconds]),
            [
                ["store", "eu-west-1", 0],
                ["redshift-automated-snapshot", "eu-west-1", 8 * HOUR],
                ["redshift-snapshot-copy", "eu-central-1", 9 * HOUR],
            ],
        );
        assert.equal(recovery.regionLossRpo, 9 * HOUR);
        assert.equal(recovery.pointInTimeRpo, 8 * HOUR);
    });

    it("a snapshot copy named by the cluster's identifier counts too; with automated snapshots off there is nothing to copy", () => {
        const byName = { ...copy, props: { ...copy.props, clusterIdentifier: "warehouse" }, propertyDependencies: {} };
        assert.ok(mechanisms(model(warehouse, byName), warehouse).includes("redshift-snapshot-copy"));
        const off = { ...warehouse, props: { ...warehouse.props, automatedSnapshotRetentionPeriod: 0 } };
        assert.deepEqual(mechanisms(model(off, copy), off), ["store"]);
    });

    it("a single-AZ cluster keeps its snapshots through a zone loss; a Multi-AZ one loses nothing", () => {
        assert.equal(storeRecovery(model(warehouse), warehouse).zoneLossRpo, 8 * HOUR);
        const multiAz = { ...warehouse, props: { ...warehouse.props, multiAz: true } };
        assert.equal(storeRecovery(model(multiAz), multiAz).zoneLossRpo, 0);
    });
});

describe("OpenSearch, FSx, Kinesis and SQS", () => {
    it("an OpenSearch domain's hourly snapshots stay in its region; zone awareness is read from clusterConfig", () => {
        const domain = store(T.searchDomain, "search", "eu-west-1", { engineVersion: "OpenSearch_2.13" });
        const recovery = storeRecovery(model(domain), domain);
        assert.deepEqual([recovery.pointInTimeRpo, recovery.regionLossRpo, recovery.zoneLossRpo], [HOUR, Infinity, HOUR]);
        const aware = { ...domain, props: { ...domain.props, clusterConfig: { zoneAwarenessEnabled: true } } };
        assert.equal(storeRecovery(model(aware), aware).zoneLossRpo, 0);
        const legacy = { ...domain, props: { ...domain.props, engineVersion: "Elasticsearch_5.1" } };
        assert.equal(storeRecovery(model(legacy), legacy).pointInTimeRpo, FIGURES.searchLegacySnapshotInterval);
    });

    it("FSx: daily backups while retention is above zero; a Multi-AZ deployment survives a zone, a SCRATCH Lustre keeps nothing", () => {
        const single = store(T.windowsFileSystem, "shares", "eu-west-1", {
            deploymentType: "SINGLE_AZ_1",
            automaticBackupRetentionDays: 7,
        });
        assert.deepEqual(
            [storeRecovery(model(single), single).pointInTimeRpo, storeRecovery(model(single), single).zoneLossRpo],
            [FIGURES.fsxBackupInterval, FIGURES.fsxBackupInterval],
        );
        const multi = { ...single, props: { ...single.props, deploymentType: "MULTI_AZ_1" } };
        assert.equal(storeRecovery(model(multi), multi).zoneLossRpo, 0);
        const scratch = store(T.lustreFileSystem, "hpc", "eu-west-1", { deploymentType: "SCRATCH_2", automaticBackupRetentionDays: 7 });
        const lost = storeRecovery(model(scratch), scratch);
        assert.deepEqual([lost.pointInTimeRpo, lost.zoneLossRpo], [Infinity, Infinity]);
    });

    it("a Kinesis stream or an SQS queue has no copy: a region loss or a deletion loses it, a zone loss nothing", () => {
        for (const type of [T.kinesisStream, T.sqsQueue]) {
            const s = store(type, "events", "eu-west-1");
            const recovery = storeRecovery(model(s), s);
            assert.deepEqual(
                recovery.copies.map((c) => c.mechanism),
                ["store"],
                type,
            );
            assert.deepEqual(
                [recovery.regionLossRpo, recovery.pointInTimeRpo, recovery.accountLossRpo, recovery.zoneLossRpo],
                [Infinity, Infinity, Infinity, 0],
                type,
            );
        }
    });
});

describe("AWS's defaults for the new types' unset inputs", () => {
    const SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const previewed = (type: string, props: Record<string, unknown>, deps: Record<string, string[]> = {}) => ({
        urn: `urn:pulumi:s::p::${type}::x`,
        type,
        name: "x",
        props,
        propertyDependencies: deps,
    });
    const built = (type: string, props: Record<string, unknown>, deps?: Record<string, string[]>) =>
        buildModel([previewed(type, props, deps)], SENTINEL_UNKNOWN, "eu-west-1").resources[0].props;

    it("a Redis replication group is unencrypted unless asked, a Valkey one encrypted at rest; neither joins a global datastore", () => {
        const unset = {
            atRestEncryptionEnabled: SENTINEL,
            transitEncryptionEnabled: SENTINEL,
            globalReplicationGroupId: SENTINEL,
            engine: SENTINEL,
        };
        const redis = built(T.cacheReplicationGroup, unset);
        assert.deepEqual(
            [redis.engine, redis.atRestEncryptionEnabled, redis.transitEncryptionEnabled, redis.globalReplicationGroupId],
            ["redis", false, false, undefined],
        );
        assert.equal(built(T.cacheReplicationGroup, { ...unset, engine: "valkey" }).atRestEncryptionEnabled, true);
    });

    it("a global datastore's secondary takes the datastore's encryption, which its primary's guards judge", () => {
        const secondary = built(
            T.cacheReplicationGroup,
            { atRestEncryptionEnabled: SENTINEL, transitEncryptionEnabled: SENTINEL, globalReplicationGroupId: SENTINEL },
            { globalReplicationGroupId: ["urn:pulumi:s::p::aws:elasticache/globalReplicationGroup:GlobalReplicationGroup::g"] },
        );
        assert.deepEqual(
            [secondary.globalReplicationGroupId, secondary.atRestEncryptionEnabled, secondary.transitEncryptionEnabled],
            [UNKNOWN, true, true],
        );
    });

    it("Redshift keeps a day of automated snapshots and encrypts; DocumentDB and Neptune keep a day of backups", () => {
        const warehouse = built(T.redshiftCluster, { automatedSnapshotRetentionPeriod: SENTINEL, encrypted: SENTINEL });
        assert.deepEqual([warehouse.automatedSnapshotRetentionPeriod, warehouse.encrypted], [1, true]);
        for (const type of [T.docdbCluster, T.neptuneCluster]) {
            const cluster = built(type, { backupRetentionPeriod: SENTINEL, storageEncrypted: SENTINEL, deletionProtection: SENTINEL });
            assert.deepEqual(
                [cluster.backupRetentionPeriod, cluster.storageEncrypted, cluster.deletionProtection],
                [1, false, false],
                type,
            );
        }
    });
});
