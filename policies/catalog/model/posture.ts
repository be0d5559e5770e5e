import { DEFAULT_RESIDENCY_ZONES, ResidencyZones } from "../residency";
import { afterFailover } from "./afterFailover";
import { nightMode, nightModel } from "./nightMode";
import { StoreRecovery, spansZones, storeRecovery, stores } from "./recovery";
import { StackModel } from "./resources";
import { SCOPES, Scope, ScopeTargets, judgedScope, scopeRecoveries, scopeTargets, storeScopeRpo, storeScopeTarget } from "./scopes";
import { RecoveryStep, cellIntent } from "./rto";

/** A target and what the stack achieves; `null` when nothing achieves it (nothing survives), or when no target is set. */
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
    /** The store lives in one availability zone of its region: a zone's loss takes it, and only its copies outside the zone survive (DESIGN §14, `az`). */
    singleZone: boolean;
    copies: number;
    media: number;
    offsite: number;
    /** The judged scope's RPO (the region's, or the account's for a single-region zone). */
    rpo: Objective;
    /** Every scope's RPO (DESIGN §14). */
    scopes: Record<Scope, { rpo: Objective }>;
}

/** One step of a recovery, in order: its kind, its time (null: never), and whether a person must act. */
export interface RecoveryStepPosture {
    step: string;
    seconds: number | null;
    manual: boolean;
}

/** A scope's figures for the stack: its RTO with every step, and its worst store's RPO. */
export interface ScopePosture {
    rto: Objective & { steps: RecoveryStepPosture[] };
    rpo: Objective;
}

/** What protects the writes a cell takes once failed over to its DR region: per store, its copy there. */
export interface AfterFailoverPosture {
    /** The DR region; null for a cell without one. */
    region: string | null;
    stores: { name: string; rpo: { corruption: number | null; region: number | null } }[];
}

/** What a stack achieves at night, while its night mode runs the DR region at a cheaper tier. */
export interface NightPosture {
    /** The window, local times in `timeZone`, and the tier the DR region runs in it. */
    from: string;
    to: string;
    timeZone: string;
    region: string;
    tier: string;
    /** The judged scope's RTO and RPO at night, against the night's targets (the day's where the stack declares none). */
    rto: Objective & { steps: RecoveryStepPosture[] };
    rpo: Objective;
    scopes: Record<Scope, ScopePosture>;
}

/** A stack's DR posture, as `dr plan --json` reports it. */
export interface Posture {
    tier: string | null;
    /** The scope `dr:rto` and `dr:rpo` are judged for: the region's, or the account's where the residency zone holds one region. */
    judgedScope: Scope;
    /** The judged scope's RTO, and every step of its recovery (the region's, DESIGN §14, but for a single-region zone). */
    rto: Objective & { steps: RecoveryStepPosture[] };
    rpo: Objective;
    scopes: Record<Scope, ScopePosture>;
    dataStores: StorePosture[];
    afterFailover: AfterFailoverPosture;
    /** At night, where a night mode drops the DR region to a cheaper tier. */
    night?: NightPosture;
}

function seconds(value: number | undefined): number | null {
    return value === undefined || !Number.isFinite(value) ? null : value;
}

function stepsOf(steps: RecoveryStep[]): RecoveryStepPosture[] {
    return steps.map((s) => ({ step: s.kind, seconds: seconds(s.seconds), manual: s.manual }));
}

function storePosture(recovery: StoreRecovery, judged: Scope, targets: Record<Scope, { rpo?: number }>): StorePosture {
    const regions = recovery.copies.filter((c) => c.medium === "live").map((c) => c.location.region);
    const objective = (scope: Scope): Objective => ({
        targetSeconds: seconds(storeScopeTarget(recovery, scope, judged, targets)),
        achievableSeconds: seconds(storeScopeRpo(recovery, scope)),
    });
    return {
        name: recovery.store.name,
        type: recovery.store.type,
        classification: recovery.classification ?? null,
        regions: [...new Set(regions.filter((r): r is string => typeof r === "string"))],
        singleZone: !spansZones(recovery.store),
        copies: recovery.copies.length,
        media: recovery.media,
        offsite: recovery.offsite,
        rpo: objective(judged),
        scopes: Object.fromEntries(SCOPES.map((scope) => [scope, { rpo: objective(scope) }])) as StorePosture["scopes"],
    };
}

/** How far a store is from an RPO target: achievable over target; no bound and no target rank worst. */
function shortfall(rpo: Objective): number {
    const { targetSeconds, achievableSeconds } = rpo;
    if (achievableSeconds === null) {
        return Infinity;
    }
    return targetSeconds === null || targetSeconds === 0 ? Number.MAX_VALUE : achievableSeconds / targetSeconds;
}

/**
 * The store that stands for a stack's RPO in a scope: the one furthest from its own target (one nothing brings back
 * first), the one with the most data at risk among equals.
 */
export function worstStore(dataStores: StorePosture[], scope?: Scope): StorePosture | undefined {
    const rpoOf = (s: StorePosture) => (scope ? s.scopes[scope].rpo : s.rpo);
    return dataStores.reduce<StorePosture | undefined>((worst, store) => {
        if (!worst) {
            return store;
        }
        const [a, b] = [shortfall(rpoOf(store)), shortfall(rpoOf(worst))];
        const [x, y] = [rpoOf(store).achievableSeconds ?? Infinity, rpoOf(worst).achievableSeconds ?? Infinity];
        return a > b || (a === b && x > y) ? store : worst;
    }, undefined);
}

/**
 * The posture of a stack in every failure scope. A scope's RPO is its worst store's (see `worstStore`): a stack
 * recovers no better than the store furthest from its target. `declared` are the stack's `dr:targets`; `zones` the
 * residency zones that decide whether `dr:rto`/`dr:rpo` are judged for the region or the account.
 */
export function posture(model: StackModel, declared: ScopeTargets = {}, zones: ResidencyZones = DEFAULT_RESIDENCY_ZONES): Posture {
    const judged = judgedScope(model, zones);
    const targets = scopeTargets(model, declared, zones);
    const recoveries = scopeRecoveries(model);
    const dataStores = stores(model).map((s) => storePosture(storeRecovery(model, s), judged, targets));
    const scopePosture = (scope: Scope): ScopePosture => {
        const worst = worstStore(dataStores, scope);
        return {
            rto: {
                targetSeconds: seconds(targets[scope].rto),
                achievableSeconds: seconds(recoveries[scope].achievableRto),
                steps: stepsOf(recoveries[scope].steps),
            },
            rpo: worst ? worst.scopes[scope].rpo : { targetSeconds: seconds(targets[scope].rpo), achievableSeconds: null },
        };
    };
    const scopes = Object.fromEntries(SCOPES.map((scope) => [scope, scopePosture(scope)])) as Record<Scope, ScopePosture>;
    const mode = nightMode(model);
    const nightView = nightModel(model);
    const night = mode && nightView ? posture(nightView, declared, zones) : undefined;
    return {
        tier: cellIntent(model).tier ?? null,
        judgedScope: judged,
        rto: scopes[judged].rto,
        rpo: scopes[judged].rpo,
        scopes,
        dataStores,
        afterFailover: {
            region: cellIntent(model).drRegion ?? null,
            stores: afterFailover(model).map((f) => ({
                name: f.store.name,
                rpo: { corruption: seconds(f.corruptionRpo), region: seconds(f.regionRpo) },
            })),
        },
        ...(mode && night
            ? {
                  night: {
                      from: mode.from,
                      to: mode.to,
                      timeZone: mode.timeZone,
                      region: mode.region,
                      tier: mode.tier,
                      rto: night.rto,
                      rpo: night.rpo,
                      scopes: night.scopes,
                  },
              }
            : {}),
    };
}
