/**
 * Rules across the keys of the stack config, and the defaults that depend on another key: each a named function
 * with its reason. Still form, never policy: whether a copy is far enough or lawful is the pack's to judge.
 */
import { z } from "zod";
import { DatabaseEngine, isAurora } from "../contract";
import { TIERS, Tier } from "../tiers";
import { ConfigFail, DNS_NAME, Duration } from "./form";
import type { BACKUP, BUCKET, DATABASE, DrNamespace, NIGHT_MODE, TABLE } from "./schema";

/** The shortest retention a locked vault accepts: the lock's minimum, below every sensible retention, so retention changes never touch the lock. */
export const LOCK_MIN_RETENTION_DAYS = 7;

/** `dr:nightMode` as written, checked for form and against the keys it depends on. */
export type NightModeConfig = NonNullable<z.output<typeof NIGHT_MODE>>;

/** `T` with the fields `K` settled: present, and not null. */
type Settled<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };

export type BackupConfig = Pick<z.output<typeof BACKUP>, "retentionDays" | "vaultLock" | "copyTo"> & {
    /** Region of the off-site vault when `copyTo` is `region`: the one set, or the DR region. */
    copyRegion?: string;
    /** ARN of the other account's vault when `copyTo` is `account`. */
    copyVaultArn?: string;
};
/** A table with its replicas (the DR region when not set) and RPO (the stack's when not set). */
export type TableConfig = Settled<z.output<typeof TABLE>, "replicaRegions" | "rpo">;
/** A bucket with its RPO (the stack's when not set) and its replica's region (the DR region, if any, when not set). */
export type BucketConfig = Settled<z.output<typeof BUCKET>, "rpo">;
/** A database with its instance class (the engine's default when not set), replicas and RPO. */
export type DatabaseConfig = Settled<z.output<typeof DATABASE>, "instanceClass" | "replicaRegions" | "rpo">;

/** A stack's DR configuration, checked for form (never for policy), every default settled. */
export type DrConfig = Omit<DrNamespace, "backup" | "tables" | "buckets" | "databases"> & {
    /** Stack name, also the `dr:cell` tag. */
    cell: string;
    /** Home region, from `aws:region`. */
    homeRegion: string;
    backup: BackupConfig;
    tables: TableConfig[];
    buckets: BucketConfig[];
    databases: DatabaseConfig[];
};

/** Each entry once: a region, address or store listed twice is a mistake, and its AWS names would collide. */
export function eachOnce<T>(nameOf: (entry: T) => string = String) {
    return (payload: z.core.ParsePayload<T[]>): void => {
        const seen = new Set<string>();
        for (const name of payload.value.map(nameOf)) {
            if (seen.has(name)) {
                // The message quotes the name listed twice, not the list its key names.
                payload.issues.push({
                    code: "custom",
                    message: "each entry once (this one appears twice)",
                    input: payload.value,
                    params: { quoted: name },
                });
                return;
            }
            seen.add(name);
        }
    };
}

/** A reproducible store is held to its rebuild time, so it must say what that is (the pack's dr:rebuild tag). */
export function rebuildTimeWhenReproducible(store: { classification: string; rebuild?: unknown }): boolean {
    return store.classification !== "reproducible" || store.rebuild !== undefined;
}

/** The message for a reproducible store without its rebuild time. */
export const REBUILD_FORM =
    "rebuild: a duration such as 2h, required when classification is reproducible (how long rebuilding it from source takes)";

/** An alarm that reaches nobody is no alarm: dr:oncall names at least one destination. */
export function reachesSomeone(oncall: { email: string[]; https: string[]; topicArn?: string }): boolean {
    return oncall.email.length + oncall.https.length > 0 || oncall.topicArn !== undefined;
}

/**
 * dr:routing.hostName is a DNS name inside dr:routing.zoneName: its records go into that zone, and Route 53 refuses
 * a record outside it (ChangeResourceRecordSets: "InvalidChangeBatch: RRSet with DNS name … is not permitted in zone
 * …", https://github.com/meltwater/terraform-aws-asg-dns-handler/issues/38).
 */
export function hostNameInZone<Routing extends { zoneName: string; hostName?: unknown }>(
    routing: Routing,
    ctx: z.core.$RefinementCtx<Routing>,
): Omit<Routing, "hostName"> & { hostName: string } {
    const { zoneName, hostName } = routing;
    if (typeof hostName !== "string" || !DNS_NAME.test(hostName) || !(hostName === zoneName || hostName.endsWith(`.${zoneName}`))) {
        ctx.issues.push({
            code: "custom",
            path: ["hostName"],
            message: `a DNS name inside ${zoneName}, e.g. app.${zoneName}`,
            input: hostName,
        });
        return z.NEVER;
    }
    return { ...routing, hostName };
}

/** The DR region is the cell's second region: the home region again would be no second region at all. */
export function drRegionAwayFromHome(drRegion: string | undefined, homeRegion: string, fail: ConfigFail): void {
    if (drRegion === homeRegion) {
        fail("dr:drRegion", drRegion, `a region other than the home region ${homeRegion}`);
    }
}

/**
 * A locked vault fails every backup or copy job whose retention is shorter than the lock's minimum
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html, MinRetentionDays), so a locked stack keeps
 * its recovery points at least LOCK_MIN_RETENTION_DAYS.
 */
export function lockKeepsMinimumRetention({ vaultLock, retentionDays }: z.output<typeof BACKUP>, fail: ConfigFail): void {
    if (vaultLock !== "none" && retentionDays < LOCK_MIN_RETENTION_DAYS) {
        fail(
            "dr:backup.retentionDays",
            retentionDays,
            `at least ${LOCK_MIN_RETENTION_DAYS} days with a vault lock (its minimum retention), or vaultLock: none`,
        );
    }
}

/** A copy to another region goes to the DR region unless copyRegion names one; a single-region cell must name it. */
export function offSiteCopy(backup: z.output<typeof BACKUP>, drRegion: string | undefined, fail: ConfigFail): BackupConfig {
    if (backup.copyTo === "account") {
        const { retentionDays, vaultLock, copyTo, copyVaultArn } = backup;
        return { retentionDays, vaultLock, copyTo, copyVaultArn };
    }
    const { retentionDays, vaultLock, copyTo } = backup;
    const copyRegion =
        backup.copyRegion ??
        drRegion ??
        fail("dr:backup.copyRegion", undefined, "a region for the off-site vault: set copyRegion or dr:drRegion, or use copyTo: account");
    return { retentionDays, vaultLock, copyTo, copyRegion };
}

/**
 * A replica lives away from the home region, where its table or database already is: a DynamoDB global table has
 * one replica per region (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables-CoreConcepts.html).
 */
export function replicaAwayFromHome(key: string, region: string, homeRegion: string, fail: ConfigFail): void {
    if (region === homeRegion) {
        fail(key, region, `a region other than the home region ${homeRegion}`);
    }
}

/** A secondary cluster or read replica sits in the cell's private subnets: only the DR region has them. */
export function databaseReplicaInDrRegion(key: string, region: string, drRegion: string | undefined, fail: ConfigFail): void {
    if (region !== drRegion) {
        fail(
            key,
            region,
            drRegion
                ? `the DR region ${drRegion}, where the cell has a network for it, or no replica region`
                : "no replica region: the cell has no DR region (dr:drRegion)",
        );
    }
}

/** The instance class a database gets when none is set: memory-optimized for Aurora, which a global database needs. */
export function defaultInstanceClass(engine: DatabaseEngine): string {
    return isAurora(engine) ? "db.r6g.large" : "db.m6g.large";
}

/**
 * AWS refuses a burstable class in a global database: "The requested instance class is not supported by global databases".
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.configuration.requirements.html
 */
export function auroraGlobalInstanceClass(key: string, database: DatabaseConfig, fail: ConfigFail): void {
    const { engine, replicaRegions, instanceClass } = database;
    if (isAurora(engine) && replicaRegions.length > 0 && !/^db\.(r|x)\d/.test(instanceClass)) {
        fail(`${key}.instanceClass`, instanceClass, "a memory-optimized class (db.r5 or higher, or db.x2g) for an Aurora global database");
    }
}

/**
 * A night mode needs a DR region to drop to a cheaper tier, a tier below the day's, and a night that starts and ends at
 * different times. An active-active cell takes its DR region out of its latency records at night through their health
 * checks (GlobalRouting), so it needs them.
 */
export function nightModeFits(
    nightMode: NightModeConfig | undefined,
    { tier, drRegion, healthCheck }: { tier: Tier; drRegion: string | undefined; healthCheck: boolean },
    fail: ConfigFail,
): void {
    if (nightMode === undefined) {
        return;
    }
    const written = { from: nightMode.from.text, to: nightMode.to.text, timeZone: nightMode.timeZone, tier: nightMode.tier };
    if (drRegion === undefined) {
        fail(
            "dr:nightMode",
            written,
            "no night mode for a single-region cell: it needs dr:drRegion, the region that drops to a cheaper tier at night",
        );
    }
    if (TIERS.indexOf(nightMode.tier) >= TIERS.indexOf(tier)) {
        fail("dr:nightMode.tier", nightMode.tier, `a tier below dr:tier ${tier}, which the DR region runs by day`);
    }
    if (nightMode.from.minutes === nightMode.to.minutes) {
        fail("dr:nightMode.to", nightMode.to.text, `a time other than from (${nightMode.from.text}): a night starts and ends`);
    }
    if (tier === "active-active" && !healthCheck) {
        fail(
            "dr:nightMode",
            written,
            "dr:routing.healthCheck: true as well: at night the DR region leaves the latency records through their health checks",
        );
    }
}

/** Replicas of a store: the ones set, or the DR region's (none for a single-region cell). */
function replicasOrDrRegion(regions: string[] | undefined, drRegion: string | undefined): string[] {
    return regions ?? (drRegion ? [drRegion] : []);
}

/**
 * The stack config with every rule across keys checked and every default that depends on another key settled:
 * a store's RPO is the stack's, its replicas go to the DR region, the off-site copy too.
 */
export function settle(namespace: DrNamespace, cell: string, homeRegion: string, fail: ConfigFail): DrConfig {
    const { drRegion, rpo } = namespace;
    const storeRpo = (own: Duration | undefined): Duration => own ?? rpo;

    drRegionAwayFromHome(drRegion, homeRegion, fail);
    nightModeFits(namespace.nightMode, { tier: namespace.tier, drRegion, healthCheck: namespace.routing.healthCheck }, fail);
    lockKeepsMinimumRetention(namespace.backup, fail);
    const backup = offSiteCopy(namespace.backup, drRegion, fail);

    const tables = namespace.tables.map((table, i): TableConfig => {
        const replicaRegions = replicasOrDrRegion(table.replicaRegions, drRegion);
        replicaRegions.forEach((region, j) => replicaAwayFromHome(`dr:tables[${i}].replicaRegions[${j}]`, region, homeRegion, fail));
        return { ...table, replicaRegions, rpo: storeRpo(table.rpo) };
    });
    // Same-region replication is valid S3; whether such a copy counts as off-site is the pack's to judge.
    const buckets = namespace.buckets.map((bucket): BucketConfig => ({
        ...bucket,
        replicationRegion: bucket.replicationRegion ?? drRegion,
        rpo: storeRpo(bucket.rpo),
    }));
    const databases = namespace.databases.map((form, i): DatabaseConfig => {
        const key = `dr:databases[${i}]`;
        const replicaRegions = replicasOrDrRegion(form.replicaRegions, drRegion);
        replicaRegions.forEach((region, j) => {
            replicaAwayFromHome(`${key}.replicaRegions[${j}]`, region, homeRegion, fail);
            databaseReplicaInDrRegion(`${key}.replicaRegions[${j}]`, region, drRegion, fail);
        });
        const instanceClass = form.instanceClass ?? defaultInstanceClass(form.engine);
        const database = { ...form, instanceClass, replicaRegions, rpo: storeRpo(form.rpo) };
        auroraGlobalInstanceClass(key, database, fail);
        return database;
    });
    return { cell, homeRegion, ...namespace, backup, tables, buckets, databases };
}
