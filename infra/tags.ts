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
