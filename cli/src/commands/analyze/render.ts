import { SCOPES } from "../../../../policies/catalog/model";
import { AssessedDiagnostic, ObjectiveChange } from "../../assess";
import { achievable, columns, formatPosture, markdownTable, target } from "../../render/posture";
import { LiveCheck } from "./run";

/** A resource's name in reports: its type and name, or the URN when it is not among the resources. */
export type NameOf = (urn: string) => string;

function mandatoryCount(check: LiveCheck): number {
    return check.verdict.violations.filter((v) => v.enforcementLevel === "mandatory" && !v.waived).length;
}

/** Compliant, or how many mandatory violations say it is not. */
export function liveVerdict(check: LiveCheck): string {
    const n = mandatoryCount(check);
    return check.verdict.rejected ? `NOT COMPLIANT (${n} mandatory violation${n === 1 ? "" : "s"})` : "COMPLIANT";
}

function note(o: ObjectiveChange): string {
    if (!o.worse) {
        return "";
    }
    return o.deployedSeconds !== undefined ? "worse than deployed" : "misses its target";
}

/** Rows: what, target, [as deployed], live, note. */
function changeRows(check: LiveCheck): string[][] {
    const deployed = check.change.rto.deployedSeconds !== undefined;
    const row = (what: string, o: ObjectiveChange, deployedNote = "") => [
        what,
        target(o.targetSeconds),
        ...(deployed ? [`${achievable(o.deployedSeconds ?? null)}${deployedNote}`] : []),
        achievable(o.liveSeconds),
        note(o),
    ];
    const { rpo } = check.change;
    // The worst store can change with the drift: say which one each column is.
    const movedFrom = rpo.deployedStore !== undefined && rpo.deployedStore !== rpo.store ? ` (${rpo.deployedStore})` : "";
    // Another scope's figure is shown where it moved or misses its target: the judged ones always are.
    const judged = check.posture.judgedScope;
    const others = SCOPES.filter((scope) => scope !== judged);
    return [
        ["objective", "target", ...(deployed ? ["as deployed"] : []), "live", ""],
        row("RTO", check.change.rto),
        row(`RPO (worst store${rpo.store ? `: ${rpo.store}` : ""})`, rpo, movedFrom),
        ...check.change.stores.map((s) => row(`RPO ${s.name}`, s)),
        ...others
            .filter((scope) => check.change.scopes[scope].rto.worse)
            .map((scope) => row(`RTO [${scope}]`, check.change.scopes[scope].rto)),
        ...check.change.stores.flatMap((s) =>
            others.filter((scope) => s.scopes[scope].worse).map((scope) => row(`RPO ${s.name} [${scope}]`, s.scopes[scope])),
        ),
    ];
}

function violationLines(violations: AssessedDiagnostic[], nameOf: NameOf): string[] {
    if (violations.length === 0) {
        return ["  no policy violations"];
    }
    return violations.flatMap((v) => [
        `  ${(v.waived ? "waived" : v.enforcementLevel).padEnd(9)} ${v.policy}  ${nameOf(v.urn)}`,
        ...v.message.split("\n").map((line) => `            ${line}`),
        ...(v.waived ? [`            waived until ${v.waived.expires} (approved by ${v.waived.approvedBy}: ${v.waived.reason})`] : []),
    ]);
}

/** The live re-check for a terminal: verdict, posture now (and how it moved), violations. */
export function liveLines(check: LiveCheck, nameOf: NameOf): string[] {
    return [
        `  live re-check: ${check.resources} resources  ${liveVerdict(check)}`,
        ...formatPosture(check.posture, "posture now"),
        // Beside what was deployed, when a refresh says; the posture lines already give target and live.
        ...(check.change.rto.deployedSeconds !== undefined ? columns(changeRows(check)) : []),
        ...violationLines(check.verdict.violations, nameOf),
    ];
}

/** The live re-check in Markdown: verdict, a posture table, violations. */
export function liveMarkdown(check: LiveCheck, nameOf: NameOf): string[] {
    const lines = [
        `### Live re-check: ${check.verdict.rejected ? "not compliant" : "compliant"}`,
        "",
        `${check.resources} resources re-judged by the policy packs; tier ${check.posture.tier ?? "-"}.`,
        "",
        ...markdownTable(changeRows(check)),
        "",
    ];
    if (check.verdict.violations.length === 0) {
        return [...lines, "No policy violations.", ""];
    }
    lines.push("| level | policy | resource | finding |", "|---|---|---|---|");
    for (const v of check.verdict.violations) {
        const finding = v.message.split("\n").slice(-1)[0];
        const level = v.waived ? `waived until ${v.waived.expires} (${v.waived.approvedBy})` : v.enforcementLevel;
        lines.push(`| ${level} | \`${v.policy}\` | ${nameOf(v.urn).replace(/\|/g, "\\|")} | ${finding.replace(/\|/g, "\\|")} |`);
    }
    return [...lines, ""];
}

/** The live re-check as data, for `--format json`. */
export function liveJson(check: LiveCheck): object {
    return {
        resources: check.resources,
        rejected: check.verdict.rejected,
        violations: check.verdict.violations,
        posture: check.posture,
        change: check.change,
    };
}

/** `dr analyze`, for a terminal. */
export function renderAnalyzeHuman(check: LiveCheck, file: string, nameOf: NameOf): string {
    return [`stack ${check.stack}  state ${file}`, ...liveLines(check, nameOf), ""].join("\n");
}

export function renderAnalyzeMarkdown(check: LiveCheck, file: string, nameOf: NameOf): string {
    return [`## dr analyze: stack \`${check.stack}\``, "", `State: \`${file}\`.`, "", ...liveMarkdown(check, nameOf)].join("\n");
}

export function renderAnalyzeJson(check: LiveCheck): string {
    return `${JSON.stringify({ stack: check.stack, ...liveJson(check) }, null, 2)}\n`;
}
