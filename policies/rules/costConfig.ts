import { UsageConfig, declaredBudget, declaredUsage } from "../catalog";
import { stackConfigObject } from "./stackConfig";

/**
 * What dr-cost-budget reads of the stack's config, from the environment the policy SDK gives the pack: `dr:usage`
 * (every default filled in) and `dr:budget`. A malformed value is kept as a problem to report, never thrown: the
 * program's own check stops such a preview first.
 */

function readConfig<T>(key: string, read: (value: unknown) => T): { value?: T; problem?: string } {
    try {
        return { value: read(stackConfigObject<unknown>("dr", key)) };
    } catch (e) {
        return { problem: (e as Error).message };
    }
}

const fail = (key: string, value: unknown, allowed: string): never => {
    throw new Error(`${key} is ${JSON.stringify(value)}; expected ${allowed}`);
};

let usage: { value?: UsageConfig; problem?: string } | undefined;
let budget: { value?: { text: string; cents: number }; problem?: string } | undefined;

/** The stack's usage assumptions. */
export function packUsage(): { value?: UsageConfig; problem?: string } {
    usage ??= readConfig("usage", (value) => declaredUsage(value, fail));
    return usage;
}

/** The stack's monthly budget, in cents; none when it declares none. */
export function packBudget(): { value?: { text: string; cents: number }; problem?: string } {
    budget ??= readConfig("budget", (value) => declaredBudget(value, fail));
    return budget;
}
