import { FIGURES } from "../figures";
import { ResidencyZones } from "../residency";
import { perModel } from "./cache";
import { clusterInstances } from "./databases";
import { StoreRecovery, spansZones, storeRecovery, stores } from "./recovery";
import { ModelResource, StackModel, TYPES, record } from "./resources";
import { CellIntent, OperatorReason, RecoveryStep, cellIntent, cellRecovery, rebuildStep, totalSeconds } from "./rto";

/**
 * Failure scopes (DESIGN §14): a recovery figure means nothing without the disaster it answers. Each scope
 * has its own RPO per store and RTO per stack, its own steps, its own targets.
 */
export const SCOPES = ["region", "az", "account", "corruption"] as const;
export type Scope = (typeof SCOPES)[number];

/** A scope's targets, in seconds; absent: not judged, only reported. */
export interface ScopeTarget {
    rto?: number;
    rpo?: number;
}

/** The targets of every scope a stack declares: `dr:rto`/`dr:rpo` for its judged scope, `dr:targets` for the others. */
export type ScopeTargets = Partial<Record<Scope, ScopeTarget>>;

/** What a store loses when a scope's disaster strikes: the seconds of writes, Infinity when nothing survives. */
export function storeScopeRpo(recovery: StoreRecovery, scope: Scope): number {
    switch (scope) {
        case "region":
            return recovery.regionLossRpo;
        case "az":
            return recovery.zoneLossRpo;
        case "account":
            return recovery.accountLossRpo;
        case "corruption":
            return recovery.pointInTimeRpo;
    }
}

/**
 * The scope a stack's `dr:rto` and `dr:rpo` are judged for: the region's, unless the stack's residency zone holds its
 * home region alone and the cell has no second region — then it cannot survive its region lawfully, its region scope
 * is reported with no bound (data-residency-region-loss advises), and its targets are judged for a loss of its account.
 */
export function judgedScope(model: StackModel, zones: ResidencyZones): "region" | "account" {
    const { drRegion, homeRegion, residency } = cellIntent(model);
    const zone = residency !== undefined ? zones[residency] : undefined;
    return !drRegion && homeRegion !== undefined && zone !== undefined && zone.length > 0 && zone.every((r) => r === homeRegion)
        ? "account"
        : "region";
}

/**
 * Every scope's targets: the judged scope takes `dr:rto`/`dr:rpo` (the cell's intent), the others what `dr:targets`
 * declares. A store's own `dr:rpo` tag stands for its judged scope's RPO target.
 */
export function scopeTargets(model: StackModel, declared: ScopeTargets, zones: ResidencyZones): Record<Scope, ScopeTarget> {
    const intent = cellIntent(model);
    const judged = judgedScope(model, zones);
    const targets = Object.fromEntries(SCOPES.map((scope) => [scope, { ...declared[scope] }])) as Record<Scope, ScopeTarget>;
    targets.region = {};
    targets[judged] = { rto: intent.targetRto, rpo: intent.targetRpo };
    return targets;
}

/** A store's RPO target for a scope: its own `dr:rpo` for the judged scope, the stack's declared one otherwise. */
export function storeScopeTarget(
    recovery: StoreRecovery,
    scope: Scope,
    judged: Scope,
    targets: Record<Scope, ScopeTarget>,
): number | undefined {
    return scope === judged ? (recovery.targetRpo ?? targets[scope].rpo) : targets[scope].rpo;
}

/** A scope's recovery: its steps, in order, and their sum (Infinity when nothing brings it back). */
export interface ScopeRecovery {
    scope: Scope;
    steps: RecoveryStep[];
    achievableRto: number;
}

type StepWithoutManual = RecoveryStep extends infer T ? (T extends unknown ? Omit<T, "manual"> : never) : never;

/** Builds a scope's steps: a person's reaction counted once, where a step first waits for one. */
class Steps {
    readonly steps: RecoveryStep[] = [];

    push(step: StepWithoutManual, manual: boolean): void {
        this.steps.push({ ...step, manual } as RecoveryStep);
    }

    operator(reason: OperatorReason): void {
        if (!this.steps.some((s) => s.kind === "operator-reacts")) {
            this.push({ kind: "operator-reacts", reason, seconds: FIGURES.operatorReaction }, true);
        }
    }
}

function inRegion(model: StackModel, r: ModelResource, region: string | undefined): boolean {
    return region !== undefined && model.regionOf(r) === region;
}

/** The number of distinct subnets a property was built from: two or more put the resource in two or more zones. */
function subnetCount(model: StackModel, r: ModelResource, property: string): number {
    return model.deps(r, property, "aws:ec2/subnet:Subnet").length;
}

/**
 * A loss of one availability zone of the home region: the load balancer stops sending to the zone's targets, ECS
 * replaces the tasks it lost in the other zones, each database's writer moves to another zone (an Aurora reader is
 * promoted, or Aurora replaces the writer; an RDS Multi-AZ standby takes over); a service or store in one zone only
 * waits for a person.
 */
function zoneRecovery(model: StackModel, intent: CellIntent, recoveries: StoreRecovery[]): RecoveryStep[] {
    const s = new Steps();
    const home = intent.homeRegion;
    const groups = model.ofType("aws:lb/targetGroup:TargetGroup").filter((g) => inRegion(model, g, home));
    if (groups.length > 0) {
        const check = record(groups[0].props.healthCheck);
        const interval = typeof check.interval === "number" ? check.interval : FIGURES.targetHealthDefaultInterval;
        const threshold = typeof check.unhealthyThreshold === "number" ? check.unhealthyThreshold : FIGURES.targetHealthDefaultThreshold;
        s.push({ kind: "zone-targets-out", intervalSeconds: interval, threshold, seconds: interval * threshold }, false);
    }
    const services = model.ofType(TYPES.service).filter((svc) => inRegion(model, svc, home));
    if (services.length > 0) {
        if (services.every((svc) => subnetCount(model, svc, "networkConfiguration") >= 2)) {
            s.push({ kind: "replace-tasks", seconds: FIGURES.taskStart }, false);
        } else {
            s.operator("single-zone");
            s.push({ kind: "deploy-dr-service", seconds: FIGURES.redeploy }, true);
        }
    }
    const failovers: { store: string; seconds: number }[] = [];
    const restores: string[] = [];
    const rebuilt: string[] = [];
    for (const recovery of recoveries.filter((r) => r.home.region === home)) {
        const store = recovery.store;
        // DocumentDB and Neptune share Aurora's design (a volume across zones, instances failing over onto it): its budgets hold.
        const instances = clusterInstances(model, store);
        if (instances !== undefined) {
            failovers.push({ store: store.name, seconds: instances >= 2 ? FIGURES.auroraZoneFailover : FIGURES.auroraInstanceReplacement });
        } else if (store.type === TYPES.rdsInstance) {
            if (store.props.multiAz === true) {
                failovers.push({ store: store.name, seconds: FIGURES.rdsMultiAzFailover });
            } else {
                restores.push(store.name);
            }
        } else if (recovery.rebuildSeconds !== undefined ? !spansZones(store) : recovery.zoneLossRpo > 0) {
            (recovery.rebuildSeconds !== undefined ? rebuilt : restores).push(store.name);
        }
    }
    if (failovers.length > 0) {
        s.push(
            {
                kind: "zone-database-failover",
                stores: failovers.map((f) => f.store),
                seconds: Math.max(...failovers.map((f) => f.seconds)),
            },
            false,
        );
    }
    if (restores.length > 0) {
        s.operator("single-zone");
        const unrestorable = restores.filter((name) => recoveries.find((r) => r.store.name === name)!.zoneLossRpo === Infinity);
        s.push(
            unrestorable.length > 0
                ? { kind: "no-point-in-time-copy", stores: unrestorable, seconds: Infinity }
                : { kind: "restore-point-in-time", stores: restores, seconds: FIGURES.restoreFromBackup },
            true,
        );
    }
    const rebuild = rebuildStep(recoveries.filter((r) => rebuilt.includes(r.store.name)));
    if (rebuild) {
        s.operator("single-zone");
        s.push(rebuild, true);
    }
    return s.steps;
}

/**
 * A loss or compromise of the stack's account: the cell is rebuilt in a recovery account and every store restored
 * from its copy in another account (or a logically air-gapped vault) — each step a person's.
 */
function accountRecovery(all: StoreRecovery[]): RecoveryStep[] {
    const s = new Steps();
    s.operator("account-lost");
    s.push({ kind: "redeploy-cell", seconds: FIGURES.redeploy }, true);
    const recoveries = all.filter((r) => r.rebuildSeconds === undefined);
    const missing = recoveries.filter((r) => r.accountLossRpo === Infinity).map((r) => r.store.name);
    if (recoveries.length > 0) {
        s.push(
            missing.length > 0
                ? { kind: "no-account-copy", stores: missing, seconds: Infinity }
                : { kind: "restore-account-copies", seconds: FIGURES.restoreFromBackup },
            true,
        );
    }
    const rebuild = rebuildStep(all.filter((r) => r.rebuildSeconds !== undefined));
    if (rebuild) {
        s.push(rebuild, true);
    }
    s.push({ kind: "repoint-dns", seconds: FIGURES.dnsChangePropagation + FIGURES.dnsTtl }, true);
    return s.steps;
}

/**
 * A bad write or deletion, which replication carries everywhere within seconds: a person finds it, then restores
 * each store to a point before it (PITR, kept versions, a backup) — no automation can tell a bad write from a good one.
 */
function corruptionRecovery(all: StoreRecovery[]): RecoveryStep[] {
    const s = new Steps();
    s.operator("corruption-found");
    const recoveries = all.filter((r) => r.rebuildSeconds === undefined);
    const missing = recoveries.filter((r) => r.pointInTimeRpo === Infinity).map((r) => r.store.name);
    if (recoveries.length > 0) {
        s.push(
            missing.length > 0
                ? { kind: "no-point-in-time-copy", stores: missing, seconds: Infinity }
                : { kind: "restore-point-in-time", stores: recoveries.map((r) => r.store.name), seconds: FIGURES.restoreFromBackup },
            true,
        );
    }
    // Reproducible data is not restored but rebuilt from its source, which holds no corruption of it.
    const rebuild = rebuildStep(all.filter((r) => r.rebuildSeconds !== undefined));
    if (rebuild) {
        s.push(rebuild, true);
    }
    return s.steps;
}

/** Each scope's recovery of the stack's cell. The region's is `cellRecovery`. */
export const scopeRecoveries = perModel((model): Record<Scope, ScopeRecovery> => {
    const recoveries = stores(model).map((s) => storeRecovery(model, s));
    const intent = cellIntent(model);
    const make = (scope: Scope, steps: RecoveryStep[]): ScopeRecovery => ({ scope, steps, achievableRto: totalSeconds(steps) });
    return {
        region: make("region", cellRecovery(model).steps),
        az: make("az", zoneRecovery(model, intent, recoveries)),
        account: make("account", accountRecovery(recoveries)),
        corruption: make("corruption", corruptionRecovery(recoveries)),
    };
});
