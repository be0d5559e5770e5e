import * as pulumi from "@pulumi/pulumi";
import {
    CLASSIFICATIONS,
    Classification,
    DEFAULT_RESIDENCY_ZONES,
    DURATION_FORM,
    TIERS,
    Tier,
    VAULT_LOCK_MODES,
    VaultLockMode,
    isAwsRegion,
    isClassification,
    isTier,
    parseDuration,
    parseVaultArn,
    clip,
    quote,
    readWaivers,
    DATABASE_ENGINES,
    DatabaseEngine,
    isAurora,
    isGeoCode,
} from "../policies/catalog";

/** A duration from config, kept both as written and in seconds. */
export interface Duration {
    /** As written in config, e.g. `15m`; also the value of the DR tags. */
    text: string;
    /** The same duration in seconds. */
    seconds: number;
}

/** The shortest retention a locked vault accepts: the lock's minimum, below every sensible retention, so retention changes never touch the lock. */
export const LOCK_MIN_RETENTION_DAYS = 7;

export interface BackupConfig {
    /** Days a recovery point is kept, in the home vault and in the off-site copy. */
    retentionDays: number;
    /** How the vaults are locked. */
    vaultLock: VaultLockMode;
    /** Where the off-site copy goes: a vault in another region, or one in another account. */
    copyTo: "region" | "account";
    /** Region of the off-site vault when `copyTo` is `region` (defaults to the DR region). */
    copyRegion?: string;
    /** ARN of the other account's vault when `copyTo` is `account`. */
    copyVaultArn?: string;
}

export interface RoutingConfig {
    /** The shared Route 53 public zone the records go into (looked up, never created). */
    zoneName: string;
    /** The name users resolve, inside `zoneName`. */
    hostName: string;
    /** Continent codes, country codes (ISO 3166-1 alpha-2) or `*` routed to this cell. */
    geo: string[];
    /** Whether Route 53 health checks guard the records (automatic failover needs them). */
    healthCheck: boolean;
}

export interface TableConfig {
    /** Table name, unique in the stack. */
    name: string;
    /** Data classification; personal data is bound by residency. */
    classification: Classification;
    /** Regions of the global table's replicas (defaults to the DR region, if any). */
    replicaRegions: string[];
    /** This table's RPO, when it differs from the stack's. */
    rpo: Duration;
}

export interface DatabaseConfig {
    /** Logical name, unique in the stack; part of the cluster or instance identifier. */
    name: string;
    /** Aurora (a global database, or a regional cluster) or RDS (an instance with read replicas). */
    engine: DatabaseEngine;
    classification: Classification;
    /** DB instance class; Aurora global databases need a memory-optimized one. */
    instanceClass: string;
    /** Regions of the secondary clusters or read replicas (defaults to the DR region, if any). */
    replicaRegions: string[];
    /** This database's RPO, when it differs from the stack's. */
    rpo: Duration;
}

export interface BucketConfig {
    /** Logical bucket name, unique in the stack; AWS names get a random suffix. */
    name: string;
    /** Data classification; personal data is bound by residency. */
    classification: Classification;
    /** Region of the replica bucket (defaults to the DR region, if any). */
    replicationRegion?: string;
    /** Whether replication uses S3 Replication Time Control (15-minute bound). */
    rtc: boolean;
    /** This bucket's RPO, when it differs from the stack's. */
    rpo: Duration;
}

/** Where every DR alarm and failure alert goes: at least one destination. */
export interface OnCallConfig {
    /** Addresses subscribed by email to every alarm topic; each must confirm its subscription. */
    email: string[];
    /** HTTPS endpoints (a paging service's SNS integration) subscribed to every alarm topic. */
    https: string[];
    /** An existing SNS topic that alarms and alerts of its own region publish to directly. */
    topicArn?: string;
}

/** A stack's DR configuration, checked for form (never for policy). */
export interface DrConfig {
    /** Stack name, also the `dr:cell` tag. */
    cell: string;
    /** Home region, from `aws:region`. */
    homeRegion: string;
    tier: Tier;
    rto: Duration;
    rpo: Duration;
    residency: string;
    /** Second region of the cell; absent for a single-region cell. */
    drRegion?: string;
    /** Tasks at full capacity in the home region. */
    capacity: number;
    /** Container image of the service, listening on port 8080 and answering GET /health; absent: a placeholder that does. */
    image?: string;
    backup: BackupConfig;
    routing: RoutingConfig;
    tables: TableConfig[];
    buckets: BucketConfig[];
    databases: DatabaseConfig[];
    oncall: OnCallConfig;
    /** The one principal allowed to disable or schedule the deletion of the stack's keys; absent: the account root user. */
    breakGlassPrincipal?: string;
}

/** A stack config value of the wrong form. Its message names the key, the value and what is allowed. */
export class ConfigError extends pulumi.RunError {
    constructor(
        readonly file: string,
        readonly key: string,
        readonly value: unknown,
        readonly allowed: string,
    ) {
        super(`${file}: ${clip(key)} is ${quote(value)}; expected ${allowed}.`);
        this.name = "ConfigError";
    }
}

const KEYS = [
    "tier",
    "rto",
    "rpo",
    "residency",
    "drRegion",
    "capacity",
    "image",
    "backup",
    "routing",
    "tables",
    "buckets",
    "databases",
    "oncall",
    "breakGlassPrincipal",
    "waivers",
];
const ONCALL_KEYS = ["email", "https", "topicArn"];
const BACKUP_KEYS = ["retentionDays", "vaultLock", "copyTo", "copyRegion", "copyVaultArn"];
const ROUTING_KEYS = ["zoneName", "hostName", "geo", "healthCheck"];
const TABLE_KEYS = ["name", "classification", "replicaRegions", "rpo"];
const BUCKET_KEYS = ["name", "classification", "replicationRegion", "rtc", "rpo"];
const DATABASE_KEYS = ["name", "engine", "classification", "instanceClass", "rpo", "replicaRegions"];
/** DB identifiers: a letter, then letters, digits and single hyphens; room left for the stack, role and region. */
const DATABASE_NAME = /^[a-z](?!.*--)[a-z0-9-]{0,18}[a-z0-9]$/;
const INSTANCE_CLASS = /^db\.[a-z0-9]+\.[a-z0-9]+$/;

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,200}$/;
// Leaves room in S3's 63 characters for the stack, region and random suffix.
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/;
const DNS_NAME = /^(?=.{1,253}\.?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/;
const REGION_FORM = "an AWS region such as eu-west-1";
const IMAGE = /^[a-z0-9][a-z0-9._\/:@-]{0,254}$/i;

/**
 * Reads and checks the stack's `dr:*` config (and `aws:region`) into one typed object.
 * Form only: types, enums, durations, regions. Policy (residency, RPO, 3-2-1) is the pack's job.
 */
export function loadConfig(all: Record<string, string> = pulumi.runtime.allConfig(), stack = pulumi.getStack()): DrConfig {
    const file = `Pulumi.${stack}.yaml`;
    const fail: Fail = (key, value, allowed) => {
        throw new ConfigError(file, key, value, allowed);
    };

    for (const key of Object.keys(all).sort()) {
        if (key.startsWith("dr:") && !KEYS.includes(key.slice(3))) {
            fail(key, all[key], `no such key; the dr namespace has ${KEYS.map((k) => `dr:${k}`).join(", ")}`);
        }
    }

    const raw = (key: string): string | undefined => all[`dr:${key}`];
    const required = (key: string, allowed: string): string => raw(key) ?? fail(`dr:${key}`, undefined, allowed);

    const homeRegion = all["aws:region"];
    if (!isAwsRegion(homeRegion)) {
        return fail("aws:region", homeRegion, `${REGION_FORM} (the cell's home region)`);
    }

    const tier = required("tier", `one of ${TIERS.join(", ")}`);
    if (!isTier(tier)) {
        fail("dr:tier", tier, `one of ${TIERS.join(", ")}`);
    }
    const rto = duration("dr:rto", required("rto", DURATION_FORM), fail);
    const rpo = duration("dr:rpo", required("rpo", DURATION_FORM), fail);

    const zones = Object.keys(DEFAULT_RESIDENCY_ZONES);
    const residency = required("residency", `one of the residency zones ${zones.join(", ")}`);
    if (!zones.includes(residency)) {
        fail("dr:residency", residency, `one of the residency zones ${zones.join(", ")}`);
    }

    const drRegion = raw("drRegion");
    if (drRegion !== undefined) {
        if (!isAwsRegion(drRegion)) {
            fail("dr:drRegion", drRegion, `${REGION_FORM}, or no dr:drRegion for a single-region cell`);
        }
        if (drRegion === homeRegion) {
            fail("dr:drRegion", drRegion, `a region other than the home region ${homeRegion}`);
        }
    }

    const capacityText = required("capacity", "a whole number of tasks, at least 1");
    const capacity = Number(capacityText);
    if (!/^[0-9]+$/.test(capacityText) || !Number.isSafeInteger(capacity) || capacity < 1) {
        fail("dr:capacity", capacityText, "a whole number of tasks, at least 1");
    }

    const context: Context = { fail, rpo, drRegion, homeRegion };
    const backup = readBackup(parseJson("dr:backup", raw("backup") ?? "{}", fail), context);
    const image = raw("image");
    if (image !== undefined && !IMAGE.test(image)) {
        fail("dr:image", image, "a container image reference such as registry/repository:tag");
    }
    const routing = readRouting(
        parseJson("dr:routing", required("routing", "a mapping with zoneName, hostName, geo and healthCheck"), fail),
        fail,
    );
    const tables = readList("dr:tables", raw("tables"), fail).map((entry, i) => readTable(entry, `dr:tables[${i}]`, context));
    const oncall = readOnCall(parseJson("dr:oncall", required("oncall", ONCALL_FORM), fail), fail);
    const breakGlassPrincipal = raw("breakGlassPrincipal");
    if (breakGlassPrincipal !== undefined && !IAM_PRINCIPAL.test(breakGlassPrincipal)) {
        fail(
            "dr:breakGlassPrincipal",
            breakGlassPrincipal,
            "an IAM principal ARN, arn:aws:iam::<12-digit account>:role/<name> (or user/<name>, or root)",
        );
    }
    const buckets = readList("dr:buckets", raw("buckets"), fail).map((entry, i) => readBucket(entry, `dr:buckets[${i}]`, context));
    const databases = readList("dr:databases", raw("databases"), fail).map((entry, i) =>
        readDatabase(entry, `dr:databases[${i}]`, context),
    );
    unique(
        "dr:tables",
        tables.map((t) => t.name),
        fail,
    );
    unique(
        "dr:buckets",
        buckets.map((b) => b.name),
        fail,
    );
    unique(
        "dr:databases",
        databases.map((d) => d.name),
        fail,
    );
    // The pack applies waivers; a malformed one stops the program here, before a preview reaches the pack.
    const waivers = raw("waivers");
    readWaivers(waivers === undefined ? undefined : parseJson("dr:waivers", waivers, fail), fail);

    return {
        cell: stack,
        homeRegion,
        tier,
        rto,
        rpo,
        residency,
        drRegion,
        capacity,
        image,
        backup,
        routing,
        tables,
        buckets,
        databases,
        oncall,
        breakGlassPrincipal,
    };
}

type Fail = (key: string, value: unknown, allowed: string) => never;

interface Context {
    fail: Fail;
    /** The stack's RPO, the default of each store's. */
    rpo: Duration;
    drRegion?: string;
    homeRegion: string;
}

function duration(key: string, text: unknown, fail: Fail): Duration {
    const seconds = parseDuration(text);
    if (seconds === undefined) {
        fail(key, text, DURATION_FORM);
    }
    return { text: String(text).trim(), seconds: seconds as number };
}

function parseJson(key: string, text: string, fail: Fail): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return fail(key, text, "a YAML mapping or list (see the config reference in README.md)");
    }
}

function readList(key: string, text: string | undefined, fail: Fail): unknown[] {
    if (text === undefined) {
        return [];
    }
    const value = parseJson(key, text, fail);
    if (!Array.isArray(value)) {
        fail(key, value, "a list");
    }
    return value as unknown[];
}

function object(key: string, value: unknown, known: string[], fail: Fail): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        fail(key, value, `a mapping with keys ${known.join(", ")}`);
    }
    const record = value as Record<string, unknown>;
    for (const field of Object.keys(record)) {
        if (!known.includes(field)) {
            fail(`${key}.${field}`, record[field], `no such key; ${key} has ${known.join(", ")}`);
        }
    }
    return record;
}

function optionalBoolean(key: string, value: unknown, fallback: boolean, fail: Fail): boolean {
    if (value === undefined) {
        return fallback;
    }
    if (typeof value !== "boolean") {
        fail(key, value, "true or false");
    }
    return value as boolean;
}

function region(key: string, value: unknown, fail: Fail): string {
    if (!isAwsRegion(value)) {
        fail(key, value, REGION_FORM);
    }
    return value as string;
}

/** A global-table replica lives in another region than its table: DynamoDB rejects one in the same region. */
function awayFromHome(key: string, value: string, { fail, homeRegion }: Context): string {
    if (value === homeRegion) {
        fail(key, value, `a region other than the home region ${homeRegion}`);
    }
    return value;
}

function readBackup(value: unknown, { fail, drRegion }: Context): BackupConfig {
    const b = object("dr:backup", value, BACKUP_KEYS, fail);
    const retentionDays = b.retentionDays ?? 35;
    if (typeof retentionDays !== "number" || !Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 36500) {
        fail("dr:backup.retentionDays", retentionDays, "a whole number of days from 1 to 36500");
    }
    // Required: a compliance lock is permanent after its grace time, so no stack gets one by default.
    const vaultLock = b.vaultLock;
    if (!VAULT_LOCK_MODES.includes(vaultLock as VaultLockMode)) {
        fail(
            "dr:backup.vaultLock",
            vaultLock,
            `one of ${VAULT_LOCK_MODES.join(", ")} (compliance is immutable after 72 hours; see README)`,
        );
    }
    if (vaultLock !== "none" && (retentionDays as number) < LOCK_MIN_RETENTION_DAYS) {
        fail(
            "dr:backup.retentionDays",
            retentionDays,
            `at least ${LOCK_MIN_RETENTION_DAYS} days with a vault lock (its minimum retention), or vaultLock: none`,
        );
    }
    const copyTo = b.copyTo ?? "region";
    if (copyTo !== "region" && copyTo !== "account") {
        fail("dr:backup.copyTo", copyTo, "region (a vault this stack creates in another region) or account (another account's vault)");
    }
    const backup: BackupConfig = {
        retentionDays: retentionDays as number,
        vaultLock: vaultLock as VaultLockMode,
        copyTo: copyTo as "region" | "account",
    };
    if (copyTo === "region") {
        if (b.copyVaultArn !== undefined) {
            fail(
                "dr:backup.copyVaultArn",
                b.copyVaultArn,
                "no copyVaultArn with copyTo: region (set copyTo: account to copy into another account)",
            );
        }
        const copyRegion = b.copyRegion ?? drRegion;
        if (copyRegion === undefined) {
            fail(
                "dr:backup.copyRegion",
                undefined,
                "a region for the off-site vault: set copyRegion or dr:drRegion, or use copyTo: account",
            );
        }
        backup.copyRegion = region("dr:backup.copyRegion", copyRegion, fail);
    } else {
        if (b.copyRegion !== undefined) {
            fail("dr:backup.copyRegion", b.copyRegion, "no copyRegion with copyTo: account (the vault ARN names its region)");
        }
        const arn = b.copyVaultArn;
        if (arn === undefined) {
            fail("dr:backup.copyVaultArn", undefined, "the ARN of the backup account's vault when copyTo is account");
        }
        if (!parseVaultArn(arn)) {
            fail("dr:backup.copyVaultArn", arn, "a Backup vault ARN, arn:aws:backup:<region>:<12-digit account>:backup-vault:<name>");
        }
        backup.copyVaultArn = arn as string;
    }
    return backup;
}

function readRouting(value: unknown, fail: Fail): RoutingConfig {
    const r = object("dr:routing", value, ROUTING_KEYS, fail);
    const zoneName = r.zoneName;
    if (typeof zoneName !== "string" || !DNS_NAME.test(zoneName)) {
        fail("dr:routing.zoneName", zoneName, "a DNS zone name in lower case, e.g. example.com");
    }
    const hostName = r.hostName;
    if (typeof hostName !== "string" || !DNS_NAME.test(hostName) || !(hostName === zoneName || hostName.endsWith(`.${zoneName}`))) {
        fail("dr:routing.hostName", hostName, `a DNS name inside ${String(zoneName)}, e.g. app.${String(zoneName)}`);
    }
    const geo = r.geo ?? [];
    if (!Array.isArray(geo)) {
        fail("dr:routing.geo", geo, "a list of continent codes (AF, AN, AS, EU, NA, OC, SA), country codes (e.g. JP) or *");
    }
    (geo as unknown[]).forEach((code, i) => {
        if (typeof code !== "string" || !isGeoCode(code)) {
            fail(
                `dr:routing.geo[${i}]`,
                code,
                "a continent code (AF, AN, AS, EU, NA, OC, SA), an ISO 3166 country code (e.g. JP, GB) or *",
            );
        }
    });
    unique("dr:routing.geo", geo as string[], fail);
    const healthCheck = optionalBoolean("dr:routing.healthCheck", r.healthCheck, true, fail);
    return { zoneName: zoneName as string, hostName: hostName as string, geo: geo as string[], healthCheck };
}

const ONCALL_FORM = "a mapping with at least one of email (a list of addresses), https (a list of endpoints), topicArn (an SNS topic ARN)";
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const SNS_TOPIC_ARN = /^arn:aws(?:-cn|-us-gov)?:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const IAM_PRINCIPAL = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:(root|role\/[\w+=,.@\/-]{1,512}|user\/[\w+=,.@\/-]{1,512})$/;

function stringList(key: string, value: unknown, valid: (item: string) => boolean, allowed: string, fail: Fail): string[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value)) {
        fail(key, value, `a list of ${allowed}`);
    }
    (value as unknown[]).forEach((item, i) => {
        if (typeof item !== "string" || !valid(item)) {
            fail(`${key}[${i}]`, item, allowed);
        }
    });
    unique(key, value as string[], fail);
    return value as string[];
}

function isHttpsUrl(text: string): boolean {
    try {
        return new URL(text).protocol === "https:";
    } catch {
        return false;
    }
}

function readOnCall(value: unknown, fail: Fail): OnCallConfig {
    const o = object("dr:oncall", value, ONCALL_KEYS, fail);
    const email = stringList("dr:oncall.email", o.email, (e) => EMAIL.test(e), "an email address", fail);
    const https = stringList("dr:oncall.https", o.https, isHttpsUrl, "an https:// URL", fail);
    const topicArn = o.topicArn;
    if (
        topicArn !== undefined &&
        (typeof topicArn !== "string" || !SNS_TOPIC_ARN.test(topicArn) || !isAwsRegion(SNS_TOPIC_ARN.exec(topicArn)![1]))
    ) {
        fail("dr:oncall.topicArn", topicArn, "an SNS topic ARN, arn:aws:sns:<region>:<12-digit account>:<name>");
    }
    if (email.length + https.length === 0 && topicArn === undefined) {
        fail("dr:oncall", value, ONCALL_FORM);
    }
    return { email, https, topicArn: topicArn as string | undefined };
}

/**
 * Checks that dr:oncall reaches every region the stack raises alarms in. The email and HTTPS destinations are
 * subscribed to a topic in each; an existing topic serves its own region only, since CloudWatch alarm actions
 * take a topic of the alarm's own region only (PutMetricAlarm answers "ValidationError: Invalid region
 * ca-central-1 specified. Only us-west-2 is supported", https://github.com/cds-snc/notification-terraform/pull/128),
 * and SNS delivers across regions only to SQS and Lambda, never topic to topic
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-cross-region-delivery.html).
 */
export function checkOnCallReaches(config: DrConfig, alarmRegions: string[]): void {
    const { email, https, topicArn } = config.oncall;
    const topicRegion = topicArn?.split(":")[3];
    const unreached = email.length + https.length > 0 ? [] : alarmRegions.filter((region) => region !== topicRegion);
    if (unreached.length > 0) {
        throw new ConfigError(
            `Pulumi.${config.cell}.yaml`,
            "dr:oncall",
            { topicArn },
            `email addresses or HTTPS endpoints as well: the stack raises alarms in ${unreached.join(", ")}, and an alarm publishes only to a topic of its own region (topicArn serves ${topicRegion})`,
        );
    }
}

function storeName(key: string, value: unknown, pattern: RegExp, allowed: string, fail: Fail): string {
    if (typeof value !== "string" || !pattern.test(value)) {
        fail(`${key}.name`, value, allowed);
    }
    return value as string;
}

function classification(key: string, value: unknown, fail: Fail): Classification {
    if (!isClassification(value)) {
        fail(`${key}.classification`, value, `one of ${CLASSIFICATIONS.join(", ")}`);
    }
    return value as Classification;
}

function storeRpo(key: string, value: unknown, { fail, rpo }: Context): Duration {
    return value === undefined ? rpo : duration(`${key}.rpo`, value, fail);
}

function readTable(value: unknown, key: string, context: Context): TableConfig {
    const { fail, drRegion } = context;
    const t = object(key, value, TABLE_KEYS, fail);
    const name = storeName(key, t.name, TABLE_NAME, "a DynamoDB table name: 3-200 letters, digits, _ . or -", fail);
    let replicaRegions: string[] = drRegion ? [drRegion] : [];
    if (t.replicaRegions !== undefined) {
        if (!Array.isArray(t.replicaRegions)) {
            fail(`${key}.replicaRegions`, t.replicaRegions, "a list of AWS regions (empty for no replicas)");
        }
        replicaRegions = (t.replicaRegions as unknown[]).map((r, i) =>
            awayFromHome(`${key}.replicaRegions[${i}]`, region(`${key}.replicaRegions[${i}]`, r, fail), context),
        );
        unique(`${key}.replicaRegions`, replicaRegions, fail);
    }
    return { name, classification: classification(key, t.classification, fail), replicaRegions, rpo: storeRpo(key, t.rpo, context) };
}

function readDatabase(value: unknown, key: string, context: Context): DatabaseConfig {
    const { fail, drRegion } = context;
    const d = object(key, value, DATABASE_KEYS, fail);
    const name = storeName(key, d.name, DATABASE_NAME, "2-20 lower-case letters, digits or single hyphens, starting with a letter", fail);
    if (typeof d.engine !== "string" || !(DATABASE_ENGINES as readonly string[]).includes(d.engine)) {
        fail(`${key}.engine`, d.engine, `one of ${DATABASE_ENGINES.join(", ")}`);
    }
    const engine = d.engine as DatabaseEngine;
    let replicaRegions: string[] = drRegion ? [drRegion] : [];
    if (d.replicaRegions !== undefined) {
        if (!Array.isArray(d.replicaRegions)) {
            fail(`${key}.replicaRegions`, d.replicaRegions, "a list of AWS regions (empty for none)");
        }
        replicaRegions = (d.replicaRegions as unknown[]).map((r, i) => {
            const replica = awayFromHome(`${key}.replicaRegions[${i}]`, region(`${key}.replicaRegions[${i}]`, r, fail), context);
            // A secondary cluster or read replica sits in the cell's private subnets: only the DR region has them.
            if (replica !== drRegion) {
                fail(
                    `${key}.replicaRegions[${i}]`,
                    replica,
                    drRegion
                        ? `the DR region ${drRegion}, where the cell has a network for it, or no replica region`
                        : "no replica region: the cell has no DR region (dr:drRegion)",
                );
            }
            return replica;
        });
        unique(`${key}.replicaRegions`, replicaRegions, fail);
    }
    const instanceClass = d.instanceClass ?? (isAurora(engine) ? "db.r6g.large" : "db.m6g.large");
    if (typeof instanceClass !== "string" || !INSTANCE_CLASS.test(instanceClass)) {
        fail(`${key}.instanceClass`, instanceClass, "a DB instance class such as db.r6g.large");
    }
    // AWS refuses a burstable class in a global database: "The requested instance class is not supported by global databases".
    // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.configuration.requirements.html
    if (isAurora(engine) && replicaRegions.length > 0 && !/^db\.(r|x)\d/.test(instanceClass as string)) {
        fail(`${key}.instanceClass`, instanceClass, "a memory-optimized class (db.r5 or higher, or db.x2g) for an Aurora global database");
    }
    return {
        name,
        engine,
        classification: classification(key, d.classification, fail),
        instanceClass: instanceClass as string,
        replicaRegions,
        rpo: storeRpo(key, d.rpo, context),
    };
}

function readBucket(value: unknown, key: string, context: Context): BucketConfig {
    const { fail, drRegion } = context;
    const b = object(key, value, BUCKET_KEYS, fail);
    const name = storeName(
        key,
        b.name,
        BUCKET_NAME,
        "3-32 lower-case letters, digits or -, starting and ending with a letter or digit",
        fail,
    );
    // Same-region replication is valid S3; whether such a copy counts as off-site is the pack's to judge.
    const replicationRegion = b.replicationRegion === undefined ? drRegion : region(`${key}.replicationRegion`, b.replicationRegion, fail);
    return {
        name,
        classification: classification(key, b.classification, fail),
        replicationRegion,
        rtc: optionalBoolean(`${key}.rtc`, b.rtc, true, fail),
        rpo: storeRpo(key, b.rpo, context),
    };
}

function unique(key: string, names: string[], fail: Fail): void {
    const seen = new Set<string>();
    for (const name of names) {
        if (seen.has(name)) {
            fail(key, name, "each entry once (this one appears twice)");
        }
        seen.add(name);
    }
}
