import { COMPONENT_TYPES } from "../contract";
import { STORE_TOKENS } from "../stores";
import { Unknown, text } from "./values";

export { UNKNOWN, Unknown, list, record, text } from "./values";

/**
 * A resource as the recovery model reads it: plain property values (unknowns replaced by `UNKNOWN`),
 * its parent and property dependencies by URN, and its provider's region.
 */
export interface ModelResource {
    urn: string;
    type: string;
    name: string;
    /** Outputs as the analyzer hands them to stack policies; unknown values are `UNKNOWN`. */
    props: Record<string, any>;
    parent?: string;
    /** The region of the resource's provider, when it has one. */
    providerRegion?: string | Unknown;
    /** For each input property, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
    /** Whether the resource is `protect`ed: Pulumi refuses to delete it (the analyzer's resource options). */
    protect?: boolean;
}

/** AWS resource types the model reads: the stores' (`STORE_TOKENS`), the others, and the program's components (`COMPONENT_TYPES`). */
export const TYPES = {
    ...STORE_TOKENS,
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
    bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
    bucketVersioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policy: "aws:iam/policy:Policy",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
    eventRule: "aws:cloudwatch/eventRule:EventRule",
    topic: "aws:sns/topic:Topic",
    topicSubscription: "aws:sns/topicSubscription:TopicSubscription",
    restoreTestingPlan: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
    restoreTestingSelection: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    rdsClusterInstance: "aws:rds/clusterInstance:ClusterInstance",
    docdbClusterInstance: "aws:docdb/clusterInstance:ClusterInstance",
    neptuneClusterInstance: "aws:neptune/clusterInstance:ClusterInstance",
    efsBackupPolicy: "aws:efs/backupPolicy:BackupPolicy",
    regionSwitchPlan: "aws:arcregionswitch/plan:Plan",
    automatedBackupsReplication: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
    ...COMPONENT_TYPES,
} as const;

/** A stack's DR intent as its stack config states it, where it does. */
export interface DeclaredIntent {
    tier?: string;
    rto?: string;
    rpo?: string;
    residency?: string;
    drRegion?: string;
}

/** The DR intent a stack config states: the `dr:` keys the pack reads, as text (the program checked their form). */
export function declaredIntent(get: (key: string) => string | undefined): DeclaredIntent {
    return { tier: get("tier"), rto: get("rto"), rpo: get("rpo"), residency: get("residency"), drRegion: get("drRegion") };
}

interface Reference {
    from: ModelResource;
    property: string;
}

/**
 * The stack's resources, indexed once by URN, by type and by who refers to whom, so that every
 * look-up a rule makes is linear in what it returns, never in the size of the stack.
 */
export class StackModel {
    private readonly byUrnMap = new Map<string, ModelResource>();
    private readonly byType = new Map<string, ModelResource[]>();
    /** For each URN, the resources whose properties were built from that resource. */
    private readonly referencesTo = new Map<string, Reference[]>();

    /**
     * `defaultRegion` is the stack's `aws:region`, for resources that name no region of their own; `declared` the DR
     * intent its stack config states (`dr:tier`, `dr:rto`, `dr:rpo`, `dr:residency`, `dr:drRegion`), which a program
     * without the DR components sets so the pack knows its targets.
     */
    constructor(
        readonly resources: ModelResource[],
        readonly defaultRegion?: string,
        readonly declared: DeclaredIntent = {},
    ) {
        for (const r of resources) {
            this.byUrnMap.set(r.urn, r);
            const same = this.byType.get(r.type) ?? [];
            same.push(r);
            this.byType.set(r.type, same);
            for (const [property, urns] of Object.entries(r.propertyDependencies)) {
                for (const urn of new Set(urns)) {
                    const refs = this.referencesTo.get(urn) ?? [];
                    refs.push({ from: r, property });
                    this.referencesTo.set(urn, refs);
                }
            }
        }
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

    /** The resources of `type` whose `property` was built from `target`: the inverse of `deps`. */
    referrers(target: ModelResource, type: string, property: string): ModelResource[] {
        return (this.referencesTo.get(target.urn) ?? [])
            .filter((ref) => ref.from.type === type && ref.property === property)
            .map((ref) => ref.from);
    }

    /** Where a resource lives: its `region` input, else its provider's region, else the stack's. */
    regionOf(resource: ModelResource): string | Unknown | undefined {
        const own = text(resource.props.region);
        if (own !== undefined) {
            return own;
        }
        return resource.providerRegion ?? this.defaultRegion;
    }
}
