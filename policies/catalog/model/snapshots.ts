import { FIGURES } from "../figures";
import { Copy, Location, SAME_ACCOUNT, isOffsite } from "./copy";
import { ModelResource, StackModel, TYPES, UNKNOWN, record, text } from "./resources";

/**
 * The point-in-time copies services make of their own stores on a schedule: Redshift's automated snapshots and their
 * copies to another region, ElastiCache and MemoryDB daily snapshots, OpenSearch's hourly snapshots, FSx daily backups,
 * and EFS automatic backups. Each lags its store by its interval at most.
 */

const SNAPSHOT = { kind: "backup" as const, medium: "snapshot" as const, pointInTime: true, immutable: false, lock: "none" as const };

function ownSnapshot(store: ModelResource, home: Location, mechanism: Copy["mechanism"], lagSeconds: number): Copy {
    return { ...SNAPSHOT, mechanism, location: home, offsite: false, lagSeconds, resource: store };
}

function positive(value: unknown): boolean {
    return typeof value === "number" && value > 0;
}

/**
 * A Redshift cluster's automated snapshots (every eight hours or 5 GB per node of changes, kept
 * automatedSnapshotRetentionPeriod days; 0 turns them off) and their copies to another region by a snapshot copy,
 * which copies each new automated snapshot. https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html
 */
export function redshiftSnapshotCopies(model: StackModel, cluster: ModelResource, home: Location): Copy[] {
    if (!positive(cluster.props.automatedSnapshotRetentionPeriod)) {
        return [];
    }
    const name = text(cluster.props.clusterIdentifier);
    const settings = new Set([
        ...model.referrers(cluster, TYPES.redshiftSnapshotCopy, "clusterIdentifier"),
        ...model.ofType(TYPES.redshiftSnapshotCopy).filter((c) => typeof name === "string" && c.props.clusterIdentifier === name),
    ]);
    const copies = [...settings].map((setting): Copy => {
        const location: Location = { region: text(setting.props.destinationRegion) ?? UNKNOWN, account: SAME_ACCOUNT };
        return {
            ...SNAPSHOT,
            mechanism: "redshift-snapshot-copy",
            location,
            offsite: isOffsite(home, location),
            lagSeconds: FIGURES.redshiftSnapshotInterval + FIGURES.redshiftSnapshotCopyLag,
            resource: setting,
        };
    });
    return [ownSnapshot(cluster, home, "redshift-automated-snapshot", FIGURES.redshiftSnapshotInterval), ...copies];
}

/**
 * Daily automatic snapshots of an ElastiCache replication group, node or serverless cache, or a MemoryDB cluster, kept
 * snapshotRetentionLimit days (0 turns them off); Memcached nodes keep none.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html
 */
export function cacheSnapshotCopies(_: StackModel, cache: ModelResource, home: Location): Copy[] {
    const memcached = cache.type === TYPES.cacheCluster && cache.props.engine === "memcached";
    return !memcached && positive(cache.props.snapshotRetentionLimit)
        ? [ownSnapshot(cache, home, "cache-snapshot", FIGURES.cacheSnapshotInterval)]
        : [];
}

/**
 * An OpenSearch domain's automated snapshots: every domain takes them, hourly (daily on Elasticsearch 5.1 and earlier),
 * kept 14 days in a bucket of the service in its region, for restoring the domain itself.
 * https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-snapshots.html
 */
export function searchSnapshotCopies(_: StackModel, domain: ModelResource, home: Location): Copy[] {
    const legacy = /^Elasticsearch_(\d+)\.(\d+)$/.exec(String(domain.props.engineVersion));
    const daily = legacy !== null && (Number(legacy[1]) < 5 || (Number(legacy[1]) === 5 && Number(legacy[2]) < 3));
    return [
        ownSnapshot(
            domain,
            home,
            "search-automated-snapshot",
            daily ? FIGURES.searchLegacySnapshotInterval : FIGURES.searchSnapshotInterval,
        ),
    ];
}

/**
 * An FSx file system's daily automatic backups, kept automaticBackupRetentionDays (0 turns them off); a SCRATCH Lustre
 * file system keeps none. https://docs.aws.amazon.com/fsx/latest/LustreGuide/using-backups-fsx.html
 */
export function fsxBackupCopies(_: StackModel, fileSystem: ModelResource, home: Location): Copy[] {
    const scratch = /^SCRATCH/.test(String(fileSystem.props.deploymentType));
    return !scratch && positive(fileSystem.props.automaticBackupRetentionDays)
        ? [ownSnapshot(fileSystem, home, "fsx-automatic-backup", FIGURES.fsxBackupInterval)]
        : [];
}

/** The vault AWS Backup's default EFS plan writes to. https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html */
const EFS_AUTOMATIC_BACKUP_VAULT = "aws/efs/automatic-backup-vault";

/**
 * An EFS file system's automatic backups: AWS Backup's default EFS plan, daily with AWS Backup's default windows, in the
 * default EFS vault of its region. On when a backup policy says ENABLED, or — without one — for a One Zone file system,
 * whose automatic backups AWS turns on at creation (a Regional one's are off when created through the API).
 * https://docs.aws.amazon.com/efs/latest/ug/automatic-backups.html
 */
export function efsAutomaticBackupCopies(model: StackModel, fileSystem: ModelResource, home: Location): Copy[] {
    const policies = model.referrers(fileSystem, TYPES.efsBackupPolicy, "fileSystemId");
    const status = policies.length > 0 ? record(policies[0].props.backupPolicy).status : undefined;
    const enabled = status === undefined ? typeof fileSystem.props.availabilityZoneName === "string" : status === "ENABLED";
    if (!enabled) {
        return [];
    }
    return [
        {
            kind: "backup",
            mechanism: "efs-automatic-backup",
            medium: "vault",
            location: home,
            offsite: false,
            lagSeconds: FIGURES.efsAutomaticBackupInterval + FIGURES.backupDefaultStartWindow + FIGURES.backupDefaultCompletionWindow,
            pointInTime: true,
            immutable: false,
            lock: "none",
            intervalSeconds: FIGURES.efsAutomaticBackupInterval,
            windows: {
                startSeconds: FIGURES.backupDefaultStartWindow,
                completionSeconds: FIGURES.backupDefaultCompletionWindow,
                defaulted: ["start", "completion"],
            },
            vaultRef: EFS_AUTOMATIC_BACKUP_VAULT,
            resource: policies[0] ?? fileSystem,
        },
    ];
}
