import { DRIFT_CLASSES, DriftClass, STORE_TYPES, storeTypeOf } from "../../../../policies/catalog";
import { TYPES } from "../../../../policies/catalog/model";
import { DigestStep, NO_CHANGE_OPS, RefreshDigest, StateResource, refreshSteps, urnParts } from "../../engine/state";

export type { DriftClass } from "../../../../policies/catalog";

/** The classes that fail a drift run (exit 4): where data lives, whether it can be recovered, who can reach it. */
export const CRITICAL_CLASSES: readonly DriftClass[] = ["residency-critical", "recovery-critical", "security"];

/** One property that changed outside Pulumi, what it was and is, and why that matters. */
export interface PropertyDrift {
    /** The property path as Pulumi writes it: `replicas[1].regionName`, `tags["dr:cell"]`. */
    path: string;
    class: DriftClass;
    /** As deployed, and as it runs now; undefined when absent. */
    old: unknown;
    new: unknown;
    why: string;
}

/** A resource that drifted. */
export interface ResourceDrift {
    urn: string;
    type: string;
    name: string;
    /** What the refresh found: properties changed, or the resource gone. */
    change: "changed" | "gone";
    /** The step's op as the digest wrote it (a drifted resource may stay at "refresh"). */
    op: string;
    /** The worst class among its properties (recovery-critical when gone). */
    class: DriftClass;
    properties: PropertyDrift[];
    /** Why a resource that is gone matters. */
    why?: string;
}

export interface DriftFindings {
    /** Whether the stack drifted: the engine's change summary, or a step that shows a change. */
    drifted: boolean;
    /** A critical class among the drifted properties, or drift the steps do not explain. */
    critical: boolean;
    resources: ResourceDrift[];
    /** Counts per operation that change something, as the engine summarised them. */
    changes: Record<string, number>;
    /** Set when the summary reports changes that no step shows: which resources drifted cannot be told. */
    unexplained?: string;
}

export function worstClass(classes: DriftClass[]): DriftClass {
    return DRIFT_CLASSES.find((c) => classes.includes(c)) ?? "cosmetic";
}

type Segment = string | number;

/** `replicas[0].regionName` → ["replicas", 0, "regionName"]; `tags["dr:cell"]` → ["tags", "dr:cell"]. */
export function parsePath(path: string): Segment[] {
    const segments: Segment[] = [];
    const pattern = /([^.[\]"]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
    for (const m of path.matchAll(pattern)) {
        segments.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`));
    }
    return segments;
}

export function formatPath(segments: Segment[]): string {
    return segments
        .map((s, i) =>
            typeof s === "number" ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `${i === 0 ? "" : "."}${s}` : `[${JSON.stringify(s)}]`,
        )
        .join("");
}

function at(value: unknown, segments: Segment[]): unknown {
    let current: any = value;
    for (const s of segments) {
        if (current === null || typeof current !== "object") {
            return undefined;
        }
        current = current[s];
    }
    return current;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The leaves under `segments` where `before` and `after` differ: objects and lists are compared member by member. */
function leafChanges(
    before: unknown,
    after: unknown,
    segments: Segment[],
    out: { segments: Segment[]; old: unknown; new: unknown }[],
    depth = 0,
): void {
    if (JSON.stringify(before) === JSON.stringify(after)) {
        return;
    }
    // A map or list that appeared or vanished is compared member by member too, so each key is judged on its own
    // (a tags map gone takes its dr: tags with it).
    const absent = (v: unknown) => v === undefined || v === null;
    if (depth < 8 && (isObject(before) || absent(before)) && (isObject(after) || absent(after))) {
        const [b, a] = [isObject(before) ? before : {}, isObject(after) ? after : {}];
        for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
            leafChanges(b[key], a[key], [...segments, key], out, depth + 1);
        }
        return;
    }
    if (depth < 8 && (Array.isArray(before) || absent(before)) && (Array.isArray(after) || absent(after)) && segments.length > 0) {
        const [b, a] = [Array.isArray(before) ? before : [], Array.isArray(after) ? after : []];
        for (let i = 0; i < Math.max(b.length, a.length); i++) {
            leafChanges(b[i], a[i], [...segments, i], out, depth + 1);
        }
        return;
    }
    out.push({ segments, old: before, new: after });
}

/** A rule: resources of these types (any when absent), properties whose path (indexes dropped, dot-joined) matches. */
interface Rule {
    class: DriftClass;
    types?: string[];
    path: RegExp;
    why: string;
}

const BACKUP_TYPES = [
    TYPES.plan,
    TYPES.selection,
    TYPES.vault,
    TYPES.airGappedVault,
    TYPES.vaultLock,
    TYPES.restoreTestingPlan,
    TYPES.restoreTestingSelection,
];
const IAM_TYPES = [TYPES.role, TYPES.rolePolicy, TYPES.rolePolicyAttachment, TYPES.policy];
const ROUTING_TYPES = [TYPES.healthCheck, TYPES.record];
/** Types whose every property serves recovery: an unknown property of one is treated as recovery-critical. */
const RECOVERY_TYPES = [
    ...STORE_TYPES.map((s) => s.type),
    ...BACKUP_TYPES,
    ...ROUTING_TYPES,
    TYPES.replication,
    TYPES.bucketVersioning,
    TYPES.service,
    TYPES.scalingTarget,
    TYPES.scalingPolicy,
    TYPES.metricAlarm,
    TYPES.eventTarget,
    TYPES.topic,
    TYPES.topicSubscription,
    TYPES.distribution,
    TYPES.cachePolicy,
    TYPES.accelerator,
    TYPES.acceleratorListener,
    TYPES.endpointGroup,
    "aws:cloudwatch/eventRule:EventRule",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
];

/** First match wins: tags and descriptions first (`RULES_FOR_EVERY_TYPE`), then what a store type's property means (the store-type vocabulary), then what each other kind of resource means for DR (`RULES`). */
const RULES_FOR_EVERY_TYPE: Rule[] = [
    {
        class: "residency-critical",
        path: /^tags(All)?\.dr:(residency|classification)$/,
        why: "the residency and classification tags decide which zone the data must stay in: the pack judges residency by them",
    },
    {
        class: "recovery-critical",
        path: /^tags(All)?\.dr:/,
        why: "AWS Backup selects stores by dr:cell, and the pack holds each store to the targets its DR tags set: a changed tag can drop it from its backups",
    },
    { class: "cosmetic", path: /^tags(All)?(\.|$)/, why: "a tag outside the dr: namespace: no DR mechanism reads it" },
    { class: "cosmetic", path: /(^|\.)(description|alarmDescription|displayName)$/, why: "a description: no DR mechanism reads it" },
];

const RULES: Rule[] = [
    // Where the data lives.
    {
        class: "residency-critical",
        types: [TYPES.replicaKey],
        path: /./,
        why: "a replica key puts the means to decrypt the data in another region",
    },
    {
        class: "residency-critical",
        types: [TYPES.replication],
        path: /^rules?\.destination\.(bucket|account|storageClass|accessControlTranslation)/,
        why: "the replication destination is where every object is copied: another bucket can be in another region or account",
    },
    {
        class: "residency-critical",
        types: [TYPES.plan],
        path: /copyActions?\.destinationVaultArn$/,
        why: "the copy action's vault is where the off-site backup lands: another region or account",
    },
    {
        class: "residency-critical",
        types: [TYPES.distribution],
        path: /^(origins\.domainName|originGroups\.members)|^(defaultCacheBehavior|orderedCacheBehaviors)\.(targetOriginId|pathPattern|cachePolicyId|minTtl|defaultTtl|maxTtl|forwardedValues|lambdaFunctionAssociations|functionAssociations)(\.|$)/,
        why: "a distribution's origins decide where its requests, personal data included, are served from; its caching and edge functions whether that data stays at edge locations, or in logs, outside its zone",
    },
    {
        class: "residency-critical",
        types: [TYPES.cachePolicy],
        path: /Ttl$/,
        why: "a cache policy's TTLs decide whether edge locations keep the responses, personal ones included",
    },
    {
        class: "residency-critical",
        types: [TYPES.endpointGroup],
        path: /^(endpointGroupRegion|endpointConfigurations)(\.|$)/,
        why: "an accelerator's endpoint groups decide which regions serve the cell's traffic",
    },

    // Whether it can be recovered.
    {
        class: "recovery-critical",
        types: [TYPES.replication],
        path: /./,
        why: "replication is the bucket's continuous off-site copy: its status, scope and Replication Time Control set how far behind the copy is",
    },
    {
        class: "recovery-critical",
        types: [TYPES.plan],
        path: /./,
        why: "the backup plan's schedule, lifecycle and copies set the RPO of every store it protects",
    },
    { class: "recovery-critical", types: [TYPES.selection], path: /./, why: "the selection decides which stores are backed up at all" },
    {
        class: "recovery-critical",
        types: [TYPES.vaultLock],
        path: /./,
        why: "the vault lock keeps recovery points from early deletion, by anyone",
    },
    {
        class: "recovery-critical",
        types: [TYPES.vault, TYPES.airGappedVault],
        path: /./,
        why: "the vault holds the recovery points, under its key and access policy",
    },
    {
        class: "recovery-critical",
        types: [TYPES.restoreTestingPlan, TYPES.restoreTestingSelection],
        path: /./,
        why: "the restore test proves the off-site copy can be restored",
    },
    {
        class: "recovery-critical",
        types: [TYPES.healthCheck],
        path: /./,
        why: "the health check decides when DNS moves traffic away from a failed region",
    },
    {
        class: "recovery-critical",
        types: [TYPES.record],
        path: /./,
        why: "routing records send each user to a healthy region of the right cell",
    },
    {
        class: "recovery-critical",
        types: [TYPES.service],
        path: /^desiredCount$/,
        why: "the standby's running tasks are the capacity that takes traffic on failover",
    },
    {
        class: "recovery-critical",
        types: [TYPES.scalingTarget],
        path: /^(min|max)Capacity$/,
        why: "the scaling bounds set how far the standby can grow on failover",
    },
    {
        class: "recovery-critical",
        types: [TYPES.bucketVersioning, TYPES.bucketVersioningV2],
        path: /./,
        why: "versioning keeps every overwritten or deleted object, and replication requires it",
    },
    {
        class: "recovery-critical",
        types: [
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
            "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
        ],
        path: /./,
        why: "object lock keeps objects from deletion for their retention",
    },
    {
        class: "recovery-critical",
        types: ["aws:backup/vaultPolicy:VaultPolicy"],
        path: /./,
        why: "the vault's access policy decides who may delete its recovery points",
    },
    {
        class: "recovery-critical",
        types: [TYPES.accelerator, TYPES.acceleratorListener, TYPES.endpointGroup],
        path: /./,
        why: "the accelerator moves the cell's traffic between its regions: its listener, traffic dials and health checks decide when and where",
    },
    {
        class: "recovery-critical",
        types: [TYPES.distribution],
        path: /^(enabled|aliases|originGroups\.failoverCriteria|origins\.(connectionAttempts|connectionTimeout))(\.|$)/,
        why: "whether the distribution serves its name, and how soon public reads fail over to the DR region",
    },
    {
        class: "operational",
        types: [TYPES.distribution],
        path: /^priceClass$/,
        why: "which edge locations serve it: a cost, not where the data may live (nothing personal is cached there)",
    },
    {
        class: "recovery-critical",
        types: ["aws:lb/targetGroup:TargetGroup"],
        path: /^healthCheck/,
        why: "the target group's health check decides which tasks serve, and the Route 53 check reads the load balancer",
    },
    {
        class: "recovery-critical",
        types: [TYPES.loadBalancer, TYPES.albLoadBalancer, "aws:lb/listener:Listener"],
        path: /^(subnets|subnetMappings|internal|securityGroups|loadBalancerType|defaultActions)(\.|$)/,
        why: "where the load balancer listens and what it forwards to decide whether the cell serves",
    },
    {
        class: "recovery-critical",
        types: [TYPES.taskDefinition],
        path: /^(containerDefinitions|cpu|memory|executionRoleArn|taskRoleArn|runtimePlatform)(\.|$)/,
        why: "the task definition is what the standby runs when traffic fails over to it",
    },
    {
        class: "recovery-critical",
        types: ["aws:kms/alias:Alias"],
        path: /./,
        why: "what an alias points at is the key services use to encrypt and decrypt",
    },
    {
        class: "recovery-critical",
        types: [TYPES.key],
        path: /^(isEnabled|deletionWindowInDays)$/,
        why: "a disabled key, or one pending deletion, cannot decrypt the data or the recovery points it encrypts",
    },
    {
        class: "recovery-critical",
        types: [
            TYPES.metricAlarm,
            TYPES.eventTarget,
            TYPES.topicSubscription,
            "aws:cloudwatch/eventRule:EventRule",
            "aws:sns/topicPolicy:TopicPolicy",
        ],
        path: /./,
        why: "the alarms and their delivery are how on-call hears that a DR mechanism stopped",
    },

    // Who can reach it.
    {
        class: "security",
        path: /(serverSideEncryption|sseAlgorithm|kmsKey(Id|Arn)|kmsMasterKeyId|storageEncrypted|encrypted)(\.|$)/i,
        why: "encryption at rest with the stack's own key",
    },
    {
        class: "security",
        types: [
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketPolicy:BucketPolicy",
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
        ],
        path: /./,
        why: "who can read and write the bucket: public access and TLS-only access",
    },
    { class: "security", types: IAM_TYPES, path: /./, why: "what the role may do, and who may assume it" },
    {
        class: "security",
        types: [TYPES.key],
        path: /./,
        why: "the key policy and rotation decide who can use the key and how long a leaked one stays useful",
    },
    {
        class: "security",
        types: [TYPES.distribution],
        path: /(viewerProtocolPolicy|originProtocolPolicy|originSslProtocols|viewerCertificate|restrictions)(\.|$)/,
        why: "TLS to viewers and to origins, and which countries' viewers it serves",
    },
    {
        class: "security",
        types: [
            "aws:lb/listener:Listener",
            "aws:ec2/securityGroup:SecurityGroup",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        ],
        path: /./,
        why: "TLS and network exposure of the service",
    },
];

const UNKNOWN_RECOVERY =
    "a property of a recovery mechanism whose meaning dr does not know: treated as recovery-critical until someone reviews it";
const UNKNOWN_OTHER = "no DR mechanism is known to read it; review it";

export function classifyProperty(type: string, segments: Segment[]): { class: DriftClass; why: string } {
    const path = segments.filter((s): s is string => typeof s === "string").join(".");
    const applies = (r: Rule) => (!r.types || r.types.includes(type)) && r.path.test(path);
    const rule = RULES_FOR_EVERY_TYPE.find(applies) ?? storeTypeOf(type)?.drift.find((m) => m.path.test(path)) ?? RULES.find(applies);
    if (rule) {
        return { class: rule.class, why: rule.why };
    }
    return RECOVERY_TYPES.includes(type)
        ? { class: "recovery-critical", why: UNKNOWN_RECOVERY }
        : { class: "operational", why: UNKNOWN_OTHER };
}

/**
 * Whether the step reports a change. A drifted resource whose diff has no detail stays at op "refresh" with
 * its new state as it was before the refresh (the CLI swaps a step only for an update with a detailed diff,
 * or a delete): such drift shows only in the change summary, never in the steps.
 */
function changed(step: DigestStep): boolean {
    return !NO_CHANGE_OPS.includes(step.op) && step.op !== "refresh";
}

/** The property changes of a drifted resource: from its detailed diff, its diff reasons, or its states. */
function propertyChanges(type: string, step: DigestStep): PropertyDrift[] {
    const old: StateResource | undefined = step.oldState;
    const now: StateResource | undefined = step.newState;
    const leaves: { segments: Segment[]; old: unknown; new: unknown }[] = [];
    const compare = (segments: Segment[], inputs: boolean) => {
        const side = (s?: StateResource) => (inputs ? s?.inputs : s?.outputs);
        const before = at(side(old), segments);
        const after = at(side(now), segments);
        // A path the other side holds (an input diff named by an output, or the reverse).
        if (before === undefined && after === undefined) {
            leafChanges(
                at(inputs ? old?.outputs : old?.inputs, segments),
                at(inputs ? now?.outputs : now?.inputs, segments),
                segments,
                leaves,
            );
        } else {
            leafChanges(before, after, segments, leaves);
        }
    };
    if (step.detailedDiff && Object.keys(step.detailedDiff).length > 0) {
        for (const [path, diff] of Object.entries(step.detailedDiff)) {
            compare(parsePath(path), diff.inputDiff === true);
        }
    } else if (step.diffReasons && step.diffReasons.length > 0) {
        for (const reason of step.diffReasons) {
            compare(parsePath(reason), false);
        }
    } else {
        leafChanges(old?.outputs ?? {}, now?.outputs ?? {}, [], leaves);
        leafChanges(old?.inputs ?? {}, now?.inputs ?? {}, [], leaves);
    }
    // A path the engine names but whose values read the same (secrets: "[secret]" both sides) still changed.
    const named =
        step.detailedDiff && Object.keys(step.detailedDiff).length > 0 ? Object.keys(step.detailedDiff) : (step.diffReasons ?? []);
    for (const path of named) {
        const segments = parsePath(path);
        if (!leaves.some((l) => formatPath(l.segments).startsWith(formatPath(segments)))) {
            leaves.push({
                segments,
                old: at(old?.outputs, segments) ?? at(old?.inputs, segments),
                new: at(now?.outputs, segments) ?? at(now?.inputs, segments),
            });
        }
    }
    if (leaves.length === 0) {
        // Changed, the step says, with nothing to tell what: the resource as a whole.
        leaves.push({ segments: [], old: undefined, new: undefined });
    }
    const unique = new Map<string, PropertyDrift>();
    for (const leaf of leaves) {
        const path = formatPath(leaf.segments) || "(unknown properties)";
        if (!unique.has(path)) {
            unique.set(path, { path, ...classifyProperty(type, leaf.segments), old: leaf.old, new: leaf.new });
        }
    }
    return [...unique.values()];
}

const GONE_WHY = "it no longer exists: the program's posture counts on it until pulumi up recreates it";

/** Reads what drifted, and what each change means for DR. */
export function classifyDrift(digest: RefreshDigest): DriftFindings {
    const changes = Object.fromEntries(
        Object.entries(digest.changeSummary).filter(([op, count]) => !NO_CHANGE_OPS.includes(op) && count > 0),
    );
    const resources: ResourceDrift[] = [];
    for (const step of refreshSteps(digest).filter(changed)) {
        const state = step.oldState ?? step.newState;
        const type = state?.type ?? urnParts(step.urn)?.type ?? "";
        const name = urnParts(step.urn)?.name ?? step.urn;
        if (step.op === "delete") {
            resources.push({
                urn: step.urn,
                type,
                name,
                change: "gone",
                op: step.op,
                class: "recovery-critical",
                properties: [],
                why: GONE_WHY,
            });
            continue;
        }
        const properties = propertyChanges(type, step);
        resources.push({
            urn: step.urn,
            type,
            name,
            change: "changed",
            op: step.op,
            class: worstClass(properties.map((p) => p.class)),
            properties,
        });
    }
    const summarised = Object.values(changes).reduce((a, b) => a + b, 0);
    const unshown = summarised - resources.length;
    const unexplained =
        unshown > 0
            ? `the engine counts ${Object.entries(changes)
                  .map(([op, n]) => `${n} ${op}`)
                  .join(
                      ", ",
                  )}, but the steps show ${resources.length}: ${unshown} drifted resource${unshown === 1 ? "" : "s"} left at op refresh carry no refreshed state to read (run pulumi refresh --preview-only --diff to see which); treated as critical, and the live re-check cannot see ${unshown === 1 ? "it" : "them"}`
            : undefined;
    return {
        drifted: summarised > 0 || resources.length > 0,
        critical: unexplained !== undefined || resources.some((r) => CRITICAL_CLASSES.includes(r.class)),
        resources,
        changes,
        unexplained,
    };
}
