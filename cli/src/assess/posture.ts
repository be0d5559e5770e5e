import { Posture, SENTINEL_UNKNOWN, StackModel, buildModel, posture, worstStore } from "../../../policies/catalog/model";
import { AnalyzedResource } from "../engine";

/** The recovery model of the resources, through the catalog's one adapter with the engine's unknown marker. */
export function modelOf(resources: AnalyzedResource[], defaultRegion: string | undefined): StackModel {
    const views = resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        props: r.outputs,
        parent: r.parent,
        providerProps: r.provider?.properties,
        propertyDependencies: r.propertyDependencies,
        protect: r.options.protect,
    }));
    return buildModel(views, SENTINEL_UNKNOWN, defaultRegion);
}

/** The DR posture of the resources, from the same model the pack judges with. */
export function postureOf(resources: AnalyzedResource[], defaultRegion: string | undefined): Posture {
    return posture(modelOf(resources, defaultRegion));
}

/** One objective three ways: the target (the program's intent), as deployed, and as it runs now. */
export interface ObjectiveChange {
    targetSeconds: number | null;
    /** As Pulumi last deployed it (a drift run knows it); absent for a state read on its own. */
    deployedSeconds?: number | null;
    /** As it runs now; null when nothing brings it back. */
    liveSeconds: number | null;
    /** Worse than deployed (or, without a deployed state, missing its target). */
    worse: boolean;
}

export interface PostureChange {
    rto: ObjectiveChange;
    /** The stack's worst store, now and as deployed: the worst store may change. */
    rpo: ObjectiveChange & { store?: string; deployedStore?: string };
    stores: ({ name: string } & ObjectiveChange)[];
}

/** Seconds as a comparable number: no bound is worse than any. */
const rank = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? Infinity : seconds);

function objectiveChange(
    target: number | null,
    live: number | null,
    deployed?: number | null | undefined,
    hasDeployed = false,
): ObjectiveChange {
    const worse = hasDeployed ? rank(live) > rank(deployed) : target !== null && rank(live) > target;
    return { targetSeconds: target, ...(hasDeployed ? { deployedSeconds: deployed ?? null } : {}), liveSeconds: live, worse };
}

/** How the live posture stands against the deployed one (when known) and the targets. */
export function postureChange(live: Posture, deployed?: Posture): PostureChange {
    const has = deployed !== undefined;
    const storesBefore = new Map((deployed?.dataStores ?? []).map((s) => [s.name, s.rpo]));
    return {
        // The target is the program's intent: as deployed when known, since a tag changed by hand is drift, not intent.
        rto: objectiveChange((deployed ?? live).rto.targetSeconds, live.rto.achievableSeconds, deployed?.rto.achievableSeconds, has),
        rpo: {
            ...objectiveChange((deployed ?? live).rpo.targetSeconds, live.rpo.achievableSeconds, deployed?.rpo.achievableSeconds, has),
            store: worstStore(live.dataStores)?.name,
            ...(deployed ? { deployedStore: worstStore(deployed.dataStores)?.name } : {}),
        },
        stores: live.dataStores.map((s) => {
            const before = storesBefore.get(s.name);
            return {
                name: s.name,
                ...objectiveChange(
                    before?.targetSeconds ?? s.rpo.targetSeconds,
                    s.rpo.achievableSeconds,
                    before?.achievableSeconds,
                    has && before !== undefined,
                ),
            };
        }),
    };
}
