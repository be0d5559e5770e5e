import { FIGURES } from "../figures";
import { perModel } from "./cache";
import { Copy, CopyMechanism, Location, SAME_ACCOUNT, isOffsite } from "./copy";
import { ModelResource, StackModel, TYPES, UNKNOWN, text } from "./resources";

/**
 * Databases: which clusters and instances are copies of another (the secondaries of an Aurora, DocumentDB or Neptune
 * global cluster, RDS read replicas), and the copies a database makes of itself — automated backups, and their
 * replication to another region.
 */

/** Each kind of global cluster: its member clusters' type, its own, its members' DB instances', and what a secondary is. */
const GLOBAL_CLUSTERS: readonly { member: string; global: string; instance: string; mechanism: CopyMechanism; lag: number }[] = [
    {
        member: TYPES.rdsCluster,
        global: TYPES.globalCluster,
        instance: TYPES.rdsClusterInstance,
        mechanism: "aurora-global-secondary",
        lag: FIGURES.auroraReplicaLag,
    },
    {
        member: TYPES.docdbCluster,
        global: TYPES.docdbGlobalCluster,
        instance: TYPES.docdbClusterInstance,
        mechanism: "docdb-global-secondary",
        lag: FIGURES.docdbGlobalLag,
    },
    {
        member: TYPES.neptuneCluster,
        global: TYPES.neptuneGlobalCluster,
        instance: TYPES.neptuneClusterInstance,
        mechanism: "neptune-global-secondary",
        lag: FIGURES.neptuneGlobalLag,
    },
];

const GLOBAL_CLUSTER_OF = new Map(GLOBAL_CLUSTERS.map((g) => [g.member, g]));

/** The DB instances a cluster of a shared volume runs (Aurora, DocumentDB, Neptune); undefined for any other store. */
export function clusterInstances(model: StackModel, cluster: ModelResource): number | undefined {
    const kind = GLOBAL_CLUSTER_OF.get(cluster.type);
    return kind && model.referrers(cluster, kind.instance, "clusterIdentifier").length;
}

function memberOf(model: StackModel, cluster: ModelResource, globalType: string): string | undefined {
    const global = model.deps(cluster, "globalClusterIdentifier", globalType)[0];
    const id = text(cluster.props.globalClusterIdentifier);
    return global?.urn ?? (typeof id === "string" ? id : undefined);
}

/**
 * For each database that is a copy of another, its primary. In a global cluster the primary is the member in the
 * global cluster's region, else the one it was created from (sourceDbClusterIdentifier), else the one that holds the
 * credentials; an RDS replica names its source in replicateSourceDb.
 */
export const databasePrimaries = perModel((model) => {
    const primaryOf = new Map<string, ModelResource>();
    for (const kind of GLOBAL_CLUSTERS) {
        const groups = new Map<string, ModelResource[]>();
        for (const cluster of model.ofType(kind.member)) {
            const key = memberOf(model, cluster, kind.global);
            if (key !== undefined) {
                groups.set(key, [...(groups.get(key) ?? []), cluster]);
            }
        }
        for (const [key, members] of groups) {
            if (members.length < 2) {
                continue;
            }
            const global = model.byUrn(key);
            const globalRegion = global ? model.regionOf(global) : undefined;
            const source = global ? model.deps(global, "sourceDbClusterIdentifier", kind.member)[0] : undefined;
            const primary =
                members.find((m) => typeof globalRegion === "string" && model.regionOf(m) === globalRegion) ??
                members.find((m) => m.urn === source?.urn) ??
                members.find((m) => m.props.masterUsername !== undefined && m.props.sourceRegion === undefined) ??
                members[0];
            members.filter((m) => m !== primary).forEach((m) => primaryOf.set(m.urn, primary));
        }
    }
    const instances = model.ofType(TYPES.rdsInstance);
    // An instance's identifier and ARN, for a replica that names its source by value rather than by reference.
    const byName = new Map<unknown, ModelResource>();
    for (const instance of instances) {
        [text(instance.props.identifier), text(instance.props.arn)]
            .filter((n) => typeof n === "string")
            .forEach((n) => byName.set(n, instance));
    }
    for (const instance of instances) {
        const named = byName.get(text(instance.props.replicateSourceDb));
        const source = model.deps(instance, "replicateSourceDb", TYPES.rdsInstance)[0] ?? (named !== instance ? named : undefined);
        if (source) {
            primaryOf.set(instance.urn, source);
        }
    }
    return primaryOf;
});

/** Each database's secondaries or read replicas, by its URN: indexed once per model, not searched per database. */
const replicasByPrimary = perModel((model) => {
    const replicas = new Map<string, ModelResource[]>();
    for (const [urn, primary] of databasePrimaries(model)) {
        replicas.set(primary.urn, [...(replicas.get(primary.urn) ?? []), model.byUrn(urn)!]);
    }
    return replicas;
});

function replicasOf(model: StackModel, database: ModelResource): ModelResource[] {
    return replicasByPrimary(model).get(database.urn) ?? [];
}

/**
 * A database's live copies: the secondaries of its global cluster (Aurora, DocumentDB, Neptune: lag under a second, with
 * the DB instances each runs) and RDS read replicas (lag budgeted).
 */
export function databaseReplicaCopies(model: StackModel, database: ModelResource, home: Location): Copy[] {
    return replicasOf(model, database).map((replica): Copy => {
        const location: Location = { region: model.regionOf(replica) ?? UNKNOWN, account: SAME_ACCOUNT };
        const global = GLOBAL_CLUSTER_OF.get(replica.type);
        return {
            kind: "replica",
            mechanism: global?.mechanism ?? "rds-read-replica",
            medium: "live",
            location,
            offsite: isOffsite(home, location),
            lagSeconds: global?.lag ?? FIGURES.rdsReplicaLag,
            pointInTime: false,
            immutable: false,
            lock: "none",
            instances: clusterInstances(model, replica),
            resource: replica,
        };
    });
}

/**
 * A database's own point-in-time copies: automated backups, kept when backupRetentionPeriod is above zero
 * (restorable to about five minutes back, in its region), and their replication to another region. DocumentDB and
 * Neptune clusters, like Aurora's, keep a day at least and restore to a point in time the same way.
 * https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore-point_in_time_recovery.html
 * https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-overview.html
 */
export function automatedBackupCopies(model: StackModel, database: ModelResource, home: Location): Copy[] {
    const copies: Copy[] = [];
    const made = { kind: "backup" as const, medium: "snapshot" as const, pointInTime: true, immutable: false, lock: "none" as const };
    const retention = database.props.backupRetentionPeriod;
    // A cluster keeps at least a day whatever is set; an RDS instance with 0 keeps none.
    if ((typeof retention === "number" && retention > 0) || (GLOBAL_CLUSTER_OF.has(database.type) && retention === undefined)) {
        copies.push({
            ...made,
            mechanism: "automated-backup",
            location: home,
            offsite: false,
            lagSeconds: FIGURES.rdsPitrLag,
            resource: database,
        });
    }
    for (const replication of model.referrers(database, TYPES.automatedBackupsReplication, "sourceDbInstanceArn")) {
        const location: Location = { region: model.regionOf(replication) ?? UNKNOWN, account: SAME_ACCOUNT };
        copies.push({
            ...made,
            mechanism: "replicated-automated-backup",
            location,
            offsite: isOffsite(home, location),
            lagSeconds: FIGURES.rdsBackupReplicationLag,
            resource: replication,
        });
    }
    return copies;
}
