/**
 * The DR tags every stateful resource carries: the contract between the program and the policy pack,
 * also real AWS tags used by Backup selections and drift runs.
 */
export const DR_TAGS = {
    cell: "dr:cell",
    tier: "dr:tier",
    rto: "dr:rto",
    rpo: "dr:rpo",
    classification: "dr:classification",
    residency: "dr:residency",
} as const;

export const DR_TAG_KEYS: readonly string[] = Object.values(DR_TAGS);

/**
 * How long rebuilding a store's data from its source takes (a duration): required of `reproducible` stores; on a store of
 * another classification (personal sessions), it declares that store reproducible as well.
 */
export const REBUILD_TAG = "dr:rebuild";
