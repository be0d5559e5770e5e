import { Diagnostic } from "./analyzer";
import { StackPlan } from "./plan";

/** One stack in `dr plan --json` (DESIGN §11). */
export interface StackReport {
    stack: string;
    resources: number;
    rejected: boolean;
    violations: Diagnostic[];
}

export function stackReport(plan: StackPlan): StackReport {
    return { stack: plan.stack, resources: plan.resources.length, rejected: plan.rejected, violations: plan.violations };
}

/** The human report: a block per stack with its verdict and each violation, then a one-line summary. */
export function formatHuman(plans: StackPlan[]): string {
    const lines: string[] = [];
    for (const plan of plans) {
        const mandatory = plan.violations.filter((v) => v.enforcementLevel === "mandatory").length;
        const verdict = plan.rejected ? `REJECTED (${mandatory} mandatory violation${mandatory === 1 ? "" : "s"})` : "PASSED";
        const regions = [plan.config["aws:region"], plan.config["dr:drRegion"]].filter(Boolean).join(" + ");
        lines.push(`stack ${plan.stack}  ${regions}  ${plan.config["dr:tier"] ?? ""}  ${plan.resources.length} resources  ${verdict}`);
        const names = new Map(plan.resources.map((r) => [r.urn, `${r.type} "${r.name}"`]));
        for (const v of plan.violations) {
            lines.push(`  ${v.enforcementLevel.padEnd(9)} ${v.policy}  ${names.get(v.urn) ?? (v.urn || "stack")}`);
            lines.push(...v.message.split("\n").map((line) => `            ${line}`));
        }
        if (plan.violations.length === 0) {
            lines.push("  no policy violations");
        }
        lines.push("");
    }
    const rejected = plans.filter((p) => p.rejected).length;
    lines.push(`${plans.length} stack${plans.length === 1 ? "" : "s"}: ${plans.length - rejected} passed, ${rejected} rejected`);
    return lines.join("\n");
}
