import { Posture } from "../../../../policies/catalog/model";
import { todayUtc } from "../../../../policies/catalog/waivers";
import {
    AnalyzedResource,
    PackSpec,
    Project,
    StackContext,
    Verdict,
    applyWaivers,
    knownPolicies,
    postureOf,
    previewAndJudge,
    stackWaivers,
} from "../../engine";
import { Progress } from "../../progress";
import { GEOLOCATION_POLICY, withCrossStackFindings } from "./crossStack";

/** One stack planned: its resources as previewed, what the packs say, and its DR posture. */
export interface StackPlan {
    stack: string;
    /** The stack's config as the packs got it, and what it is named. */
    context: StackContext;
    resources: AnalyzedResource[];
    verdict: Verdict;
    posture: Posture;
}

export interface PlanRequest {
    projectDir: string;
    project: Project;
    stacks: string[];
    programPath: string;
    packs: PackSpec[];
}

/**
 * Plans each stack as a `pulumi preview --policy-pack …` that creates it — the program on the mock runtime,
 * then every pack — and then checks what only several stacks together can break.
 */
export async function plan(request: PlanRequest, progress: Progress): Promise<StackPlan[]> {
    const plans = await Promise.all(
        request.stacks.map(async (stack) => {
            const { context, resources, verdict } = await previewAndJudge({ ...request, stack }, request.packs, (phase, detail) =>
                progress.update(stack, detail ? `${phase} ${detail.resources} resources` : phase),
            );
            progress.update(stack, "done");
            return { stack, context, resources, verdict, posture: postureOf(resources, context.config["aws:region"]) };
        }),
    );
    const today = todayUtc();
    return withCrossStackFindings(plans).map((plan) => {
        const names = new Map(plan.resources.map((r) => [r.urn, r.name]));
        const known = knownPolicies(plan.verdict, [GEOLOCATION_POLICY.policy]);
        const waivers = stackWaivers(plan.context, `Pulumi.${plan.stack}.yaml`);
        return {
            ...plan,
            verdict: applyWaivers(plan.verdict, waivers, today, known, (urn) => names.get(urn) ?? urn, `Pulumi.${plan.stack}.yaml`),
        };
    });
}
