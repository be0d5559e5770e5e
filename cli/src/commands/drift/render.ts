import { quote } from "../../text";
import { SECRET_PLACEHOLDER } from "../../engine/stackConfig";
import { UNKNOWN_SENTINEL } from "../../engine/values";
import { EXIT } from "../../errors";
import { NameOf, liveJson, liveLines, liveMarkdown, liveVerdict } from "../analyze/render";
import { CRITICAL_CLASSES, ResourceDrift } from "./classify";
import { DriftReport } from "./run";

/** A property value in a report: bounded, with absence, secrets and unknowns said in words. */
export function show(value: unknown): string {
    if (value === undefined) {
        return "(none)";
    }
    if (value === SECRET_PLACEHOLDER) {
        return "[secret]";
    }
    if (value === UNKNOWN_SENTINEL) {
        return "(unknown)";
    }
    return quote(value);
}

/** What the run concluded, in words. */
function outcome(report: DriftReport, code: number): string {
    const n = report.findings.resources.length;
    const drift = report.findings.drifted ? `${n} resource${n === 1 ? "" : "s"} changed outside Pulumi` : "no drift";
    const verdict = code === EXIT.critical ? "CRITICAL" : code === EXIT.drift ? "DRIFT, nothing critical" : "NO DRIFT";
    return `${verdict}: ${drift}; live state ${liveVerdict(report.live).toLowerCase()}`;
}

function changes(report: DriftReport): string {
    const entries = Object.entries(report.findings.changes);
    return entries.length === 0 ? "none" : entries.map(([op, n]) => `${op} ${n}`).join(", ");
}

/** Critical classes first, then by resource. */
function ordered(resources: ResourceDrift[]): ResourceDrift[] {
    const rank = (r: ResourceDrift) => (CRITICAL_CLASSES.includes(r.class) ? 0 : 1);
    return [...resources].sort((a, b) => rank(a) - rank(b) || a.urn.localeCompare(b.urn));
}

export function renderDriftHuman(report: DriftReport, file: string, code: number, nameOf: NameOf): string {
    const lines = [
        `stack ${report.stack}  digest ${file}  ${outcome(report, code)}  (exit ${code})`,
        `  engine change summary: ${changes(report)}`,
    ];
    if (report.findings.unexplained) {
        lines.push(`  critical: ${report.findings.unexplained}`);
    }
    for (const r of ordered(report.findings.resources)) {
        lines.push(`  ${r.class.padEnd(18)} ${nameOf(r.urn)}  (${r.change === "gone" ? "gone" : `op ${r.op}`})`);
        if (r.why) {
            lines.push(`      ${r.why}`);
        }
        for (const p of r.properties) {
            lines.push(`      ${p.path}: ${show(p.old)} → ${show(p.new)}  [${p.class}]`, `        ${p.why}`);
        }
    }
    lines.push(...liveLines(report.live, nameOf), "");
    return lines.join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The Markdown report: what the workflow puts in the stack's drift issue. */
export function renderDriftMarkdown(report: DriftReport, file: string, code: number, nameOf: NameOf): string {
    const lines = [
        `## Drift in stack \`${report.stack}\`: ${code === EXIT.critical ? "critical" : code === EXIT.drift ? "drift, nothing critical" : "none"}`,
        "",
        `${outcome(report, code)} (\`dr drift\` exit ${code}). Read from \`${file}\`, the output of \`pulumi refresh --preview-only --expect-no-changes --json\`; engine change summary: ${changes(report)}.`,
        "",
    ];
    if (report.findings.unexplained) {
        lines.push(`**Critical:** ${report.findings.unexplained}.`, "");
    }
    if (report.findings.resources.length > 0) {
        lines.push("| class | resource | property | as deployed | now | why it matters |", "|---|---|---|---|---|---|");
        for (const r of ordered(report.findings.resources)) {
            if (r.change === "gone") {
                lines.push(`| ${r.class} | ${cell(nameOf(r.urn))} | (the resource) | exists | gone | ${cell(r.why ?? "")} |`);
            }
            for (const p of r.properties) {
                lines.push(
                    `| ${p.class} | ${cell(nameOf(r.urn))} | \`${cell(p.path)}\` | \`${cell(show(p.old))}\` | \`${cell(show(p.new))}\` | ${cell(p.why)} |`,
                );
            }
        }
        lines.push(
            "",
            "To make what runs match the program again: `pulumi up` (it restores every property above); to keep a change, make it in the program first.",
            "",
        );
    }
    lines.push(...liveMarkdown(report.live, nameOf));
    return lines.join("\n");
}

export function renderDriftJson(report: DriftReport, code: number): string {
    const status = code === EXIT.critical ? "critical" : code === EXIT.drift ? "drift" : "no-drift";
    return `${JSON.stringify({ stack: report.stack, status, exitCode: code, drift: report.findings, live: liveJson(report.live) }, null, 2)}\n`;
}
