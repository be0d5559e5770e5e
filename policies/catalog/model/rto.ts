import { FIGURES } from "../figures";
import { DR_TAGS } from "../tags";
import { Tier, isTier } from "../tiers";
import { parseDuration } from "../durations";
import { storeRecovery, stores } from "./copies";
import { ModelResource, StackModel, TYPES, list, record, text } from "./resources";

/** One step of a recovery, for the report: `detection by Route 53 health checks (10s × 3)`, 30 s. */
export interface RecoveryStep {
    what: string;
    seconds: number;
}

/** What a cell achieves when its home region is lost. */
export interface CellRecovery {
    tier?: Tier;
    /** The cell's RTO target (from its cells, else its stores' `dr:rto` tag). */
    targetRto?: number;
    homeRegion?: string;
    drRegion?: string;
    /** Sum of the steps; Infinity when the data cannot be brought back in time at all. */
    achievableRto: number;
    steps: RecoveryStep[];
    /** Whether traffic leaves the home region without a person: health checks on records that reach the DR region. */
    automaticFailover: boolean;
    /** The resource a finding about the cell is attached to: its primary cell component, if any. */
    anchor?: ModelResource;
}

/** Tiers that promise recovery faster than a person can react, so they must fail over by themselves. */
export const AUTOMATIC_FAILOVER_TIERS: readonly Tier[] = ["active-active", "warm-standby"];

function majority(values: (string | undefined)[]): string | undefined {
    const counts = new Map<string, number>();
    for (const v of values) {
        if (v !== undefined) {
            counts.set(v, (counts.get(v) ?? 0) + 1);
        }
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function regionString(model: StackModel, r: ModelResource): string | undefined {
    const region = model.regionOf(r);
    return typeof region === "string" ? region : undefined;
}

/** The load balancer a record aliases or a health check probes. */
function loadBalancerOf(model: StackModel, r: ModelResource, property: string): ModelResource | undefined {
    const lbs = model.deps(r, property, TYPES.loadBalancer, TYPES.albLoadBalancer);
    if (lbs.length > 0) {
        return lbs[0];
    }
    const name = property === "aliases" ? text(record(list(r.props.aliases)[0]).name) : text(r.props.fqdn);
    return typeof name === "string" ? model.ofType(TYPES.loadBalancer, TYPES.albLoadBalancer).find((lb) => lb.props.dnsName === name) : undefined;
}

function healthCheckOf(model: StackModel, record: ModelResource): ModelResource | undefined {
    const checks = model.deps(record, "healthCheckId", TYPES.healthCheck);
    return checks[0] ?? model.ofType(TYPES.healthCheck).find((h) => typeof record.props.healthCheckId === "string" && h.props.id === record.props.healthCheckId);
}

/** The Fargate/ECS service task counts per region, with how each can grow. */
function computeIn(model: StackModel, region: string): { desired: number; autoScales: boolean; max: number } | undefined {
    const services = model.ofType(TYPES.service).filter((s) => regionString(model, s) === region);
    if (services.length === 0) {
        return undefined;
    }
    let desired = 0;
    let max = 0;
    let autoScales = false;
    for (const service of services) {
        const count = typeof service.props.desiredCount === "number" ? service.props.desiredCount : 0;
        desired += count;
        const target = model.ofType(TYPES.scalingTarget).find((t) => model.deps(t, "resourceId").some((d) => d.urn === service.urn));
        const targetMin = typeof target?.props.minCapacity === "number" ? target.props.minCapacity : count;
        max += typeof target?.props.maxCapacity === "number" ? target.props.maxCapacity : count;
        const policy = target && model.ofType(TYPES.scalingPolicy).some((p) => model.deps(p, "resourceId").some((d) => d.urn === target.urn));
        autoScales = autoScales || (Boolean(policy) && targetMin >= 1);
    }
    return { desired, autoScales, max };
}

/**
 * The achievable RTO of the stack's cell for a loss of its home region, from the evidence for its tier:
 * detection (health checks, or a person), traffic shift (health-checked failover or latency records,
 * or a manual change), capacity in the DR region (already running, scaling out, or started by a
 * person), and data (already in the DR region, or restored from a backup copy there). A cell with no
 * DR region is rebuilt: redeployed and restored from its vaults.
 */
export function cellRecovery(model: StackModel): CellRecovery {
    const cells = model.ofType(TYPES.cell);
    const primary = cells.find((c) => c.props.role === "primary");
    const dataStores = stores(model);
    const tierText = text(primary?.props.tier) ?? majority(dataStores.map((s) => record(s.props.tags)[DR_TAGS.tier]));
    const rtoText = text(primary?.props.rto) ?? majority(dataStores.map((s) => record(s.props.tags)[DR_TAGS.rto]));
    const homeRegion = text(primary?.props.region) ?? majority(dataStores.map((s) => regionString(model, s)));
    const home = typeof homeRegion === "string" ? homeRegion : undefined;
    const standby = cells.find((c) => c.props.role === "standby" && typeof c.props.region === "string");
    const drRegion = (standby?.props.region as string | undefined) ?? majority(model.ofType(TYPES.service).map((s) => regionString(model, s)).filter((r) => r !== home));
    const tier = isTier(tierText) ? tierText : undefined;
    const result = { tier, targetRto: parseDuration(rtoText), homeRegion: home, drRegion, anchor: primary ?? standby };

    const steps: RecoveryStep[] = [];
    let operatorCounted = false;
    const operator = (why: string) => {
        if (!operatorCounted) {
            steps.push({ what: `a person reacts: ${why}`, seconds: FIGURES.operatorReaction });
            operatorCounted = true;
        }
    };

    if (!drRegion) {
        operator("no second region to fail over to");
        steps.push({ what: "redeploy the cell with pulumi up", seconds: FIGURES.redeploy });
        const restorable = dataStores.every((s) => storeRecovery(model, s).copies.some((c) => c.kind === "backup" && c.offsite));
        steps.push(restorable ? { what: "restore every store from its off-site backup copy", seconds: FIGURES.restoreFromBackup } : { what: "a store has no off-site backup to restore from", seconds: Infinity });
        steps.push({ what: "point DNS at the rebuilt cell", seconds: FIGURES.dnsChangePropagation + FIGURES.dnsTtl });
        return { ...result, steps, achievableRto: total(steps), automaticFailover: false };
    }

    // Detection: a health check on a record that serves the home region.
    const records = model.ofType(TYPES.record);
    const routed = records
        .map((r) => ({ record: r, lb: loadBalancerOf(model, r, "aliases"), check: healthCheckOf(model, r) }))
        .filter((r) => r.lb !== undefined);
    const regionOfLb = (lb: ModelResource | undefined) => (lb ? regionString(model, lb) : undefined);
    const homeChecks = routed.filter((r) => regionOfLb(r.lb) === home && r.check && isRoutingPolicy(r.record) && guards(model, r.check, r.lb!));
    const drTargets = routed.filter((r) => regionOfLb(r.lb) === drRegion && isRoutingPolicy(r.record));
    const automaticFailover = homeChecks.length > 0 && drTargets.length > 0;
    if (automaticFailover) {
        const check = homeChecks[0].check!;
        const interval = typeof check.props.requestInterval === "number" ? check.props.requestInterval : FIGURES.healthCheckDefaultInterval;
        const threshold = typeof check.props.failureThreshold === "number" ? check.props.failureThreshold : FIGURES.healthCheckDefaultThreshold;
        steps.push({ what: `Route 53 health checks see the home region fail (${interval}s × ${threshold})`, seconds: interval * threshold });
        steps.push({ what: "DNS answers with the DR region within one TTL", seconds: FIGURES.dnsTtl });
    } else {
        operator(homeChecks.length === 0 ? "no health-checked record serves the home region" : "no record routes to the DR region");
        steps.push({ what: "change DNS to the DR region by hand", seconds: FIGURES.dnsChangePropagation + FIGURES.dnsTtl });
    }

    const homeCompute = home ? computeIn(model, home) : undefined;
    const drCompute = computeIn(model, drRegion);
    const needed = homeCompute?.desired ?? 1;
    if (!drCompute) {
        operator("the DR region runs no service");
        steps.push({ what: "deploy the service in the DR region", seconds: FIGURES.redeploy });
    } else if (drCompute.desired >= needed) {
        steps.push({ what: "the DR region already runs at full capacity", seconds: 0 });
    } else if (drCompute.autoScales && drCompute.max >= needed) {
        steps.push({ what: `auto scaling grows the DR service from ${drCompute.desired} to ${needed} tasks`, seconds: FIGURES.scaleOut });
    } else {
        operator("the DR service must be scaled up by hand");
        steps.push({ what: `start ${needed} tasks in the DR region`, seconds: FIGURES.taskStart });
    }

    const missing = dataStores.filter((s) => !storeRecovery(model, s).copies.some((c) => c.kind === "replica" && c.location.region === drRegion));
    if (missing.length === 0) {
        steps.push({ what: "data is already live in the DR region", seconds: 0 });
    } else if (missing.every((s) => storeRecovery(model, s).copies.some((c) => c.kind === "backup" && c.location.region === drRegion))) {
        operator("stores must be restored in the DR region");
        steps.push({ what: `restore ${missing.map((s) => s.name).join(", ")} from backup copies in ${drRegion}`, seconds: FIGURES.restoreFromBackup });
    } else {
        steps.push({ what: `${missing.filter((s) => !storeRecovery(model, s).copies.some((c) => c.location.region === drRegion)).map((s) => s.name).join(", ") || "a store"} has no copy in ${drRegion}`, seconds: Infinity });
    }
    return { ...result, steps, achievableRto: total(steps), automaticFailover };
}

/** A health check guards a record only if it is live, not inverted, and probes the load balancer the record serves. */
function guards(model: StackModel, check: ModelResource, lb: ModelResource): boolean {
    if (check.props.disabled === true || check.props.invertHealthcheck === true) {
        return false;
    }
    return loadBalancerOf(model, check, "fqdn")?.urn === lb.urn;
}

function isRoutingPolicy(r: ModelResource): boolean {
    return list(r.props.failoverRoutingPolicies).length > 0 || list(r.props.latencyRoutingPolicies).length > 0 || list(r.props.weightedRoutingPolicies).length > 0;
}

function total(steps: RecoveryStep[]): number {
    return steps.reduce((sum, s) => sum + s.seconds, 0);
}

