import { CostByMode } from "../../../../policies/catalog";
import { AssessedStack, StackToAssess, assess, costOf } from "../../assess";
import { Evidence, EvidenceReport, withEvidence } from "../../assess/evidence";
import { InvokeAnswers, PackSpec, Project, previewAndJudge, previewContext } from "../../engine";
import { Progress } from "../../progress";

/**
 * One stack planned: its resources as previewed, what the packs say with its waivers applied, its DR posture, its
 * cost, and the evidence beside it when given.
 */
export type StackPlan = AssessedStack & { cost: CostByMode; evidence?: EvidenceReport };

export interface PlanRequest {
    projectDir: string;
    project: Project;
    stacks: string[];
    programPath: string;
    packs: PackSpec[];
    answers: InvokeAnswers;
    /** What AWS measured, judged beside each stack's model: its findings join the stack's violations. */
    evidence?: { evidence: Evidence; asOf: Date };
}

/**
 * Plans each stack as a `pulumi preview --policy-pack …` that creates it — the program on the mock runtime,
 * then every pack — and assesses them together: what only several stacks can break, waivers, posture.
 */
export async function plan(request: PlanRequest, progress: Progress): Promise<StackPlan[]> {
    const stacks = request.stacks.map((stack): StackToAssess => {
        const context = previewContext(request.projectDir, request.project, stack);
        return {
            context,
            configFile: `Pulumi.${stack}.yaml`,
            judge: async (packContext) => {
                const onPhase = (phase: string, detail?: { resources: number }) =>
                    progress.update(stack, detail ? `${phase} ${detail.resources} resources` : phase);
                const judged = await previewAndJudge(
                    { context, packContext, programPath: request.programPath, answers: request.answers, projectDir: request.projectDir },
                    request.packs,
                    onPhase,
                );
                progress.update(stack, "done");
                return judged;
            },
        };
    });
    const assessed = await assess(stacks, { crossStack: true });
    const priced = assessed.map((a) => ({ ...a, cost: costOf(a.resources, a.context, `Pulumi.${a.stack}.yaml`) }));
    return request.evidence ? withEvidence(priced, request.evidence.evidence, request.evidence.asOf) : priced;
}
