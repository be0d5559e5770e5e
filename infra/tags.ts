import { Classification, DR_TAGS } from "../policies/catalog";
import { DrConfig, Duration } from "./config";

/** Tags of the cell's infrastructure: which cell and tier it serves. */
export function cellTags(config: DrConfig): Record<string, string> {
    return { [DR_TAGS.cell]: config.cell, [DR_TAGS.tier]: config.tier };
}

/** The six DR tags of a stateful store: the contract the policy pack and Backup selections read. */
export function drTags(config: DrConfig, classification: Classification, rpo: Duration): Record<string, string> {
    return {
        ...cellTags(config),
        [DR_TAGS.rto]: config.rto.text,
        [DR_TAGS.rpo]: rpo.text,
        [DR_TAGS.classification]: classification,
        [DR_TAGS.residency]: config.residency,
    };
}
