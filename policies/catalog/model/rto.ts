import { parseDuration } from "../durations";
import { FIGURES } from "../figures";
import { DR_TAGS } from "../tags";
import { TIERS, Tier, isTier } from "../tiers";
import { perModel } from "./cache";
import { cells } from "./components";
import { Copy, CopyMechanism } from "./copy";
import { FailoverPlan, failoverPlan } from "./failoverPlans";
import { servicesReaching } from "./writers";
import { StoreRecovery, storeRecovery, stores } from "./recovery";
import { ModelResource, StackModel, TYPES, list, record, text } from "./resources";

/** Why a recovery waits for a person. */
export type OperatorReason =
    | "no-dr-region"
    | "no-health-checked-record"
    | "no-dr-record"
    | "no-dr-service"
    | "manual-scale"
    | "restore-needed"
    /** No Region switch plan fails the database over: a person runs the failover. */
    | "database-failover"
    /** A DocumentDB or Neptune global cluster, or an ElastiCache global datastore, fails over only by a person's hand. */
    | "store-failover"
    /** The plan that fails it over waits for a person's approval. */
    | "plan-approval"
    /** The plan that fails it over has no trigger that outlives the home region: a person starts it. */
    | "plan-start"
    /** A service or store lives in one availability zone only. */
    | "single-zone"
    /** The stack's account is lost or compromised: the cell is rebuilt elsewhere. */
    | "account-lost"
    /** A bad write or deletion: only a person can tell it from a good one. */
    | "corruption-found"
    /** Reproducible data lost with the region is rebuilt from its source: a person starts it. */
    | "rebuild-needed";

/**
 * One step of a recovery from a loss of the home region, as structured data; the rules put it into words.
 * `manual`: a person must act for it to happen.
 */
export type RecoveryStep = { seconds: number; manual: boolean } & (
    | { kind: "operator-reacts"; reason: OperatorReason }
    | { kind: "redeploy-cell" }
    | { kind: "restore-offsite-backups" }
    | { kind: "no-offsite-backup" }
    | { kind: "repoint-dns" }
    | { kind: "health-check-detection"; intervalSeconds: number; threshold: number }
    | { kind: "dns-failover" }
    | { kind: "dns-manual-change" }
    | { kind: "deploy-dr-service" }
    | { kind: "capacity-running" }
    | { kind: "auto-scale"; from: number; to: number }
    | { kind: "start-tasks"; count: number }
    | { kind: "data-live" }
    | { kind: "restore-in-dr"; stores: string[]; region: string }
    | { kind: "no-copy-in-dr"; stores: string[]; region: string }
    | { kind: "plan-triggered"; plan: string; seconds: number }
    | { kind: "zone-targets-out"; intervalSeconds: number; threshold: number }
    | { kind: "replace-tasks" }
    | { kind: "zone-database-failover"; stores: string[] }
    | { kind: "restore-point-in-time"; stores: string[] }
    | { kind: "no-point-in-time-copy"; stores: string[] }
    | { kind: "restore-account-copies" }
    /** Reproducible stores rebuilt from their source; as long as the slowest's `dr:rebuild`. */
    | { kind: "rebuild-from-source"; stores: string[] }
    | { kind: "no-account-copy"; stores: string[] }
    | {
          kind: "database-failover";
          stores: string[];
          region: string;
          headless: boolean;
          promotion: boolean;
          /** A global cluster's secondary (Aurora, DocumentDB, Neptune) is among them. */
          globalDatabase: boolean;
          /** An ElastiCache global datastore's secondary is among them. */
          datastore: boolean;
          /** Who fails it over: a Region switch plan's block, or a person by hand. */
          by: "plan" | "person";
      }
);

/** The cell's intent: what its tier promises and where it runs. */
export interface CellIntent {
    tier?: Tier;
    /** The cell's RTO and RPO targets, in seconds. */
    targetRto?: number;
    targetRpo?: number;
    homeRegion?: string;
    drRegion?: string;
    /** The residency zone of the cell's personal data. */
    residency?: string;
    /** The resource a finding about the cell is attached to: its primary cell component, if any. */
    anchor?: ModelResource;
}

/** What a cell achieves when its home region is lost. */
export interface CellRecovery extends CellIntent {
    /** Sum of the steps; Infinity when the data cannot be brought back at all. */
    achievableRto: number;
    steps: RecoveryStep[];
    /** Whether traffic leaves the home region without a person: health checks on records that reach the DR region. */
    automaticFailover: boolean;
}

/** Tiers that promise recovery faster than a person can react, so they must fail over by themselves. */
export const AUTOMATIC_FAILOVER_TIERS: readonly Tier[] = ["active-active", "warm-standby"];

function regionString(model: StackModel, r: ModelResource): string | undefined {
    const region = model.regionOf(r);
    return typeof region === "string" ? region : undefined;
}

/**
 * The cell's intent from its `RegionalCell` components (the typed contract). A program without them is judged by
 * what its stack config declares (`dr:tier`, `dr:rto`, `dr:rpo`, `dr:residency`, `dr:drRegion`), else by its
 * stores' DR tags — the most demanding tier and the strictest targets any store asks for — in the stack's region,
 * with a DR region wherever a service runs outside it.
 */
export const cellIntent = perModel((model): CellIntent => {
    const regional = cells(model);
    const primary = regional.find((c) => c.outputs.role === "primary");
    const standby = regional.find((c) => c.outputs.role === "standby" && c.outputs.region !== undefined);
    if (primary) {
        const { tier, rto, rpo, region, residency } = primary.outputs;
        return {
            tier,
            targetRto: parseDuration(rto),
            targetRpo: parseDuration(rpo),
            homeRegion: region,
            drRegion: standby?.outputs.region,
            residency,
            anchor: primary.resource,
        };
    }
    const tags = stores(model).map((s) => record(s.props.tags));
    const tiers = tags.map((t) => t[DR_TAGS.tier]).filter(isTier);
    const strictest = (key: string) => {
        const targets = tags.map((t) => parseDuration(t[key])).filter((s): s is number => s !== undefined);
        return targets.length > 0 ? Math.min(...targets) : undefined;
    };
    const homeRegion =
        model.defaultRegion ??
        stores(model)
            .map((s) => regionString(model, s))
            .find((r) => r !== undefined);
    const drRegion =
        standby?.outputs.region ??
        model
            .ofType(TYPES.service)
            .map((s) => regionString(model, s))
            .find((r) => r !== undefined && r !== homeRegion);
    const declared = model.declared;
    return {
        tier: isTier(declared.tier) ? declared.tier : tiers.length > 0 ? TIERS[Math.max(...tiers.map((t) => TIERS.indexOf(t)))] : undefined,
        targetRto: parseDuration(declared.rto) ?? strictest(DR_TAGS.rto),
        targetRpo: parseDuration(declared.rpo) ?? strictest(DR_TAGS.rpo),
        residency: declared.residency ?? tags.map((t) => t[DR_TAGS.residency]).find((z): z is string => typeof z === "string"),
        homeRegion,
        drRegion: declared.drRegion ?? drRegion,
        anchor: standby?.resource,
    };
});

/** The load balancer a record aliases or a health check probes. */
function loadBalancerOf(model: StackModel, r: ModelResource, property: string): ModelResource | undefined {
    const lbs = model.deps(r, property, TYPES.loadBalancer, TYPES.albLoadBalancer);
    if (lbs.length > 0) {
        return lbs[0];
    }
    const name = property === "aliases" ? text(record(list(r.props.aliases)[0]).name) : text(r.props.fqdn);
    return typeof name === "string"
        ? model.ofType(TYPES.loadBalancer, TYPES.albLoadBalancer).find((lb) => lb.props.dnsName === name)
        : undefined;
}

function healthCheckOf(model: StackModel, record: ModelResource): ModelResource | undefined {
    const checks = model.deps(record, "healthCheckId", TYPES.healthCheck);
    return (
        checks[0] ??
        model
            .ofType(TYPES.healthCheck)
            .find((h) => typeof record.props.healthCheckId === "string" && h.props.id === record.props.healthCheckId)
    );
}

/** The ECS service task counts in a region, with how far they can grow by themselves. */
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
        const target = model.referrers(service, TYPES.scalingTarget, "resourceId")[0];
        const targetMin = typeof target?.props.minCapacity === "number" ? target.props.minCapacity : count;
        max += typeof target?.props.maxCapacity === "number" ? target.props.maxCapacity : count;
        const policy = target && model.referrers(target, TYPES.scalingPolicy, "resourceId").length > 0;
        autoScales = autoScales || (Boolean(policy) && targetMin >= 1);
    }
    return { desired, autoScales, max };
}

/** A health check guards a record only if it is live, not inverted, and probes the load balancer the record serves. */
function guards(model: StackModel, check: ModelResource, lb: ModelResource): boolean {
    if (check.props.disabled === true || check.props.invertHealthcheck === true) {
        return false;
    }
    return loadBalancerOf(model, check, "fqdn")?.urn === lb.urn;
}

function isRoutingPolicy(r: ModelResource): boolean {
    return (
        list(r.props.failoverRoutingPolicies).length > 0 ||
        list(r.props.latencyRoutingPolicies).length > 0 ||
        list(r.props.weightedRoutingPolicies).length > 0
    );
}

/** A recovery's time: every step, one after another; Infinity when a step never ends. */
/**
 * Rebuilding the reproducible stores a recovery loses: a person starts it (a pipeline run, a re-index), and the
 * slowest store's `dr:rebuild` bounds it; none when nothing reproducible is lost.
 */
export function rebuildStep(lost: StoreRecovery[]): Omit<Extract<RecoveryStep, { kind: "rebuild-from-source" }>, "manual"> | undefined {
    return lost.length === 0
        ? undefined
        : {
              kind: "rebuild-from-source",
              stores: lost.map((r) => r.store.name),
              seconds: Math.max(...lost.map((r) => r.rebuildSeconds ?? Infinity)),
          };
}

export function totalSeconds(steps: RecoveryStep[]): number {
    return steps.reduce((sum, s) => sum + s.seconds, 0);
}

/**
 * The achievable RTO of the stack's cell for a loss of its home region, from the evidence for its tier:
 * detection (health checks, or a person), traffic shift (health-checked failover or latency records,
 * or a manual change), capacity in the DR region (already running, scaling out, or started by a
 * person), and data (already in the DR region, or restored from a backup copy there). A cell with no
 * DR region is rebuilt: redeployed and restored from its vaults.
 */
export const cellRecovery = perModel((model): CellRecovery => {
    const intent = cellIntent(model);
    const { homeRegion: home, drRegion } = intent;
    const all: StoreRecovery[] = stores(model).map((s) => storeRecovery(model, s));
    // Reproducible stores are rebuilt from source, not restored: their step comes after the data's.
    const recoveries = all.filter((r) => r.rebuildSeconds === undefined);
    const reproducible = all.filter((r) => r.rebuildSeconds !== undefined);
    const steps: RecoveryStep[] = [];
    const push = (step: DistributiveOmit<RecoveryStep, "manual">, manual: boolean) => steps.push({ ...step, manual } as RecoveryStep);
    const operator = (reason: OperatorReason) => {
        if (!steps.some((s) => s.kind === "operator-reacts")) {
            push({ kind: "operator-reacts", reason, seconds: FIGURES.operatorReaction }, true);
        }
    };

    if (!drRegion) {
        operator("no-dr-region");
        push({ kind: "redeploy-cell", seconds: FIGURES.redeploy }, true);
        // Rebuilt in another region: only a backup already there brings a store back.
        const restorable = recoveries.every((r) =>
            r.copies.some((c) => c.kind === "backup" && typeof c.location.region === "string" && c.location.region !== r.home.region),
        );
        push(
            restorable
                ? { kind: "restore-offsite-backups", seconds: FIGURES.restoreFromBackup }
                : { kind: "no-offsite-backup", seconds: Infinity },
            true,
        );
        const rebuild = rebuildStep(reproducible);
        if (rebuild) {
            push(rebuild, true);
        }
        push({ kind: "repoint-dns", seconds: FIGURES.dnsChangePropagation + FIGURES.dnsTtl }, true);
        return { ...intent, steps, achievableRto: totalSeconds(steps), automaticFailover: false };
    }

    // Detection: a health check on a record that serves the home region.
    const routed = model
        .ofType(TYPES.record)
        .map((r) => ({ record: r, lb: loadBalancerOf(model, r, "aliases"), check: healthCheckOf(model, r) }))
        .filter((r) => r.lb !== undefined);
    const regionOfLb = (lb: ModelResource | undefined) => (lb ? regionString(model, lb) : undefined);
    const homeChecks = routed.filter(
        (r) => regionOfLb(r.lb) === home && r.check && isRoutingPolicy(r.record) && guards(model, r.check, r.lb!),
    );
    const drTargets = routed.filter((r) => regionOfLb(r.lb) === drRegion && isRoutingPolicy(r.record));
    const automaticFailover = homeChecks.length > 0 && drTargets.length > 0;
    if (automaticFailover) {
        const check = homeChecks[0].check!;
        const intervalSeconds =
            typeof check.props.requestInterval === "number" ? check.props.requestInterval : FIGURES.healthCheckDefaultInterval;
        const threshold =
            typeof check.props.failureThreshold === "number" ? check.props.failureThreshold : FIGURES.healthCheckDefaultThreshold;
        push({ kind: "health-check-detection", intervalSeconds, threshold, seconds: intervalSeconds * threshold }, false);
        push({ kind: "dns-failover", seconds: FIGURES.dnsTtl }, false);
    } else {
        operator(homeChecks.length === 0 ? "no-health-checked-record" : "no-dr-record");
        push({ kind: "dns-manual-change", seconds: FIGURES.dnsChangePropagation + FIGURES.dnsTtl }, true);
    }

    const homeCompute = home ? computeIn(model, home) : undefined;
    const drCompute = computeIn(model, drRegion);
    const needed = homeCompute?.desired ?? 1;
    if (!drCompute) {
        operator("no-dr-service");
        push({ kind: "deploy-dr-service", seconds: FIGURES.redeploy }, true);
    } else if (drCompute.desired >= needed) {
        push({ kind: "capacity-running", seconds: 0 }, false);
    } else if (drCompute.autoScales && drCompute.max >= needed) {
        push({ kind: "auto-scale", from: drCompute.desired, to: needed, seconds: FIGURES.scaleOut }, false);
    } else {
        operator("manual-scale");
        push({ kind: "start-tasks", count: needed, seconds: FIGURES.taskStart }, true);
    }

    // Live in the DR region: a store there (written there, two-way), or one with a replica there.
    const missing = recoveries.filter(
        (r) => r.home.region !== drRegion && !r.copies.some((c) => c.kind === "replica" && c.location.region === drRegion),
    );
    if (missing.length === 0) {
        push({ kind: "data-live", seconds: 0 }, false);
    } else if (missing.every((r) => r.copies.some((c) => c.kind === "backup" && c.location.region === drRegion))) {
        operator("restore-needed");
        push(
            { kind: "restore-in-dr", stores: missing.map((r) => r.store.name), region: drRegion, seconds: FIGURES.restoreFromBackup },
            true,
        );
    } else {
        const uncopied = missing.filter((r) => !r.copies.some((c) => c.location.region === drRegion)).map((r) => r.store.name);
        push({ kind: "no-copy-in-dr", stores: uncopied, region: drRegion, seconds: Infinity }, true);
    }
    const rebuild = rebuildStep(reproducible.filter((r) => !r.copies.some((c) => c.kind === "replica" && c.location.region === drRegion)));
    if (rebuild) {
        operator("rebuild-needed");
        push(rebuild, true);
    }

    // A database's copy in the DR region takes writes only once failed over: an Aurora secondary within a few minutes
    // (an instance added first if it runs none), an RDS replica once promoted, a DocumentDB or Neptune secondary or an
    // ElastiCache global datastore's once promoted. They fail over side by side: the slowest counts. Who fails them over
    // decides whether a person is on the path: a Region switch plan's block, started by a trigger that outlives the home
    // region, or a person.
    const databaseCopies = recoveries.flatMap((r) =>
        r.copies
            .filter((c) => c.location.region === drRegion && FAILOVER_SECONDS[c.mechanism] !== undefined)
            .map((c) => ({ store: r.store, copy: c })),
    );
    if (databaseCopies.length > 0) {
        const seconds = (c: Copy) => FAILOVER_SECONDS[c.mechanism]! + (c.instances === 0 ? FIGURES.auroraInstanceStart : 0);
        const plan = home ? failoverPlan(model)(home, drRegion) : undefined;
        const byPlan = plan !== undefined && databaseCopies.every((d) => planFailsOver(model, plan, d.store, d.copy));
        if (byPlan && plan.startsWithoutPerson && !plan.approvalFirst) {
            push({ kind: "plan-triggered", plan: plan.plan.name, seconds: plan.trigger!.detectionSeconds + FIGURES.planStart }, false);
        } else {
            const relational = databaseCopies.every(
                (d) => d.copy.mechanism === "aurora-global-secondary" || d.copy.mechanism === "rds-read-replica",
            );
            operator(!byPlan ? (relational ? "database-failover" : "store-failover") : plan.approvalFirst ? "plan-approval" : "plan-start");
        }
        push(
            {
                kind: "database-failover",
                stores: [...new Set(databaseCopies.map((d) => d.store.name))],
                region: drRegion,
                headless: databaseCopies.some((d) => d.copy.instances === 0),
                promotion: databaseCopies.some((d) => d.copy.mechanism === "rds-read-replica"),
                globalDatabase: databaseCopies.some((d) => GLOBAL_SECONDARIES.includes(d.copy.mechanism)),
                datastore: databaseCopies.some((d) => d.copy.mechanism === "cache-global-secondary"),
                by: byPlan ? "plan" : "person",
                seconds: Math.max(...databaseCopies.map((d) => seconds(d.copy))),
            },
            !byPlan,
        );
    }
    return { ...intent, steps, achievableRto: totalSeconds(steps), automaticFailover };
});

/**
 * What a copy in the DR region needs before it takes writes, by how it is made: a managed failover of its global cluster
 * or datastore, or a read replica's promotion. A MemoryDB regional cluster takes writes already; an EFS replica is left
 * to its replication's deletion, which the model does not count.
 */
const FAILOVER_SECONDS: Partial<Record<CopyMechanism, number>> = {
    "aurora-global-secondary": FIGURES.auroraPromotion,
    "rds-read-replica": FIGURES.rdsReplicaPromotion,
    "docdb-global-secondary": FIGURES.docdbPromotion,
    "neptune-global-secondary": FIGURES.neptunePromotion,
    "cache-global-secondary": FIGURES.cacheGlobalPromotion,
};

const GLOBAL_SECONDARIES: readonly CopyMechanism[] = ["aurora-global-secondary", "docdb-global-secondary", "neptune-global-secondary"];

/** `Omit` over each member of a union, keeping it a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Whether a plan's home-loss workflow fails a database over to its copy in the DR region: an Aurora block that
 * fails over (not switchover only) naming its global cluster — ARC's evaluation requires the secondary to run
 * instances, so a headless one is not covered — or an RDS read-replica promotion naming the replica. The model reads no
 * DocumentDB or Neptune block yet: their secondaries, and ElastiCache's, are failed over by a person.
 * https://docs.aws.amazon.com/r53recovery/latest/dg/aurora-global-database-block.html
 */
function planFailsOver(model: StackModel, plan: FailoverPlan, store: ModelResource, copy: Copy): boolean {
    const targets = new Set(plan.targets.map((t) => t.urn));
    if (copy.mechanism === "rds-read-replica") {
        return plan.blocks.some((b) => b.type === "RdsPromoteReadReplica") && (targets.has(copy.resource.urn) || targets.has(store.urn));
    }
    if (copy.mechanism !== "aurora-global-secondary" || copy.instances === 0) {
        return false;
    }
    const globals = model.deps(store, "globalClusterIdentifier", TYPES.globalCluster);
    const identifier = text(store.props.globalClusterIdentifier);
    return plan.blocks.some(
        (b) =>
            b.type === "AuroraGlobalDatabase" &&
            b.failsOver === true &&
            (globals.some((g) => targets.has(g.urn)) ||
                targets.has(store.urn) ||
                (typeof identifier === "string" && b.globalClusterIdentifier === identifier)),
    );
}

/** A DR-region service that reaches a database copy it cannot write: a read-only secondary of a global database. */
export interface ReadOnlyPeer {
    service: ModelResource;
    /** The store, and its copy the service reaches. */
    store: ModelResource;
    copy: ModelResource;
    region: string;
}

/**
 * Where an active-active cell's DR region serves writes it cannot take: its service reaches a secondary of an
 * Aurora global database that does not forward writes to the primary, so every relational write routed there
 * fails, disaster or not. https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding.html
 */
export const readOnlyPeers = perModel((model): ReadOnlyPeer[] => {
    const { tier, drRegion } = cellIntent(model);
    if (tier !== "active-active" || !drRegion) {
        return [];
    }
    return stores(model).flatMap((store) =>
        storeRecovery(model, store)
            .copies.filter((c) => c.mechanism === "aurora-global-secondary" && c.location.region === drRegion)
            .filter((c) => c.resource.props.enableGlobalWriteForwarding !== true)
            .flatMap((c) =>
                servicesReaching(model, c.resource)
                    .filter((service) => regionString(model, service) === drRegion)
                    .map((service) => ({ service, store, copy: c.resource, region: drRegion })),
            ),
    );
});
