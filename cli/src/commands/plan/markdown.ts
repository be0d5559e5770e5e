import { formatDuration, formatUsd } from "../../../../policies/catalog";
import { worstStore } from "../../../../policies/catalog/model";
import { costReport, percent, pricesLine, servicesLine } from "../../render/cost";
import { AssessedDiagnostic } from "../../assess";
import { mermaid } from "../../render/mermaid";
import {
    SCOPE_HEADER,
    achievable,
    afterFailoverLine,
    markdownTable,
    missed,
    scopeRows,
    nightLine,
    stepsLine,
    storeHeader,
    storeRows,
    target,
} from "../../render/posture";
import { StackPlan } from "./run";
import { topologyOf } from "./topology";

/** A finding's text and its fix, from a pack's message (the DR pack writes "… Fix: …" after its description line). */
export function findingAndFix(message: string): { finding: string; fix?: string } {
    const last = message.split("\n").pop() ?? message;
    const at = last.indexOf(" Fix: ");
    return at < 0 ? { finding: last } : { finding: last.slice(0, at), fix: last.slice(at + " Fix: ".length) };
}

/** Text from a pack or a tag, safe inside Markdown: no HTML, no mentions, no code fences. */
function inline(text: string): string {
    return text
        .replace(/[<>]/g, (c) => (c === "<" ? "&lt;" : "&gt;"))
        .replace(/@/g, "@\u200b")
        .replace(/`/g, "'");
}

function levelOf(v: AssessedDiagnostic): string {
    return v.waived ? `waived until ${v.waived.expires}` : v.enforcementLevel;
}

function violationItems(plan: StackPlan): string[] {
    const names = new Map(plan.resources.map((r) => [r.urn, `${r.type} "${r.name}"`]));
    return plan.verdict.violations.map((v) => {
        const { finding, fix } = findingAndFix(v.message);
        const where = names.get(v.urn) ?? (v.urn || "the stack");
        const waived = v.waived ? ` Waived by ${inline(v.waived.approvedBy)}: ${inline(v.waived.reason)}.` : "";
        return `- **${levelOf(v)}** \`${v.policy}\` (${inline(v.policyPack)}) on \`${inline(where)}\`: ${inline(finding)}${fix ? `\n  **Fix:** ${inline(fix)}` : ""}${waived}`;
    });
}

function stackSection(plan: StackPlan): string[] {
    const p = plan.posture;
    const mandatory = plan.verdict.violations.filter((v) => v.enforcementLevel === "mandatory" && !v.waived).length;
    const verdict = plan.verdict.rejected ? `rejected (${mandatory} mandatory violation${mandatory === 1 ? "" : "s"})` : "passed";
    const regions = [plan.context.config["aws:region"], plan.context.config["dr:drRegion"]].filter(Boolean).join(" + ");
    const worst = worstStore(p.dataStores);
    const objectives = markdownTable([
        ["objective", "target", "achievable", ""],
        ["RTO", target(p.rto.targetSeconds), achievable(p.rto.achievableSeconds), missed(p.rto) ? "missed" : ""],
        [
            `RPO (worst store${worst ? `: ${worst.name}` : ""})`,
            target(p.rpo.targetSeconds),
            achievable(p.rpo.achievableSeconds),
            missed(p.rpo) ? "missed" : "",
        ],
    ]);
    const lines = [
        `## Stack \`${plan.stack}\`: ${verdict}`,
        "",
        `${regions} · tier ${p.tier ?? "-"} · ${plan.resources.length} resources`,
        "",
        ...objectives,
        "",
        "Failure scopes: each disaster's recovery time and data loss, the judged scope marked.",
        "",
        ...markdownTable([SCOPE_HEADER, ...scopeRows(p)]),
        "",
        `The ${p.judgedScope} recovery, step by step: ${stepsLine(p.rto.steps)}.`,
        "",
        ...(nightLine(p) ? [`${capitalized(nightLine(p)!)}.`, ""] : []),
        ...(afterFailoverLine(p) ? [`Writes made ${afterFailoverLine(p)}.`, ""] : []),
    ];
    if (p.dataStores.length > 0) {
        lines.push(...markdownTable([storeHeader(p), ...storeRows(p)]), "");
    }
    lines.push(...costSection(plan));
    const items = violationItems(plan);
    lines.push(...(items.length > 0 ? ["### Findings", "", ...items] : ["No policy violations."]), "");
    return lines;
}

function capitalized(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the stack costs a month, by mode where a night mode runs, and what the estimate leaves out. */
function costSection(plan: StackPlan): string[] {
    const cost = costReport(plan.cost);
    const { day, night, scheduled } = cost.modes;
    const rows = [
        ["mode", "a month", "largest parts"],
        [`day: ${plan.posture.tier ?? "-"} all day`, formatUsd(day.cents), servicesLine(day)],
        ...(night && scheduled
            ? [
                  [`night: ${night.tier} all day`, formatUsd(night.cents), servicesLine(night)],
                  [
                      `as scheduled: ${formatDuration(night.minutesPerDay * 60)} a day at ${night.tier}`,
                      formatUsd(scheduled.cents),
                      `saves ${percent(cost.savingBasisPoints ?? 0)} of the day's cost`,
                  ],
              ]
            : []),
    ];
    const left = [
        ...(cost.unpriced.length > 0 ? [`No price in the table, so not in the totals: ${cost.unpriced.join("; ")}.`] : []),
        ...(cost.notPriced.length > 0
            ? [`Not priced by the model: ${cost.notPriced.map((n) => `${n.type} (${n.count})`).join(", ")}.`]
            : []),
    ];
    return ["### Cost", "", ...markdownTable(rows), "", ...(left.length > 0 ? [left.join(" "), ""] : [])];
}

/** `dr plan --format markdown`: the verdicts, the topology as a Mermaid diagram, each stack's posture and findings. */
export function renderMarkdown(plans: StackPlan[]): string {
    const rejected = plans.filter((p) => p.verdict.rejected).length;
    const lines = [
        `# dr plan: ${plans.length} stack${plans.length === 1 ? "" : "s"}, ${plans.length - rejected} passed, ${rejected} rejected`,
        "",
        markdownTable([
            ["stack", "verdict", "RTO target / achievable", "RPO target / achievable"],
            ...plans.map((p) => [
                p.stack,
                p.verdict.rejected ? "rejected" : "passed",
                `${target(p.posture.rto.targetSeconds)} / ${achievable(p.posture.rto.achievableSeconds)}`,
                `${target(p.posture.rpo.targetSeconds)} / ${achievable(p.posture.rpo.achievableSeconds)}`,
            ]),
        ]).join("\n"),
        "",
        pricesLine(),
        "",
        "## Where data lives and flows",
        "",
        "Residency zones hold their regions; arrows are replication (with its lag), backups and their copies (dotted), and routing (thick).",
        "",
        "```mermaid",
        mermaid(topologyOf(plans)),
        "```",
        "",
    ];
    for (const plan of plans) {
        lines.push(...stackSection(plan));
    }
    return `${lines.join("\n")}\n`;
}
