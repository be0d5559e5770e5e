import { FIGURES } from "../figures";
import { typesOfKind } from "../stores";
import { indexBy, indexByProperty, perModel } from "./cache";
import { Copy, Location, replicaCopy } from "./copy";
import { ModelResource, StackModel, TYPES, UNKNOWN, Unknown, list, record, text } from "./resources";
import { writersOf } from "./writers";

/** Continuous replication: S3 replication rules, DynamoDB global-table replicas and EFS replication. */

const BUCKET_TYPES: readonly string[] = typesOfKind("bucket");

/** Where one enabled S3 replication rule writes. */
export interface ReplicationDestination {
    /** The destination bucket when it is a resource of this stack. */
    bucket?: ModelResource;
    /** The destination as written, when it is not. */
    arn?: string | Unknown;
    /** Whether Replication Time Control bounds the rule's lag. */
    rtc: boolean;
}

const bucketsByName = indexByProperty(BUCKET_TYPES, "bucket");

/** The bucket a replication configuration replicates from: the one its `bucket` came from, else the one so named. */
export function sourceBucket(model: StackModel, config: ModelResource): ModelResource | undefined {
    const fromDeps = model.deps(config, "bucket", ...BUCKET_TYPES);
    if (fromDeps.length === 1) {
        return fromDeps[0];
    }
    const name = text(config.props.bucket);
    return typeof name === "string" ? bucketsByName(model).get(name)?.[0] : undefined;
}

/** Replication configuration resources by the URN of their source bucket. */
const configsBySource = indexBy([TYPES.replication], (model, config) => sourceBucket(model, config)?.urn);

/** Enabled replication rules and the bucket each writes to, resolving unknown ARNs through the rules' dependencies. */
function destinationsOf(rules: unknown, candidates: ModelResource[], source: ModelResource | undefined): ReplicationDestination[] {
    return list(rules)
        .map(record)
        .filter((rule) => rule.status !== "Disabled")
        .map((rule) => {
            const destination = record(rule.destination);
            const arn = text(destination.bucket);
            const rtc = record(destination.replicationTime).status === "Enabled";
            let bucket: ModelResource | undefined;
            if (typeof arn === "string") {
                bucket = candidates.find((b) => typeof b.props.bucket === "string" && `arn:aws:s3:::${b.props.bucket}` === arn);
            } else {
                // An unknown ARN came from a bucket of this stack: the one the rules depend on, other than the source.
                const others = candidates.filter((b) => b.urn !== source?.urn);
                bucket = others.length === 1 ? others[0] : undefined;
            }
            return { bucket, arn: bucket ? undefined : arn, rtc };
        });
}

/** Enabled rules of a replication configuration resource and the bucket each writes to. */
export function replicationDestinations(model: StackModel, config: ModelResource): ReplicationDestination[] {
    return destinationsOf(config.props.rules, model.deps(config, "rules", ...BUCKET_TYPES), sourceBucket(model, config));
}

/** Where a bucket replicates to: its replication configuration resources and its legacy inline `replicationConfiguration`. */
export function bucketReplications(model: StackModel, bucket: ModelResource): ReplicationDestination[] {
    const configs = configsBySource(model).get(bucket.urn) ?? [];
    const inline = record(bucket.props.replicationConfiguration);
    const inlineDestinations = destinationsOf(inline.rules, model.deps(bucket, "replicationConfiguration", ...BUCKET_TYPES), bucket);
    return [...configs.flatMap((c) => replicationDestinations(model, c)), ...inlineDestinations];
}

/** For each bucket of the stack, the buckets that replicate into it. */
const sourcesByDestination = perModel((model) => {
    const sources = new Map<string, ModelResource[]>();
    for (const bucket of model.ofType(...BUCKET_TYPES)) {
        for (const destination of bucketReplications(model, bucket)) {
            if (destination.bucket) {
                sources.set(destination.bucket.urn, [...(sources.get(destination.bucket.urn) ?? []), bucket]);
            }
        }
    }
    return sources;
});

/** The buckets that replicate into `bucket`. */
export function replicatedFrom(model: StackModel, bucket: ModelResource): ModelResource[] {
    return sourcesByDestination(model).get(bucket.urn) ?? [];
}

/**
 * Buckets that only receive another bucket's replication: copies, not stores of their own. A bucket that
 * replicates onward (two-way replication), or that a service may write, holds data of its own and is a store.
 */
export const replicaBuckets = perModel((model) => {
    const replicas = new Set<string>();
    for (const [urn] of sourcesByDestination(model)) {
        const bucket = model.byUrn(urn)!;
        if (bucketReplications(model, bucket).length === 0 && writersOf(model, bucket).length === 0) {
            replicas.add(urn);
        }
    }
    return replicas;
});

/** Legacy (2017) global tables by the table name they join. */
const legacyGlobalTablesByName = indexByProperty([TYPES.legacyGlobalTable], "name");

/** A DynamoDB table's continuously replicated copies: global-table replicas (inline, resources, legacy 2017 global tables). */
export function tableReplicaCopies(model: StackModel, table: ModelResource, home: Location): Copy[] {
    const copies: Copy[] = [];
    for (const r of list(table.props.replicas).map(record)) {
        copies.push(replicaCopy(home, "global-table-replica", text(r.regionName) ?? UNKNOWN, FIGURES.dynamodbReplicaLag, table));
    }
    for (const r of model.referrers(table, TYPES.tableReplica, "globalTableArn")) {
        copies.push(replicaCopy(home, "global-table-replica", model.regionOf(r) ?? UNKNOWN, FIGURES.dynamodbReplicaLag, r));
    }
    // A legacy (2017) global table joins same-named tables; each of its replica regions holds the data.
    const name = text(table.props.name);
    const legacies = new Set([
        ...model.referrers(table, TYPES.legacyGlobalTable, "name"),
        ...(typeof name === "string" ? (legacyGlobalTablesByName(model).get(name) ?? []) : []),
    ]);
    for (const legacy of legacies) {
        for (const r of list(legacy.props.replicas).map(record)) {
            const region = text(r.regionName) ?? UNKNOWN;
            if (region !== home.region) {
                copies.push(replicaCopy(home, "legacy-global-table-replica", region, FIGURES.dynamodbReplicaLag, legacy));
            }
        }
    }
    return copies;
}

/** An S3 bucket's continuously replicated copies: its replication destinations, bounded by RTC or best effort. */
export function bucketReplicaCopies(model: StackModel, bucket: ModelResource, home: Location): Copy[] {
    return bucketReplications(model, bucket).map((destination) => {
        const region = destination.bucket ? (model.regionOf(destination.bucket) ?? UNKNOWN) : UNKNOWN;
        const lag = destination.rtc ? FIGURES.s3RtcLag : FIGURES.s3BestEffortLag;
        return replicaCopy(home, "s3-replication", region, lag, destination.bucket ?? bucket, destination.rtc);
    });
}

/** Where an EFS replication configuration copies its source: the destination file system of this stack, and its region. */
function efsDestination(model: StackModel, config: ModelResource): { fileSystem?: ModelResource; region: string | Unknown } {
    const destination = record(config.props.destination);
    const fileSystem = model.deps(config, "destination", TYPES.efsFileSystem)[0];
    const region = text(destination.region) ?? (fileSystem ? model.regionOf(fileSystem) : undefined) ?? UNKNOWN;
    return { fileSystem, region };
}

/** EFS replication configurations by the URN of the file system they replicate. */
const efsReplicationsBySource = indexBy(
    [TYPES.efsReplication],
    (model, config) => model.deps(config, "sourceFileSystemId", TYPES.efsFileSystem)[0]?.urn,
);

/**
 * File systems that are another's replication destination: read-only copies, not stores of their own.
 * https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html
 */
export const replicaFileSystems = perModel((model) => {
    const replicas = new Set<string>();
    for (const config of model.ofType(TYPES.efsReplication)) {
        const destination = efsDestination(model, config).fileSystem;
        if (destination) {
            replicas.add(destination.urn);
        }
    }
    return replicas;
});

/** An EFS file system's replicas: each replication configuration's destination, an RPO of 15 minutes for most file systems. */
export function efsReplicaCopies(model: StackModel, fileSystem: ModelResource, home: Location): Copy[] {
    return (efsReplicationsBySource(model).get(fileSystem.urn) ?? []).map((config) => {
        const destination = efsDestination(model, config);
        return replicaCopy(home, "efs-replication", destination.region, FIGURES.efsReplicationLag, destination.fileSystem ?? config);
    });
}
