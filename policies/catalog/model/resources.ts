/** Stands for a value not known until the resource exists (a computed output during preview). */
export const UNKNOWN = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/**
 * A resource as the recovery model reads it: plain property values (unknowns replaced by `UNKNOWN`),
 * its parent and property dependencies by URN, and its provider's region.
 */
export interface ModelResource {
    urn: string;
    type: string;
    name: string;
    /** Inputs of a custom resource, registered outputs of a component; unknown values are `UNKNOWN`. */
    props: Record<string, any>;
    parent?: string;
    /** The region of the resource's provider, when it has one. */
    providerRegion?: string | Unknown;
    /** For each input property, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
}

export const TYPES = {
    table: "aws:dynamodb/table:Table",
    tableReplica: "aws:dynamodb/tableReplica:TableReplica",
    legacyGlobalTable: "aws:dynamodb/globalTable:GlobalTable",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    vault: "aws:backup/vault:Vault",
    airGappedVault: "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
    vaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    plan: "aws:backup/plan:Plan",
    selection: "aws:backup/selection:Selection",
    healthCheck: "aws:route53/healthCheck:HealthCheck",
    record: "aws:route53/record:Record",
    service: "aws:ecs/service:Service",
    scalingTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    albLoadBalancer: "aws:alb/loadBalancer:LoadBalancer",
    key: "aws:kms/key:Key",
    replicaKey: "aws:kms/replicaKey:ReplicaKey",
    cell: "dr:cell:RegionalCell",
    backup321: "dr:backup:Backup321",
} as const;

/** A string property, `UNKNOWN`, or undefined when absent or not a string. */
export function text(value: unknown): string | Unknown | undefined {
    return value === UNKNOWN ? UNKNOWN : typeof value === "string" ? value : undefined;
}

export function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

export function record(value: unknown): Record<string, any> {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, any>) : {};
}

/** The stack's resources, with the look-ups every rule needs. */
export class StackModel {
    private readonly byUrnMap: Map<string, ModelResource>;
    private readonly byType = new Map<string, ModelResource[]>();
    /** Results of derivations over this model (copies per store, …), computed once. */
    readonly memo = new Map<string, unknown>();

    /** `defaultRegion` is the stack's `aws:region`, for resources that name no region of their own. */
    constructor(
        readonly resources: ModelResource[],
        readonly defaultRegion?: string,
    ) {
        this.byUrnMap = new Map(resources.map((r) => [r.urn, r]));
        for (const r of resources) {
            const same = this.byType.get(r.type) ?? [];
            same.push(r);
            this.byType.set(r.type, same);
        }
    }

    /** `derive()` once per key for this model: the rules ask the same questions many times. */
    remember<T>(key: string, derive: () => T): T {
        if (!this.memo.has(key)) {
            this.memo.set(key, derive());
        }
        return this.memo.get(key) as T;
    }

    byUrn(urn: string | undefined): ModelResource | undefined {
        return urn === undefined ? undefined : this.byUrnMap.get(urn);
    }

    ofType(...types: string[]): ModelResource[] {
        return types.length === 1 ? (this.byType.get(types[0]) ?? []) : types.flatMap((t) => this.byType.get(t) ?? []);
    }

    /** The resources a property's value came from, optionally of some types. */
    deps(resource: ModelResource, property: string, ...types: string[]): ModelResource[] {
        return (resource.propertyDependencies[property] ?? [])
            .map((urn) => this.byUrn(urn))
            .filter((r): r is ModelResource => r !== undefined && (types.length === 0 || types.includes(r.type)));
    }

    /** Where a resource lives: its `region` input, else its provider's region, else the stack's. */
    regionOf(resource: ModelResource): string | Unknown | undefined {
        const own = text(resource.props.region);
        if (own !== undefined) {
            return own;
        }
        return resource.providerRegion ?? this.defaultRegion;
    }

    /** A resource's tags, or `UNKNOWN` when they are not known yet. */
    tagsOf(resource: ModelResource): Record<string, string | Unknown> | Unknown {
        const tags = resource.props.tags;
        return tags === UNKNOWN ? UNKNOWN : (record(tags) as Record<string, string | Unknown>);
    }
}

/** Replaces the analyzer's unknown markers, wherever they sit, by `UNKNOWN`. */
export function withUnknowns(value: unknown, isUnknown: (v: unknown) => boolean): any {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        return value.map((v) => withUnknowns(v, isUnknown));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknowns(v, isUnknown)]));
    }
    return value;
}

/**
 * A resource's properties with its AWS provider's `defaultTags` merged under its own tags, as AWS
 * applies them: tags set through the provider classify a store as well as its own do.
 */
export function withDefaultTags(props: Record<string, any>, providerProps: unknown): Record<string, any> {
    const defaults = record(record(providerProps).defaultTags).tags;
    if (defaults === undefined || props.tags === UNKNOWN) {
        return props;
    }
    return { ...props, tags: defaults === UNKNOWN ? UNKNOWN : { ...record(defaults), ...record(props.tags) } };
}
