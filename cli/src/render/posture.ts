import { formatDuration } from "../../../policies/catalog";
import { Objective, Posture, worstStore } from "../../../policies/catalog/model";

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

/** The store rows of a posture: name, type, class, regions, copies, media, off-site, RPO target and achievable. */
export function storeRows(p: Posture): string[][] {
    return p.dataStores.map((s) => [
        s.name,
        s.type.split(":")[1] ?? s.type,
        s.classification ?? "-",
        s.regions.join(", "),
        String(s.copies),
        String(s.media),
        String(s.offsite),
        target(s.rpo.targetSeconds),
        achievable(s.rpo.achievableSeconds),
    ]);
}

export const STORE_HEADER = ["store", "type", "class", "regions", "copies", "media", "off-site", "rpo target", "achievable"];

/** Rows as aligned text columns, indented. */
export function columns(rows: string[][], indent = "    "): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
    return rows.map((r) => `${indent}${r.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`.trimEnd());
}

/** The posture: the cell's RTO, the RPO of its worst store, then one row per store. */
export function formatPosture(p: Posture, label = "posture"): string[] {
    const worst = worstStore(p.dataStores);
    const rpo = worst ? `RPO (worst store: ${worst.name}) ${objective(p.rpo)}` : "RPO: no stateful store to protect";
    const summary = `  ${label}  tier ${p.tier ?? "-"}   RTO ${objective(p.rto)}   ${rpo}`;
    return p.dataStores.length === 0 ? [summary] : [summary, ...columns([STORE_HEADER, ...storeRows(p)])];
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
