import { parseDuration } from "../durations";
import { FIGURES } from "../figures";
import { DR_TAGS, isStatefulType } from "../tags";
import { backupCopies } from "./backups";
import { perModel, perResource } from "./cache";
import { Copy, Location, SAME_ACCOUNT } from "./copy";
import { automatedBackupCopies, databasePrimaries, databaseReplicaCopies } from "./databases";
import { replicaBuckets, replicaCopies, replicatedFrom } from "./replication";
import { ModelResource, StackModel, TYPES, UNKNOWN, record, text } from "./resources";
import { Writer, writersOf } from "./writers";

/** A stateful store, its copies and what they achieve. */
export interface StoreRecovery {
    store: ModelResource;
    classification?: string;
    residency?: string;
    /** The store's own RPO target from its `dr:rpo` tag. */
    targetRpo?: number;
    home: Location;
    copies: Copy[];
    media: number;
    offsite: number;
    /** The data a loss of the home region (or account) costs: the best lag among off-site copies. Infinity without one. */
    regionLossRpo: number;
    /** The off-site copy that achieves it. */
    bestCopy?: Copy;
    /**
     * The data a corruption or deletion costs, which reaches every replica within its lag: the newest
     * point-in-time copy it cannot reach. Infinity without one.
     */
    pointInTimeRpo: number;
    /** What achieves it: the store's own point-in-time recovery, a versioned bucket's kept versions, or a backup. */
    pointInTimeBy?: "pitr" | "versioning" | Copy;
    /** What a disruption can cost at worst: the larger of the two. */
    achievableRpo: number;
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
 * bucket's replication, an Aurora global database's secondaries, RDS read replicas.
 */
export const stores = perModel((model) => {
    const replicas = replicaBuckets(model);
    const databaseCopies = databasePrimaries(model);
    return model.resources.filter((r) => isStatefulType(r.type) && !replicas.has(r.urn) && !databaseCopies.has(r.urn));
});

/** Whether a bucket keeps every overwritten or deleted object as a noncurrent version: its versioning setting, or the legacy inline one. */
function isVersioned(model: StackModel, bucket: ModelResource): boolean {
    const settings = [
        ...model.referrers(bucket, TYPES.bucketVersioning, "bucket"),
        ...model.referrers(bucket, TYPES.bucketVersioningV2, "bucket"),
    ];
    return (
        settings.some((v) => text(record(v.props.versioningConfiguration).status) === "Enabled") ||
        record(bucket.props.versioning).enabled === true
    );
}

/**
 * The newest point-in-time copy a corruption or deletion cannot reach, and its lag: DynamoDB point-in-time
 * recovery restores to about five minutes ago; a versioned bucket keeps every prior version (no loss
 * until the version expires); otherwise the most frequent backup, wherever it is.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 */
function pointInTime(model: StackModel, store: ModelResource, copies: Copy[]): { lagSeconds: number; by?: StoreRecovery["pointInTimeBy"] } {
    if (store.type === TYPES.table && record(store.props.pointInTimeRecovery).enabled === true) {
        return { lagSeconds: FIGURES.dynamodbPitrLag, by: "pitr" };
    }
    if ((store.type === TYPES.bucket || store.type === TYPES.bucketV2) && isVersioned(model, store)) {
        return { lagSeconds: 0, by: "versioning" };
    }
    const backup = copies
        .filter((c) => c.pointInTime && c.lagSeconds !== undefined)
        .sort((a, b) => (a.lagSeconds as number) - (b.lagSeconds as number))[0];
    return backup ? { lagSeconds: backup.lagSeconds as number, by: backup } : { lagSeconds: Infinity };
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
    const databaseCopies =
        store.type === TYPES.rdsCluster || store.type === TYPES.rdsInstance
            ? [...databaseReplicaCopies(model, store, home), ...automatedBackupCopies(model, store, home)]
            : [];
    const copies = [live, ...replicaCopies(model, store, home), ...databaseCopies, ...backupCopies(model, store, home)];
    const offsiteCopies = copies.filter((c) => c.offsite);
    const best = offsiteCopies
        .filter((c) => c.lagSeconds !== undefined)
        .sort((a, b) => (a.lagSeconds as number) - (b.lagSeconds as number))[0];
    const regionLossRpo = best?.lagSeconds ?? Infinity;
    const restorable = pointInTime(model, store, copies);
    return {
        store,
        classification: tagOf(store, DR_TAGS.classification),
        residency: tagOf(store, DR_TAGS.residency),
        targetRpo: parseDuration(tagOf(store, DR_TAGS.rpo)),
        home,
        copies,
        media: new Set(copies.map((c) => c.medium)).size,
        offsite: offsiteCopies.length,
        regionLossRpo,
        bestCopy: best,
        pointInTimeRpo: restorable.lagSeconds,
        pointInTimeBy: restorable.by,
        achievableRpo: Math.max(regionLossRpo, restorable.lagSeconds),
        writers: writersOf(model, store),
        replicatedFrom: replicatedFrom(model, store),
    };
});
