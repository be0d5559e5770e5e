import { VaultLockMode } from "../contract";
import { ModelResource, UNKNOWN, Unknown } from "./resources";

/** The account of a location that is the stack's own. */
export const SAME_ACCOUNT = "same";

/** Where a copy lives. `account` is `SAME_ACCOUNT` for this stack's account, else the other account's id. */
export interface Location {
    region: string | Unknown;
    account: string;
}

/** How a copy is made. */
export type CopyMechanism =
    /** The live store itself. */
    | "store"
    | "global-table-replica"
    | "legacy-global-table-replica"
    | "s3-replication"
    /** A recovery point a Backup plan rule writes to its target vault. */
    | "backup"
    /** A copy action's copy of that recovery point in another vault. */
    | "backup-copy"
    /** A secondary cluster of an Aurora global database. */
    | "aurora-global-secondary"
    /** A cross-region read replica of an RDS instance. */
    | "rds-read-replica"
    /** RDS and Aurora automated backups: snapshots and transaction logs, restorable to a point in time. */
    | "automated-backup"
    /** An RDS instance's automated backups replicated to another region. */
    | "replicated-automated-backup"
    /** A secondary cluster of a DocumentDB global cluster. */
    | "docdb-global-secondary"
    /** A secondary cluster of a Neptune global database. */
    | "neptune-global-secondary"
    /** A secondary replication group of an ElastiCache global datastore. */
    | "cache-global-secondary"
    /** Another regional cluster of a MemoryDB Multi-Region cluster (active-active: it takes writes too). */
    | "memorydb-regional-cluster"
    /** An EFS replication configuration's destination file system (read-only until the replication is deleted). */
    | "efs-replication"
    /** A Redshift cluster's automated snapshots, in its region. */
    | "redshift-automated-snapshot"
    /** Those snapshots copied to another region (a snapshot copy). */
    | "redshift-snapshot-copy"
    /** ElastiCache or MemoryDB daily automatic snapshots. */
    | "cache-snapshot"
    /** OpenSearch Service's hourly automated snapshots. */
    | "search-automated-snapshot"
    /** FSx daily automatic backups. */
    | "fsx-automatic-backup"
    /** EFS automatic backups: AWS Backup's default EFS plan, daily, into the default EFS vault. */
    | "efs-automatic-backup";

/** One copy of a store's data, as structured data; the rules put it into words. */
export interface Copy {
    /** live: the store itself; replica: a continuously replicated copy; backup: a recovery point in a vault. */
    kind: "live" | "replica" | "backup";
    mechanism: CopyMechanism;
    /** Storage medium for 3-2-1: the live service, a backup vault, or the database service's own snapshots. */
    medium: "live" | "vault" | "snapshot";
    location: Location;
    /** Another region or another account than the store's. */
    offsite: boolean;
    /** Worst-case age of the newest data this copy holds, in seconds; undefined when it cannot be told. */
    lagSeconds?: number;
    /** A point-in-time copy: a deletion or corruption of the live data does not reach it. */
    pointInTime: boolean;
    /** Whether the copy is in a vault whose lock can no longer be removed (compliance mode). */
    immutable: boolean;
    /** How the vault holding the copy is locked; none for live copies. */
    lock: VaultLockMode;
    /** Aurora secondaries: the DB instances it runs (none: headless, an instance must be added to serve). */
    instances?: number;
    /** S3 replication: whether Replication Time Control bounds it. */
    rtc?: boolean;
    /** Backups: the schedule as written, and the seconds between its jobs when it parses. */
    schedule?: unknown;
    intervalSeconds?: number;
    /** Backups: the rule's start and completion windows, in seconds, and which of them AWS's defaults set (the rule leaves them unset). */
    windows?: { startSeconds: number; completionSeconds: number; defaulted: ("start" | "completion")[] };
    /** Backups: the vault of the stack that holds the copy. */
    vault?: ModelResource;
    /** Backups: the vault as the rule names it (a name or an ARN) when no vault of the stack matches it. */
    vaultRef?: string | Unknown;
    /** The resource that holds or makes the copy. */
    resource: ModelResource;
}

/** Another account, or a known region other than home. */
export function isOffsite(home: Location, at: Location): boolean {
    return at.account !== SAME_ACCOUNT || (at.region !== UNKNOWN && home.region !== UNKNOWN && at.region !== home.region);
}

/** A live replica of a store in `region`: it copies writes, and deletions and corruption with them. */
export function replicaCopy(
    home: Location,
    mechanism: Copy["mechanism"],
    region: string | Unknown,
    lagSeconds: number,
    resource: ModelResource,
    rtc?: boolean,
): Copy {
    const location: Location = { region, account: SAME_ACCOUNT };
    return {
        kind: "replica",
        mechanism,
        medium: "live",
        location,
        offsite: isOffsite(home, location),
        lagSeconds,
        pointInTime: false,
        immutable: false,
        lock: "none",
        rtc,
        resource,
    };
}
