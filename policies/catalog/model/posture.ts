import { StoreRecovery, storeRecovery, stores } from "./recovery";
import { StackModel } from "./resources";
import { cellIntent, cellRecovery } from "./rto";

/** A target and what the stack achieves; `null` when nothing achieves it (no off-site copy, no way back). */
export interface Objective {
    targetSeconds: number | null;
    achievableSeconds: number | null;
}

export interface StorePosture {
    name: string;
    type: string;
    classification: string | null;
    /** Regions where the store's data is live: its own and its replicas'. */
    regions: string[];
    copies: number;
    media: number;
    offsite: number;
    rpo: Objective;
}

/** A stack's DR posture, as `dr plan --json` reports it. */
export interface Posture {
    tier: string | null;
    rto: Objective;
    rpo: Objective;
    dataStores: StorePosture[];
}

function seconds(value: number | undefined): number | null {
    return value === undefined || !Number.isFinite(value) ? null : value;
}

function storePosture(recovery: StoreRecovery): StorePosture {
    const regions = recovery.copies.filter((c) => c.medium === "live").map((c) => c.location.region);
    return {
        name: recovery.store.name,
        type: recovery.store.type,
        classification: recovery.classification ?? null,
        regions: [...new Set(regions.filter((r): r is string => typeof r === "string"))],
        copies: recovery.copies.length,
        media: recovery.media,
        offsite: recovery.offsite,
        rpo: { targetSeconds: seconds(recovery.targetRpo), achievableSeconds: seconds(recovery.achievableRpo) },
    };
}

/**
 * The posture of a stack. Its RPO is the worst store held to the stack's own RPO (stores with a
 * target of their own, like tokyo's uploads, are reported with it in `dataStores`).
 */
export function posture(model: StackModel): Posture {
    const cell = cellRecovery(model);
    const recoveries = stores(model).map((s) => storeRecovery(model, s));
    const stackRpo = cellIntent(model).targetRpo;
    const held = recoveries.filter((r) => r.targetRpo === stackRpo);
    const worst = (held.length > 0 ? held : recoveries).reduce((max, r) => Math.max(max, r.achievableRpo), 0);
    return {
        tier: cell.tier ?? null,
        rto: { targetSeconds: seconds(cell.targetRto), achievableSeconds: seconds(cell.achievableRto) },
        rpo: { targetSeconds: seconds(stackRpo), achievableSeconds: recoveries.length > 0 ? seconds(worst) : null },
        dataStores: recoveries.map(storePosture),
    };
}
