import { FIGURES } from "../figures";
import { perModel } from "./cache";
import { Copy, Location, replicaCopy } from "./copy";
import { ModelResource, StackModel, TYPES, UNKNOWN, text } from "./resources";

/**
 * In-memory stores replicated across regions: ElastiCache global datastores (a primary replication group and read-only
 * secondaries in other regions) and MemoryDB Multi-Region clusters (regional clusters that all take writes). A member
 * in another region is a copy of the primary, not a store of its own; so is a node of a replication group.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html
 * https://docs.aws.amazon.com/memorydb/latest/devguide/multi-region.how.html
 */

/** The replication group a global datastore replicates from: the one its primaryReplicationGroupId came from, else so named. */
function datastorePrimary(model: StackModel, datastore: ModelResource): ModelResource | undefined {
    const id = text(datastore.props.primaryReplicationGroupId);
    return (
        model.deps(datastore, "primaryReplicationGroupId", TYPES.cacheReplicationGroup)[0] ??
        model.ofType(TYPES.cacheReplicationGroup).find((g) => typeof id === "string" && g.props.replicationGroupId === id)
    );
}

/** A Multi-Region cluster's primary: its regional cluster in the Multi-Region cluster's own region, else the first. */
function multiRegionPrimary(model: StackModel, multiRegion: ModelResource, members: ModelResource[]): ModelResource {
    const region = model.regionOf(multiRegion);
    return members.find((m) => typeof region === "string" && model.regionOf(m) === region) ?? members[0];
}

/** For each cache that is a copy of another (a secondary, another regional cluster, a node of a group), the store it copies. */
export const cachePrimaries = perModel((model) => {
    const primaryOf = new Map<string, ModelResource>();
    for (const datastore of model.ofType(TYPES.cacheGlobalDatastore)) {
        const primary = datastorePrimary(model, datastore);
        const secondaries = model.referrers(datastore, TYPES.cacheReplicationGroup, "globalReplicationGroupId");
        if (primary) {
            secondaries.filter((s) => s.urn !== primary.urn).forEach((s) => primaryOf.set(s.urn, primary));
        }
    }
    for (const multiRegion of model.ofType(TYPES.memorydbMultiRegionCluster)) {
        const members = model.referrers(multiRegion, TYPES.memorydbCluster, "multiRegionClusterName");
        if (members.length > 1) {
            const primary = multiRegionPrimary(model, multiRegion, members);
            members.filter((m) => m.urn !== primary.urn).forEach((m) => primaryOf.set(m.urn, primary));
        }
    }
    const groups = model.ofType(TYPES.cacheReplicationGroup);
    for (const node of model.ofType(TYPES.cacheCluster)) {
        const id = text(node.props.replicationGroupId);
        const group =
            model.deps(node, "replicationGroupId", TYPES.cacheReplicationGroup)[0] ??
            groups.find((g) => typeof id === "string" && g.props.replicationGroupId === id);
        if (group) {
            primaryOf.set(node.urn, group);
        }
    }
    return primaryOf;
});

/** Each cache's copies in other regions, by its URN. */
const copiesByPrimary = perModel((model) => {
    const copies = new Map<string, ModelResource[]>();
    for (const [urn, primary] of cachePrimaries(model)) {
        const copy = model.byUrn(urn)!;
        if (copy.type !== TYPES.cacheCluster) {
            copies.set(primary.urn, [...(copies.get(primary.urn) ?? []), copy]);
        }
    }
    return copies;
});

/** A replication group's secondaries in its global datastore: read-only until promoted, replication under a second. */
export function globalDatastoreCopies(model: StackModel, group: ModelResource, home: Location): Copy[] {
    return (copiesByPrimary(model).get(group.urn) ?? []).map((s) =>
        replicaCopy(home, "cache-global-secondary", model.regionOf(s) ?? UNKNOWN, FIGURES.cacheGlobalDatastoreLag, s),
    );
}

/** A MemoryDB cluster's other regional clusters in its Multi-Region cluster: each takes writes, replication within a second. */
export function multiRegionCopies(model: StackModel, cluster: ModelResource, home: Location): Copy[] {
    return (copiesByPrimary(model).get(cluster.urn) ?? []).map((m) =>
        replicaCopy(home, "memorydb-regional-cluster", model.regionOf(m) ?? UNKNOWN, FIGURES.memorydbMultiRegionLag, m),
    );
}
