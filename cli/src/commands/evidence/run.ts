import { EvidenceReport, evidenceFor } from "../../assess/evidence";
import { Progress } from "../../progress";
import { plan } from "../plan/run";
import { EvidenceOptions } from "./args";

/**
 * Each stack's evidence judged against its model: the program runs offline as `dr plan` runs it (the packs give the
 * residency zones the judged scope depends on), then the evidence is judged beside the posture. Only the evidence's
 * findings decide: the packs' own are `dr plan`'s.
 */
export async function judgeStacks(options: EvidenceOptions, progress: Progress): Promise<EvidenceReport[]> {
    const { evidence, asOf, ...request } = options;
    const stacks = await plan(request, progress);
    return stacks.map((stack) => evidenceFor(stack, evidence, asOf));
}
