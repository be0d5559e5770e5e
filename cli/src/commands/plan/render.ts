import { Posture } from "../../../../policies/catalog/model";
import { AssessedDiagnostic } from "../../assess";
import { formatUsd } from "../../../../policies/catalog";
import { CostReport, costReport, percent } from "../../render/cost";
import { EvidenceReport } from "../../assess/evidence";
import { evidenceLines } from "../../render/evidence";
import { formatPosture } from "../../render/posture";
import { StackPlan } from "./run";

/** One stack in `dr plan --json`. */
export interface StackReport {
    stack: string;
    resources: number;
    rejected: boolean;
    violations: AssessedDiagnostic[];
    posture: Posture;
    cost: CostReport;
    /** With --evidence: what was measured beside the model. */
    evidence?: EvidenceReport;
}

export function stackReport(plan: StackPlan): StackReport {
    return {
        stack: plan.stack,
        resources: plan.resources.length,
        rejected: plan.verdict.rejected,
        violations: plan.verdict.violations,
        posture: plan.posture,
        cost: costReport(plan.cost),
        ...(plan.evidence ? { evidence: plan.evidence } : {}),
    };
}

/** `dr plan --json`: one object on stdout. */
export function renderJson(plans: StackPlan[]): string {
    return `${JSON.stringify({ stacks: plans.map(stackReport) }, null, 2)}\n`;
}

/** The human report: a block per stack with its verdict and each violation, then a one-line summary. */
export function renderHuman(plans: StackPlan[]): string {
    const lines: string[] = [];
    for (const plan of plans) {
        const { violations, rejected } = plan.verdict;
        const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory" && !v.waived).length;
        const verdict = rejected ? `REJECTED (${mandatory} mandatory violation${mandatory === 1 ? "" : "s"})` : "PASSED";
        const regions = [plan.context.config["aws:region"], plan.context.config["dr:drRegion"]].filter(Boolean).join(" + ");
        lines.push(
            `stack ${plan.stack}  ${regions}  ${plan.context.config["dr:tier"] ?? ""}  ${plan.resources.length} resources  ${verdict}`,
        );
        lines.push(...formatPosture(plan.posture), costLine(plan), ...(plan.evidence ? evidenceLines(plan.evidence) : []));
        const names = new Map(plan.resources.map((r) => [r.urn, `${r.type} "${r.name}"`]));
        for (const v of violations) {
            lines.push(`  ${(v.waived ? "waived" : v.enforcementLevel).padEnd(9)} ${v.policy}  ${names.get(v.urn) ?? (v.urn || "stack")}`);
            lines.push(...v.message.split("\n").map((line) => `            ${line}`));
            if (v.waived) {
                lines.push(`            waived until ${v.waived.expires} (approved by ${v.waived.approvedBy}: ${v.waived.reason})`);
            }
        }
        if (violations.length === 0) {
            lines.push("  no policy violations");
        }
        lines.push("");
    }
    const rejected = plans.filter((p) => p.verdict.rejected).length;
    lines.push(`${plans.length} stack${plans.length === 1 ? "" : "s"}: ${plans.length - rejected} passed, ${rejected} rejected`);
    return `${lines.join("\n")}\n`;
}

/** The stack's month in one line: as it runs, and by mode where a night mode runs. */
function costLine(plan: StackPlan): string {
    const { month, modes, savingBasisPoints } = costReport(plan.cost);
    const byMode = modes.scheduled
        ? ` (day ${formatUsd(modes.day.cents)}, night ${formatUsd(modes.night!.cents)}; the night mode saves ${percent(savingBasisPoints ?? 0)})`
        : "";
    return `  cost     ${formatUsd(month.cents)} a month as it runs${byMode}; dr cost for every tier, line by line`;
}
