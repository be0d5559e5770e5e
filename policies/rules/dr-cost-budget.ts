import { COST_SERVICES, PRICE_TABLE, costByMode, formatUsd, runningCost } from "../catalog";
import { cellIntent, nightMode } from "../catalog/model";
import { packBudget, packUsage } from "./costConfig";
import { stackPolicy } from "./define";
import { stackModel } from "./model";
import { describeNightWindow } from "./words";

/**
 * A stack whose estimated month, as it runs (its night mode included), is over its dr:budget: priced from the pack's
 * dated price table with the stack's dr:usage, the same estimate `dr cost` prints.
 */
export const drCostBudget = stackPolicy("dr-cost-budget", (args, report, skip) => {
    const budget = packBudget();
    const usage = packUsage();
    if (budget.problem || usage.problem) {
        return skip(`the stack's cost config cannot be read: ${budget.problem ?? usage.problem}`);
    }
    if (!budget.value || !usage.value) {
        return skip("the stack declares no dr:budget");
    }
    const model = stackModel(args.resources);
    const costs = costByMode(model, usage.value);
    const month = runningCost(costs);
    if (month.cents <= budget.value.cents) {
        return;
    }
    const night = nightMode(model);
    const largest = COST_SERVICES.filter((s) => month.byService[s] > 0)
        .sort((a, b) => month.byService[b] - month.byService[a])
        .slice(0, 3)
        .map((s) => `${s} ${formatUsd(month.byService[s])}`);
    const unpriced = [...new Set(costs.day.unpriced.map((line) => line.what))];
    report(
        `The stack's estimated month${night ? `, with its night mode (${describeNightWindow(night)})` : ""}, is ${formatUsd(month.cents)}, over its budget ${formatUsd(budget.value.cents)} (dr:budget.monthlyUsd) by ${formatUsd(month.cents - budget.value.cents)}; the largest parts: ${largest.join(", ")}.` +
            `${unpriced.length > 0 ? ` Not counted, the table having no price for them: ${unpriced.join("; ")}.` : ""}` +
            ` Prices of ${PRICE_TABLE.date}, usage from dr:usage. Fix: a cheaper tier or capacity, a night mode, or a budget the owner approves.`,
        cellIntent(model).anchor?.urn,
    );
});
