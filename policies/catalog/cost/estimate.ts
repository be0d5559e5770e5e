import { UsageConfig } from "../config";
import { cachePrimaries } from "../model/caches";
import { databasePrimaries } from "../model/databases";
import { bucketReplications } from "../model/replication";
import { storeRecovery, stores } from "../model/recovery";
import { ModelResource, StackModel, TYPES, list, record, text } from "../model/resources";
import { cellIntent } from "../model/rto";
import { isPriced, lookupPrice } from "./lookup";
import { Quantity, costInCents, quantity, times } from "./money";
import { PRICE_TABLE, PriceTable } from "./prices";

/**
 * What a stack's resources cost a month: each resource priced from the price table with the usage the stack declares
 * (`dr:usage`) where its resources say nothing. Reads the recovery model, so it prices the day and the night view alike.
 */

/** A month as AWS's pricing calculator counts one: 8,760 hours a year over twelve. https://zenn.dev/hiren/scraps/61f3ea2d8f72b3 */
export const HOURS_PER_MONTH = 730;

/** How a bill groups its lines. */
export const COST_SERVICES = [
    "compute",
    "load balancing",
    "network",
    "DynamoDB",
    "S3",
    "databases",
    "caches",
    "backups",
    "DNS",
    "edge",
    "inter-region transfer",
] as const;
export type CostService = (typeof COST_SERVICES)[number];

/** One priced (or unpriced) line of a month's bill. */
export interface CostLine {
    service: CostService;
    /** The resource it is for. */
    resource: string;
    region: string;
    /** What is charged. */
    what: string;
    /** How much of it a month, in the price's unit. */
    amount: string;
    /** Whole cents a month; absent for a line the table has no price for. */
    cents?: number;
    /** The region whose price stands in for the resource's own. */
    standIn?: string;
    /** Why the line has no price. */
    missing?: string;
}

export interface CostEstimate {
    /** The month's total over every priced line, in whole cents. */
    cents: number;
    byService: Record<CostService, number>;
    lines: CostLine[];
    /** Lines the table has no price for: not in `cents`. */
    unpriced: CostLine[];
    /** Resources that cost money but that the model does not price, by type. */
    notPriced: { type: string; count: number }[];
}

/** Types that AWS charges for but that this model leaves out, said in every estimate so no total looks complete when it is not. */
const NOT_PRICED: readonly string[] = [
    "aws:kms/key:Key",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:lambda/function:Function",
    "aws:secretsmanager/secret:Secret",
    "aws:arcregionswitch/plan:Plan",
];

const TYPES_PRICED = {
    natGateway: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    cacheReplicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheCluster: "aws:elasticache/cluster:Cluster",
    distribution: "aws:cloudfront/distribution:Distribution",
    accelerator: "aws:globalaccelerator/accelerator:Accelerator",
} as const;

/** The store types the estimate bills (their capacity, storage or requests); any other store in a stack is listed as not priced. */
const STORES_PRICED: ReadonlySet<string> = new Set([
    TYPES.table,
    TYPES.bucket,
    TYPES.bucketV2,
    TYPES.rdsCluster,
    TYPES.rdsInstance,
    TYPES_PRICED.cacheReplicationGroup,
    TYPES_PRICED.cacheCluster,
]);

/** A whole or fractional amount for a report: `1460`, `0.5`, `1.33`. */
export function formatAmount(q: Quantity): string {
    const hundredths = (q.numerator * 100n * 2n + q.denominator) / (q.denominator * 2n);
    const whole = hundredths / 100n;
    const fraction = (hundredths % 100n).toString().padStart(2, "0").replace(/0+$/, "");
    return fraction ? `${whole}.${fraction}` : whole.toString();
}

function regionString(model: StackModel, r: ModelResource): string {
    const region = model.regionOf(r);
    return typeof region === "string" ? region : (model.defaultRegion ?? "us-east-1");
}

/** A text value known before deployment. */
function known(value: unknown): string | undefined {
    const t = text(value);
    return typeof t === "string" ? t : undefined;
}

function count(value: unknown): number | undefined {
    return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A month's lines as they are added; each priced from the table. */
class Bill {
    readonly lines: CostLine[] = [];

    constructor(private readonly table: PriceTable) {}

    /** `amount` of `key`'s unit for `resource`, priced in `priceRegion` (`global` for a price without one). */
    add(service: CostService, resource: string, region: string, key: string, amount: Quantity, priceRegion = region): void {
        if (amount.numerator === 0n) {
            return;
        }
        const price = lookupPrice(key, priceRegion, this.table);
        const spec = this.table.specs[key];
        const base = { service, resource, region, what: spec?.what ?? key, amount: `${formatAmount(amount)} ${spec?.unit ?? ""}`.trim() };
        this.lines.push(
            isPriced(price)
                ? { ...base, cents: costInCents(price.micros, amount), ...(price.standIn ? { standIn: price.standIn } : {}) }
                : { ...base, missing: price.missing },
        );
    }

    /** A line the model cannot price, with why. */
    unpriced(service: CostService, resource: string, region: string, what: string, missing: string): void {
        this.lines.push({ service, resource, region, what, amount: "", missing });
    }
}

const hours = (n: number | bigint, per: number | bigint = 1) => times(quantity(n, per), quantity(HOURS_PER_MONTH));

/** Fargate tasks: each service's desired tasks, the vCPU and memory of its task definition, all month. */
function compute(model: StackModel, bill: Bill): void {
    for (const service of model.ofType(TYPES.service)) {
        const region = regionString(model, service);
        const tasks = count(service.props.desiredCount) ?? 0;
        if (tasks === 0) {
            continue;
        }
        const definition = model.deps(service, "taskDefinition", TYPES.taskDefinition)[0];
        const cpu = Number(known(definition?.props.cpu));
        const memory = Number(known(definition?.props.memory));
        if (service.props.launchType !== "FARGATE" || !Number.isInteger(cpu) || !Number.isInteger(memory)) {
            bill.unpriced("compute", service.name, region, "ECS tasks", "not Fargate with a known task size: its instances are not priced");
            continue;
        }
        // Task sizes are in CPU units (1,024 a vCPU) and MiB.
        bill.add("compute", service.name, region, "fargate/vcpu-hour", hours(tasks * cpu, 1024));
        bill.add("compute", service.name, region, "fargate/gb-hour", hours(tasks * memory, 1024));
    }
}

/** The load balancers that take the cell's traffic: the home region's, and every region's in an active-active cell. */
function servingLoadBalancers(model: StackModel): ModelResource[] {
    const { homeRegion, tier } = cellIntent(model);
    return model
        .ofType(TYPES.loadBalancer, TYPES.albLoadBalancer)
        .filter((lb) => tier === "active-active" || homeRegion === undefined || regionString(model, lb) === homeRegion);
}

/** Application load balancers all month, the traffic's capacity units shared by those that serve, and their public addresses. */
function loadBalancing(model: StackModel, usage: UsageConfig, bill: Bill): void {
    const serving = servingLoadBalancers(model);
    for (const lb of model.ofType(TYPES.loadBalancer, TYPES.albLoadBalancer)) {
        const region = regionString(model, lb);
        if ((known(lb.props.loadBalancerType) ?? "application") !== "application") {
            bill.unpriced("load balancing", lb.name, region, "load balancer", "only application load balancers are priced");
            continue;
        }
        bill.add("load balancing", lb.name, region, "alb/hour", hours(1));
        if (serving.includes(lb)) {
            bill.add("load balancing", lb.name, region, "alb/lcu-hour", hours(usage.loadBalancerCapacityUnits, serving.length));
        }
        // An internet-facing load balancer holds a public address in each of its subnets' zones.
        if (lb.props.internal !== true) {
            bill.add("load balancing", lb.name, region, "ipv4/hour", hours(Math.max(1, list(lb.props.subnets).length)));
        }
    }
}

/** NAT gateways all month, the data the region's tasks send through them, and every Elastic IP. */
function network(model: StackModel, usage: UsageConfig, bill: Bill): void {
    const gateways = model.ofType(TYPES_PRICED.natGateway);
    const tasksIn = (region: string) =>
        model
            .ofType(TYPES.service)
            .filter((s) => regionString(model, s) === region)
            .reduce((sum, s) => sum + (count(s.props.desiredCount) ?? 0), 0);
    for (const gateway of gateways) {
        const region = regionString(model, gateway);
        const inRegion = gateways.filter((g) => regionString(model, g) === region).length;
        bill.add("network", gateway.name, region, "nat/hour", hours(1));
        bill.add("network", gateway.name, region, "nat/gb", quantity(tasksIn(region) * usage.natGigabytesPerTask, inRegion));
    }
    for (const ip of model.ofType(TYPES_PRICED.eip)) {
        bill.add("network", ip.name, regionString(model, ip), "ipv4/hour", hours(1));
    }
}

/**
 * DynamoDB tables: each replica stores the table and bills every write as a replicated write, point-in-time
 * recovery where it is on, and the writes (1 KB each, a gigabyte per million) carried from the home region to each replica.
 */
function tables(model: StackModel, usage: UsageConfig, bill: Bill): void {
    for (const table of model.ofType(TYPES.table)) {
        const home = regionString(model, table);
        const replicas = list(table.props.replicas).map(record);
        const regions = [
            { region: home, pitr: record(table.props.pointInTimeRecovery).enabled === true },
            ...replicas.map((r) => ({ region: known(r.regionName) ?? home, pitr: r.pointInTimeRecovery === true })),
        ];
        const onDemand = (known(table.props.billingMode) ?? "PROVISIONED") === "PAY_PER_REQUEST";
        for (const { region, pitr } of regions) {
            bill.add("DynamoDB", table.name, region, "dynamodb/storage-gb-month", quantity(usage.tableGigabytes));
            if (pitr) {
                bill.add("DynamoDB", table.name, region, "dynamodb/pitr-gb-month", quantity(usage.tableGigabytes));
            }
            if (onDemand) {
                bill.add("DynamoDB", table.name, region, "dynamodb/write-million", quantity(usage.tableWriteMillions));
            }
        }
        if (!onDemand) {
            bill.unpriced("DynamoDB", table.name, home, "provisioned capacity", "only on-demand tables' writes are priced");
        }
        for (const replica of regions.slice(1)) {
            if (replica.region !== home) {
                bill.add("inter-region transfer", table.name, home, "transfer/inter-region-gb", quantity(usage.tableWriteMillions));
            }
        }
    }
}

/** S3 buckets: each stores its data, and each replication rule carries the bucket's writes (with RTC where it is on). */
function buckets(model: StackModel, usage: UsageConfig, bill: Bill): void {
    for (const bucket of model.ofType(TYPES.bucket, TYPES.bucketV2)) {
        const region = regionString(model, bucket);
        bill.add("S3", bucket.name, region, "s3/storage-gb-month", quantity(usage.bucketGigabytes));
        for (const destination of bucketReplications(model, bucket)) {
            const to = destination.bucket ? regionString(model, destination.bucket) : undefined;
            if (to !== region) {
                bill.add("inter-region transfer", bucket.name, region, "transfer/inter-region-gb", quantity(usage.bucketWrittenGigabytes));
            }
            if (destination.rtc) {
                bill.add("S3", bucket.name, region, "s3/rtc-gb", quantity(usage.bucketWrittenGigabytes));
            }
        }
    }
}

/**
 * Aurora and RDS: every instance all month (an RDS Multi-AZ instance is two), each cluster or instance's storage, the
 * primary's write I/Os, a secondary's replicated write I/Os, and what replication carries to another region.
 */
function databases(model: StackModel, usage: UsageConfig, bill: Bill): void {
    const primaries = databasePrimaries(model);
    for (const instance of model.ofType(TYPES.rdsClusterInstance)) {
        const region = regionString(model, instance);
        const key = `aurora/instance-hour/${known(instance.props.engine)}/${known(instance.props.instanceClass)}`;
        bill.add("databases", instance.name, region, key, hours(1));
    }
    for (const cluster of model.ofType(TYPES.rdsCluster)) {
        const region = regionString(model, cluster);
        const primary = primaries.get(cluster.urn);
        bill.add("databases", cluster.name, region, "aurora/storage-gb-month", quantity(usage.databaseGigabytes));
        if (primary) {
            bill.add("databases", cluster.name, region, "aurora/replicated-write-io-million", quantity(usage.databaseWriteIoMillions));
            const from = regionString(model, primary);
            if (from !== region) {
                bill.add(
                    "inter-region transfer",
                    cluster.name,
                    from,
                    "transfer/inter-region-gb",
                    quantity(usage.databaseReplicatedGigabytes),
                );
            }
        } else {
            bill.add("databases", cluster.name, region, "aurora/io-million", quantity(usage.databaseWriteIoMillions));
        }
    }
    for (const instance of model.ofType(TYPES.rdsInstance)) {
        const region = regionString(model, instance);
        const copies = instance.props.multiAz === true ? 2 : 1;
        const key = `rds/instance-hour/${known(instance.props.engine)}/${known(instance.props.instanceClass)}`;
        bill.add("databases", instance.name, region, key, hours(copies));
        const storage = count(instance.props.allocatedStorage) ?? usage.databaseGigabytes;
        bill.add("databases", instance.name, region, "rds/storage-gb-month", quantity(storage * copies));
        const source = primaries.get(instance.urn);
        if (source && regionString(model, source) !== region) {
            bill.add(
                "inter-region transfer",
                instance.name,
                regionString(model, source),
                "transfer/inter-region-gb",
                quantity(usage.databaseReplicatedGigabytes),
            );
        }
    }
}

/** ElastiCache nodes all month: a replication group's shards and replicas, a cluster's nodes outside any group. */
function caches(model: StackModel, bill: Bill): void {
    const primaryOf = cachePrimaries(model);
    for (const group of model.ofType(TYPES_PRICED.cacheReplicationGroup)) {
        const shards = count(group.props.numNodeGroups);
        const nodes = count(group.props.numCacheClusters) ?? (shards ?? 1) * ((count(group.props.replicasPerNodeGroup) ?? 0) + 1);
        // A global datastore's secondary runs its primary's node type (every member has the same), known or not in its own inputs.
        // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html
        const nodeType = (primaryOf.get(group.urn) ?? group).props.nodeType;
        bill.add("caches", group.name, regionString(model, group), `elasticache/node-hour/${known(nodeType)}`, hours(nodes));
    }
    for (const cluster of model.ofType(TYPES_PRICED.cacheCluster).filter((c) => c.props.replicationGroupId === undefined)) {
        const nodes = count(cluster.props.numCacheNodes) ?? 1;
        bill.add(
            "caches",
            cluster.name,
            regionString(model, cluster),
            `elasticache/node-hour/${known(cluster.props.nodeType)}`,
            hours(nodes),
        );
    }
}

/** The backup storage price of a store's recovery points, by what the store is. */
function backupKey(store: ModelResource): string | undefined {
    switch (store.type) {
        case TYPES.table:
            return "backup/dynamodb-gb-month";
        case TYPES.bucket:
        case TYPES.bucketV2:
            return "backup/s3-gb-month";
        case TYPES.rdsCluster:
        case TYPES.rdsInstance:
            return "backup/snapshot-gb-month";
        default:
            return undefined;
    }
}

function liveGigabytes(store: ModelResource, usage: UsageConfig): number {
    switch (store.type) {
        case TYPES.table:
            return usage.tableGigabytes;
        case TYPES.bucket:
        case TYPES.bucketV2:
            return usage.bucketGigabytes;
        default:
            return usage.databaseGigabytes;
    }
}

/** AWS Backup: each vault that holds a store's recovery points stores them, and a copy to another region carries them there. */
function backups(model: StackModel, usage: UsageConfig, bill: Bill): void {
    for (const store of stores(model)) {
        const recovery = storeRecovery(model, store);
        const home = typeof recovery.home.region === "string" ? recovery.home.region : regionString(model, store);
        const gigabytes = liveGigabytes(store, usage);
        for (const copy of recovery.copies.filter((c) => c.medium === "vault")) {
            const region = typeof copy.location.region === "string" ? copy.location.region : home;
            const key = backupKey(store);
            if (key === undefined) {
                bill.unpriced("backups", store.name, region, "backup storage", `no backup storage price for ${store.type}`);
                continue;
            }
            bill.add("backups", store.name, region, key, quantity(gigabytes * usage.backupGigabytesPerGigabyte));
            if (copy.mechanism === "backup-copy" && region !== home) {
                bill.add(
                    "inter-region transfer",
                    store.name,
                    home,
                    "transfer/inter-region-gb",
                    quantity(gigabytes * usage.backupCopiedGigabytesPerGigabyte),
                );
            }
        }
    }
}

/** Route 53 health checks a month: the basic check, and each optional feature an endpoint check uses. */
function dns(model: StackModel, bill: Bill): void {
    for (const check of model.ofType(TYPES.healthCheck)) {
        bill.add("DNS", check.name, "global", "route53/health-check-month", quantity(1));
        const type = known(check.props.type);
        const features = [
            type === "HTTPS" || type === "HTTPS_STR_MATCH",
            type === "HTTP_STR_MATCH" || type === "HTTPS_STR_MATCH",
            check.props.requestInterval === 10,
            check.props.measureLatency === true,
        ].filter(Boolean).length;
        bill.add("DNS", check.name, "global", "route53/health-check-feature-month", quantity(features));
    }
}

/** The continent an edge price of a home region is quoted for. */
function continentOf(region: string | undefined): "north-america" | "europe" | "asia-pacific" | undefined {
    if (region?.startsWith("us-") || region?.startsWith("ca-")) {
        return "north-america";
    }
    if (region?.startsWith("eu-")) {
        return "europe";
    }
    return region?.startsWith("ap-") ? "asia-pacific" : undefined;
}

/** CloudFront's data out, priced for the cell's own geography, and Global Accelerator's fee and premium. */
function edge(model: StackModel, usage: UsageConfig, bill: Bill): void {
    const home = model.defaultRegion;
    const continent = continentOf(home);
    const cdnKey = home?.startsWith("ap-northeast-")
        ? "cloudfront/gb/japan"
        : continent === "north-america" || continent === "europe"
          ? "cloudfront/gb/north-america-europe"
          : undefined;
    for (const distribution of model.ofType(TYPES_PRICED.distribution)) {
        if (cdnKey === undefined) {
            bill.unpriced("edge", distribution.name, "global", "CloudFront data out", `no CloudFront price for viewers near ${home}`);
        } else {
            bill.add("edge", distribution.name, "global", cdnKey, quantity(usage.cdnGigabytes));
        }
    }
    for (const accelerator of model.ofType(TYPES_PRICED.accelerator)) {
        bill.add("edge", accelerator.name, "global", "accelerator/hour", hours(1));
        if (continent === undefined) {
            bill.unpriced("edge", accelerator.name, "global", "Global Accelerator premium", `no premium for traffic near ${home}`);
        } else {
            bill.add("edge", accelerator.name, "global", `accelerator/premium-gb/${continent}`, quantity(usage.acceleratorGigabytes));
        }
    }
}

/** A month of the stack's resources, priced: every line, the total over the priced ones, and what is left unpriced. */
export function estimateCost(model: StackModel, usage: UsageConfig, table: PriceTable = PRICE_TABLE): CostEstimate {
    const bill = new Bill(table);
    compute(model, bill);
    loadBalancing(model, usage, bill);
    network(model, usage, bill);
    tables(model, usage, bill);
    buckets(model, usage, bill);
    databases(model, usage, bill);
    caches(model, bill);
    backups(model, usage, bill);
    dns(model, bill);
    edge(model, usage, bill);
    const byService = Object.fromEntries(COST_SERVICES.map((s) => [s, 0])) as Record<CostService, number>;
    for (const line of bill.lines) {
        byService[line.service] += line.cents ?? 0;
    }
    return {
        cents: bill.lines.reduce((sum, line) => sum + (line.cents ?? 0), 0),
        byService,
        lines: bill.lines,
        unpriced: bill.lines.filter((line) => line.cents === undefined),
        // A store the table cannot price is named, never a silent $0.00 (a Redshift or OpenSearch cluster of another program).
        notPriced: [
            ...NOT_PRICED,
            ...new Set(
                stores(model)
                    .map((s) => s.type)
                    .filter((type) => !STORES_PRICED.has(type)),
            ),
        ]
            .map((type) => ({ type, count: model.ofType(type).length }))
            .filter((n) => n.count > 0),
    };
}
