import { CellRole, ComputeKind, Tier } from "../policies/catalog";

/** How many tasks a region of the cell runs, and how far it can scale. */
export interface ComputeSize {
    /** none: no service at all; fixed: always `desired`; scalable: from `min` up to `max` by auto scaling. */
    kind: ComputeKind;
    desired: number;
    min: number;
    max: number;
}

/**
 * Compute per tier and role: the primary and an active-active peer run at full capacity,
 * a warm standby runs one task and scales to full, a pilot light keeps the definition at zero tasks,
 * and backup & restore keeps no standby compute at all. A peer that drops to a cheaper tier at night
 * (`nightTier`) runs at full capacity by day behind auto scaling, whose bounds the night mode moves.
 */
export function computeSize(tier: Tier, role: CellRole, capacity: number, nightTier?: Tier): ComputeSize {
    if (role === "standby" && tier === "active-active" && nightTier !== undefined) {
        return { kind: "scalable", desired: capacity, min: capacity, max: capacity };
    }
    if (role === "primary" || tier === "active-active") {
        return { kind: "fixed", desired: capacity, min: capacity, max: capacity };
    }
    switch (tier) {
        case "warm-standby":
            return { kind: "scalable", desired: 1, min: 1, max: capacity };
        case "pilot-light":
            return { kind: "scalable", desired: 0, min: 0, max: capacity };
        case "backup-restore":
            return { kind: "none", desired: 0, min: 0, max: 0 };
    }
}
