import type { PolicyConfigSchema, Severity } from "@pulumi/policy";
import { DEFAULT_RESIDENCY_ZONES } from "../catalog/residency";
import { DR_TAG_KEYS } from "../catalog/tags";
import type { ConfigEntryKeys } from "../catalog/stores";

/**
 * The policy manifest: each policy's facts, stated once. The pack registers its policies from it
 * (`define.ts`, `index.ts`), `docs/policies.md` and the README's table are generated from it
 * (`npm run gen:policies`), and `dr plan` places SARIF results with it. Data only, so the CLI reads it
 * without loading the policy SDK. Its order is the order the pack reports its policies in.
 */
export interface PolicyFacts {
    /** Who judges it: the DR pack, in every preview, or `dr plan` itself, which alone sees several stacks. */
    judgedBy: "pack" | "dr plan";
    enforcementLevel: "mandatory" | "advisory";
    /** How bad a finding is; none for dr plan's own check, which reports no severity. */
    severity?: Severity;
    /** One sentence: what holds when the policy passes. The SDK opens each of its messages with it. */
    description: string;
    /** What to do about a finding, in general; each message names its own fix. */
    remediation: string;
    /** What it checks, in Markdown: the explanation its section of docs/policies.md gives. */
    details: string;
    /**
     * The stack-config key that decides its findings, as `dr:key.subkey`: where SARIF places a finding no
     * store entry is behind. None where no stack-level key does (the DR tags of each store; the guards the
     * components always set).
     */
    configKey?: string;
    /**
     * Within a store's entry in stack config (the store-type vocabulary names the list and its keys), the key
     * that decides a finding on that store: where SARIF places it.
     */
    entryKey?: keyof ConfigEntryKeys;
    /** Judged per failure scope (DESIGN §14): each finding is marked with its scope, and reports give each scope a case. */
    scoped?: boolean;
    /** The policy's own config, which a company sets with --policy-pack-config. */
    configSchema?: PolicyConfigSchema;
}

/** Markdown lines, kept as written. */
const md = (...lines: string[]) => lines.join("\n");

/**
 * The facts in report order. data-residency is the first stack policy: a policy reads only its own config, and the
 * SDK runs stack policies in this order, so the zones it records (rules/scopes.ts) are the ones every later policy uses.
 */
const FACTS = {
    "dr-classification": {
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "high",
        description: "Every stateful resource carries the six DR tags, so its recovery and residency can be judged.",
        remediation:
            "Create stateful resources through the DR program's components, which tag them from stack config, " +
            `or add the tags ${DR_TAG_KEYS.join(", ")} with valid values to the resource.`,
        details: md(
            "Rejects a stateful resource (DynamoDB table, S3 bucket, RDS/Aurora, DocumentDB, Neptune, Redshift, ElastiCache,",
            "MemoryDB, OpenSearch, EBS, EFS, FSx, Kinesis stream, SQS queue) without the six DR tags",
            "`dr:cell`, `dr:tier`, `dr:rto`, `dr:rpo`, `dr:classification`, `dr:residency`, or with tags not known",
            "before deployment. Fix: create stores through the program's components, or set the tags.",
        ),
        entryKey: "classification",
    },
    "data-residency": {
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "critical",
        description: "Personal data, and every copy of it or of its key, stays in the regions of its residency zone.",
        remediation:
            "Keep replicas, replication destinations, backup copy vaults and replica keys of personal data inside the zone's regions; " +
            'widen a zone only where counsel allows, in a policy pack config file passed with --policy-pack-config, e.g. {"data-residency": {"zones": {"eu": ["eu-west-1", "eu-central-1"]}}}.',
        details: md(
            "Rejects personal data, or a replica, replication destination, Aurora secondary cluster, RDS read",
            "replica, replicated automated backup, backup copy vault or KMS replica key of it, outside its zone's regions — or whose region cannot be known before deployment.",
            "Other stores' copies count alike: a DocumentDB or Neptune global cluster's secondary, an ElastiCache global",
            "datastore's secondary, a MemoryDB Multi-Region cluster's other regional clusters, an EFS replica, a Redshift",
            "snapshot copy's destination region. On a resource our components do not build, the fix names the property that",
            "sets the copy's region.",
            "The zones and how to widen one: [Residency zones](../README.md#residency-zones).",
        ),
        configKey: "dr:residency",
        entryKey: "replicas",
        configSchema: {
            properties: {
                zones: {
                    type: "object",
                    description:
                        "Residency zones: zone name → regions where that zone's personal data may live. Zones named here replace the defaults of the same name.",
                    additionalProperties: { type: "array", items: { type: "string" } },
                    default: DEFAULT_RESIDENCY_ZONES,
                },
            },
        },
    },
    "dr-rpo-target": {
        scoped: true,
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "high",
        description:
            "Each stateful store's achievable RPO meets its target in every failure scope that has one: dr:rpo (or the store's own rpo) for a loss of the home region — or of the account, where the residency zone holds one region — and dr:targets for a lost zone, a lost account and a corruption.",
        remediation:
            "Give the store an off-site copy fast enough for its target: a DynamoDB global-table replica (≈ 1 s), S3 replication with RTC (15 min), " +
            "or Backup copies to another region or account scheduled often enough (interval + 1 h copy lag); and a point-in-time copy a corruption cannot reach " +
            "(DynamoDB point-in-time recovery, S3 versioning, or frequent backups); or set a dr:rpo the mechanisms can meet.",
        details: md(
            "Judges each store in each failure scope (DESIGN §14) with a target, and marks each finding with its scope",
            "(`[region]`, `[az]`, `[account]`, `[corruption]`): a **region** loss costs the best lag among copies in another",
            "region; an **account** loss, among copies in another account or a logically air-gapped vault; a **zone** loss",
            "nothing for a store that spans zones (DynamoDB, S3, the volume of Aurora, DocumentDB and Neptune, MemoryDB,",
            "Kinesis, SQS, a Multi-AZ instance, group, Redshift cluster or FSx file system, a zone-aware OpenSearch domain),",
            "else its newest copy outside it; a **corruption**, which replication carries everywhere, the newest point-in-time",
            "copy (PITR, kept versions, a backup, a service's own snapshots: Redshift's every 8 hours, OpenSearch's hourly,",
            "ElastiCache's, MemoryDB's and FSx's daily). A Kinesis stream or an SQS queue has no copy at all. A backup is as old as its interval, its rule's start window and completion window (AWS's",
            "defaults, 8 hours and 7 days, when the rule sets none) and, for a copy, the copy's hour. `dr:rpo` (or a store's",
            "own `rpo`) is the region's target — the account's for a stack whose residency zone holds its home region alone —",
            "and `dr:targets.<scope>.rpo` the others'; a scope without a target is reported, not judged. A bucket that",
            "receives replication but is also written where it lives is a store of its own: when nothing copies it out of",
            "its region, the message names the writing service and the missing direction.",
        ),
        configKey: "dr:rpo",
        entryKey: "rpo",
    },
    "dr-rto-target": {
        scoped: true,
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "high",
        description: "Each cell's achievable RTO for a loss of its home region, from the evidence for its tier, meets its dr:rto target.",
        remediation:
            "Shorten the slowest recovery step, and take people off the path: Route 53 health checks on failover or latency records, standby capacity that runs or scales by itself, " +
            "data already live in the DR region, and an ARC Region switch plan that fails databases over, started by a trigger on an alarm outside the home region; " +
            "or set a dr:rto the tier can meet (whitepaper bands: active-active near zero, warm standby minutes, pilot light tens of minutes, backup & restore hours).",
        details: md(
            "Rejects a cell whose achievable RTO for a loss of its home region exceeds its `dr:rto`: the sum of every",
            "recovery step — detection, DNS, capacity, data, and who fails each database over — where a step no",
            "automation performs counts a person's reaction (30 minutes, a budget). A global database is failed over by",
            "an ARC Region switch plan (`aws.arcregionswitch.Plan`, in our program or yours) when the workflow that",
            "activates the DR region (active/passive) or deactivates the home region (active/active) has an",
            "`AuroraGlobalDatabase` block that fails over (behavior `failover`, or an ungraceful `failover`) on a",
            "secondary that runs instances; the plan starts without a person when a trigger waits only on alarms outside",
            "the home region and no `ManualApproval` block comes first. The message names the manual steps. Also rejects",
            "an active-active or warm-standby cell that would fail over only by hand, and an active-active DR-region",
            "service that reaches a read-only secondary (no global write forwarding): its writes fail, disaster or not.",
        ),
        configKey: "dr:rto",
    },
    "dr-night-mode": {
        scoped: true,
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "high",
        description:
            "A night mode's night meets its target: the cell, with its DR region at the night tier, recovers within dr:nightMode.rto, or dr:rto where the stack declares none.",
        remediation:
            "Keep the DR region at a night tier whose recovery meets the target — its failover plan scales it back, its data stays live there — or declare the night's own RTO in dr:nightMode.rto, which the service's owner accepts for the saving.",
        details: md(
            "Judges the stack as its night mode leaves it — the night view of the model: the DR region's services at the",
            "night tier's size and auto scaling bounds, the cell at the night tier — exactly as `dr-rto-target` judges",
            "the day, each finding marked with its scope and opened with the night's window (`At night (22:00–08:00",
            "Asia/Tokyo, ap-northeast-3 at warm-standby), …`). The region's target is `dr:nightMode.rto` where the stack",
            "declares one, else `dr:rto`; the other scopes keep `dr:targets`. Every copy runs at night as by day, so the",
            "night's RPO is the day's, which `dr-rpo-target` judges. The night is read from the program's `NightMode`",
            "component (its registered outputs: window, time zone, tier, night size). See [Night mode](../README.md#night-mode).",
        ),
        configKey: "dr:nightMode",
    },
    "backup-3-2-1": {
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "high",
        description:
            "Each stateful store has at least 3 copies on 2 media (live and backup vault), with a point-in-time backup off-site (another region or account).",
        remediation:
            "Back the store up with AWS Backup (the stack's selection picks every store tagged dr:cell) and copy each recovery point to a vault in another region or in a backup account; " +
            "replicas alone never count as the second medium.",
        details: md(
            "Rejects a store with fewer than 3 copies, fewer than 2 media (live, backup vault), or no",
            "point-in-time backup in another region or account — replicas copy deletions, so they never suffice.",
        ),
        configKey: "dr:backup",
    },
    "dr-alerting": {
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "high",
        description:
            "Every DR alarm and failure alert reaches a subscribed destination: someone hears when replication stalls, a backup fails or a region goes down.",
        remediation:
            "Set dr:oncall (email addresses, HTTPS endpoints, or an existing SNS topic ARN): the DR program subscribes every alarm topic to it. " +
            "For your own alarms, subscribe their topics in the stack, or send them to the topic named in dr:oncall.topicArn; confirm every email subscription.",
        details: md(
            "Rejects a CloudWatch alarm that notifies SNS, or an EventBridge target publishing to SNS (the Backup",
            "failure alerts), that reaches nobody: only topics of the stack with no subscription, or topics outside the",
            "stack that `dr:oncall.topicArn` does not name. An alarm with no action, or only auto scaling actions, is",
            "not an alert; one whose actions are computed with no topic behind them cannot be judged at preview. Fix:",
            "set `dr:oncall`; the program subscribes every alarm topic to it.",
            "Also rejects a cell judged for a loss of its home region whose every detector of that loss lives in the home",
            "region, or that has none: a Route 53 health-check alarm on a home load balancer (those live in us-east-1), or an",
            "alarm tagged `dr:detects: region-loss` (a probe run from elsewhere). The loss it detects would silence it.",
        ),
        configKey: "dr:oncall",
    },
    "dr-restore-tested": {
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "high",
        description:
            "Each store's off-site point-in-time copy, where the stack holds it, is restore-tested at least quarterly by a drill whose restores are validated.",
        remediation:
            "Add an AWS Backup restore testing plan in the off-site vault's region, including that vault, scheduled at least quarterly, " +
            "with a restore testing selection per store type (DynamoDB, S3, Aurora, RDS) matching the stores' tags; validate its restores " +
            "with an EventBridge rule on completed restore jobs invoking a Lambda function there that checks the restored resource and " +
            "reports the verdict (backup:PutRestoreValidationResult); watch its restore jobs.",
        details: md(
            "Rejects a store whose off-site point-in-time copy, in a vault the stack holds, no validated restore testing plan",
            "restores at least quarterly — a plan in the copy's region including that vault, restoring snapshots,",
            "with a selection of the store's type whose tag conditions hold for it. A drill of the home vault does not",
            "count: after a region is lost, the copy elsewhere is what is restored. A drill counts only when its restores",
            "are validated: an enabled EventBridge rule on the default bus in the drill's region whose pattern lets its",
            "completed restore jobs through (`source` `aws.backup`, `detail-type` `Restore Job State Change`, `status`",
            "`COMPLETED`; a `restoreTestingPlanArn` or `resourceType` it names must be the drill's, read as exact values;",
            "a pattern unknown before deployment counts when it was built from the plan) targets a Lambda function in",
            "that region whose role's policies allow `backup:PutRestoreValidationResult` on `*` (a policy unknown before",
            "deployment may) and none denies it. Without it a restore that brings back nothing passes unseen.",
            "The program drills twice a week and validates every drill (`RestoreValidation`). A Redshift cluster is not",
            "judged: AWS Backup backs it up, but restore testing does not take it.",
        ),
        configKey: "dr:backup",
    },
    "dr-key-protection": {
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "critical",
        description:
            "The keys of the stack's backup vaults survive a destroy and cannot be scheduled for deletion casually: losing one loses every recovery point it encrypts.",
        remediation:
            "Protect each vault key and retain it on delete, and deny kms:ScheduleKeyDeletion and kms:DisableKey in its key policy to every principal but a break-glass one (dr:breakGlassPrincipal).",
        details: md(
            "Rejects a KMS key of a backup vault that nothing keeps: not `protect`ed (so `pulumi destroy` deletes it,",
            "and KMS the key after its waiting period; `retainOnDelete` does not reach a policy pack, so `protect`",
            "stands for it) and without a key policy statement denying `kms:ScheduleKeyDeletion` to every principal",
            "but those a negated `aws:PrincipalArn` condition names — losing it makes every recovery point in the vault,",
            "locked or not, undecryptable. An admin with `kms:PutKeyPolicy` can still remove the Deny: alert on",
            "`PutKeyPolicy` and `ScheduleKeyDeletion` in CloudTrail. A key policy computed at preview cannot be read, and the check says so. Fix: protect",
            "and retain the key, and deny deletion and disabling to all but `dr:breakGlassPrincipal`.",
        ),
        configKey: "dr:breakGlassPrincipal",
    },
    "dr-store-protection": {
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "critical",
        description:
            "Stores, and their replicas, keep the guards their service has: deletion protection, encryption at rest and in transit, a final snapshot on delete; an RDS instance keeps automated backups.",
        remediation:
            "Set deletion protection on every table, cluster and instance, encrypt databases with the region's customer-managed key when they are created, and keep automated backups on RDS instances; " +
            "where a service has no deletion protection (Redshift, ElastiCache, MemoryDB, FSx), keep its final snapshot on delete.",
        details: md(
            "Rejects a DynamoDB table, Aurora cluster or RDS instance — a replica or secondary included — without",
            "deletion protection, an Aurora cluster or RDS instance without storage encryption (a cross-region read",
            "replica is encrypted by its own `kmsKeyId`), and an RDS instance with no automated backups",
            "(`backupRetentionPeriod` 0). Encryption cannot be added to an existing database: the fix is a new one,",
            "restored from a snapshot. Other stores keep what their service offers, an input left unset read as AWS's",
            "default: DocumentDB and Neptune clusters deletion protection and storage encryption; Redshift encryption and",
            "its final snapshot (`skipFinalSnapshot`); ElastiCache groups encryption at rest and in transit and a final",
            "snapshot (`finalSnapshotIdentifier`; a global datastore's secondary takes its primary's encryption, a node of",
            "a group is judged through the group); MemoryDB TLS and a final snapshot; OpenSearch encryption at rest and",
            "node to node; FSx a final backup (`skipFinalBackup`); EFS, Kinesis and SQS encryption at rest. A value",
            "computed at preview cannot be read, and the check says so. Fix: the program's components set all three; on",
            "other resources the message names the property to set.",
        ),
    },
    "dr-preflight": {
        judgedBy: "pack",
        enforcementLevel: "mandatory",
        severity: "high",
        description:
            "Every name, description, tag and setting the stack sends AWS is one AWS's API accepts, so no create or update fails half-way through a deployment.",
        remediation:
            "Change the input the message names on that resource to what AWS accepts (the allowed characters, length, values or number of entries the message states, from the AWS page it cites).",
        details: md(
            "Rejects a resource input that AWS's API would refuse, so `pulumi up` would stop half-way: a character",
            "outside a name's or description's allowed set (an apostrophe in a security group's description), a",
            "name too long or too short, a reserved prefix or suffix (`sg-`, `alias/aws/`, `xn--`), a value outside an",
            "enumeration or range (a Route 53 health check's interval other than 10 or 30 s, a failure threshold",
            "outside 1–10), more than 50 tags, a tag key or value too long or starting with `aws:`. The rules are a",
            "table in `policies/catalog/preflight.ts`, one row per input of a resource type, each citing the AWS page",
            "it comes from; where sources disagree the stricter rule holds. It reads each resource's inputs, so it",
            "judges any program. An input the program leaves unset (AWS's default holds, or the provider generates a",
            "name) and one computed from other resources' outputs at preview are not judged. Fix: the input on that resource.",
        ),
    },
    "backup-3-2-1-vault-lock": {
        judgedBy: "pack",
        enforcementLevel: "advisory",
        severity: "medium",
        description:
            "Advisory: each stateful store has at least one copy in a vault whose lock can no longer be removed (compliance mode).",
        remediation:
            "Set dr:backup.vaultLock: compliance so the vaults get a compliance lock with changeableForDays ≥ 3; once the grace time passes, nobody — an attacker with the account included — can delete the recovery points early. Governance mode can be removed by privileged principals.",
        details: md(
            "Advises when no copy of a store is in a compliance-mode locked vault (`changeableForDays` ≥ 3): unlocked,",
            "or locked in governance mode, which privileged principals can remove.",
            "What compliance mode makes permanent: [Vault lock](../README.md#vault-lock-what-compliance-mode-makes-permanent).",
        ),
        configKey: "dr:backup.vaultLock",
    },
    "data-residency-region-loss": {
        judgedBy: "pack",
        enforcementLevel: "advisory",
        severity: "medium",
        description: "Advisory: says which personal data no copy of survives a loss of its home region, as residency can require.",
        remediation:
            "Copy the data to another region of its residency zone; where the zone has one region, record the accepted risk or widen the zone where counsel allows.",
        details: md(
            "Advises, per stack, which personal stores have no copy outside their home region, so a region-wide loss",
            "takes them (eu: its zone holds one region, so the off-site copy is in a backup account in eu-west-1).",
        ),
        configKey: "dr:residency",
    },
    "dr-restore-tested-account-copies": {
        judgedBy: "pack",
        enforcementLevel: "advisory",
        severity: "medium",
        description: "Advisory: a store whose off-site copy lives in another account needs that account to test restoring it.",
        remediation:
            "In the backup account, run an AWS Backup restore testing plan over the vault that receives the copies, at least quarterly.",
        details: md(
            "Advises when a store's off-site copies are all in another account: that account must test restoring",
            "them (see [Before `pulumi up`](../README.md#before-pulumi-up)).",
        ),
        configKey: "dr:backup.copyVaultArn",
    },
    "dr-key-protection-store-keys": {
        judgedBy: "pack",
        enforcementLevel: "advisory",
        severity: "medium",
        description: "Advisory: the keys of the stack's stores survive a destroy and cannot be scheduled for deletion casually.",
        remediation:
            "Protect each data key and retain it on delete, and deny its deletion in its key policy to every principal but a break-glass one.",
        details: "Advises when a store's own KMS key is neither protected nor guarded against deletion by its key policy.",
        configKey: "dr:breakGlassPrincipal",
    },
    "dr-alerting-unconfirmed": {
        judgedBy: "pack",
        enforcementLevel: "advisory",
        severity: "high",
        description: "Advisory: an alarm topic whose every subscription is still pending confirmation reaches nobody yet.",
        remediation:
            "Confirm the subscription from the mail SNS sent (or have the HTTPS endpoint confirm it), then run pulumi refresh so the stack's state records it.",
        details: md(
            "Advises when every subscription of an alarm topic is still pending confirmation in the stack's state",
            "(live state: `dr analyze`, `dr drift`): SNS delivers nothing to an endpoint that has not confirmed.",
        ),
        configKey: "dr:oncall",
    },
    "dr-cost-budget": {
        judgedBy: "pack",
        enforcementLevel: "advisory",
        severity: "medium",
        description: "Advisory: the stack's estimated monthly cost, as it runs (its night mode included), stays within its dr:budget.",
        remediation:
            "Run a cheaper tier or less capacity, add a night mode, or agree a higher dr:budget with the owner. To reject a stack over its budget, set this policy to mandatory in the policy pack config of that stack's preview.",
        details: md(
            "Prices the stack's resources with the pack's dated price table (`policies/catalog/cost/prices.ts`, its",
            "source and date in every report) and the usage the stack declares in `dr:usage`, exactly as `dr cost`",
            "does, and reports a month over `dr:budget.monthlyUsd`, naming the largest parts. A stack with a night mode",
            "is priced as scheduled: each service's day and night cost blended by the minutes a day each runs. Lines",
            "the table has no price for are left out of the total and counted in the message. Advisory by default;",
            '`--policy-pack-config` with `{"dr-cost-budget": "mandatory"}` makes it reject. See',
            "[What a tier costs](../README.md#what-a-tier-costs).",
        ),
        configKey: "dr:budget",
    },
    "dr-waivers": {
        judgedBy: "pack",
        enforcementLevel: "advisory",
        severity: "medium",
        description: "Advisory: the findings the stack's dr:waivers accept until their expiry, and the waivers that accept nothing.",
        remediation:
            "Fix a waived finding before its waiver expires, or renew the waiver with a new approval; remove a waiver that matches no finding.",
        details: md(
            "Reports, in a real `pulumi preview`, each finding of the DR pack that one of the stack's waivers accepts",
            "(with who accepted it, why and until when), and each waiver that matches no finding. See [Waivers](../README.md#waivers).",
        ),
        configKey: "dr:waivers",
    },
    "dr-geolocation-unique": {
        judgedBy: "dr plan",
        enforcementLevel: "mandatory",
        description: "No two stacks claim the same geolocation code on one host name.",
        remediation: "Claim each geolocation code in dr:routing.geo of one stack only.",
        details: md(
            "Not a pack policy: `dr plan` checks it when it judges several stacks (`--stack all`). Two stacks claiming",
            "the same `dr:routing.geo` code on one host name are both rejected (exit 1), naming both stacks and the",
            "code: Route 53 takes one geolocation record per location and name, so the second stack's `pulumi up`",
            "would fail.",
        ),
        configKey: "dr:routing.geo",
    },
} satisfies Record<string, PolicyFacts>;

/** A policy's name, as the manifest knows it. */
export type PolicyName = keyof typeof FACTS;

/** A policy the DR pack registers. */
export type PackPolicyName = { [N in PolicyName]: (typeof FACTS)[N]["judgedBy"] extends "pack" ? N : never }[PolicyName];

/** A policy and its facts. */
export interface PolicyEntry extends PolicyFacts {
    name: PolicyName;
}

/** Every policy, in the order the pack reports them: its checks, mandatory then advisory, its waivers report, then dr plan's own. */
export const POLICY_MANIFEST: readonly PolicyEntry[] = Object.entries(FACTS).map(([name, facts]) => ({
    name: name as PolicyName,
    ...facts,
}));

/** The names of the policies the DR pack registers, in its report order. */
export const PACK_POLICY_NAMES: readonly PackPolicyName[] = POLICY_MANIFEST.filter((p) => p.judgedBy === "pack").map(
    (p) => p.name as PackPolicyName,
);

export function policyFacts(name: PolicyName): PolicyFacts {
    return FACTS[name];
}

const BY_NAME = new Map<string, PolicyEntry>(POLICY_MANIFEST.map((p) => [p.name, p]));

/** The path of keys under a stack file's `config:` that a policy's findings point at; empty for a policy without one, or of another pack. */
export function configKeyPath(policy: string): string[] {
    return BY_NAME.get(policy)?.configKey?.split(".") ?? [];
}

/** Whether a policy's findings are judged per failure scope, each marked with its scope. */
export function isScoped(policy: string): boolean {
    return BY_NAME.get(policy)?.scoped === true;
}

/** The role of the key in a store's config entry that a policy's finding on that store points at, if any. */
export function entryKeyRole(policy: string): keyof ConfigEntryKeys | undefined {
    return BY_NAME.get(policy)?.entryKey;
}
