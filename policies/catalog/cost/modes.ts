import { UsageConfig } from "../config";
import { nightMode, nightModel } from "../model/nightMode";
import { StackModel } from "../model/resources";
import { COST_SERVICES, CostEstimate, CostService, estimateCost } from "./estimate";
import { blendCents } from "./money";
import { PRICE_TABLE, PriceTable } from "./prices";

/** A month's cost: its total and what each service adds to it, in whole cents. */
export interface MonthCost {
    cents: number;
    byService: Record<CostService, number>;
}

/** A stack's month in each mode it runs in. */
export interface CostByMode {
    /** Every hour at the day's tier. */
    day: CostEstimate;
    /** Every hour at the night's tier, where a night mode runs, and how many minutes a day it does. */
    night?: CostEstimate & { minutesPerDay: number; tier: string };
    /** As scheduled: the day's and the night's services blended by the minutes a day each runs. */
    scheduled?: MonthCost;
}

/**
 * The stack's cost by mode: by day (the resources as deployed), by night (the night view of the model, what the night
 * mode leaves running), and as scheduled, each service blended by the minutes a day the DR region runs at its night size.
 */
export function costByMode(model: StackModel, usage: UsageConfig, table: PriceTable = PRICE_TABLE): CostByMode {
    const day = estimateCost(model, usage, table);
    const mode = nightModel(model);
    const intent = nightMode(model);
    if (!mode || !intent) {
        return { day };
    }
    const night = estimateCost(mode, usage, table);
    const byService = Object.fromEntries(
        COST_SERVICES.map((s) => [s, blendCents(day.byService[s], night.byService[s], intent.nightMinutes)]),
    ) as Record<CostService, number>;
    return {
        day,
        night: { ...night, minutesPerDay: intent.nightMinutes, tier: intent.tier },
        scheduled: { cents: COST_SERVICES.reduce((sum, s) => sum + byService[s], 0), byService },
    };
}

/** The month the stack costs as it runs: as scheduled where a night mode runs, else every hour at its tier. */
export function runningCost(costs: CostByMode): MonthCost {
    return costs.scheduled ?? costs.day;
}

/** How much of the day's cost the schedule saves, in hundredths of a percent (basis points), rounded half up. */
export function savingBasisPoints(costs: CostByMode): number | undefined {
    if (!costs.scheduled || costs.day.cents === 0) {
        return undefined;
    }
    const saved = BigInt(costs.day.cents - costs.scheduled.cents) * 10_000n;
    const day = BigInt(costs.day.cents);
    return Number((2n * saved + day) / (2n * day));
}
