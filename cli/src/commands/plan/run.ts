import { Posture } from "../../../../policies/catalog/model";
import { AnalyzedResource, PackSpec, Project, Verdict, postureOf, previewAndJudge } from "../../engine";
import { Progress } from "../../progress";
import { withCrossStackFindings } from "./crossStack";

/** One stack planned: its resources as previewed, what the packs say, and its DR posture. */
export interface StackPlan {
    stack: string;
    config: Record<string, string>;
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
            return { stack, config: context.config, resources, verdict, posture: postureOf(resources, context.config["aws:region"]) };
        }),
    );
    return withCrossStackFindings(plans);
}
