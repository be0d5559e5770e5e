import { formatDuration } from "../../../policies/catalog";
import { Objective, Posture, RecoveryStepPosture, SCOPES, Scope, worstStore } from "../../../policies/catalog/model";

/** A target: `15m`, or `none` when nothing sets one. */
export function target(value: number | null): string {
    return value === null ? "none" : formatDuration(value);
}

/** What is achievable: `15m`, or `no bound` when nothing brings it back (no off-site copy, no way back). */
export function achievable(value: number | null): string {
    return value === null ? "no bound" : formatDuration(value);
}

/** Whether an objective is missed: achievable is over target, or has no bound against one. */
export function missed(o: Objective): boolean {
    return o.targetSeconds !== null && (o.achievableSeconds === null || o.achievableSeconds > o.targetSeconds);
}

function objective(o: Objective): string {
    return `target ${target(o.targetSeconds).padEnd(4)} achievable ${achievable(o.achievableSeconds)}${missed(o) ? "  MISSED" : ""}`;
}

/** The other scopes' RPO columns of the store table: the judged scope's is the target and achievable pair. */
function otherScopes(p: Posture): Scope[] {
    return SCOPES.filter((scope) => scope !== p.judgedScope);
}

/** The store rows of a posture: name, type, class, regions, copies, media, off-site, the judged RPO target and achievable, each other scope's RPO. */
export function storeRows(p: Posture): string[][] {
    return p.dataStores.map((s) => [
        s.name,
        s.type.split(":")[1] ?? s.type,
        s.classification ?? "-",
        `${s.regions.join(", ")}${s.singleZone ? " (single-AZ)" : ""}`,
        String(s.copies),
        String(s.media),
        String(s.offsite),
        target(s.rpo.targetSeconds),
        achievable(s.rpo.achievableSeconds),
        ...otherScopes(p).map((scope) => achievable(s.scopes[scope].rpo.achievableSeconds)),
    ]);
}

/** The store table's header: the judged scope's RPO pair, then each other scope's achievable RPO. */
export function storeHeader(p: Posture): string[] {
    return [
        "store",
        "type",
        "class",
        "regions",
        "copies",
        "media",
        "off-site",
        "rpo target",
        "achievable",
        ...otherScopes(p).map((s) => `${s} rpo`),
    ];
}

/** What each failure scope's disaster is, as reports name it. */
export const SCOPE_DISASTER: Record<Scope, string> = {
    region: "home region lost",
    az: "one zone lost",
    account: "account lost or compromised",
    corruption: "bad write or deletion",
};

/** The scope rows of a posture: each scope's disaster, its RTO and its worst store's RPO, target and achievable; the judged scope marked. */
export function scopeRows(p: Posture): string[][] {
    return SCOPES.map((scope) => {
        const { rto, rpo } = p.scopes[scope];
        return [
            scope === p.judgedScope ? `${scope} (dr:rto, dr:rpo)` : scope,
            SCOPE_DISASTER[scope],
            target(rto.targetSeconds),
            `${achievable(rto.achievableSeconds)}${missed(rto) ? " MISSED" : ""}`,
            target(rpo.targetSeconds),
            `${achievable(rpo.achievableSeconds)}${missed(rpo) ? " MISSED" : ""}`,
        ];
    });
}

export const SCOPE_HEADER = ["scope", "disaster", "rto target", "achievable", "rpo target", "achievable"];

/** A recovery's steps in order, each with its time, a person's marked: `health-check-detection 30s → … → database-failover 5m`. */
export function stepsLine(steps: RecoveryStepPosture[]): string {
    return steps.map((s) => `${s.step} ${achievable(s.seconds)}${s.manual ? " (a person)" : ""}`).join(" → ");
}

/** Rows as aligned text columns, indented. */
export function columns(rows: string[][], indent = "    "): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
    return rows.map((r) => `${indent}${r.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`.trimEnd());
}

/** What protects writes after a failover, in one line; nothing for a cell without a DR region. */
export function afterFailoverLine(p: Posture): string | undefined {
    const { region, stores } = p.afterFailover;
    if (!region || stores.length === 0) {
        return undefined;
    }
    const worst = (pick: (s: (typeof stores)[number]) => number | null) =>
        stores.reduce((w, s) => ((pick(s) ?? Infinity) > (pick(w) ?? Infinity) ? s : w), stores[0]);
    const corruption = worst((s) => s.rpo.corruption);
    const lost = worst((s) => s.rpo.region);
    return (
        `after failing over to ${region}: a bad write costs up to ${achievable(corruption.rpo.corruption)} (${corruption.name}); ` +
        `a loss of ${region} too, ${achievable(lost.rpo.region)} (${lost.name})`
    );
}

/** The night's posture in one line, where a night mode runs: its window, RTO and RPO, and its recovery's steps. */
export function nightLine(p: Posture): string | undefined {
    const night = p.night;
    if (!night) {
        return undefined;
    }
    return (
        `at night (${night.from}–${night.to} ${night.timeZone}, ${night.region} at ${night.tier}): RTO ${objective(night.rto)}, ` +
        `RPO ${objective(night.rpo)}; ${p.judgedScope} recovery: ${stepsLine(night.rto.steps)}`
    );
}

/**
 * The posture: the judged scope's RTO and the RPO of its worst store, one row per failure scope, the judged
 * scope's recovery steps, then one row per store.
 */
export function formatPosture(p: Posture, label = "posture"): string[] {
    const worst = worstStore(p.dataStores);
    const rpo = worst ? `RPO (worst store: ${worst.name}) ${objective(p.rpo)}` : "RPO: no stateful store to protect";
    const judged = p.judgedScope === "region" ? "" : ` (judged for: ${SCOPE_DISASTER[p.judgedScope]})`;
    const summary = `  ${label}  tier ${p.tier ?? "-"}   RTO ${objective(p.rto)}   ${rpo}${judged}`;
    const after = afterFailoverLine(p);
    const night = nightLine(p);
    const lines = [
        summary,
        ...columns([SCOPE_HEADER, ...scopeRows(p)]),
        `    ${p.judgedScope} recovery: ${stepsLine(p.rto.steps)}`,
        ...(night ? [`    ${night}`] : []),
        ...(after ? [`    ${after}`] : []),
    ];
    return p.dataStores.length === 0 ? lines : [...lines, ...columns([storeHeader(p), ...storeRows(p)])];
}

/** A Markdown table; `|` in cells escaped so a value cannot break the row. */
export function markdownTable(rows: string[][]): string[] {
    const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
    const [header, ...body] = rows;
    return [
        `| ${header.map(cell).join(" | ")} |`,
        `|${header.map(() => "---").join("|")}|`,
        ...body.map((r) => `| ${r.map(cell).join(" | ")} |`),
    ];
}
