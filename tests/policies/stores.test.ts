import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { DEFAULT_RESIDENCY_ZONES } from "../../policies/catalog";
import { ModelResource, SCOPES, Scope, StackModel, UNKNOWN, storeRecovery } from "../../policies/catalog/model";
import { threeTwoOneFinding } from "../../policies/rules/backup-3-2-1";
import { residencyFindings } from "../../policies/rules/data-residency";
import { restoreTestFinding } from "../../policies/rules/dr-restore-tested";
import { rpoFindings } from "../../policies/rules/dr-rpo-target";
import { missingGuards, protectionFinding } from "../../policies/rules/dr-store-protection";
import { ROOT } from "../helpers";
import { T, euTable, model, plan, resource, selection, vault } from "../model/build";
import { Lab, of } from "../support/lab";

/** Every store type added for programs we do not build: the rules' findings on them, and one such program end to end. */

const EU = euTable().props.tags;
const US = { ...EU, "dr:residency": "us", "dr:rpo": "1h" };

function store(type: string, name: string, region: string, props: Record<string, any> = {}, deps: Record<string, ModelResource[]> = {}) {
    return resource(type, name, { region, tags: EU, ...props }, deps);
}

/** The store's findings for one scope whose target is `target` seconds (the region's from its own dr:rpo tag). */
function rpoFinding(m: StackModel, s: ModelResource, scope: Scope, target?: number): string | undefined {
    const targets = Object.fromEntries(
        SCOPES.map((each) => [each, each === scope && target !== undefined ? { rpo: target } : {}]),
    ) as Record<Scope, { rpo?: number }>;
    return rpoFindings(m, storeRecovery(m, s), "region", targets, DEFAULT_RESIDENCY_ZONES).find((f) => f.startsWith(`[${scope}]`));
}

describe("data-residency rules on the new store types", () => {
    const zones = DEFAULT_RESIDENCY_ZONES;

    it("rejects an EU personal ElastiCache global datastore with a secondary in us-east-1, naming the secondary's region as the fix", () => {
        const primary = store(T.cacheReplicationGroup, "sessions", "eu-west-1");
        const global = resource(T.cacheGlobalDatastore, "g", { region: "eu-west-1" }, { primaryReplicationGroupId: [primary] });
        const secondary = store(T.cacheReplicationGroup, "sessions-us", "us-east-1", {}, { globalReplicationGroupId: [global] });
        const [finding, ...rest] = residencyFindings(model(primary, global, secondary), primary, zones);
        assert.deepEqual(rest, []);
        assert.match(
            finding,
            /holds personal data of zone eu \(allowed: eu-west-1\), but ElastiCache global datastore secondary lives in us-east-1/,
        );
        assert.match(
            finding,
            /Fix: keep it in eu-west-1 \(the region of aws:elasticache\/replicationGroup:ReplicationGroup "sessions-us"\)/,
        );
        assert.doesNotMatch(finding, /dr:tables|dr:databases/, "a program we do not build is told what to change on its own resources");
    });

    it("rejects a DocumentDB global cluster's secondary, a MemoryDB regional cluster, a Redshift snapshot copy and an EFS replica outside the zone", () => {
        const docdbGlobal = resource(T.docdbGlobalCluster, "pg", { region: "eu-west-1" });
        const profiles = store(T.docdbCluster, "profiles", "eu-west-1", {}, { globalClusterIdentifier: [docdbGlobal] });
        const profilesUs = store(T.docdbCluster, "profiles-us", "us-east-1", {}, { globalClusterIdentifier: [docdbGlobal] });
        const multiRegion = resource(T.memorydbMultiRegionCluster, "mr", { region: "eu-west-1" });
        const ledger = store(T.memorydbCluster, "ledger", "eu-west-1", {}, { multiRegionClusterName: [multiRegion] });
        const ledgerUs = store(T.memorydbCluster, "ledger-us", "us-east-1", {}, { multiRegionClusterName: [multiRegion] });
        const warehouse = store(T.redshiftCluster, "warehouse", "eu-west-1", { automatedSnapshotRetentionPeriod: 1 });
        const copy = resource(
            T.redshiftSnapshotCopy,
            "warehouse-copy",
            { destinationRegion: "us-east-1" },
            { clusterIdentifier: [warehouse] },
        );
        const files = store(T.efsFileSystem, "files", "eu-west-1");
        const replication = resource(
            T.efsReplication,
            "files-dr",
            { destination: { region: "us-east-1" } },
            { sourceFileSystemId: [files] },
        );
        const m = model(docdbGlobal, profiles, profilesUs, multiRegion, ledger, ledgerUs, warehouse, copy, files, replication);
        const only = (s: ModelResource) => residencyFindings(m, s, zones).join("\n");
        assert.match(
            only(profiles),
            /DocumentDB global cluster secondary \(headless\) lives in us-east-1.*\(the region of aws:docdb\/cluster:Cluster "profiles-us"\)/,
        );
        assert.match(only(ledger), /MemoryDB Multi-Region regional cluster lives in us-east-1/);
        assert.match(
            only(warehouse),
            /automated snapshots copied by a snapshot copy lives in us-east-1.*\(destinationRegion of aws:redshift\/snapshotCopy:SnapshotCopy "warehouse-copy"\)/,
        );
        assert.match(
            only(files),
            /EFS replica \(read-only\) lives in us-east-1.*\(destination\.region of aws:efs\/replicationConfiguration:ReplicationConfiguration "files-dr"\)/,
        );
    });

    it("fails an EFS replication whose destination region cannot be known at preview", () => {
        const files = store(T.efsFileSystem, "files", "eu-west-1");
        const replication = resource(T.efsReplication, "files-dr", { destination: { region: UNKNOWN } }, { sourceFileSystemId: [files] });
        assert.match(
            residencyFindings(model(files, replication), files, zones)[0],
            /the region of its EFS replica \(read-only\) is not known before deployment/,
        );
    });
});

describe("dr-rpo-target rules on the new store types", () => {
    it("a Kinesis stream has no copy: a region loss has no bound, and the fix says what Kinesis can and cannot do", () => {
        const events = resource(T.kinesisStream, "events", { region: "us-east-1", tags: US });
        const found = rpoFinding(model(events), events, "region")!;
        assert.match(found, /for a loss of its home region, no RPO is achievable against its target 1h \(dr:rpo\)/);
        assert.match(
            found,
            /Fix: Kinesis Data Streams has no cross-region replication or backup: deliver its records to a store with a copy in us-west-2/,
        );
    });

    it("never tells a stream of a one-region zone to copy itself out: AWS Backup cannot take it and no copy may leave", () => {
        const events = store(T.kinesisStream, "events", "eu-west-1");
        const found = rpoFinding(model(events), events, "region")!;
        assert.match(
            found,
            /Fix: zone eu holds no region besides eu-west-1 and AWS Backup does not back up aws:kinesis\/stream:Stream, so no copy of it can leave lawfully/,
        );
        assert.doesNotMatch(found.split("Fix:")[1], /Firehose|another region/);
    });

    it("an ElastiCache group without a global datastore is told to add a secondary in the zone's other region", () => {
        const sessions = resource(T.cacheReplicationGroup, "sessions", { region: "us-east-1", tags: US });
        assert.match(
            rpoFinding(model(sessions), sessions, "region")!,
            /Fix: add a secondary replication group in us-west-2 to a global datastore \(an aws\.elasticache\.GlobalReplicationGroup whose primaryReplicationGroupId is this group; lag ≈ 1s\)/,
        );
    });

    it("a corruption of a cache without snapshots names snapshotRetentionLimit; a zone loss of a single node names a Multi-AZ group", () => {
        const node = store(T.cacheCluster, "menu", "eu-west-1", { engine: "redis" });
        const m = model(node);
        assert.match(rpoFinding(m, node, "corruption", 3600)!, /has no point-in-time copy.*Fix: set snapshotRetentionLimit to 1–35 days/);
        assert.match(rpoFinding(m, node, "az", 3600)!, /Fix: move it into a replication group with multiAzEnabled: true/);
    });

    it("an OpenSearch domain's corruption bound is its hourly snapshots: a tighter target is told they are not configurable", () => {
        const domain = store(T.searchDomain, "search", "eu-west-1");
        assert.match(
            rpoFinding(model(domain), domain, "corruption", 900)!,
            /achievable RPO 1h exceeds its target 15m.*automated snapshots are hourly and not configurable/,
        );
        assert.equal(rpoFinding(model(domain), domain, "corruption", 3600), undefined);
    });
});

describe("dr-store-protection rules on the new store types", () => {
    it("names each missing guard's risk and its fix on the resource, not our components", () => {
        const sessions = store(T.cacheReplicationGroup, "sessions", "eu-west-1", {
            atRestEncryptionEnabled: false,
            transitEncryptionEnabled: true,
        });
        const { missing } = missingGuards(sessions);
        assert.deepEqual(
            missing.map((g) => g.property),
            ["atRestEncryptionEnabled", "finalSnapshotIdentifier"],
        );
        const finding = protectionFinding(sessions, missing);
        assert.match(
            finding,
            /has no encryption at rest \(atRestEncryptionEnabled\) and no a final snapshot on delete|has no encryption at rest \(atRestEncryptionEnabled\)/,
        );
        assert.match(
            finding,
            /its data sits unencrypted on disk and in every snapshot; one mistaken delete, by a person or a pipeline, keeps no final copy of its data/,
        );
        assert.match(finding, /Fix: set atRestEncryptionEnabled: true with kmsKeyId .*; set finalSnapshotIdentifier\.$/);
        assert.doesNotMatch(finding, /components do/);
    });

    it("judges Redshift's final snapshot, an SQS queue that turned SSE off, and a Kinesis stream left unencrypted", () => {
        const props = (type: string, p: Record<string, any>) =>
            missingGuards(store(type, "x", "eu-west-1", p)).missing.map((g) => g.property);
        assert.deepEqual(props(T.redshiftCluster, { skipFinalSnapshot: true, encrypted: true }), ["skipFinalSnapshot"]);
        assert.deepEqual(props(T.redshiftCluster, { encrypted: true }), [], "the final snapshot is taken unless skipped");
        assert.deepEqual(props(T.sqsQueue, { sqsManagedSseEnabled: false }), ["sqsManagedSseEnabled"]);
        assert.deepEqual(props(T.sqsQueue, { sqsManagedSseEnabled: false, kmsMasterKeyId: "alias/jobs" }), []);
        assert.deepEqual(props(T.kinesisStream, { encryptionType: "NONE" }), ["encryptionType"]);
        assert.deepEqual(props(T.docdbCluster, { storageEncrypted: true }), ["deletionProtection"]);
    });

    it("a node of a replication group is guarded through its group; a Memcached node has no snapshot to keep", () => {
        const node = (p: Record<string, any>) => missingGuards(store(T.cacheCluster, "n", "eu-west-1", p)).missing.map((g) => g.property);
        assert.deepEqual(node({ replicationGroupId: "sessions", transitEncryptionEnabled: false }), []);
        assert.deepEqual(node({ engine: "memcached", transitEncryptionEnabled: true }), []);
        assert.deepEqual(node({ engine: "redis", transitEncryptionEnabled: false }), [
            "transitEncryptionEnabled",
            "finalSnapshotIdentifier",
        ]);
    });

    it("reads OpenSearch's nested encryption settings, unknown when the block is computed", () => {
        const domain = (p: Record<string, any>) => missingGuards(store(T.searchDomain, "s", "eu-west-1", p));
        assert.deepEqual(domain({ encryptAtRest: { enabled: true }, nodeToNodeEncryption: { enabled: true } }), {
            missing: [],
            unknown: [],
        });
        assert.deepEqual(
            domain({ encryptAtRest: UNKNOWN, nodeToNodeEncryption: { enabled: false } }).unknown.map((g) => g.property),
            ["encryptAtRest.enabled"],
        );
    });
});

describe("backup-3-2-1 and dr-restore-tested on the new store types", () => {
    const warehouse = store(T.redshiftCluster, "warehouse", "eu-west-1", {
        clusterIdentifier: "warehouse",
        automatedSnapshotRetentionPeriod: 1,
    });

    it("a Redshift cluster whose snapshots are copied to another region keeps 3 copies on 2 media, one off-site point in time", () => {
        const copy = resource(T.redshiftSnapshotCopy, "c", { destinationRegion: "eu-central-1" }, { clusterIdentifier: [warehouse] });
        assert.equal(threeTwoOneFinding(storeRecovery(model(warehouse, copy), warehouse)), undefined);
        const alone = threeTwoOneFinding(storeRecovery(model(warehouse), warehouse))!;
        assert.match(alone, /no copy in another region or another account/);
        assert.match(
            alone,
            /Fix: back it up with AWS Backup — an aws\.backup\.Plan whose rule copies each recovery point to a vault in another region or account/,
        );
    });

    it("a Kinesis stream breaks 3-2-1 with its one copy", () => {
        const events = store(T.kinesisStream, "events", "eu-west-1");
        const found = threeTwoOneFinding(storeRecovery(model(events), events))!;
        assert.match(found, /1 copy where 3 are needed/);
        assert.match(found, /Fix: AWS Backup does not back up aws:kinesis\/stream:Stream: keep a point-in-time copy outside eu-west-1/);
        assert.doesNotMatch(found, /dr:cell|dr:backup/);
    });

    it("asks no restore test of Redshift, which restore testing does not take, though AWS Backup copies it off-site", () => {
        const home = vault("home");
        const away = vault("away", "eu-central-1");
        const hourly = plan("hourly", home, [UNKNOWN], [away]);
        const m = model(warehouse, home, away, hourly, selection("all", hourly));
        const recovery = storeRecovery(m, warehouse);
        assert.ok(
            recovery.copies.some((c) => c.mechanism === "backup-copy" && c.location.region === "eu-central-1"),
            "AWS Backup selects it",
        );
        assert.equal(restoreTestFinding(m, recovery), undefined);
        const docdb = store(T.docdbCluster, "profiles", "eu-west-1", { clusterIdentifier: "profiles" });
        const withDocdb = model(docdb, home, away, hourly, selection("all", hourly));
        assert.match(restoreTestFinding(withDocdb, storeRecovery(withDocdb, docdb))!, /no restore testing plan restores it/);
    });
});

describe("a program of these store types through the real analyzer protocol", () => {
    const fixture = path.join(ROOT, "tests", "fixtures", "stores");
    const lab = new Lab(fixture, path.join(ROOT, "dist", "tests", "fixtures", "stores", "program.js"));

    it("rejects the EU global datastore and global cluster for their us-east-1 members, and reports no bound for the stream's region loss", async () => {
        const { context, resources } = await lab.preview("fixture");
        const s = await lab.scenario(context, resources);
        assert.equal(s.code, 1);
        const residency = of(s, "data-residency");
        const sessions = residency.find((v) => /::sessions$/.test(v.urn));
        assert.match(sessions?.message ?? "", /ElastiCache global datastore secondary lives in us-east-1/);
        assert.match(sessions?.message ?? "", /\(the region of aws:elasticache\/replicationGroup:ReplicationGroup "sessions-us"\)/);
        const profiles = residency.find((v) => /::profiles$/.test(v.urn));
        assert.match(profiles?.message ?? "", /DocumentDB global cluster secondary lives in us-east-1/);
        assert.deepEqual(
            residency.map((v) => v.urn.split("::").pop()).sort(),
            ["profiles", "sessions"],
            "the members in us-east-1 are copies, judged through their primaries",
        );
        const byName = Object.fromEntries(s.stack.posture.dataStores.map((d) => [d.name, d]));
        assert.deepEqual(Object.keys(byName).sort(), ["events", "jobs", "profiles", "sessions"]);
        assert.equal(byName.events.scopes.region.rpo.achievableSeconds, null, "a Kinesis stream has no copy outside its region");
        assert.equal(byName.sessions.scopes.region.rpo.achievableSeconds, 1);
        assert.equal(of(s, "dr-classification").length, 0, "every store and member carries its DR tags");
        const stream = of(s, "dr-rpo-target").find((v) => /::events$/.test(v.urn));
        assert.match(
            stream?.message ?? "",
            /\[account\] aws:kinesis\/stream:Stream "events": .*no RPO is achievable.*Fix: AWS Backup does not back up aws:kinesis\/stream:Stream/,
            "eu holds one region, so the stack's dr:rpo is judged for a lost account",
        );
        assert.equal(of(s, "dr-store-protection").length, 0, "the program sets every guard, or AWS's defaults hold them");
    });
});
