/**
 * The stack config: every key of the `dr` namespace, once. Its form (types, enums, patterns, defaults that need no
 * other key), its messages, and its docs; the program's types, its reader, Pulumi.yaml's `config:` block and the
 * README's reference table all derive from it (`npm run gen:config`). Rules across keys are in rules.ts.
 */
import { z } from "zod";
import { parseVaultArn } from "../arns";
import { DATABASE_ENGINES, VAULT_LOCK_MODES } from "../contract";
import { CONTINENTS, isGeoCode } from "../geography";
import { isAwsRegion } from "../regions";
import { CLASSIFICATIONS } from "../residency";
import { TIERS } from "../tiers";
import {
    DNS_NAME,
    REGION_FORM,
    awsRegion,
    calendarDate,
    clockTime,
    documented,
    duration,
    mapping,
    oneOf,
    orDefault,
    text,
    timeZone,
    usd,
} from "./form";
import { REBUILD_FORM, eachOnce, hostNameInZone, reachesSomeone, rebuildTimeWhenReproducible } from "./rules";

/** The cell's home region, `aws:region`: the AWS provider's key, read with the `dr` namespace. */
export const HOME_REGION = documented(awsRegion(`${REGION_FORM} (the cell's home region)`), {
    reference: { type: "AWS region", meaning: "the cell's home region" },
});

const CONTINENT_LIST = CONTINENTS.join(", ");

const classification = z.enum(CLASSIFICATIONS, { error: oneOf(CLASSIFICATIONS) });
/** How long rebuilding a reproducible store from its source takes; required when its classification is reproducible. */
const rebuild = duration().optional();

/** Regions of a store's replicas; absent: the DR region, if any (rules.ts). */
function replicaRegions(allowed: string) {
    return z.array(awsRegion(), { error: allowed }).check(eachOnce()).optional();
}

/** A list of distinct texts of one form, e.g. on-call addresses; absent: none. */
function distinctTexts(item: z.ZodType<string>, allowed: string) {
    return z
        .array(item, { error: `a list of ${allowed}` })
        .check(eachOnce())
        .default([]);
}

/**
 * A list of stores, each named once in the stack (the name is part of every AWS name the store's resources get);
 * absent: none. The default is the value as written (a prefault), which is what Pulumi.yaml declares.
 */
function stores<Entry extends z.ZodType<{ name: string }>>(entry: Entry) {
    return z
        .array(entry, { error: "a list" })
        .check(eachOnce((store) => store.name))
        .prefault([]);
}

// Leaves room in S3's 63 characters for the stack, region and random suffix.
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,200}$/;
/** DB identifiers: a letter, then letters, digits and single hyphens; room left for the stack, role and region. */
const DATABASE_NAME = /^[a-z](?!.*--)[a-z0-9-]{0,18}[a-z0-9]$/;
const INSTANCE_CLASS = /^db\.[a-z0-9]+\.[a-z0-9]+$/;
const IMAGE = /^[a-z0-9][a-z0-9._/:@-]{0,254}$/i;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const SNS_TOPIC_ARN = /^arn:aws(?:-cn|-us-gov)?:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const IAM_PRINCIPAL = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:(root|role\/[\w+=,.@/-]{1,512}|user\/[\w+=,.@/-]{1,512})$/;

function isHttpsUrl(value: string): boolean {
    try {
        return new URL(value).protocol === "https:";
    } catch {
        return false;
    }
}

function isSnsTopicArn(value: string): boolean {
    const region = SNS_TOPIC_ARN.exec(value)?.[1];
    return region !== undefined && isAwsRegion(region);
}

/** What every dr:backup has, wherever its off-site copy goes. */
const RETENTION_AND_LOCK = {
    /** Days a recovery point is kept, in the home vault and in the off-site copy. */
    retentionDays: orDefault(z.int({ error: "a whole number of days from 1 to 36500" }).min(1).max(36500), 35),
    /** Required: a compliance lock is permanent after its grace time, so no stack gets one by default. */
    vaultLock: z.enum(VAULT_LOCK_MODES, {
        error: `${oneOf(VAULT_LOCK_MODES)} (compliance is immutable after 72 hours; see README)`,
    }),
};

/**
 * The off-site copy has one destination, and copyTo says which (absent: region); a key of the other kind is a
 * mistake, not a second destination. To a region: a vault this stack creates there, copyRegion or by default the DR
 * region (rules.ts).
 */
const COPY_TO_REGION = mapping({
    ...RETENTION_AND_LOCK,
    copyTo: z
        .literal("region")
        .nullish()
        .transform((): "region" => "region"),
    copyRegion: awsRegion().nullish(),
    copyVaultArn: z.never({ error: "no copyVaultArn with copyTo: region (set copyTo: account to copy into another account)" }).optional(),
});

/** To an account: another account's vault, named by its ARN, which names its region too. */
const COPY_TO_ACCOUNT = mapping({
    ...RETENTION_AND_LOCK,
    copyTo: z.literal("account"),
    copyRegion: z.never({ error: "no copyRegion with copyTo: account (the vault ARN names its region)" }).optional(),
    copyVaultArn: z
        .string({
            error: (issue) =>
                issue.input === undefined
                    ? "the ARN of the backup account's vault when copyTo is account"
                    : "a Backup vault ARN, arn:aws:backup:<region>:<12-digit account>:backup-vault:<name>",
        })
        .refine((arn) => parseVaultArn(arn) !== undefined),
});

export const BACKUP = z.discriminatedUnion("copyTo", [COPY_TO_REGION, COPY_TO_ACCOUNT], {
    error: (issue) =>
        issue.code === "invalid_union"
            ? "region (a vault this stack creates in another region) or account (another account's vault)"
            : `a mapping with keys ${Object.keys(COPY_TO_REGION.shape).join(", ")}`,
});

export const ROUTING = mapping(
    {
        /** The shared Route 53 public zone the records go into (looked up, never created). */
        zoneName: text(DNS_NAME, "a DNS zone name in lower case, e.g. example.com"),
        /** The name users resolve: its form and its zone are checked together, by `hostNameInZone`. */
        hostName: z.unknown().optional(),
        /** Continent codes, country codes (ISO 3166-1 alpha-2) or `*` routed to this cell. */
        geo: orDefault(
            z
                .array(text(isGeoCode, `a continent code (${CONTINENT_LIST}), an ISO 3166 country code (e.g. JP, GB) or *`), {
                    error: `a list of continent codes (${CONTINENT_LIST}), country codes (e.g. JP) or *`,
                })
                .check(eachOnce()),
            [],
        ),
        /** Whether Route 53 health checks guard the records (automatic failover needs them). */
        healthCheck: z.boolean({ error: "true or false" }).default(true),
    },
    { missing: "a mapping with zoneName, hostName, geo and healthCheck" },
).transform(hostNameInZone);

export type RoutingConfig = z.output<typeof ROUTING>;

const ONCALL_FORM = "a mapping with at least one of email (a list of addresses), https (a list of endpoints), topicArn (an SNS topic ARN)";

/** Where every DR alarm and failure alert goes: at least one destination. */
export const ONCALL = mapping(
    {
        /** Addresses subscribed by email to every alarm topic; each must confirm its subscription. */
        email: distinctTexts(text(EMAIL, "an email address"), "an email address"),
        /** HTTPS endpoints (a paging service's SNS integration) subscribed to every alarm topic. */
        https: distinctTexts(text(isHttpsUrl, "an https:// URL"), "an https:// URL"),
        /** An existing SNS topic that alarms and alerts of its own region publish to directly. */
        topicArn: text(isSnsTopicArn, "an SNS topic ARN, arn:aws:sns:<region>:<12-digit account>:<name>").optional(),
    },
    { missing: ONCALL_FORM },
).refine(reachesSomeone, { error: ONCALL_FORM });

export type OnCallConfig = z.output<typeof ONCALL>;

export const TABLE = mapping({
    /** Table name, unique in the stack. */
    name: text(TABLE_NAME, "a DynamoDB table name: 3-200 letters, digits, _ . or -"),
    /** Data classification; personal data is bound by residency. */
    classification,
    replicaRegions: replicaRegions("a list of AWS regions (empty for no replicas)"),
    /** This table's RPO, when it differs from the stack's. */
    rpo: duration().optional(),
    rebuild,
}).refine(rebuildTimeWhenReproducible, { error: REBUILD_FORM, path: ["rebuild"] });

export const BUCKET = mapping({
    /** Logical bucket name, unique in the stack; AWS names get a random suffix. */
    name: text(BUCKET_NAME, "3-32 lower-case letters, digits or -, starting and ending with a letter or digit"),
    classification,
    /** Region of the replica bucket; absent: the DR region, if any (rules.ts). */
    replicationRegion: awsRegion().optional(),
    /** Whether replication uses S3 Replication Time Control (15-minute bound). */
    rtc: z.boolean({ error: "true or false" }).default(true),
    rpo: duration().optional(),
    rebuild,
}).refine(rebuildTimeWhenReproducible, { error: REBUILD_FORM, path: ["rebuild"] });

export const DATABASE = mapping({
    /** Logical name, unique in the stack; part of the cluster or instance identifier. */
    name: text(DATABASE_NAME, "2-20 lower-case letters, digits or single hyphens, starting with a letter"),
    /** Aurora (a global database, or a regional cluster) or RDS (an instance with read replicas). */
    engine: z.enum(DATABASE_ENGINES, { error: oneOf(DATABASE_ENGINES) }),
    classification,
    /** DB instance class; empty or absent: the engine's default (rules.ts). */
    instanceClass: text(INSTANCE_CLASS, "a DB instance class such as db.r6g.large").nullish(),
    rpo: duration().optional(),
    replicaRegions: replicaRegions("a list of AWS regions (empty for none)"),
    rebuild,
}).refine(rebuildTimeWhenReproducible, { error: REBUILD_FORM, path: ["rebuild"] });

/** A waiver's text field: present and not blank. */
function waiverText(allowed: string) {
    return text((value) => value.trim() !== "", allowed);
}

/** Waivers that expire: a named person accepts one policy's finding on one resource until a date (see waivers.ts). */
export const WAIVERS = z
    .array(
        mapping(
            {
                /** A policy name, of any pack. */
                policy: waiverText("the name of the policy whose finding is accepted, e.g. data-residency"),
                /** A resource name, or a URN pattern with `*` wildcards; `*` alone matches every resource and the stack. */
                resource: waiverText("a resource name, or a URN pattern with * wildcards"),
                reason: waiverText("why the finding is accepted, e.g. a ticket"),
                approvedBy: waiverText("who accepted it, e.g. an email address"),
                /** The last day it holds (UTC), YYYY-MM-DD. */
                expires: calendarDate("a date, YYYY-MM-DD (the waiver holds through that day, UTC)"),
            },
            { noun: "a waiver" },
        ),
        { error: "a list of waivers, each {policy, resource, reason, approvedBy, expires}" },
    )
    // Its position in dr:waivers names it in messages.
    .transform((waivers) => waivers.map((waiver, index) => ({ index, ...waiver })))
    .optional();

/** The tiers a DR region can drop to at night and come back from by itself: a standby that keeps its network. */
export const NIGHT_TIERS = ["pilot-light", "warm-standby"] as const;

/**
 * Night mode: a daily window in a time zone in which the DR region drops to a cheaper tier; rules.ts requires a DR
 * region, health checks and a night tier below dr:tier. Absent: the cell runs its tier around the clock.
 */
export const NIGHT_MODE = mapping(
    {
        /** When the night starts, local time in `timeZone`, HH:MM (24 hours). */
        from: clockTime(),
        /** When the day starts again; a window may cross midnight. */
        to: clockTime(),
        /** An IANA time zone, e.g. Asia/Tokyo: EventBridge Scheduler evaluates the schedules in it, daylight saving included. */
        timeZone: timeZone(),
        /** The tier the DR region drops to at night. */
        tier: z.enum(NIGHT_TIERS, { error: `${oneOf(NIGHT_TIERS)} (a standby the DR region comes back from by itself)` }),
        /** The night's RTO target, instead of dr:rto. The night keeps every copy, so its RPO is the day's. */
        rto: duration().optional(),
    },
    { missing: "a mapping with from, to, timeZone, tier and optional rto" },
).optional();

/** A whole number of a usage unit a month, e.g. gigabytes: usage assumptions are whole numbers, so estimates stay exact. */
function usageCount(allowed: string, fallback: number) {
    return orDefault(z.int({ error: `a whole number of ${allowed}, 0 or more` }).min(0), fallback);
}

/**
 * What a month of the cell's traffic and data amounts to, for `dr cost` and dr-cost-budget: what the resources do not
 * say. Every field has a default, documented here and in the README ("What a tier costs").
 */
export const USAGE = mapping({
    /** Average load balancer capacity units of the cell's traffic, shared by the load balancers that serve it. */
    loadBalancerCapacityUnits: usageCount("capacity units", 2),
    /** Gigabytes each running task sends through its region's NAT gateways a month (images, AWS APIs, third parties). */
    natGigabytesPerTask: usageCount("gigabytes", 20),
    /** Gigabytes stored in each DynamoDB table (each replica holds a copy). */
    tableGigabytes: usageCount("gigabytes", 10),
    /** Million writes of 1 KB a month to each DynamoDB table (each replica is billed a replicated write). */
    tableWriteMillions: usageCount("million writes", 20),
    /** Gigabytes stored in each S3 bucket (a replica bucket holds a copy). */
    bucketGigabytes: usageCount("gigabytes", 100),
    /** Gigabytes written to each S3 bucket a month: what replication carries. */
    bucketWrittenGigabytes: usageCount("gigabytes", 20),
    /** Gigabytes stored in each database cluster or instance (each secondary cluster or replica holds a copy). */
    databaseGigabytes: usageCount("gigabytes", 50),
    /** Million write I/Os a month to each database: Aurora bills them, and a global database replicates them. */
    databaseWriteIoMillions: usageCount("million I/Os", 50),
    /** Gigabytes a database's replication carries to each copy in another region a month. */
    databaseReplicatedGigabytes: usageCount("gigabytes", 10),
    /** Gigabytes of recovery points a vault keeps per gigabyte of live data: incremental backups over the retention. */
    backupGigabytesPerGigabyte: usageCount("gigabytes", 2),
    /** Gigabytes a cross-region copy job carries a month per gigabyte of live data. */
    backupCopiedGigabytesPerGigabyte: usageCount("gigabytes", 1),
    /** Gigabytes a CloudFront distribution serves a month. */
    cdnGigabytes: usageCount("gigabytes", 100),
    /** Gigabytes a Global Accelerator carries a month. */
    acceleratorGigabytes: usageCount("gigabytes", 100),
}).prefault({});

export type UsageConfig = z.output<typeof USAGE>;

/** A stack's monthly budget, in dollars: dr-cost-budget reports a stack whose estimate is over it. */
export const BUDGET = mapping(
    {
        /** Dollars a month, the stack as it runs (night mode included): a whole number or a decimal text such as "1250.50". */
        monthlyUsd: usd(),
    },
    { missing: "a mapping with monthlyUsd" },
).optional();

/** A residency zone's name: the data-residency policy's config defines which zones exist (DESIGN §16), so the program checks form only. */
const ZONE_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * The `dr` namespace, in the order the reader checks its keys. A key without a default and not optional is one the
 * Pulumi CLI requires (Pulumi.yaml declares it without a default); an optional key is left out of Pulumi.yaml.
 */
/** A failure scope's targets: both required, so a declared scope is judged whole. */
const SCOPE_TARGET = mapping({ rto: duration(), rpo: duration() });

/** The targets of the failure scopes other than the region's (DESIGN §14); absent scope: reported, not judged. */
export const TARGETS = mapping({
    az: SCOPE_TARGET.optional(),
    account: SCOPE_TARGET.optional(),
    corruption: SCOPE_TARGET.optional(),
}).optional();

export const DR_NAMESPACE = z.object({
    tier: documented(z.enum(TIERS, { error: oneOf(TIERS) }), {
        description: "the DR strategy: backup-restore, pilot-light, warm-standby or active-active",
        reference: { meaning: "DR strategy" },
    }),
    rto: documented(duration(), {
        description: "the RTO target for a loss of the home region, e.g. 15m, 1h, 1d",
        reference: {
            type: "duration",
            meaning:
                "the RTO target for a loss of the home region (the `region` failure scope); for a stack whose residency zone holds its home region alone, for a loss of its account",
        },
    }),
    rpo: documented(duration(), {
        description: "the RPO target for a loss of the home region, e.g. 5m, 15m, 4h",
        reference: {
            type: "duration",
            meaning: "the RPO target for a loss of the home region, judged as `dr:rto` is; a store's own `rpo` overrides it for that store",
        },
    }),
    targets: documented(TARGETS, {
        reference: {
            meaning:
                "`{az?, account?, corruption?}`, each `{rto, rpo}` — the targets of the other failure scopes: a lost availability zone, a lost or compromised account, a bad write or deletion (which replicas copy, so a table's corruption RPO is at least PITR's 5m). A scope without targets is reported, not judged",
        },
    }),
    residency: documented(
        text(
            ZONE_NAME,
            "a residency zone's name: lower-case letters, digits or -, such as eu, jp, us (the data-residency policy's zones config defines them)",
        ),
        {
            description: "the residency zone of the stack's personal data, e.g. eu, jp, us",
            reference: {
                meaning:
                    "residency zone of the stack's personal data: any zone the pack's `data-residency` config `zones` defines (defaults eu, jp, us); the pack rejects a zone it does not define",
            },
        },
    ),
    drRegion: documented(awsRegion(`${REGION_FORM}, or no dr:drRegion for a single-region cell`).optional(), {
        reference: { type: "AWS region", meaning: "second region of the cell; absent = single-region" },
    }),
    capacity: documented(z.int({ error: "a whole number of tasks, at least 1" }).min(1), {
        description: "the tasks at full capacity in the home region, at least 1",
        reference: { type: "integer ≥ 1", meaning: "tasks at full capacity in the home region" },
    }),
    image: documented(text(IMAGE, "a container image reference such as registry/repository:tag").optional(), {
        reference: {
            type: "image reference",
            meaning:
                "the service's container image; it must answer `GET /health` on port 8080 with a read-only root file system (`/tmp` is writable). Absent: a busybox placeholder that does, so a fresh deployment is healthy",
        },
    }),
    backup: documented(BACKUP, {
        description:
            "a mapping: retentionDays, vaultLock (compliance, governance or none), copyTo (region or account), copyRegion, copyVaultArn",
        reference: {
            meaning:
                "`retentionDays` (1–36500, default 35; at least 7 with a lock), `vaultLock` (`compliance` \\| `governance` \\| `none`, required — see [Vault lock](#vault-lock-what-compliance-mode-makes-permanent)), `copyTo` (`region` \\| `account`, default region), `copyRegion` (default `dr:drRegion`), `copyVaultArn` (required for `account`)",
        },
    }),
    routing: documented(ROUTING, {
        description: "a mapping: zoneName, hostName, geo, healthCheck",
        reference: {
            meaning:
                "`zoneName` (an existing public Route 53 zone, looked up), `hostName` (inside it; every cell serves it over TLS), `geo` (continent codes, country codes or `*`; each claimed by one stack), `healthCheck` (default true)",
        },
    }),
    tables: documented(stores(TABLE), {
        description: "the DynamoDB tables: {name, classification, replicaRegions?, rpo?, rebuild?}",
        reference: {
            meaning: "`{name, classification, replicaRegions?, rpo?, rebuild?}` — DynamoDB tables; replicas default to the DR region",
        },
    }),
    buckets: documented(stores(BUCKET), {
        description: "the S3 buckets: {name, classification, replicationRegion?, rtc?, rpo?, rebuild?}",
        reference: {
            meaning:
                "`{name, classification, replicationRegion?, rtc?, rpo?, rebuild?}` — S3 buckets; replication defaults to the DR region (the home region is valid S3, but such a replica is not off-site), `rtc` to true; where a service of the cell runs in the replica's region, replication runs both ways",
        },
    }),
    databases: documented(stores(DATABASE), {
        description:
            "the relational databases: {name, engine (aurora-postgresql, aurora-mysql, postgres, mysql), classification, instanceClass?, rpo?, replicaRegions?, rebuild?}",
        reference: {
            meaning:
                "`{name, engine, classification, instanceClass?, rpo?, replicaRegions?, rebuild?}` — relational databases. `engine` `aurora-postgresql` \\| `aurora-mysql` (an Aurora global database with a secondary cluster in each replica region; with none, a regional cluster) or `postgres` \\| `mysql` (an RDS multi-AZ instance, a cross-region read replica for active-active, warm standby and pilot light, and its automated backups replicated to each replica region). `replicaRegions` defaults to the DR region and may name only it (the cell's private subnets are there); `[]` for none. `instanceClass` defaults to `db.r6g.large` (Aurora; a global database needs a memory-optimized class) or `db.m6g.large`",
        },
    }),
    oncall: documented(ONCALL, {
        description:
            "a mapping of where every alarm goes: email (a list of addresses), https (a list of endpoints), topicArn (an existing SNS topic)",
        reference: {
            meaning:
                "at least one of `email` (addresses), `https` (endpoints), `topicArn` (an existing SNS topic; alone, only when every alarm of the stack is in its region: an alarm notifies topics of its own region only)",
        },
    }),
    breakGlassPrincipal: documented(
        text(IAM_PRINCIPAL, "an IAM principal ARN, arn:aws:iam::<12-digit account>:role/<name> (or user/<name>, or root)").optional(),
        {
            reference: {
                type: "IAM role or user ARN",
                meaning:
                    "the one principal allowed to disable or schedule the deletion of the stack's KMS keys (default: the account root user)",
            },
        },
    ),
    nightMode: documented(NIGHT_MODE, {
        reference: {
            meaning:
                "`{from, to, timeZone, tier, rto?}` — night mode: from `from` to `to` (HH:MM in the IANA `timeZone`) the DR region drops to `tier` (`pilot-light` \\| `warm-standby`, below `dr:tier`), switched by EventBridge Scheduler; `rto` judges the night instead of `dr:rto` (every copy runs at night, so its RPO is the day's). Needs `dr:drRegion` and health checks; see [Night mode](#night-mode)",
        },
    }),
    usage: documented(USAGE, {
        description: "usage assumptions for cost estimates: a mapping of monthly figures (see README, What a tier costs)",
        reference: {
            meaning:
                "monthly usage the cost estimate assumes where the resources say nothing: traffic, data sizes, writes, replication and backup volumes, each a whole number with a default; see [What a tier costs](#what-a-tier-costs)",
        },
    }),
    budget: documented(BUDGET, {
        reference: {
            type: "mapping",
            meaning:
                '`{monthlyUsd}` — the stack\'s monthly budget in dollars (a whole number, or a decimal text such as `"1250.50"`), judged by `dr-cost-budget` against the estimate of the stack as it runs',
        },
    }),
    waivers: documented(WAIVERS, {
        reference: {
            meaning:
                "`{policy, resource, reason, approvedBy, expires}` — findings a named person accepts until a date; see [Waivers](#waivers)",
        },
    }),
});

/** `dr:targets` as written, checked for form. */
export type TargetsConfig = z.output<typeof TARGETS>;

/** The stack config as written, checked for form; rules.ts settles what depends on other keys. */
export type DrNamespace = z.output<typeof DR_NAMESPACE>;
export type Waiver = NonNullable<DrNamespace["waivers"]>[number];
