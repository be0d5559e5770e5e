import { AssessedVerdict, JudgeResources, Posture, PostureChange, assess, postureChange, postureOf } from "../../assess";
import { AnalyzedResource, PackSpec, StackContext, judge } from "../../engine";

/** How `dr` judges: the engine starts `packs` for the stack and stops them when they have answered. */
export function judgeWithPacks(packs: PackSpec[]): JudgeResources {
    return (resources, context) => judge(resources, context, packs);
}

/** What runs, re-judged: the packs' verdict on the live resources, the posture they achieve, and how it moved. */
export interface LiveCheck {
    stack: string;
    resources: number;
    verdict: AssessedVerdict;
    posture: Posture;
    change: PostureChange;
}

/**
 * Re-judges what runs: every pack over the live resources, through the same assess path as `dr plan`, and
 * the posture those resources achieve — beside what was deployed, when a refresh says what that was.
 */
export async function checkLive(
    live: AnalyzedResource[],
    context: StackContext,
    judgeResources: JudgeResources,
    source: string,
    deployed?: AnalyzedResource[],
): Promise<LiveCheck> {
    const judgeLive = async (packContext: StackContext) => ({ resources: live, verdict: await judgeResources(live, packContext) });
    const [{ verdict, posture, zones }] = await assess([{ context, configFile: source, judge: judgeLive }], { crossStack: false });
    return {
        stack: context.stack,
        resources: live.length,
        verdict,
        posture,
        change: postureChange(posture, deployed ? postureOf(deployed, context, zones, source) : undefined),
    };
}
