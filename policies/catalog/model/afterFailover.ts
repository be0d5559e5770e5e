import { FIGURES } from "../figures";
import { backupCopies } from "./backups";
import { perModel } from "./cache";
import { Copy, Location, SAME_ACCOUNT } from "./copy";
import { clusterInstances } from "./databases";
import { isVersioned, storeRecovery, stores } from "./recovery";
import { ModelResource, StackModel, TYPES, UNKNOWN, list, record } from "./resources";
import { cacheSnapshotCopies } from "./snapshots";
import { cellIntent } from "./rto";

/**
 * What protects the writes a cell takes after it has failed over: the DR region's copy of each store is the live
 * store then, and only what protects it there counts — its own point-in-time recovery, backups the DR region's
 * plans make of it, and their copies to a region that is neither the lost home nor the DR region itself.
 */

/** A store's copy in the DR region, once it takes the writes. */
export interface FailedOverStore {
    store: ModelResource;
    /** The resource that holds the data in the DR region (a replica bucket, a secondary cluster, the table itself for an inline replica). */
    copy: ModelResource;
    region: string;
    /** What a bad write or deletion after the failover costs: its point-in-time recovery, else its newest backup there. Infinity without one. */
    corruptionRpo: number;
    /** What a loss of the DR region too costs: its copies outside both regions. Infinity without one. */
    regionRpo: number;
    /** The backups the DR region's plans make of it, and their copies. */
    backups: Copy[];
}

/** The resource that holds a store's data in `region`: an inline table replica is the table there (tags only if they propagate). */
function copyIn(store: ModelResource, copy: Copy, region: string): ModelResource {
    if (copy.mechanism !== "global-table-replica" || copy.resource.urn !== store.urn) {
        return copy.resource;
    }
    const entry = list(store.props.replicas)
        .map(record)
        .find((r) => r.regionName === region);
    const { tags, ...props } = store.props;
    return { ...store, props: { ...props, region, ...(entry?.propagateTags === true ? { tags } : {}), replicaEntry: entry } };
}

/** The copy's own point-in-time recovery, once it is the live store. */
function ownPointInTime(model: StackModel, store: ModelResource, copy: ModelResource): number {
    if (store.type === TYPES.table) {
        return record(copy.props.replicaEntry).pointInTimeRecovery === true ? FIGURES.dynamodbPitrLag : Infinity;
    }
    if (store.type === TYPES.bucket || store.type === TYPES.bucketV2) {
        return isVersioned(model, copy) ? 0 : Infinity;
    }
    // A promoted secondary keeps automated backups as a primary does (Aurora, DocumentDB and Neptune keep at least a day).
    if (clusterInstances(model, copy) !== undefined) {
        return FIGURES.rdsPitrLag;
    }
    // A promoted cache secondary or another regional cluster keeps its own daily snapshots, if it takes them.
    const there: Location = { region: model.regionOf(copy) ?? UNKNOWN, account: SAME_ACCOUNT };
    return cacheSnapshotCopies(model, copy, there)[0]?.lagSeconds ?? Infinity;
}

/** Each store's copy in the cell's DR region, and what protects the writes it takes after a failover. */
export const afterFailover = perModel((model): FailedOverStore[] => {
    const { homeRegion, drRegion } = cellIntent(model);
    if (!homeRegion || !drRegion) {
        return [];
    }
    return stores(model).flatMap((store) => {
        const recovery = storeRecovery(model, store);
        const live = recovery.copies.find(
            (c) => c.kind === "replica" && c.location.region === drRegion && c.location.account === SAME_ACCOUNT,
        );
        if (recovery.home.region !== homeRegion || !live) {
            return [];
        }
        const copy = copyIn(store, live, drRegion);
        const there: Location = { region: drRegion, account: SAME_ACCOUNT };
        const backups = backupCopies(model, copy, there);
        const lag = (cs: Copy[]) => Math.min(Infinity, ...cs.filter((c) => c.lagSeconds !== undefined).map((c) => c.lagSeconds as number));
        const elsewhere = backups.filter(
            (c) => typeof c.location.region === "string" && c.location.region !== homeRegion && c.location.region !== drRegion,
        );
        return [
            {
                store,
                copy,
                region: drRegion,
                corruptionRpo: Math.min(ownPointInTime(model, store, copy), lag(backups)),
                regionRpo: lag(elsewhere),
                backups,
            },
        ];
    });
});
