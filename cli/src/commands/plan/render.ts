import { formatDuration } from "../../../../policies/catalog";
import { Objective, Posture, worstStore } from "../../../../policies/catalog/model";
import { Diagnostic } from "../../engine";
import { StackPlan } from "./run";

/** One stack in `dr plan --json`. */
export interface StackReport {
    stack: string;
    resources: number;
    rejected: boolean;
    violations: Diagnostic[];
    posture: Posture;
}

export function stackReport(plan: StackPlan): StackReport {
    return { stack: plan.stack, resources: plan.resources.length, rejected: plan.verdict.rejected, violations: plan.verdict.violations, posture: plan.posture };
}

/** `dr plan --json`: one object on stdout. */
export function renderJson(plans: StackPlan[]): string {
    return `${JSON.stringify({ stacks: plans.map(stackReport) }, null, 2)}\n`;
}

/** A target: `15m`, or `none` when nothing sets one. */
function target(value: number | null): string {
    return value === null ? "none" : formatDuration(value);
}

/** What is achievable: `15m`, or `no bound` when nothing brings it back (no off-site copy, no way back). */
function achievable(value: number | null): string {
    return value === null ? "no bound" : formatDuration(value);
}

function objective(o: Objective): string {
    const verdict = o.targetSeconds !== null && (o.achievableSeconds === null || o.achievableSeconds > o.targetSeconds) ? "  MISSED" : "";
    return `target ${target(o.targetSeconds).padEnd(4)} achievable ${achievable(o.achievableSeconds)}${verdict}`;
}

/** The posture: the cell's RTO, the RPO of its worst store, then one row per store. */
function formatPosture(p: Posture): string[] {
    const worst = worstStore(p.dataStores);
    const rpo = worst ? `RPO (worst store: ${worst.name}) ${objective(p.rpo)}` : "RPO: no stateful store to protect";
    const summary = `  posture  tier ${p.tier ?? "-"}   RTO ${objective(p.rto)}   ${rpo}`;
    if (p.dataStores.length === 0) {
        return [summary];
    }
    const rows = [["store", "type", "class", "regions", "copies", "media", "off-site", "rpo target", "achievable"]];
    for (const s of p.dataStores) {
        rows.push([s.name, s.type.split(":")[1] ?? s.type, s.classification ?? "-", s.regions.join(", "), String(s.copies), String(s.media), String(s.offsite), target(s.rpo.targetSeconds), achievable(s.rpo.achievableSeconds)]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return [summary, ...rows.map((r) => `    ${r.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`.trimEnd())];
}

/** The human report: a block per stack with its verdict and each violation, then a one-line summary. */
export function renderHuman(plans: StackPlan[]): string {
    const lines: string[] = [];
    for (const plan of plans) {
        const { violations, rejected } = plan.verdict;
        const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
        const verdict = rejected ? `REJECTED (${mandatory} mandatory violation${mandatory === 1 ? "" : "s"})` : "PASSED";
        const regions = [plan.config["aws:region"], plan.config["dr:drRegion"]].filter(Boolean).join(" + ");
        lines.push(`stack ${plan.stack}  ${regions}  ${plan.config["dr:tier"] ?? ""}  ${plan.resources.length} resources  ${verdict}`);
        lines.push(...formatPosture(plan.posture));
        const names = new Map(plan.resources.map((r) => [r.urn, `${r.type} "${r.name}"`]));
        for (const v of violations) {
            lines.push(`  ${v.enforcementLevel.padEnd(9)} ${v.policy}  ${names.get(v.urn) ?? (v.urn || "stack")}`);
            lines.push(...v.message.split("\n").map((line) => `            ${line}`));
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
