import {
    COST_SERVICES,
    CostByMode,
    CostEstimate,
    CostService,
    MonthCost,
    PRICE_TABLE,
    formatUsd,
    runningCost,
    savingBasisPoints,
} from "../../../policies/catalog";

/** A month as reports give it: its total and each service's part, in whole cents (money is never a float). */
export interface MonthReport {
    cents: number;
    byService: Partial<Record<CostService, number>>;
}

/** A stack's cost as `dr plan --json` and `dr cost --json` report it. */
export interface CostReport {
    currency: "USD";
    /** The price table: its date and where its prices come from. */
    prices: { date: string; source: string; refresh: string };
    /** The month as the stack runs: as scheduled with a night mode, else every hour at its tier. */
    month: MonthReport;
    modes: {
        day: MonthReport;
        night?: MonthReport & { tier: string; minutesPerDay: number };
        scheduled?: MonthReport;
    };
    /** The night mode's saving against the day's cost, in hundredths of a percent. */
    savingBasisPoints?: number;
    /** What the table has no price for: left out of every total. */
    unpriced: string[];
    /** Resources AWS charges for that the model does not price, by type. */
    notPriced: { type: string; count: number }[];
}

function month(cost: MonthCost): MonthReport {
    return {
        cents: cost.cents,
        byService: Object.fromEntries(COST_SERVICES.filter((s) => cost.byService[s] > 0).map((s) => [s, cost.byService[s]])),
    };
}

/** What a stack's resources cost, as data. */
export function costReport(costs: CostByMode): CostReport {
    const saving = savingBasisPoints(costs);
    return {
        currency: "USD",
        prices: { date: PRICE_TABLE.date, source: PRICE_TABLE.source, refresh: PRICE_TABLE.refresh },
        month: month(runningCost(costs)),
        modes: {
            day: month(costs.day),
            ...(costs.night ? { night: { ...month(costs.night), tier: costs.night.tier, minutesPerDay: costs.night.minutesPerDay } } : {}),
            ...(costs.scheduled ? { scheduled: month(costs.scheduled) } : {}),
        },
        ...(saving !== undefined ? { savingBasisPoints: saving } : {}),
        unpriced: unpricedItems(costs.day),
        notPriced: costs.day.notPriced,
    };
}

/** The distinct things an estimate could not price, in words. */
export function unpricedItems(estimate: CostEstimate): string[] {
    return [...new Set(estimate.unpriced.map((line) => line.what))];
}

/** Basis points as a percentage for a report: `7.25%`. */
export function percent(basisPoints: number): string {
    const sign = basisPoints < 0 ? "-" : "";
    const abs = Math.abs(basisPoints);
    return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}%`;
}

/** A month's services, largest first, each with its part: `databases $1,234.56, compute $345.67`. */
export function servicesLine(cost: MonthReport): string {
    return COST_SERVICES.filter((s) => (cost.byService[s] ?? 0) > 0)
        .sort((a, b) => cost.byService[b]! - cost.byService[a]!)
        .map((s) => `${s} ${formatUsd(cost.byService[s]!)}`)
        .join(", ");
}

/** The price table's provenance in one line, for every report that prints money. */
export function pricesLine(): string {
    return `Prices of ${PRICE_TABLE.date} in USD (on-demand list prices; ${PRICE_TABLE.source}). Refresh: ${PRICE_TABLE.refresh}.`;
}
