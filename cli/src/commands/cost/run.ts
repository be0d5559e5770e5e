import * as path from "node:path";
import { CostByMode, TIERS, Tier, isTier } from "../../../../policies/catalog";
import { costOf } from "../../assess";
import { InvokeAnswers, Project, StackContext, previewContext } from "../../engine";
import { CaptureWorker } from "../../engine/captureStack";
import { fromCapture } from "../../engine/resources";
import { Progress } from "../../progress";

/** What one tier of a stack costs: by mode, or why the program could not build it at that tier. */
export type TierCost = { tier: Tier; configured: boolean } & ({ costs: CostByMode } | { error: string });

/** A stack priced at every tier; its configured tier's estimate holds every line. */
export interface StackCost {
    stack: string;
    context: StackContext;
    tier: Tier;
    tiers: TierCost[];
}

export interface CostRequest {
    projectDir: string;
    project: Project;
    stacks: string[];
    programPath: string;
    answers: InvokeAnswers;
}

/** Night mode needs a night tier below the day's: a tier at or below it runs no night mode. */
function atTier(context: StackContext, tier: Tier): StackContext {
    const config: Record<string, string> = { ...context.config, "dr:tier": tier };
    const night = config["dr:nightMode"];
    if (night !== undefined) {
        let nightTier: unknown;
        try {
            nightTier = JSON.parse(night).tier;
        } catch {
            // A malformed night mode is the program's to report, at the configured tier.
        }
        if (isTier(nightTier) && TIERS.indexOf(nightTier) >= TIERS.indexOf(tier)) {
            delete config["dr:nightMode"];
        }
    }
    return { ...context, config };
}

/**
 * Prices each stack at every tier: the program captured with the stack's config at that tier, the resources priced
 * by mode. The configured tier must build (its failure is the stack's, bad input); another tier that the program
 * refuses is reported as such.
 */
export async function priceStacks(request: CostRequest, progress: Progress): Promise<StackCost[]> {
    const worker = new CaptureWorker();
    try {
        const results: StackCost[] = [];
        for (const stack of request.stacks) {
            const context = previewContext(request.projectDir, request.project, stack);
            const configured = context.config["dr:tier"];
            const tiers: TierCost[] = [];
            for (const tier of TIERS) {
                progress.update(stack, `pricing ${tier}`);
                const variant = atTier(context, tier);
                const isConfigured = tier === configured;
                try {
                    const captured = await worker.capture({
                        programPath: request.programPath,
                        project: variant.project,
                        stack,
                        config: variant.config,
                        secretKeys: variant.secretKeys,
                        answers: request.answers,
                    });
                    const resources = fromCapture(captured, variant, path.dirname(request.programPath));
                    tiers.push({ tier, configured: isConfigured, costs: costOf(resources, variant, `Pulumi.${stack}.yaml`) });
                } catch (e) {
                    if (isConfigured) {
                        throw e;
                    }
                    tiers.push({ tier, configured: false, error: (e as Error).message });
                }
            }
            progress.update(stack, "done");
            results.push({ stack, context, tier: isTier(configured) ? configured : TIERS[0], tiers });
        }
        return results;
    } finally {
        worker.close();
    }
}
