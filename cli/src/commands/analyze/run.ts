import { Posture, worstStore } from "../../../../policies/catalog/model";
import { todayUtc } from "../../../../policies/catalog/waivers";
import {
    AnalyzedResource,
    PackSpec,
    StackContext,
    Verdict,
    applyWaivers,
    judge,
    knownPolicies,
    postureOf,
    stackWaivers,
    withoutWaivers,
} from "../../engine";

/** How a stack's packs judge resources: the engine by default; tests pass packs they already started. */
export type JudgeResources = (resources: AnalyzedResource[], context: StackContext) => Promise<Verdict>;

export function judgeWithPacks(packs: PackSpec[]): JudgeResources {
    return (resources, context) => judge(resources, context, packs);
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

/** What runs, re-judged: the packs' verdict on the live resources, the posture they achieve, and how it moved. */
export interface LiveCheck {
    stack: string;
    resources: number;
    verdict: Verdict;
    posture: Posture;
    change: PostureChange;
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

/**
 * Re-judges what runs: every pack over the live resources, through the same engine path as `dr plan`, and
 * the posture those resources achieve — beside what was deployed, when a refresh says what that was.
 */
export async function checkLive(
    live: AnalyzedResource[],
    context: StackContext,
    judgeResources: JudgeResources,
    source: string,
    deployed?: AnalyzedResource[],
): Promise<LiveCheck> {
    const region = context.config["aws:region"];
    const posture = postureOf(live, region);
    // As in dr plan: the packs report every finding, then the stack's waivers apply to them.
    const raw = await judgeResources(live, withoutWaivers(context));
    const names = new Map(live.map((r) => [r.urn, r.name]));
    const verdict = applyWaivers(
        raw,
        stackWaivers(context, source),
        todayUtc(),
        knownPolicies(raw),
        (urn) => names.get(urn) ?? urn,
        source,
    );
    return {
        stack: context.stack,
        resources: live.length,
        verdict,
        posture,
        change: postureChange(posture, deployed ? postureOf(deployed, region) : undefined),
    };
}
