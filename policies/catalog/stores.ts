import { formatDuration } from "./durations";
import { FIGURES } from "./figures";
import { UNKNOWN, Unknown, at, record } from "./model/values";

/**
 * The store-type vocabulary: for each AWS resource type that holds data (and the types that hold parts of
 * one), what it is for DR — whether it must be classified, how the model reads its copies, whether AWS
 * Backup protects it, which list of our stack config declares it, what guards it against loss, and what a
 * drifted property of it means. The model, the policies, drift classification, SARIF locations and the
 * topology read it from here. Adding a store type is one entry here, its model readers, and their tests
 * (docs/architecture.md, "How to add a store type").
 */

/** The type tokens of the vocabulary, by the name the model uses for them. */
export const STORE_TOKENS = {
    table: "aws:dynamodb/table:Table",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    rdsCluster: "aws:rds/cluster:Cluster",
    rdsInstance: "aws:rds/instance:Instance",
    ebsVolume: "aws:ebs/volume:Volume",
    efsFileSystem: "aws:efs/fileSystem:FileSystem",
    tableReplica: "aws:dynamodb/tableReplica:TableReplica",
    legacyGlobalTable: "aws:dynamodb/globalTable:GlobalTable",
    globalCluster: "aws:rds/globalCluster:GlobalCluster",
    redshiftCluster: "aws:redshift/cluster:Cluster",
    redshiftSnapshotCopy: "aws:redshift/snapshotCopy:SnapshotCopy",
    cacheReplicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheGlobalDatastore: "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
    cacheCluster: "aws:elasticache/cluster:Cluster",
    serverlessCache: "aws:elasticache/serverlessCache:ServerlessCache",
    searchDomain: "aws:opensearch/domain:Domain",
    docdbCluster: "aws:docdb/cluster:Cluster",
    docdbGlobalCluster: "aws:docdb/globalCluster:GlobalCluster",
    neptuneCluster: "aws:neptune/cluster:Cluster",
    neptuneGlobalCluster: "aws:neptune/globalCluster:GlobalCluster",
    memorydbCluster: "aws:memorydb/cluster:Cluster",
    memorydbMultiRegionCluster: "aws:memorydb/multiRegionCluster:MultiRegionCluster",
    lustreFileSystem: "aws:fsx/lustreFileSystem:LustreFileSystem",
    windowsFileSystem: "aws:fsx/windowsFileSystem:WindowsFileSystem",
    ontapFileSystem: "aws:fsx/ontapFileSystem:OntapFileSystem",
    openZfsFileSystem: "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
    efsReplication: "aws:efs/replicationConfiguration:ReplicationConfiguration",
    kinesisStream: "aws:kinesis/stream:Stream",
    sqsQueue: "aws:sqs/queue:Queue",
} as const;

/** What a drifted property means for DR, worst first. */
export const DRIFT_CLASSES = ["residency-critical", "recovery-critical", "security", "operational", "cosmetic"] as const;
export type DriftClass = (typeof DRIFT_CLASSES)[number];

/** What drift of the properties whose path (indexes dropped, dot-joined) matches means, and why. */
export interface PropertyMeaning {
    class: DriftClass;
    path: RegExp;
    why: string;
}

/** What kind of store a type is. */
export type StoreKind = "table" | "bucket" | "database" | "warehouse" | "cache" | "search" | "volume" | "file-system" | "stream" | "part";

/**
 * How the model reads a store's continuous copies: one reader each in `model/`. `database` reads the secondaries of a
 * global cluster (Aurora, DocumentDB, Neptune) and RDS read replicas.
 */
export type ReplicaReader =
    "global-table" | "s3-replication" | "database" | "cache-global-datastore" | "memorydb-multi-region" | "efs-replication";

/** How the model reads a store's own point-in-time copies. */
export type PointInTimeReader =
    | "dynamodb-pitr"
    | "s3-versioning"
    | "database-automated-backups"
    | "redshift-snapshots"
    | "cache-snapshots"
    | "search-snapshots"
    | "fsx-backups"
    | "efs-automatic-backups";

/** How AWS Backup protects a type. https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html */
export interface BackupSupport {
    /**
     * Restore testing's ProtectedResourceType; absent where restore testing does not take the type (Redshift), though AWS
     * Backup backs it up. https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html
     */
    protectedResourceType?: string;
    /** The service part of the store's ARN, as selection ARN patterns name it. */
    arnService: string;
    /** The resource part of its ARN, from a name property known at preview (`table/<name>`); absent: not derivable. */
    arnResource?: { property: string; prefix: string };
}

/** Roles of the keys of a store's entry in stack config, by what they decide. */
export interface ConfigEntryKeys {
    /** Where its copies go (residency findings point here). */
    replicas: string;
    rpo: string;
    classification: string;
}

/** The list of our program's stack config that declares stores of a type. */
export interface ConfigEntry {
    /** The list key, e.g. `dr:tables`. */
    list: string;
    keys: ConfigEntryKeys;
    /** A resource name's entry name: a bucket's replica belongs to the bucket's entry. */
    entryName: (resourceName: string) => string;
}

/** A store's guard against loss: a property that must hold, and how to fix it. */
export interface StoreGuard {
    /** What the guard is, in a finding. */
    what: string;
    /** The property that sets it. */
    property: string;
    fix: string;
    /** What its absence risks, in a finding: "one mistaken delete … destroys it and its data". */
    risk: string;
    /** Whether it holds; `UNKNOWN` when computed at preview. */
    holds: (props: Record<string, any>) => boolean | Unknown;
}

/**
 * How a store's data fares when one availability zone is lost: kept across zones by the service itself
 * (`regional`), across zones when a property (a dot-separated path) says so (`{ multiAz }`: true, or one of `values`,
 * e.g. an RDS instance's standby, an FSx `MULTI_AZ_1` deployment), or in one zone (`zonal`: what survives is its backups).
 */
export type ZoneSpread = "regional" | "zonal" | { multiAz: string; values?: readonly unknown[] } | { oneZoneWhen: string };

/**
 * How to meet a missed target for a type our program does not build, naming what to change on the resource itself
 * (DESIGN §16): an off-site copy in `where` for a region loss, a point-in-time copy for a corruption, a copy outside
 * the zone for a zone loss.
 */
export interface StoreRemedies {
    regionCopy: (where: string) => string;
    pointInTime: string;
    zone?: string;
}

/** One entry of the vocabulary. */
export interface StoreType {
    /** The Pulumi type token. */
    type: string;
    kind: StoreKind;
    /** Holds data of its own: must carry the DR tags (dr-classification) and is judged as a store. */
    stateful: boolean;
    /** How messages name it: "the table itself". */
    noun: string;
    replicas?: ReplicaReader;
    pointInTime?: PointInTimeReader;
    backup?: BackupSupport;
    /** The IAM service whose write actions change it (s3 for a bucket); absent: any write counts. */
    writeService?: string;
    /** The list of our program's stack config that declares it. */
    config?: ConfigEntry;
    /** Whether its data survives the loss of one availability zone (the `az` failure scope). */
    zones?: ZoneSpread;
    /** What must hold so a mistaken call or a stolen disk loses nothing (dr-store-protection). */
    guards: StoreGuard[];
    /** What a drifted property of it means (first match wins, before the rules for every type). */
    drift: PropertyMeaning[];
    /** How to meet a missed RPO target on the resource itself, for types without our config entry. */
    remedies?: StoreRemedies;
}

const isTrue = (value: unknown): boolean | Unknown => (value === UNKNOWN ? UNKNOWN : value === true);

/** A name property set to a non-empty string (a final snapshot's name). */
const isNamed = (value: unknown): boolean | Unknown => (value === UNKNOWN ? UNKNOWN : typeof value === "string" && value !== "");

/** What a missing guard leaves exposed, in a finding. */
const DELETE_RISK = "one mistaken delete, by a person or a pipeline, destroys it and its data";
const AT_REST_RISK = "its data sits unencrypted on disk and in every snapshot";
const IN_TRANSIT_RISK = "its data crosses the network unencrypted";
const FINAL_COPY_RISK = "one mistaken delete, by a person or a pipeline, keeps no final copy of its data";

const sameEntry = (name: string) => name;

const DELETION_PROTECTION: PropertyMeaning = {
    class: "recovery-critical",
    path: /^deletionProtection(Enabled)?$/,
    why: "deletion protection keeps one mistaken call from deleting the store and its data",
};

const BUCKET_DRIFT: PropertyMeaning[] = [
    {
        class: "residency-critical",
        path: /^replicationConfiguration\.rules?\.destinations?\.bucket/,
        why: "the replication destination is where every object is copied",
    },
    {
        class: "recovery-critical",
        path: /^(versioning|objectLockConfiguration|lifecycleRules?)(\.|$)/,
        why: "versioning and object lock keep overwritten and deleted objects recoverable",
    },
];

const BUCKET_CONFIG: ConfigEntry = {
    list: "dr:buckets",
    keys: { replicas: "replicationRegion", rpo: "rpo", classification: "classification" },
    entryName: (name) => name.replace(/-replica$/, ""),
};

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html, .../Versioning.html
const BUCKET_REMEDIES: StoreRemedies = {
    regionCopy: (where) =>
        `replicate it to a bucket in ${where} with an aws.s3.BucketReplicationConfig rule whose destination enables replicationTime and metrics (S3 Replication Time Control, 15 minutes), or raise its dr:rpo`,
    pointInTime: "enable versioning (an aws.s3.BucketVersioning with status Enabled), which keeps every overwritten or deleted object",
};

const DATABASE_CONFIG: ConfigEntry = {
    list: "dr:databases",
    keys: { replicas: "replicaRegions", rpo: "rpo", classification: "classification" },
    entryName: sameEntry,
};

const DATABASE_DELETION_PROTECTION: StoreGuard = {
    what: "deletion protection",
    property: "deletionProtection",
    fix: "set deletionProtection: true",
    risk: DELETE_RISK,
    holds: (p) => isTrue(p.deletionProtection),
};

/**
 * The four FSx file systems: always encrypted at rest, backed up daily when automaticBackupRetentionDays is above zero,
 * a final backup on delete unless skipped. https://docs.aws.amazon.com/fsx/latest/WindowsGuide/using-backups.html
 * https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html
 */
function fsxType(type: string, zones: ZoneSpread, finalBackup: StoreGuard | undefined, zoneFix: string): StoreType {
    return {
        type,
        zones,
        kind: "file-system",
        stateful: true,
        noun: "store",
        pointInTime: "fsx-backups",
        backup: { protectedResourceType: "FSx", arnService: "fsx" },
        guards: finalBackup ? [finalBackup] : [],
        drift: [
            {
                class: "recovery-critical",
                path: /^(automaticBackupRetentionDays|skipFinalBackup|deploymentType)$/,
                why: "daily backups, the final backup and a Multi-AZ deployment are what survive a corruption, a delete and a zone loss",
            },
        ],
        remedies: {
            regionCopy: (where) =>
                `back it up with AWS Backup and copy each recovery point to a vault in ${where}, or raise the store's dr:rpo`,
            pointInTime:
                "set automaticBackupRetentionDays to 1–90 days for a daily automatic backup, or back it up with AWS Backup more often",
            zone: zoneFix,
        },
    };
}

/** FSx has no deletion protection: the final backup is what survives a delete. https://docs.aws.amazon.com/fsx/latest/APIReference/API_DeleteFileSystem.html */
const FINAL_BACKUP: StoreGuard = {
    what: "a final backup on delete",
    property: "skipFinalBackup",
    fix: "set skipFinalBackup: false",
    risk: FINAL_COPY_RISK,
    holds: (p) => (p.skipFinalBackup === UNKNOWN ? UNKNOWN : p.skipFinalBackup !== true),
};

const MULTI_AZ_DEPLOYMENTS = ["MULTI_AZ_1", "MULTI_AZ_2"];

const FSX_TYPES: StoreType[] = [
    // Lustre runs in one zone; a SCRATCH file system keeps no backups at all. https://docs.aws.amazon.com/fsx/latest/LustreGuide/using-backups-fsx.html
    fsxType(
        STORE_TOKENS.lustreFileSystem,
        "zonal",
        {
            ...FINAL_BACKUP,
            fix: "set skipFinalBackup: false (a PERSISTENT deployment)",
            holds: (p) => (/^SCRATCH/.test(String(p.deploymentType)) ? true : FINAL_BACKUP.holds(p)),
        },
        "a Lustre file system lives in one zone: back it up more often, or keep the data in a Multi-AZ file system",
    ),
    // https://docs.aws.amazon.com/fsx/latest/WindowsGuide/high-availability-multiAZ.html
    fsxType(
        STORE_TOKENS.windowsFileSystem,
        { multiAz: "deploymentType", values: MULTI_AZ_DEPLOYMENTS },
        FINAL_BACKUP,
        'create it with deploymentType "MULTI_AZ_1"',
    ),
    // An ONTAP file system has no final-backup setting (its volumes do). https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/high-availability-AZ.html
    fsxType(
        STORE_TOKENS.ontapFileSystem,
        { multiAz: "deploymentType", values: MULTI_AZ_DEPLOYMENTS },
        undefined,
        'create it with deploymentType "MULTI_AZ_1" or "MULTI_AZ_2"',
    ),
    // https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/availability-durability.html
    fsxType(
        STORE_TOKENS.openZfsFileSystem,
        { multiAz: "deploymentType", values: MULTI_AZ_DEPLOYMENTS },
        FINAL_BACKUP,
        'create it with deploymentType "MULTI_AZ_1"',
    ),
];

export const STORE_TYPES: readonly StoreType[] = [
    {
        type: STORE_TOKENS.table,
        // "DynamoDB ... replicates data across three Availability Zones." https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/disaster-recovery-resiliency.html
        zones: "regional",
        kind: "table",
        stateful: true,
        noun: "table",
        replicas: "global-table",
        pointInTime: "dynamodb-pitr",
        backup: { protectedResourceType: "DynamoDB", arnService: "dynamodb", arnResource: { property: "name", prefix: "table/" } },
        writeService: "dynamodb",
        config: {
            list: "dr:tables",
            keys: { replicas: "replicaRegions", rpo: "rpo", classification: "classification" },
            entryName: sameEntry,
        },
        guards: [
            {
                what: "deletion protection",
                property: "deletionProtectionEnabled",
                fix: "set deletionProtectionEnabled: true",
                risk: DELETE_RISK,
                holds: (p) => isTrue(record(p).deletionProtectionEnabled),
            },
        ],
        // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html, .../PointInTimeRecovery_Howitworks.html
        remedies: {
            regionCopy: (where) =>
                `add a replica in ${where} to the table's replicas ([{regionName: "${where}", pointInTimeRecovery: true}]; a global-table replica lags about a second), or raise its dr:rpo`,
            pointInTime: "set pointInTimeRecovery: {enabled: true} on the table, which restores to about 5 minutes before a corruption",
        },
        drift: [
            {
                class: "residency-critical",
                path: /^replicas?(\.|$)/,
                why: "a global-table replica is a full copy of the table in its region: a replica added or moved changes where the data lives",
            },
            {
                class: "recovery-critical",
                path: /^pointInTimeRecovery/,
                why: "point-in-time recovery restores the table to about 5 minutes before a corruption; without it the newest clean copy is the last backup",
            },
            DELETION_PROTECTION,
            { class: "recovery-critical", path: /^stream(Enabled|ViewType)$/, why: "global tables replicate through the table's stream" },
        ],
    },
    {
        type: STORE_TOKENS.bucket,
        // S3 Standard stores objects across at least three Availability Zones. https://docs.aws.amazon.com/AmazonS3/latest/userguide/DataDurability.html
        zones: "regional",
        kind: "bucket",
        stateful: true,
        noun: "store",
        replicas: "s3-replication",
        pointInTime: "s3-versioning",
        backup: { protectedResourceType: "S3", arnService: "s3", arnResource: { property: "bucket", prefix: "" } },
        writeService: "s3",
        config: BUCKET_CONFIG,
        guards: [],
        remedies: BUCKET_REMEDIES,
        drift: BUCKET_DRIFT,
    },
    {
        type: STORE_TOKENS.bucketV2,
        zones: "regional",
        kind: "bucket",
        stateful: true,
        noun: "store",
        replicas: "s3-replication",
        pointInTime: "s3-versioning",
        backup: { protectedResourceType: "S3", arnService: "s3", arnResource: { property: "bucket", prefix: "" } },
        writeService: "s3",
        config: BUCKET_CONFIG,
        guards: [],
        remedies: BUCKET_REMEDIES,
        drift: BUCKET_DRIFT,
    },
    {
        type: STORE_TOKENS.rdsCluster,
        // Aurora keeps six copies of the cluster volume across three zones, whether or not its instances span zones.
        // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
        zones: "regional",
        kind: "database",
        stateful: true,
        noun: "store",
        replicas: "database",
        pointInTime: "database-automated-backups",
        backup: { protectedResourceType: "Aurora", arnService: "rds", arnResource: { property: "clusterIdentifier", prefix: "cluster:" } },
        config: DATABASE_CONFIG,
        guards: [
            DATABASE_DELETION_PROTECTION,
            // A provisioned Aurora cluster is unencrypted unless asked, and encryption cannot be turned on later.
            // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
            {
                what: "storage encryption",
                property: "storageEncrypted",
                fix: "set storageEncrypted: true with kmsKeyId, the region's customer-managed key (a new cluster: encryption cannot be added to an existing one)",
                risk: AT_REST_RISK,
                holds: (p) => isTrue(p.storageEncrypted),
            },
        ],
        // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-getting-started.html
        remedies: {
            regionCopy: (where) =>
                `make the cluster the primary of an aws.rds.GlobalCluster with a secondary cluster in ${where} (replication lag under a second), or raise its dr:rpo`,
            pointInTime:
                "keep automated backups (backupRetentionPeriod of 1 to 35 days), which restore to about 5 minutes before a corruption",
        },
        drift: [DELETION_PROTECTION],
    },
    {
        type: STORE_TOKENS.rdsInstance,
        // A Multi-AZ instance keeps a synchronous standby in another zone; a Single-AZ one has only its backups there.
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
        zones: { multiAz: "multiAz" },
        kind: "database",
        stateful: true,
        noun: "store",
        replicas: "database",
        pointInTime: "database-automated-backups",
        backup: { protectedResourceType: "RDS", arnService: "rds", arnResource: { property: "identifier", prefix: "db:" } },
        config: DATABASE_CONFIG,
        guards: [
            DATABASE_DELETION_PROTECTION,
            // A cross-region replica is encrypted by its kmsKeyId; storageEncrypted is ignored there.
            {
                what: "storage encryption",
                property: "storageEncrypted",
                fix: "set storageEncrypted: true with kmsKeyId, the region's customer-managed key",
                risk: AT_REST_RISK,
                holds: (p) => (p.replicateSourceDb !== undefined && p.kmsKeyId !== undefined ? true : isTrue(p.storageEncrypted)),
            },
            {
                what: "automated backups",
                property: "backupRetentionPeriod",
                fix: "set backupRetentionPeriod to 1-35 days",
                risk: "a corruption or deletion leaves no point-in-time copy to restore",
                holds: (p) =>
                    p.backupRetentionPeriod === UNKNOWN
                        ? UNKNOWN
                        : typeof p.backupRetentionPeriod === "number" && p.backupRetentionPeriod > 0,
            },
        ],
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html, .../Concepts.MultiAZSingleStandby.html
        remedies: {
            regionCopy: (where) =>
                `add a cross-region read replica in ${where} (an aws.rds.Instance there whose replicateSourceDb is this instance's ARN), or raise its dr:rpo`,
            pointInTime:
                "keep automated backups (backupRetentionPeriod of 1 to 35 days), which restore to about 5 minutes before a corruption",
            zone: "set multiAz: true, which keeps a synchronous standby in another zone",
        },
        drift: [DELETION_PROTECTION],
    },
    {
        type: STORE_TOKENS.ebsVolume,
        // "An EBS volume ... is automatically replicated within its Availability Zone." https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes.html
        zones: "zonal",
        kind: "volume",
        stateful: true,
        noun: "store",
        backup: { protectedResourceType: "EBS", arnService: "ec2" },
        guards: [],
        drift: [],
    },
    {
        type: STORE_TOKENS.efsFileSystem,
        // Regional file systems span zones; a One Zone file system (availabilityZoneName set) lives in one.
        // https://docs.aws.amazon.com/efs/latest/ug/availability-durability.html
        zones: { oneZoneWhen: "availabilityZoneName" },
        kind: "file-system",
        stateful: true,
        noun: "store",
        replicas: "efs-replication",
        pointInTime: "efs-automatic-backups",
        backup: { protectedResourceType: "EFS", arnService: "elasticfilesystem" },
        guards: [
            // An API-created file system is unencrypted unless asked, and encryption cannot be added later.
            // https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
            {
                what: "encryption at rest",
                property: "encrypted",
                fix: "set encrypted: true with kmsKeyId (a new file system: encryption cannot be added to an existing one)",
                risk: AT_REST_RISK,
                holds: (p) => isTrue(p.encrypted),
            },
        ],
        drift: [
            { class: "recovery-critical", path: /^availabilityZoneName$/, why: "a One Zone file system is lost with its zone" },
            { class: "security", path: /^(encrypted|kmsKeyId)$/, why: "encryption at rest protects the data on disk and in every backup" },
        ],
        remedies: {
            regionCopy: (where) =>
                `replicate it to ${where} with an aws.efs.ReplicationConfiguration (destination.region; RPO ${formatDuration(FIGURES.efsReplicationLag)} for most file systems), or raise the store's dr:rpo`,
            pointInTime:
                'turn on its automatic backups (an aws.efs.BackupPolicy with status "ENABLED": daily, 35 days), or back it up with AWS Backup more often',
            zone: "create it as a Regional file system (no availabilityZoneName), which keeps its data across zones",
        },
    },
    {
        type: STORE_TOKENS.redshiftCluster,
        // A cluster runs in one zone unless Multi-AZ (RA3); its automated snapshots live in S3, outside the zone.
        // https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-multi-az.html
        zones: { multiAz: "multiAz" },
        kind: "warehouse",
        stateful: true,
        noun: "store",
        pointInTime: "redshift-snapshots",
        // AWS Backup backs up provisioned clusters, but restore testing does not take Redshift.
        backup: { arnService: "redshift", arnResource: { property: "clusterIdentifier", prefix: "cluster:" } },
        guards: [
            // Redshift has no deletion protection: a final snapshot is what survives a delete.
            // https://docs.aws.amazon.com/redshift/latest/APIReference/API_DeleteCluster.html
            {
                what: "a final snapshot on delete",
                property: "skipFinalSnapshot",
                fix: "set skipFinalSnapshot: false with a finalSnapshotIdentifier",
                risk: FINAL_COPY_RISK,
                holds: (p) => (p.skipFinalSnapshot === UNKNOWN ? UNKNOWN : p.skipFinalSnapshot !== true),
            },
            {
                what: "encryption at rest",
                property: "encrypted",
                fix: "set encrypted: true with kmsKeyId, the region's customer-managed key",
                risk: AT_REST_RISK,
                holds: (p) => isTrue(p.encrypted),
            },
        ],
        drift: [
            {
                class: "recovery-critical",
                path: /^(automatedSnapshotRetentionPeriod|skipFinalSnapshot|multiAz)$/,
                why: "automated snapshots, the final snapshot and Multi-AZ are what survive a corruption, a delete and a zone loss",
            },
            {
                class: "security",
                path: /^(encrypted|kmsKeyId)$/,
                why: "encryption at rest protects the data on disk and in every snapshot",
            },
        ],
        remedies: {
            regionCopy: (where) =>
                `copy its automated snapshots to ${where} with an aws.redshift.SnapshotCopy (destinationRegion; a copy lags its snapshot, taken every ${formatDuration(FIGURES.redshiftSnapshotInterval)} or 5 GB per node of changes), or back it up with AWS Backup copying to ${where}, or raise the store's dr:rpo`,
            pointInTime:
                "keep automated snapshots (automatedSnapshotRetentionPeriod 1–35 days, every 8 hours or 5 GB per node of changes), or back it up with AWS Backup more often",
            zone: "set multiAz: true (RA3 node types), which runs the cluster in two zones",
        },
    },
    {
        type: STORE_TOKENS.cacheReplicationGroup,
        // Multi-AZ keeps a replica in another zone and fails over to it (replication is asynchronous: writes in flight may
        // be lost). https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html
        zones: { multiAz: "multiAzEnabled" },
        kind: "cache",
        stateful: true,
        noun: "store",
        replicas: "cache-global-datastore",
        pointInTime: "cache-snapshots",
        guards: [
            // Encryption cannot be turned on for an existing group; a global datastore's secondary takes its primary's.
            // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
            {
                what: "encryption at rest",
                property: "atRestEncryptionEnabled",
                fix: "set atRestEncryptionEnabled: true with kmsKeyId (a new group: it cannot be turned on for an existing one)",
                risk: AT_REST_RISK,
                holds: (p) => isTrue(p.atRestEncryptionEnabled),
            },
            // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
            {
                what: "encryption in transit",
                property: "transitEncryptionEnabled",
                fix: "set transitEncryptionEnabled: true",
                risk: IN_TRANSIT_RISK,
                holds: (p) => isTrue(p.transitEncryptionEnabled),
            },
            // ElastiCache has no deletion protection: the final snapshot is what survives a delete.
            // https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteReplicationGroup.html
            {
                what: "a final snapshot on delete",
                property: "finalSnapshotIdentifier",
                fix: "set finalSnapshotIdentifier",
                risk: FINAL_COPY_RISK,
                holds: (p) => isNamed(p.finalSnapshotIdentifier),
            },
        ],
        drift: [
            {
                class: "residency-critical",
                path: /^globalReplicationGroupId$/,
                why: "membership of a global datastore copies the data to its other regions",
            },
            {
                class: "recovery-critical",
                path: /^(snapshotRetentionLimit|finalSnapshotIdentifier|multiAzEnabled|automaticFailoverEnabled|numCacheClusters|replicasPerNodeGroup)$/,
                why: "snapshots, the final snapshot and replicas in other zones are what survive a corruption, a delete and a zone loss",
            },
            {
                class: "security",
                path: /^(atRestEncryptionEnabled|transitEncryptionEnabled|kmsKeyId)$/,
                why: "encryption protects the data on disk, in snapshots and on the wire",
            },
        ],
        remedies: {
            regionCopy: (where) =>
                `add a secondary replication group in ${where} to a global datastore (an aws.elasticache.GlobalReplicationGroup whose primaryReplicationGroupId is this group; lag ≈ ${formatDuration(FIGURES.cacheGlobalDatastoreLag)}), or raise the store's dr:rpo`,
            pointInTime: "set snapshotRetentionLimit to 1–35 days for a daily automatic snapshot, or raise the target to a day",
            zone: "set multiAzEnabled: true and automaticFailoverEnabled: true, with a replica in another zone (numCacheClusters 2 or more)",
        },
    },
    {
        type: STORE_TOKENS.cacheCluster,
        // One node lives in one zone; Memcached's cross-az nodes each hold different keys, so a zone loss loses its share.
        // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/FaultTolerance.html
        zones: "zonal",
        kind: "cache",
        stateful: true,
        noun: "store",
        pointInTime: "cache-snapshots",
        guards: [
            // A node of a replication group is guarded through its group (its replicationGroupId).
            {
                what: "encryption in transit",
                property: "transitEncryptionEnabled",
                fix: "set transitEncryptionEnabled: true (Memcached 1.6.12 or later in a VPC); a Valkey or Redis OSS node is encrypted in transit and at rest only in a replication group (aws.elasticache.ReplicationGroup)",
                risk: IN_TRANSIT_RISK,
                holds: (p) => (p.replicationGroupId !== undefined ? true : isTrue(p.transitEncryptionEnabled)),
            },
            // Memcached keeps no snapshot to take. https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheCluster.html
            {
                what: "a final snapshot on delete",
                property: "finalSnapshotIdentifier",
                fix: "set finalSnapshotIdentifier",
                risk: FINAL_COPY_RISK,
                holds: (p) => (p.replicationGroupId !== undefined || p.engine === "memcached" ? true : isNamed(p.finalSnapshotIdentifier)),
            },
        ],
        drift: [
            {
                class: "recovery-critical",
                path: /^(snapshotRetentionLimit|finalSnapshotIdentifier|azMode|availabilityZone|preferredAvailabilityZones)$/,
                why: "snapshots and the zones its nodes live in decide what survives a corruption, a delete and a zone loss",
            },
            { class: "security", path: /^transitEncryptionEnabled$/, why: "encryption in transit protects the data on the wire" },
        ],
        remedies: {
            regionCopy: (where) =>
                `a single node has no cross-region copy: move it into a replication group (aws.elasticache.ReplicationGroup) with a global datastore secondary in ${where}, or raise the store's dr:rpo`,
            pointInTime:
                "set snapshotRetentionLimit to 1–35 days for a daily automatic snapshot (Valkey or Redis OSS; Memcached keeps none)",
            zone: "move it into a replication group with multiAzEnabled: true",
        },
    },
    {
        type: STORE_TOKENS.serverlessCache,
        // A serverless cache stores its data redundantly across zones and is always encrypted at rest and in transit.
        // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/WhatIs.corecomponents.html
        // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
        zones: "regional",
        kind: "cache",
        stateful: true,
        noun: "store",
        pointInTime: "cache-snapshots",
        guards: [],
        drift: [
            {
                class: "recovery-critical",
                path: /^(snapshotRetentionLimit|dailySnapshotTime)$/,
                why: "daily snapshots are what survive a corruption",
            },
        ],
        remedies: {
            regionCopy: (where) =>
                `a serverless cache has no cross-region replication (global datastores take node-based replication groups only): keep the data in a replication group with a global datastore secondary in ${where}, or raise the store's dr:rpo`,
            pointInTime: "set snapshotRetentionLimit for a daily automatic snapshot (dailySnapshotTime), or raise the target to a day",
        },
    },
    {
        type: STORE_TOKENS.searchDomain,
        // Zone awareness puts each primary shard and its replica in different zones. https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html
        zones: { multiAz: "clusterConfig.zoneAwarenessEnabled" },
        kind: "search",
        stateful: true,
        noun: "store",
        pointInTime: "search-snapshots",
        guards: [
            // Off unless the encryptAtRest block turns it on; it cannot be turned off again. https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
            {
                what: "encryption at rest",
                property: "encryptAtRest.enabled",
                fix: "set encryptAtRest: { enabled: true, kmsKeyId }",
                risk: AT_REST_RISK,
                holds: (p) => isTrue(at(p, "encryptAtRest.enabled")),
            },
            // https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
            {
                what: "node-to-node encryption",
                property: "nodeToNodeEncryption.enabled",
                fix: "set nodeToNodeEncryption: { enabled: true }",
                risk: IN_TRANSIT_RISK,
                holds: (p) => isTrue(at(p, "nodeToNodeEncryption.enabled")),
            },
        ],
        drift: [
            {
                class: "recovery-critical",
                path: /^clusterConfig\.(zoneAwarenessEnabled|zoneAwarenessConfig|multiAzWithStandbyEnabled|instanceCount)/,
                why: "zone awareness and replicas keep the indexes through a zone loss",
            },
            {
                class: "security",
                path: /^(encryptAtRest|nodeToNodeEncryption|domainEndpointOptions)(\.|$)/,
                why: "encryption protects the data on disk, in snapshots and on the wire",
            },
        ],
        remedies: {
            regionCopy: (where) =>
                `its automated snapshots stay in its region: register a snapshot repository in an S3 bucket replicated to ${where} and take snapshots on a schedule (Snapshot Management), or replicate its indexes to a follower domain in ${where} (cross-cluster replication), or raise the store's dr:rpo`,
            pointInTime: `its automated snapshots are hourly and not configurable: raise the target to at least ${formatDuration(FIGURES.searchSnapshotInterval)}, or take manual snapshots more often`,
            zone: "set clusterConfig.zoneAwarenessEnabled: true, with a replica of every index",
        },
    },
    {
        type: STORE_TOKENS.docdbCluster,
        // The cluster volume keeps six copies across three zones. https://docs.aws.amazon.com/documentdb/latest/developerguide/replication.html
        zones: "regional",
        kind: "database",
        stateful: true,
        noun: "store",
        replicas: "database",
        pointInTime: "database-automated-backups",
        backup: {
            protectedResourceType: "DocumentDB",
            arnService: "rds",
            arnResource: { property: "clusterIdentifier", prefix: "cluster:" },
        },
        guards: [
            DATABASE_DELETION_PROTECTION,
            // Unencrypted unless asked, and encryption cannot be added later. https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html
            {
                what: "storage encryption",
                property: "storageEncrypted",
                fix: "set storageEncrypted: true with kmsKeyId (a new cluster: encryption cannot be added to an existing one)",
                risk: AT_REST_RISK,
                holds: (p) => isTrue(p.storageEncrypted),
            },
        ],
        drift: [
            DELETION_PROTECTION,
            {
                class: "residency-critical",
                path: /^globalClusterIdentifier$/,
                why: "membership of a global cluster copies the data to its other regions",
            },
            {
                class: "recovery-critical",
                path: /^backupRetentionPeriod$/,
                why: "automated backups restore the cluster to a point before a corruption",
            },
        ],
        remedies: {
            regionCopy: (where) =>
                `add a secondary cluster in ${where} to a global cluster (aws.docdb.GlobalCluster, globalClusterIdentifier; lag < ${formatDuration(FIGURES.docdbGlobalLag)}), or raise the store's dr:rpo`,
            pointInTime: `its automated backups restore to about ${formatDuration(FIGURES.rdsPitrLag)} back: raise the target to at least that`,
        },
    },
    {
        type: STORE_TOKENS.neptuneCluster,
        // The cluster volume keeps six copies across three zones. https://docs.aws.amazon.com/neptune/latest/userguide/feature-overview-storage.html
        zones: "regional",
        kind: "database",
        stateful: true,
        noun: "store",
        replicas: "database",
        pointInTime: "database-automated-backups",
        backup: { protectedResourceType: "Neptune", arnService: "rds", arnResource: { property: "clusterIdentifier", prefix: "cluster:" } },
        guards: [
            DATABASE_DELETION_PROTECTION,
            // Unencrypted unless asked, and encryption cannot be added later. https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html
            {
                what: "storage encryption",
                property: "storageEncrypted",
                fix: "set storageEncrypted: true with kmsKeyArn (a new cluster: encryption cannot be added to an existing one)",
                risk: AT_REST_RISK,
                holds: (p) => isTrue(p.storageEncrypted),
            },
        ],
        drift: [
            DELETION_PROTECTION,
            {
                class: "residency-critical",
                path: /^globalClusterIdentifier$/,
                why: "membership of a global database copies the data to its other regions",
            },
            {
                class: "recovery-critical",
                path: /^backupRetentionPeriod$/,
                why: "automated backups restore the cluster to a point before a corruption",
            },
        ],
        remedies: {
            regionCopy: (where) =>
                `add a secondary cluster in ${where} to a global database (aws.neptune.GlobalCluster, globalClusterIdentifier; lag < ${formatDuration(FIGURES.neptuneGlobalLag)}), or raise the store's dr:rpo`,
            pointInTime: `its automated backups restore to about ${formatDuration(FIGURES.rdsPitrLag)} back: raise the target to at least that`,
        },
    },
    {
        type: STORE_TOKENS.memorydbCluster,
        // Every write is kept in a Multi-AZ transactional log. https://docs.aws.amazon.com/memorydb/latest/devguide/servicename-feature-overview.html
        zones: "regional",
        kind: "cache",
        stateful: true,
        noun: "store",
        replicas: "memorydb-multi-region",
        pointInTime: "cache-snapshots",
        guards: [
            // Data at rest is always encrypted; TLS is on unless turned off. https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html
            {
                what: "encryption in transit",
                property: "tlsEnabled",
                fix: "set tlsEnabled: true",
                risk: IN_TRANSIT_RISK,
                holds: (p) => isTrue(p.tlsEnabled),
            },
            // MemoryDB has no deletion protection: the final snapshot is what survives a delete.
            // https://docs.aws.amazon.com/memorydb/latest/APIReference/API_DeleteCluster.html
            {
                what: "a final snapshot on delete",
                property: "finalSnapshotName",
                fix: "set finalSnapshotName",
                risk: FINAL_COPY_RISK,
                holds: (p) => isNamed(p.finalSnapshotName),
            },
        ],
        drift: [
            {
                class: "residency-critical",
                path: /^multiRegionClusterName$/,
                why: "membership of a Multi-Region cluster copies the data to its other regions",
            },
            {
                class: "recovery-critical",
                path: /^(snapshotRetentionLimit|finalSnapshotName)$/,
                why: "snapshots and the final snapshot are what survive a corruption and a delete",
            },
            { class: "security", path: /^(tlsEnabled|kmsKeyArn)$/, why: "encryption protects the data on the wire and on disk" },
        ],
        remedies: {
            regionCopy: (where) =>
                `join it to a Multi-Region cluster (aws.memorydb.MultiRegionCluster, multiRegionClusterName) with a regional cluster in ${where} (lag ≈ ${formatDuration(FIGURES.memorydbMultiRegionLag)}), or raise the store's dr:rpo`,
            pointInTime: "set snapshotRetentionLimit to 1–35 days for a daily automatic snapshot, or raise the target to a day",
        },
    },
    ...FSX_TYPES,
    {
        type: STORE_TOKENS.kinesisStream,
        // "Kinesis Data Streams synchronously replicates data across three Availability Zones." https://aws.amazon.com/kinesis/data-streams/faqs/
        zones: "regional",
        kind: "stream",
        stateful: true,
        noun: "store",
        writeService: "kinesis",
        guards: [
            // A stream is unencrypted unless encryptionType is KMS. https://docs.aws.amazon.com/streams/latest/dev/what-is-sse.html
            {
                what: "encryption at rest",
                property: "encryptionType",
                fix: 'set encryptionType: "KMS" with kmsKeyId (alias/aws/kinesis or a customer-managed key)',
                risk: AT_REST_RISK,
                holds: (p) => (p.encryptionType === UNKNOWN ? UNKNOWN : p.encryptionType === "KMS"),
            },
        ],
        drift: [
            {
                class: "recovery-critical",
                path: /^retentionPeriod$/,
                why: "the retention period is how long its records can be read again",
            },
            { class: "security", path: /^(encryptionType|kmsKeyId)$/, why: "encryption at rest protects the records on disk" },
        ],
        remedies: {
            regionCopy: (where) =>
                `Kinesis Data Streams has no cross-region replication or backup: deliver its records to a store with a copy in ${where} (e.g. a Firehose stream into an S3 bucket replicated with RTC), or raise the stream's dr:rpo`,
            pointInTime:
                "its records survive a bad write (they are appended, kept for the retention period) but not the stream's deletion: archive them to a versioned S3 bucket (e.g. through Firehose), or raise the target",
        },
    },
    {
        type: STORE_TOKENS.sqsQueue,
        // SQS stores queues and messages in one region, redundantly across its zones. https://aws.amazon.com/sqs/faqs/
        zones: "regional",
        kind: "stream",
        stateful: true,
        noun: "store",
        writeService: "sqs",
        guards: [
            // New queues are encrypted with SSE-SQS unless the program turns it off. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
            {
                what: "encryption at rest",
                property: "sqsManagedSseEnabled",
                fix: "set sqsManagedSseEnabled: true, or kmsMasterKeyId for SSE-KMS",
                risk: AT_REST_RISK,
                holds: (p) => (typeof p.kmsMasterKeyId === "string" ? true : isTrue(p.sqsManagedSseEnabled)),
            },
        ],
        drift: [
            {
                class: "recovery-critical",
                path: /^messageRetentionSeconds$/,
                why: "the retention period is how long an unprocessed message is kept",
            },
            { class: "security", path: /^(sqsManagedSseEnabled|kmsMasterKeyId)$/, why: "encryption at rest protects the messages on disk" },
        ],
        remedies: {
            regionCopy: (where) =>
                `SQS has no cross-region replication or backup: send each message to a queue in ${where} too (e.g. through an SNS topic both subscribe to), or raise the queue's dr:rpo`,
            pointInTime:
                "a queue keeps no copy that survives a purge or its deletion: archive messages to a versioned S3 bucket, or raise the target",
        },
    },
    {
        type: STORE_TOKENS.tableReplica,
        kind: "part",
        stateful: false,
        noun: "table replica",
        guards: [],
        drift: [
            {
                class: "residency-critical",
                path: /./,
                why: "a replica (of a table or a key) puts the data, or the means to decrypt it, in another region",
            },
        ],
    },
    {
        type: STORE_TOKENS.legacyGlobalTable,
        kind: "part",
        stateful: false,
        noun: "global table",
        guards: [],
        drift: [
            {
                class: "residency-critical",
                path: /^replicas?(\.|$)/,
                why: "a global table's replicas are full copies of the table in their regions",
            },
        ],
    },
    {
        type: STORE_TOKENS.globalCluster,
        kind: "part",
        stateful: false,
        noun: "global database",
        guards: [],
        drift: [DELETION_PROTECTION],
    },
    {
        type: STORE_TOKENS.cacheGlobalDatastore,
        kind: "part",
        stateful: false,
        noun: "global datastore",
        guards: [],
        drift: [
            {
                class: "residency-critical",
                path: /^primaryReplicationGroupId$/,
                why: "a global datastore copies its primary's data to every member's region",
            },
        ],
    },
    {
        type: STORE_TOKENS.docdbGlobalCluster,
        kind: "part",
        stateful: false,
        noun: "global cluster",
        guards: [],
        drift: [DELETION_PROTECTION],
    },
    {
        type: STORE_TOKENS.neptuneGlobalCluster,
        kind: "part",
        stateful: false,
        noun: "global database",
        guards: [],
        drift: [DELETION_PROTECTION],
    },
    {
        type: STORE_TOKENS.memorydbMultiRegionCluster,
        kind: "part",
        stateful: false,
        noun: "Multi-Region cluster",
        guards: [],
        drift: [],
    },
    {
        type: STORE_TOKENS.efsReplication,
        kind: "part",
        stateful: false,
        noun: "EFS replication",
        guards: [],
        drift: [
            { class: "residency-critical", path: /^destination(\.|$)/, why: "the replication destination is where every file is copied" },
        ],
    },
    {
        type: STORE_TOKENS.redshiftSnapshotCopy,
        kind: "part",
        stateful: false,
        noun: "snapshot copy",
        guards: [],
        drift: [
            {
                class: "residency-critical",
                path: /^destinationRegion$/,
                why: "every automated snapshot of the cluster is copied to the destination region",
            },
            {
                class: "recovery-critical",
                path: /^(retentionPeriod|manualSnapshotRetentionPeriod)$/,
                why: "how long the copies in the other region are kept",
            },
        ],
    },
];

const BY_TYPE = new Map(STORE_TYPES.map((s) => [s.type, s]));

/** The vocabulary's entry for a type token, if it names a store or a part of one. */
export function storeTypeOf(type: string): StoreType | undefined {
    return BY_TYPE.get(type);
}

/** The type tokens of one kind of store (`bucket`: both S3 bucket resources). */
export function typesOfKind(kind: StoreKind): string[] {
    return STORE_TYPES.filter((s) => s.kind === kind).map((s) => s.type);
}

/** A key of a store type's config entry as messages name it: `dr:tables[].replicaRegions`. */
export function configEntryKey(type: string, role: keyof ConfigEntryKeys): string | undefined {
    const config = storeTypeOf(type)?.config;
    return config && `${config.list}[].${config.keys[role]}`;
}

/** Resource types that hold data: each must be classified before its recovery can be judged. */
export const STATEFUL_TYPES: readonly string[] = STORE_TYPES.filter((s) => s.stateful).map((s) => s.type);

export function isStatefulType(type: string): boolean {
    return BY_TYPE.get(type)?.stateful === true;
}
