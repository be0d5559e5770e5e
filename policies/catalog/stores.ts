import { UNKNOWN, Unknown, record } from "./model/values";

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
export type StoreKind = "table" | "bucket" | "database" | "volume" | "file-system" | "part";

/** How the model reads a store's continuous copies: one reader each in `model/`. */
export type ReplicaReader = "global-table" | "s3-replication" | "database";

/** How the model reads a store's own point-in-time copies. */
export type PointInTimeReader = "dynamodb-pitr" | "s3-versioning" | "database-automated-backups";

/** How AWS Backup protects a type. https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html */
export interface BackupSupport {
    /** Restore testing's ProtectedResourceType. https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html */
    protectedResourceType: string;
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
    /** Whether it holds; `UNKNOWN` when computed at preview. */
    holds: (props: Record<string, any>) => boolean | Unknown;
}

/**
 * How a store's data fares when one availability zone is lost: kept across zones by the service itself
 * (`regional`), across zones when a property says so (`{ multiAz }`, e.g. an RDS instance's standby), or in one
 * zone (`zonal`: what survives is its backups).
 */
export type ZoneSpread = "regional" | "zonal" | { multiAz: string } | { oneZoneWhen: string };

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
}

const isTrue = (value: unknown): boolean | Unknown => (value === UNKNOWN ? UNKNOWN : value === true);

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

const DATABASE_CONFIG: ConfigEntry = {
    list: "dr:databases",
    keys: { replicas: "replicaRegions", rpo: "rpo", classification: "classification" },
    entryName: sameEntry,
};

const DATABASE_DELETION_PROTECTION: StoreGuard = {
    what: "deletion protection",
    property: "deletionProtection",
    fix: "set deletionProtection: true",
    holds: (p) => isTrue(p.deletionProtection),
};

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
                holds: (p) => isTrue(record(p).deletionProtectionEnabled),
            },
        ],
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
                holds: (p) => isTrue(p.storageEncrypted),
            },
        ],
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
                holds: (p) => (p.replicateSourceDb !== undefined && p.kmsKeyId !== undefined ? true : isTrue(p.storageEncrypted)),
            },
            {
                what: "automated backups",
                property: "backupRetentionPeriod",
                fix: "set backupRetentionPeriod to 1-35 days",
                holds: (p) =>
                    p.backupRetentionPeriod === UNKNOWN
                        ? UNKNOWN
                        : typeof p.backupRetentionPeriod === "number" && p.backupRetentionPeriod > 0,
            },
        ],
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
        backup: { protectedResourceType: "EFS", arnService: "elasticfilesystem" },
        guards: [],
        drift: [],
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

/** That key for every store list of our stack config, once each: `dr:tables[].replicaRegions, dr:buckets[].replicationRegion, …`. */
export function everyConfigEntryKey(role: keyof ConfigEntryKeys): string[] {
    return [...new Set(STORE_TYPES.map((s) => configEntryKey(s.type, role)).filter((k): k is string => k !== undefined))];
}

/** Resource types that hold data: each must be classified before its recovery can be judged. */
export const STATEFUL_TYPES: readonly string[] = STORE_TYPES.filter((s) => s.stateful).map((s) => s.type);

export function isStatefulType(type: string): boolean {
    return BY_TYPE.get(type)?.stateful === true;
}
