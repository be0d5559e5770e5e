import { parseDuration } from "../durations";
import { FIGURES } from "../figures";
import { PointInTimeReader, ReplicaReader, isStatefulType, storeTypeOf } from "../stores";
import { DR_TAGS, REBUILD_TAG } from "../tags";
import { backupCopies } from "./backups";
import { perModel, perResource } from "./cache";
import { Copy, Location, SAME_ACCOUNT } from "./copy";
import { cachePrimaries, globalDatastoreCopies, multiRegionCopies } from "./caches";
import { automatedBackupCopies, databasePrimaries, databaseReplicaCopies } from "./databases";
import {
    bucketReplicaCopies,
    efsReplicaCopies,
    replicaBuckets,
    replicaFileSystems,
    replicatedFrom,
    tableReplicaCopies,
} from "./replication";
import { ModelResource, StackModel, TYPES, UNKNOWN, record, text } from "./resources";
import { cacheSnapshotCopies, efsAutomaticBackupCopies, fsxBackupCopies, redshiftSnapshotCopies, searchSnapshotCopies } from "./snapshots";
import { at } from "./values";
import { Writer, writersOf } from "./writers";

/** A stateful store, its copies and what they achieve. */
export interface StoreRecovery {
    store: ModelResource;
    classification?: string;
    residency?: string;
    /** The store's own RPO target from its `dr:rpo` tag. */
    targetRpo?: number;
    /**
     * For a `reproducible` store, how long rebuilding it from source takes (its `dr:rebuild` tag; Infinity when not
     * told): its source holds every write, so it loses none, and every recovery that loses it waits this long.
     */
    rebuildSeconds?: number;
    home: Location;
    copies: Copy[];
    media: number;
    offsite: number;
    /** The data a loss of the home region costs: the best lag among copies in another region (any account). Infinity without one. */
    regionLossRpo: number;
    /** The copy in another region that achieves it. */
    bestCopy?: Copy;
    /**
     * The data a loss (or compromise) of the stack's account costs: the best lag among copies in another account, or in a
     * logically air-gapped vault. Infinity without one.
     */
    accountLossRpo: number;
    accountCopy?: Copy;
    /** The data a loss of one availability zone costs: none where the store spans zones, else its best surviving copy's lag. */
    zoneLossRpo: number;
    /**
     * The data a corruption or deletion costs, which reaches every replica within its lag: the newest
     * point-in-time copy it cannot reach. Infinity without one.
     */
    pointInTimeRpo: number;
    /** What achieves it: the store's own point-in-time recovery, a versioned bucket's kept versions, or a backup. */
    pointInTimeBy?: "pitr" | "versioning" | Copy;
    /** Services that may write the store, where they run. */
    writers: Writer[];
    /** Buckets whose replication lands in this one (written too, it is a store of its own). */
    replicatedFrom: ModelResource[];
}

function tagOf(store: ModelResource, key: string): string | undefined {
    const value = record(store.props.tags)[key];
    return typeof value === "string" ? value : undefined;
}

/**
 * The stores of a stack: stateful resources, less the copies of another — buckets that only receive another
 * bucket's replication, a global cluster's secondaries (Aurora, DocumentDB, Neptune), RDS read replicas, a global
 * datastore's secondaries, a Multi-Region cluster's other regional clusters, a replication group's nodes, and EFS
 * replication destinations.
 */
export const stores = perModel((model) => {
    const copies = [replicaBuckets(model), databasePrimaries(model), cachePrimaries(model), replicaFileSystems(model)];
    return model.resources.filter((r) => isStatefulType(r.type) && !copies.some((c) => c.has(r.urn)));
});

/** Whether a bucket keeps every overwritten or deleted object as a noncurrent version: its versioning setting, or the legacy inline one. */
export function isVersioned(model: StackModel, bucket: ModelResource): boolean {
    const settings = [
        ...model.referrers(bucket, TYPES.bucketVersioning, "bucket"),
        ...model.referrers(bucket, TYPES.bucketVersioningV2, "bucket"),
    ];
    return (
        settings.some((v) => text(record(v.props.versioningConfiguration).status) === "Enabled") ||
        record(bucket.props.versioning).enabled === true
    );
}

type CopyReader = (model: StackModel, store: ModelResource, home: Location) => Copy[];

/** How each replica reader of the store-type vocabulary reads a store's continuously replicated copies. */
const REPLICA_READERS: Record<ReplicaReader, CopyReader> = {
    "global-table": tableReplicaCopies,
    "s3-replication": bucketReplicaCopies,
    database: databaseReplicaCopies,
    "cache-global-datastore": globalDatastoreCopies,
    "memorydb-multi-region": multiRegionCopies,
    "efs-replication": efsReplicaCopies,
};

/** A store's own point-in-time recovery: copies it makes of itself, and a recovery in place with its lag. */
interface OwnPointInTime {
    copies: Copy[];
    inPlace?: { lagSeconds: number; by: "pitr" | "versioning" };
}

/**
 * How each point-in-time reader of the vocabulary reads what a store keeps of its own past: DynamoDB
 * point-in-time recovery restores to about five minutes ago; a versioned bucket keeps every prior version (no
 * loss until the version expires); a database's automated backups are copies restorable to a point in time; other
 * services' scheduled snapshots and backups are copies as old as their interval (`snapshots.ts`).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 */
const POINT_IN_TIME_READERS: Record<PointInTimeReader, (model: StackModel, store: ModelResource, home: Location) => OwnPointInTime> = {
    "dynamodb-pitr": (_, table) => ({
        copies: [],
        inPlace: record(table.props.pointInTimeRecovery).enabled === true ? { lagSeconds: FIGURES.dynamodbPitrLag, by: "pitr" } : undefined,
    }),
    "s3-versioning": (model, bucket) => ({
        copies: [],
        inPlace: isVersioned(model, bucket) ? { lagSeconds: 0, by: "versioning" } : undefined,
    }),
    "database-automated-backups": (model, database, home) => ({ copies: automatedBackupCopies(model, database, home) }),
    "redshift-snapshots": (model, cluster, home) => ({ copies: redshiftSnapshotCopies(model, cluster, home) }),
    "cache-snapshots": (model, cache, home) => ({ copies: cacheSnapshotCopies(model, cache, home) }),
    "search-snapshots": (model, domain, home) => ({ copies: searchSnapshotCopies(model, domain, home) }),
    "fsx-backups": (model, fileSystem, home) => ({ copies: fsxBackupCopies(model, fileSystem, home) }),
    "efs-automatic-backups": (model, fileSystem, home) => ({ copies: efsAutomaticBackupCopies(model, fileSystem, home) }),
};

/**
 * The newest point-in-time copy a corruption or deletion cannot reach, and its lag: the store's own recovery
 * in place when it has one, otherwise the most frequent point-in-time copy, wherever it is.
 */
function pointInTime(own: OwnPointInTime, copies: Copy[]): { lagSeconds: number; by?: StoreRecovery["pointInTimeBy"] } {
    if (own.inPlace) {
        return own.inPlace;
    }
    const backup = copies
        .filter((c) => c.pointInTime && c.lagSeconds !== undefined)
        .sort((a, b) => (a.lagSeconds as number) - (b.lagSeconds as number))[0];
    return backup ? { lagSeconds: backup.lagSeconds as number, by: backup } : { lagSeconds: Infinity };
}

/** The copy with the least lag, among those whose lag is known. */
function fastest(copies: Copy[]): Copy | undefined {
    return copies.filter((c) => c.lagSeconds !== undefined).sort((a, b) => (a.lagSeconds as number) - (b.lagSeconds as number))[0];
}

/** Whether the store's data survives the loss of one availability zone of its region, by its type's zone spread. */
export function spansZones(store: ModelResource): boolean {
    const spread = storeTypeOf(store.type)?.zones;
    return (
        spread === "regional" ||
        (typeof spread === "object" && "multiAz" in spread && (spread.values ?? [true]).includes(at(store.props, spread.multiAz))) ||
        (typeof spread === "object" && "oneZoneWhen" in spread && store.props[spread.oneZoneWhen] === undefined)
    );
}

/**
 * What a loss of one availability zone costs a store: nothing where the service keeps its data across zones (the
 * store-type vocabulary says where), else the newest copy outside the store itself — a backup in a vault, automated
 * backups, a replica — since those are regional or elsewhere. Infinity without one.
 */
function zoneLoss(store: ModelResource, copies: Copy[]): number {
    return spansZones(store) ? 0 : (fastest(copies.filter((c) => c.kind !== "live"))?.lagSeconds ?? Infinity);
}

/** Everything the model knows about one store's copies and recovery point. */
export const storeRecovery = perResource((model: StackModel, store: ModelResource): StoreRecovery => {
    const home: Location = { region: model.regionOf(store) ?? UNKNOWN, account: SAME_ACCOUNT };
    const live: Copy = {
        kind: "live",
        mechanism: "store",
        medium: "live",
        location: home,
        offsite: false,
        lagSeconds: 0,
        pointInTime: false,
        immutable: false,
        lock: "none",
        resource: store,
    };
    const storeType = storeTypeOf(store.type);
    const replicas = storeType?.replicas ? REPLICA_READERS[storeType.replicas](model, store, home) : [];
    const own: OwnPointInTime = storeType?.pointInTime ? POINT_IN_TIME_READERS[storeType.pointInTime](model, store, home) : { copies: [] };
    const copies = [live, ...replicas, ...own.copies, ...backupCopies(model, store, home)];
    const offsiteCopies = copies.filter((c) => c.offsite);
    const inOtherRegion = (c: Copy) =>
        typeof c.location.region === "string" && typeof home.region === "string" && c.location.region !== home.region;
    const inOtherAccount = (c: Copy) => c.location.account !== SAME_ACCOUNT || c.vault?.type === TYPES.airGappedVault;
    const best = fastest(copies.filter(inOtherRegion));
    const accountCopy = fastest(copies.filter(inOtherAccount));
    const restorable = pointInTime(own, copies);
    const classification = tagOf(store, DR_TAGS.classification);
    // Rebuilt from its source, a reproducible store loses nothing in any scope; what it costs is time (rto.ts, scopes.ts).
    const rebuildSeconds = classification === "reproducible" ? (parseDuration(tagOf(store, REBUILD_TAG)) ?? Infinity) : undefined;
    const lost = (rpo: number) => (rebuildSeconds === undefined ? rpo : 0);
    return {
        store,
        classification,
        rebuildSeconds,
        // A program without the DR components may declare its residency once, in stack config.
        residency: tagOf(store, DR_TAGS.residency) ?? model.declared.residency,
        targetRpo: parseDuration(tagOf(store, DR_TAGS.rpo)),
        home,
        copies,
        media: new Set(copies.map((c) => c.medium)).size,
        offsite: offsiteCopies.length,
        regionLossRpo: lost(best?.lagSeconds ?? Infinity),
        bestCopy: best,
        accountLossRpo: lost(accountCopy?.lagSeconds ?? Infinity),
        accountCopy,
        zoneLossRpo: lost(zoneLoss(store, copies)),
        pointInTimeRpo: lost(restorable.lagSeconds),
        pointInTimeBy: restorable.by,
        writers: writersOf(model, store),
        replicatedFrom: replicatedFrom(model, store),
    };
});
