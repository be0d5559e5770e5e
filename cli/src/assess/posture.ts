import { DEFAULT_RESIDENCY_ZONES, ResidencyZones, declaredTargets, zonesFromConfig } from "../../../policies/catalog";
import {
    Objective,
    Posture,
    SCOPES,
    SENTINEL_UNKNOWN,
    Scope,
    ScopeTargets,
    StackModel,
    buildModel,
    declaredIntent,
    posture,
    worstStore,
} from "../../../policies/catalog/model";
import { AnalyzedResource, StackContext, Verdict } from "../engine";
import { InputError } from "../errors";
import { clip, quote } from "../text";

/**
 * The recovery model of the resources, through the catalog's one adapter with the engine's unknown marker; `config`
 * is the stack's config (`aws:region`, and the `dr:` intent a program without the DR components declares).
 */
export function modelOf(resources: AnalyzedResource[], config: Record<string, string>): StackModel {
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
    return buildModel(
        views,
        SENTINEL_UNKNOWN,
        config["aws:region"],
        declaredIntent((key) => config[`dr:${key}`]),
    );
}

/** The residency zones the DR pack judged with: its data-residency policy's effective config, else the catalog's defaults. */
export function zonesOf(verdict: Verdict): ResidencyZones {
    for (const config of Object.values(verdict.configured)) {
        const residency = config["data-residency"];
        if (residency) {
            return zonesFromConfig(residency.properties);
        }
    }
    return DEFAULT_RESIDENCY_ZONES;
}

/** The failure-scope targets the stack declares in `dr:targets`; a malformed value is bad input naming the file. */
export function targetsOf(context: StackContext, configFile: string): ScopeTargets {
    const text = context.config["dr:targets"];
    if (text === undefined) {
        return {};
    }
    let value: unknown = text;
    try {
        value = JSON.parse(text);
    } catch {
        // Not JSON: the schema names it as the wrong form.
    }
    return declaredTargets(value, (key, bad, allowed) => {
        throw new InputError(`${configFile}: ${clip(key)} is ${quote(bad)}; expected ${allowed}.`);
    });
}

/** The DR posture of the resources in every failure scope, from the same model the pack judges with. */
export function postureOf(resources: AnalyzedResource[], context: StackContext, zones: ResidencyZones, configFile: string): Posture {
    return posture(modelOf(resources, context.config), targetsOf(context, configFile), zones);
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
    /** The judged scope's RTO. */
    rto: ObjectiveChange;
    /** The stack's worst store, now and as deployed: the worst store may change. */
    rpo: ObjectiveChange & { store?: string; deployedStore?: string };
    /** Each store's judged RPO, and its RPO in every scope. */
    stores: ({ name: string; scopes: Record<Scope, ObjectiveChange> } & ObjectiveChange)[];
    /** Each scope's RTO. */
    scopes: Record<Scope, { rto: ObjectiveChange }>;
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
    const storesBefore = new Map((deployed?.dataStores ?? []).map((s) => [s.name, s]));
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
            const change = (now: Objective, then: Objective | undefined) =>
                objectiveChange(
                    then?.targetSeconds ?? now.targetSeconds,
                    now.achievableSeconds,
                    then?.achievableSeconds,
                    has && then !== undefined,
                );
            return {
                name: s.name,
                ...change(s.rpo, before?.rpo),
                scopes: Object.fromEntries(
                    SCOPES.map((scope) => [scope, change(s.scopes[scope].rpo, before?.scopes[scope].rpo)]),
                ) as Record<Scope, ObjectiveChange>,
            };
        }),
        scopes: Object.fromEntries(
            SCOPES.map((scope) => [
                scope,
                {
                    rto: objectiveChange(
                        (deployed ?? live).scopes[scope].rto.targetSeconds,
                        live.scopes[scope].rto.achievableSeconds,
                        deployed?.scopes[scope].rto.achievableSeconds,
                        has,
                    ),
                },
            ]),
        ) as Record<Scope, { rto: ObjectiveChange }>,
    };
}
