import { AssessedStack } from "../index";
import { Evidence } from "./documents";
import { EvidenceReport, judgeEvidence } from "./judge";

/** The pack name evidence findings carry beside the packs' findings: dr judges them, no pack does. */
export const EVIDENCE_PACK = "dr evidence";

/** A stack assessed with the evidence beside its model. */
export type StackWithEvidence<S extends AssessedStack = AssessedStack> = S & { evidence: EvidenceReport };

/** The evidence's report for an assessed stack: judged against the posture its packs' model gives. */
export function evidenceFor(stack: AssessedStack, evidence: Evidence, asOf: Date): EvidenceReport {
    return judgeEvidence(
        { stack: stack.stack, resources: stack.resources, posture: stack.posture, config: stack.context.config },
        evidence,
        asOf,
    );
}

/**
 * Each stack with its evidence judged and its findings among its violations (pack `dr evidence`), so every report
 * format shows them and a mandatory one rejects the stack: a change that would recover slower than measured fails.
 */
export function withEvidence<S extends AssessedStack>(stacks: S[], evidence: Evidence, asOf: Date): StackWithEvidence<S>[] {
    return stacks.map((stack) => {
        const report = evidenceFor(stack, evidence, asOf);
        const added = report.findings.map((f) => ({
            policyPack: EVIDENCE_PACK,
            policy: f.check,
            enforcementLevel: f.level,
            urn: f.urn,
            message: f.message,
        }));
        const violations = [...stack.verdict.violations, ...added];
        return {
            ...stack,
            evidence: report,
            verdict: { ...stack.verdict, violations, rejected: stack.verdict.rejected || report.rejected },
        };
    });
}
