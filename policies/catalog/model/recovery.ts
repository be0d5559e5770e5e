import { parseDuration } from "../durations";
import { DR_TAGS, isStatefulType } from "../tags";
import { backupCopies } from "./backups";
import { perModel, perResource } from "./cache";
import { Copy, Location, SAME_ACCOUNT } from "./copy";
import { replicaBuckets, replicaCopies, replicatedFrom } from "./replication";
import { ModelResource, StackModel, UNKNOWN, record } from "./resources";
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
    /** Best lag among off-site copies: the data a home-region (or account) loss costs. Infinity without one. */
    achievableRpo: number;
    /** The off-site copy that achieves it. */
    bestCopy?: Copy;
    /** Services that may write the store, where they run. */
    writers: Writer[];
    /** Buckets whose replication lands in this one (written too, it is a store of its own). */
    replicatedFrom: ModelResource[];
}

function tagOf(store: ModelResource, key: string): string | undefined {
    const value = record(store.props.tags)[key];
    return typeof value === "string" ? value : undefined;
}

/** The stores of a stack: stateful resources, less the buckets that only receive another bucket's replication. */
export const stores = perModel((model) => {
    const replicas = replicaBuckets(model);
    return model.resources.filter((r) => isStatefulType(r.type) && !replicas.has(r.urn));
});

/** Everything the model knows about one store's copies and recovery point. */
export const storeRecovery = perResource((model: StackModel, store: ModelResource): StoreRecovery => {
    const home: Location = { region: model.regionOf(store) ?? UNKNOWN, account: SAME_ACCOUNT };
    const live: Copy = { kind: "live", mechanism: "store", medium: "live", location: home, offsite: false, lagSeconds: 0, pointInTime: false, immutable: false, lock: "none", resource: store };
    const copies = [live, ...replicaCopies(model, store, home), ...backupCopies(model, store, home)];
    const offsiteCopies = copies.filter((c) => c.offsite);
    const best = offsiteCopies
        .filter((c) => c.lagSeconds !== undefined)
        .sort((a, b) => (a.lagSeconds as number) - (b.lagSeconds as number))[0];
    return {
        store,
        classification: tagOf(store, DR_TAGS.classification),
        residency: tagOf(store, DR_TAGS.residency),
        targetRpo: parseDuration(tagOf(store, DR_TAGS.rpo)),
        home,
        copies,
        media: new Set(copies.map((c) => c.medium)).size,
        offsite: offsiteCopies.length,
        achievableRpo: best?.lagSeconds ?? Infinity,
        bestCopy: best,
        writers: writersOf(model, store),
        replicatedFrom: replicatedFrom(model, store),
    };
});
