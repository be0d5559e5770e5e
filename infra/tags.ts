import { Classification, DR_TAGS, REBUILD_TAG } from "../policies/catalog";
import { DrConfig, Duration } from "./config";

/** Tags of the cell's infrastructure: which cell and tier it serves. */
export function cellTags(config: DrConfig): Record<string, string> {
    return { [DR_TAGS.cell]: config.cell, [DR_TAGS.tier]: config.tier };
}

/**
 * The six DR tags of a stateful store: the contract the policy pack and Backup selections read; a reproducible store
 * also says how long rebuilding it takes.
 */
export function drTags(
    config: DrConfig,
    store: { classification: Classification; rpo: Duration; rebuild?: Duration },
): Record<string, string> {
    const { classification, rpo, rebuild } = store;
    return {
        ...(rebuild ? { [REBUILD_TAG]: rebuild.text } : {}),
        ...cellTags(config),
        [DR_TAGS.rto]: config.rto.text,
        [DR_TAGS.rpo]: rpo.text,
        [DR_TAGS.classification]: classification,
        [DR_TAGS.residency]: config.residency,
    };
}

/** A tag the game days' AWS FIS experiments select their targets by. */
export interface FaultTargetTag {
    key: string;
    value: string;
}

/**
 * What AWS FIS scenarios find their targets by: AWS's own scenario-library tags, so a scenario started from the
 * console selects the same resources as the cell's experiment templates, which also require the `dr:cell` tag.
 * https://docs.aws.amazon.com/fis/latest/userguide/az-availability-scenario.html
 * https://docs.aws.amazon.com/fis/latest/userguide/cross-region-scenario.html ("a tag named DisruptSubnet with a value of Allowed")
 */
export const FAULT_TARGET_TAGS = {
    /** Subnets an availability zone's power interruption cuts off. */
    zoneSubnet: { key: "AzImpairmentPower", value: "DisruptSubnet" },
    /** Subnets a cut between regions isolates from the other region. */
    regionSubnet: { key: "DisruptSubnet", value: "Allowed" },
} as const satisfies Record<string, FaultTargetTag>;

/** The tags that make a resource a target of the given fault injections. */
export function faultTargetTags(...targets: FaultTargetTag[]): Record<string, string> {
    return Object.fromEntries(targets.map((t) => [t.key, t.value]));
}
