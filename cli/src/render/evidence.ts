import { formatDuration } from "../../../policies/catalog";
import { SCOPES } from "../../../policies/catalog/model";
import { EvidenceReport } from "../assess/evidence";
import { SCOPE_DISASTER, columns, markdownTable, target } from "./posture";

const DAY = 24 * 3600;

const seconds = (value: number | null | undefined) => (value === null || value === undefined ? "-" : formatDuration(value));
/** An age as a report shows it: whole days past a day, else hours and minutes. */
const age = (value: number | null) =>
    value === null ? "-" : value >= DAY ? `${Math.floor(value / DAY)}d` : formatDuration(Math.max(60, Math.floor(value / 60) * 60));
const day = (iso: string | null | undefined) => (iso ? iso.replace(/:\d{2}\.\d{3}Z$/, "Z") : "-");

/** Each scope's RTO: target, the model's, and the model with what was measured in its place. */
function scopeRows(r: EvidenceReport): string[][] {
    return [
        ["scope", "disaster", "rto target", "model", "measured", "decision", "measured from"],
        ...SCOPES.map((scope) => {
            const s = r.scopes[scope];
            return [
                scope,
                SCOPE_DISASTER[scope],
                target(s.targetSeconds),
                seconds(s.modelSeconds),
                seconds(s.measuredSeconds),
                s.decision,
                s.basis,
            ];
        }),
    ];
}

function restoreRows(r: EvidenceReport): string[][] {
    return [
        ["store", "restore share", "measured", "validation", "ended", "age", "decision", "why"],
        ...r.restores.map((s) => [
            s.store,
            seconds(s.targetSeconds),
            s.newest ? (s.newest.seconds === null ? s.newest.status : seconds(s.newest.seconds)) : "-",
            s.newest?.validation ?? "-",
            day(s.newest?.completed),
            age(s.ageSeconds),
            s.decision,
            s.why,
        ]),
    ];
}

function otherRows(r: EvidenceReport): string[][] {
    const rows: string[][] = [["evidence", "newest", "measured", "when", "age", "decision", "why"]];
    if (r.failover) {
        const f = r.failover;
        rows.push([
            `failover ${f.plan}`,
            f.newest ? `${f.newest.state} (${f.newest.mode})` : "-",
            f.newest?.actualRecoverySeconds != null
                ? `${seconds(f.newest.actualRecoverySeconds)} + ${seconds(f.beforePlanSeconds)} before`
                : "-",
            day(f.newest?.started),
            age(f.ageSeconds),
            f.decision,
            f.why,
        ]);
    }
    for (const g of r.gameDays) {
        rows.push([`game day ${g.gameDay}`, g.newest?.status ?? "-", "-", day(g.newest?.ended), age(g.ageSeconds), g.decision, g.why]);
    }
    for (const c of r.controls) {
        rows.push([`control ${c.control}`, c.newest?.status ?? "-", "-", day(c.newest?.evaluated), age(c.ageSeconds), c.decision, c.why]);
    }
    return rows;
}

function ignoredLine(r: EvidenceReport): string | undefined {
    const parts = Object.entries(r.ignored)
        .filter(([, n]) => n > 0)
        .map(([what, n]) => `${what.replace(/([A-Z])/g, " $1").toLowerCase()} ${n}`);
    return parts.length > 0 ? `evidence of other stacks or resources, not judged: ${parts.join(", ")}` : undefined;
}

/** The evidence of one stack for a terminal: scopes model beside measured, each store's restore, the rest. */
export function evidenceLines(r: EvidenceReport): string[] {
    const ignored = ignoredLine(r);
    return [
        `  evidence as of ${day(r.asOf)}, proof at most ${formatDuration(r.maxAgeSeconds)} old`,
        ...columns(scopeRows(r)),
        ...(r.restores.length > 0 ? columns(restoreRows(r)) : []),
        ...(otherRows(r).length > 1 ? columns(otherRows(r)) : []),
        ...(ignored ? [`    ${ignored}`] : []),
    ];
}

/** The same, in Markdown. */
export function evidenceMarkdown(r: EvidenceReport): string[] {
    const ignored = ignoredLine(r);
    return [
        `Evidence as of ${day(r.asOf)}; proof at most ${formatDuration(r.maxAgeSeconds)} old.`,
        "",
        ...markdownTable(scopeRows(r)),
        "",
        ...(r.restores.length > 0 ? [...markdownTable(restoreRows(r)), ""] : []),
        ...(otherRows(r).length > 1 ? [...markdownTable(otherRows(r)), ""] : []),
        ...(ignored ? [`${ignored[0].toUpperCase()}${ignored.slice(1)}.`, ""] : []),
    ];
}
