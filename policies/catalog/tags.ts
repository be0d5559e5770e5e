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

/** How long rebuilding a `reproducible` store's data from its source takes (a duration): required of those stores only. */
export const REBUILD_TAG = "dr:rebuild";
