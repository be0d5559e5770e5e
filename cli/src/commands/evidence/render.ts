import { EvidenceReport } from "../../assess/evidence";
import { evidenceLines, evidenceMarkdown } from "../../render/evidence";

function verdict(r: EvidenceReport): string {
    const mandatory = r.findings.filter((f) => f.level === "mandatory").length;
    return r.rejected ? `REJECTED (${mandatory} mandatory finding${mandatory === 1 ? "" : "s"})` : "PASSED";
}

function findingLines(r: EvidenceReport): string[] {
    if (r.findings.length === 0) {
        return ["  no findings"];
    }
    return r.findings.map((f) => `  ${f.level.padEnd(9)} ${f.check}  ${f.message}`);
}

/** `dr evidence`, for a terminal: per stack, the verdict, scopes and stores model beside measured, then each finding. */
export function renderEvidenceHuman(reports: EvidenceReport[]): string {
    const lines = reports.flatMap((r) => [`stack ${r.stack}  ${verdict(r)}`, ...evidenceLines(r), ...findingLines(r), ""]);
    const rejected = reports.filter((r) => r.rejected).length;
    lines.push(`${reports.length} stack${reports.length === 1 ? "" : "s"}: ${reports.length - rejected} passed, ${rejected} rejected`);
    return `${lines.join("\n")}\n`;
}

/** `dr evidence --format markdown`: a section per stack. */
export function renderEvidenceMarkdown(reports: EvidenceReport[]): string {
    const lines = reports.flatMap((r) => [
        `## dr evidence: stack \`${r.stack}\` ${r.rejected ? "rejected" : "passed"}`,
        "",
        ...evidenceMarkdown(r),
        ...(r.findings.length === 0
            ? ["No findings.", ""]
            : [
                  "| level | check | finding |",
                  "|---|---|---|",
                  ...r.findings.map((f) => `| ${f.level} | \`${f.check}\` | ${f.message.replace(/\|/g, "\\|")} |`),
                  "",
              ]),
    ]);
    return `${lines.join("\n")}\n`;
}

/** `dr evidence --json`: one object on stdout. */
export function renderEvidenceJson(reports: EvidenceReport[]): string {
    return `${JSON.stringify({ stacks: reports }, null, 2)}\n`;
}
