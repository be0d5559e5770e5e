import { CostByMode, UsageConfig, costByMode, declaredUsage } from "../../../policies/catalog";
import { AnalyzedResource, StackContext } from "../engine";
import { InputError } from "../errors";
import { clip, quote } from "../text";
import { modelOf } from "./posture";

/** The usage assumptions the stack declares in `dr:usage`, defaults filled in; a malformed value is bad input naming the file. */
export function usageOf(context: StackContext, configFile: string): UsageConfig {
    const text = context.config["dr:usage"];
    let value: unknown = text;
    try {
        value = text === undefined ? undefined : JSON.parse(text);
    } catch {
        // Not JSON: the schema names it as the wrong form.
    }
    return declaredUsage(value, (key, bad, allowed) => {
        throw new InputError(`${configFile}: ${clip(key)} is ${quote(bad)}; expected ${allowed}.`);
    });
}

/** What the resources cost a month by mode, priced with the catalog's table and the stack's usage: what dr-cost-budget judges. */
export function costOf(resources: AnalyzedResource[], context: StackContext, configFile: string): CostByMode {
    return costByMode(modelOf(resources, context.config), usageOf(context, configFile));
}
