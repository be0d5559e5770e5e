/**
 * What dr makes of a verdict, between the commands and the pack-agnostic engine: the one assess path every
 * command and the test lab take after the packs. The packs judge each stack with its waivers held back, so
 * they report every finding; then dr adds what only the stacks together can break, applies each stack's
 * waivers to every pack's findings, and computes the posture the resources achieve. See docs/architecture.md.
 */
import { ResidencyZones } from "../../../policies/catalog";
import { Posture } from "../../../policies/catalog/model";
import { todayUtc } from "../../../policies/catalog/waivers";
import { AnalyzedResource, StackContext, Verdict } from "../engine";
import { GEOLOCATION_POLICY, withCrossStackFindings } from "./crossStack";
import { postureOf, zonesOf } from "./posture";
import { AssessedVerdict, applyWaivers, knownPolicies, stackWaivers, withoutWaivers } from "./waivers";

export type { Posture } from "../../../policies/catalog/model";
export { costOf, usageOf } from "./cost";
export { modelOf, postureChange, postureOf, zonesOf } from "./posture";
export type { ObjectiveChange, PostureChange } from "./posture";
export { withoutWaivers } from "./waivers";
export type { AssessedDiagnostic, AssessedVerdict } from "./waivers";

/** How packs judge a stack's resources, started with the context given: the engine's `judge`, or packs a test started. */
export type JudgeResources = (resources: AnalyzedResource[], context: StackContext) => Promise<Verdict>;

/** A stack to assess: its config, and how its packs judge it. */
export interface StackToAssess {
    /** The stack as configured, dr:waivers included. */
    context: StackContext;
    /** The file the stack's config comes from, as messages name it. */
    configFile: string;
    /** Has the packs, started with `packContext`, judge the stack: the resources they judged and what they say. */
    judge: (packContext: StackContext) => Promise<{ resources: AnalyzedResource[]; verdict: Verdict }>;
}

/** A stack assessed: its resources, the verdict with its waivers applied, and its DR posture. */
export interface AssessedStack {
    stack: string;
    context: StackContext;
    resources: AnalyzedResource[];
    verdict: AssessedVerdict;
    posture: Posture;
    /** The residency zones the DR pack judged with: what the posture's judged scope was decided by. */
    zones: ResidencyZones;
}

export interface AssessOptions {
    /**
     * The stacks deploy side by side (dr plan): check what only they together can break. Its policy is then
     * one a waiver may name; a look at live state judges one stack as it runs, and has no such check.
     */
    crossStack: boolean;
}

/** Judges every stack (they run side by side), then assesses each: dr's own findings, waivers, posture. */
export async function assess(stacks: StackToAssess[], options: AssessOptions): Promise<AssessedStack[]> {
    const judged = await Promise.all(
        stacks.map(async ({ context, configFile, judge }) => ({ context, configFile, ...(await judge(withoutWaivers(context))) })),
    );
    const today = todayUtc();
    const own = options.crossStack ? [GEOLOCATION_POLICY.policy] : [];
    return (options.crossStack ? withCrossStackFindings(judged) : judged).map(({ context, configFile, resources, verdict }) => {
        const names = new Map(resources.map((r) => [r.urn, r.name]));
        const waivers = stackWaivers(context, configFile);
        const zones = zonesOf(verdict);
        return {
            stack: context.stack,
            context,
            resources,
            verdict: applyWaivers(verdict, waivers, today, knownPolicies(verdict, own), (urn) => names.get(urn) ?? urn, configFile),
            posture: postureOf(resources, context, zones, configFile),
            zones,
        };
    });
}
