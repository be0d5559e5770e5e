import { CostLine, formatUsd } from "../../../../policies/catalog";
import { CostReport, costReport, percent, pricesLine, servicesLine } from "../../render/cost";
import { columns, markdownTable } from "../../render/posture";
import { StackCost, TierCost } from "./run";

/** One tier of a stack, as `dr cost --json` reports it. */
export type TierReport = { tier: string; configured: boolean } & (CostReport | { error: string });

/** One stack in `dr cost --json`. */
export interface StackCostReport {
    stack: string;
    tier: string;
    regions: string[];
    /** Each tier, cheapest first; the configured one marked. */
    tiers: TierReport[];
    /** Every line of the configured tier's month by day, in whole cents. */
    lines: CostLine[];
}

function tierReport(t: TierCost): TierReport {
    return "error" in t
        ? { tier: t.tier, configured: t.configured, error: t.error }
        : { tier: t.tier, configured: t.configured, ...costReport(t.costs) };
}

function configuredOf(stack: StackCost): Extract<TierCost, { costs: unknown }> {
    return stack.tiers.find((t): t is Extract<TierCost, { costs: unknown }> => t.configured && "costs" in t)!;
}

function regionsOf(stack: StackCost): string[] {
    return [stack.context.config["aws:region"], stack.context.config["dr:drRegion"]].filter((r): r is string => r !== undefined);
}

export function stackCostReport(stack: StackCost): StackCostReport {
    return {
        stack: stack.stack,
        tier: stack.tier,
        regions: regionsOf(stack),
        tiers: stack.tiers.map(tierReport),
        lines: configuredOf(stack).costs.day.lines,
    };
}

export function renderCostJson(stacks: StackCost[]): string {
    const [first] = stacks
        .map(stackCostReport)
        .flatMap((s) => s.tiers)
        .filter((t): t is TierReport & CostReport => "prices" in t);
    return `${JSON.stringify({ currency: "USD", prices: first?.prices, stacks: stacks.map(stackCostReport) }, null, 2)}\n`;
}

/** The tiers table: each tier's month by day, at night and as scheduled, and the night mode's saving. */
function tierRows(stack: StackCost): string[][] {
    return [
        ["tier", "day", "night", "as scheduled", "night mode saves"],
        ...stack.tiers.map(tierReport).map((t) => {
            const name = `${t.tier}${t.configured ? " (configured)" : ""}`;
            if ("error" in t) {
                return [name, "not built", "-", "-", t.error];
            }
            const { day, night, scheduled } = t.modes;
            return [
                name,
                formatUsd(day.cents),
                night ? formatUsd(night.cents) : "-",
                scheduled ? formatUsd(scheduled.cents) : "-",
                t.savingBasisPoints !== undefined ? percent(t.savingBasisPoints) : "-",
            ];
        }),
    ];
}

function lineRows(lines: CostLine[]): string[][] {
    return [
        ["service", "resource", "region", "what", "a month of", "cost"],
        ...lines.map((l) => [
            l.service,
            l.resource,
            l.region,
            l.what,
            l.amount,
            l.cents === undefined ? "no price" : `${formatUsd(l.cents)}${l.standIn ? ` (${l.standIn}'s price)` : ""}`,
        ]),
    ];
}

/** What an estimate leaves out or prices with another region's price, in sentences. */
function caveats(report: CostReport, lines: CostLine[]): string[] {
    const standIns = [...new Set(lines.filter((l) => l.standIn).map((l) => `${l.region} as ${l.standIn} (${l.what})`))];
    return [
        ...(report.unpriced.length > 0 ? [`No price in the table, so not in the totals: ${report.unpriced.join("; ")}.`] : []),
        ...(report.notPriced.length > 0
            ? [`Not priced by the model: ${report.notPriced.map((n) => `${n.type} (${n.count})`).join(", ")}.`]
            : []),
        ...(standIns.length > 0 ? [`Priced with another region's price, the table having none of their own: ${standIns.join("; ")}.`] : []),
    ];
}

function headline(stack: StackCost, report: CostReport): string {
    const night = report.modes.night;
    return `stack ${stack.stack}  ${regionsOf(stack).join(" + ")}  tier ${stack.tier}${night ? `  night mode: ${night.tier} for ${Math.floor(night.minutesPerDay / 60)}h${String(night.minutesPerDay % 60).padStart(2, "0")} a day` : ""}  ${formatUsd(report.month.cents)} a month as it runs`;
}

export function renderCostHuman(stacks: StackCost[]): string {
    const lines = [pricesLine(), ""];
    for (const stack of stacks) {
        const configured = configuredOf(stack);
        const report = costReport(configured.costs);
        lines.push(
            headline(stack, report),
            ...columns(tierRows(stack)),
            `  ${stack.tier} by day, by service: ${servicesLine(report.modes.day)}`,
        );
        lines.push(`  ${stack.tier} by day, line by line:`, ...columns(lineRows(configured.costs.day.lines)));
        lines.push(...caveats(report, configured.costs.day.lines).map((c) => `  ${c}`), "");
    }
    return `${lines.join("\n")}\n`;
}

export function renderCostMarkdown(stacks: StackCost[]): string {
    const lines = [`# dr cost: ${stacks.length} stack${stacks.length === 1 ? "" : "s"}`, "", pricesLine(), ""];
    for (const stack of stacks) {
        const configured = configuredOf(stack);
        const report = costReport(configured.costs);
        lines.push(`## ${headline(stack, report).replace(/^stack (\S+)/, "Stack `$1`:")}`, "", ...markdownTable(tierRows(stack)), "");
        lines.push(`By day, by service: ${servicesLine(report.modes.day)}.`, "");
        lines.push(
            "<details><summary>Line by line, by day</summary>",
            "",
            ...markdownTable(lineRows(configured.costs.day.lines)),
            "",
            "</details>",
            "",
        );
        lines.push(...caveats(report, configured.costs.day.lines).flatMap((c) => [c, ""]));
    }
    return `${lines.join("\n")}\n`;
}
