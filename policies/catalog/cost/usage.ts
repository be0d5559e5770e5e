import { BUDGET, ConfigFail, USAGE, UsageConfig, readValue } from "../config";

/**
 * The usage assumptions a stack declares in `dr:usage`, every default filled in: read by the pack from the stack's
 * config and by `dr` from the stack file, through the schema the program checks the key with.
 */
export function declaredUsage(value: unknown, fail: ConfigFail): UsageConfig {
    return readValue(USAGE, value ?? {}, "dr:usage", fail);
}

/** The monthly budget a stack declares in `dr:budget`, in whole cents; none when the key is absent. */
export function declaredBudget(value: unknown, fail: ConfigFail): { text: string; cents: number } | undefined {
    return readValue(BUDGET, value, "dr:budget", fail)?.monthlyUsd;
}
