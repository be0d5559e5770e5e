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

/** One step of the region recovery, in order: its kind, its time (null: never), and whether a person must act. */
export interface RecoveryStepPosture {
    step: string;
    seconds: number | null;
    manual: boolean;
}

/** A stack's DR posture, as `dr plan --json` reports it. */
export interface Posture {
    tier: string | null;
    /** The region scope's RTO, and every step it counts (DESIGN §14). */
    rto: Objective & { steps: RecoveryStepPosture[] };
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

/** How far a store is from its RPO target: achievable over target; no bound and no target rank worst. */
function shortfall(store: StorePosture): number {
    const { targetSeconds, achievableSeconds } = store.rpo;
    if (achievableSeconds === null) {
        return Infinity;
    }
    return targetSeconds === null || targetSeconds === 0 ? Number.MAX_VALUE : achievableSeconds / targetSeconds;
}

/**
 * The store that stands for the stack's RPO: the one furthest from its own target (a store without an
 * off-site copy first), the one with the most data at risk among equals.
 */
export function worstStore(dataStores: StorePosture[]): StorePosture | undefined {
    return dataStores.reduce<StorePosture | undefined>((worst, store) => {
        if (!worst) {
            return store;
        }
        const [a, b] = [shortfall(store), shortfall(worst)];
        return a > b || (a === b && (store.rpo.achievableSeconds ?? Infinity) > (worst.rpo.achievableSeconds ?? Infinity)) ? store : worst;
    }, undefined);
}

/**
 * The posture of a stack. Its RPO is its worst store's (see `worstStore`): a stack recovers no better
 * than the store furthest from its target. A stack without stores has no RPO to report.
 */
export function posture(model: StackModel): Posture {
    const cell = cellRecovery(model);
    const dataStores = stores(model).map((s) => storePosture(storeRecovery(model, s)));
    const worst = worstStore(dataStores);
    return {
        tier: cell.tier ?? null,
        rto: {
            targetSeconds: seconds(cell.targetRto),
            achievableSeconds: seconds(cell.achievableRto),
            steps: cell.steps.map((s) => ({ step: s.kind, seconds: seconds(s.seconds), manual: s.manual })),
        },
        rpo: worst ? worst.rpo : { targetSeconds: seconds(cellIntent(model).targetRpo), achievableSeconds: null },
        dataStores,
    };
}
