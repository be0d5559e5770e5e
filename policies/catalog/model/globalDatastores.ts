import { perModel } from "./cache";
import { ModelResource, StackModel, TYPES, text } from "./resources";

/**
 * ElastiCache global datastores: the replication group a global datastore replicates from, and its members in other
 * regions (a replication group that joined it by globalReplicationGroupId), read-only until promoted.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html
 */
export interface GlobalDatastore {
    datastore: ModelResource;
    /** Its globalReplicationGroupIdSuffix as written: what a failover plan's function names it by. */
    suffix?: string;
    primary?: ModelResource;
    /** The members that joined it, the primary aside. */
    secondaries: ModelResource[];
}

export const globalDatastores = perModel((model: StackModel): GlobalDatastore[] =>
    model.ofType(TYPES.cacheGlobalDatastore).map((datastore) => {
        const id = text(datastore.props.primaryReplicationGroupId);
        const primary =
            model.deps(datastore, "primaryReplicationGroupId", TYPES.cacheReplicationGroup)[0] ??
            model.ofType(TYPES.cacheReplicationGroup).find((g) => typeof id === "string" && g.props.replicationGroupId === id);
        const suffix = text(datastore.props.globalReplicationGroupIdSuffix);
        return {
            datastore,
            suffix: typeof suffix === "string" ? suffix : undefined,
            primary,
            secondaries: model
                .referrers(datastore, TYPES.cacheReplicationGroup, "globalReplicationGroupId")
                .filter((g) => g.urn !== primary?.urn),
        };
    }),
);
