import { FIGURES, ResidencyZones, formatDuration, storeTypeOf } from "../catalog";
import {
    ModelResource,
    SAME_ACCOUNT,
    SCOPES,
    Scope,
    ScopeTarget,
    StackModel,
    StoreRecovery,
    TYPES,
    UNKNOWN,
    builtByDrComponents,
    cellIntent,
    judgedScope,
    scopeTargets,
    storeRecovery,
    storeScopeRpo,
    storeScopeTarget,
} from "../catalog/model";
import { stackPolicy } from "./define";
import { judgeEachStore } from "./model";
import { COPY_TO_ANOTHER_ACCOUNT, remedyFor } from "./remedies";
import { packTargets, packZones } from "./scopes";
import { SCOPE_WORDS, describeCopy, describeLocation, describeSeconds, describeStore, listCopies, scopeMark } from "./words";

/** Regions where a replica of the store may go: any region but home, or for personal data its zone's others. */
function replicaRegions(recovery: StoreRecovery, zones: ResidencyZones): { regions: string[]; zone?: string } {
    const home = recovery.home.region;
    if (recovery.classification === "personal" && recovery.residency !== undefined) {
        const zone = zones[recovery.residency] ?? [];
        return { regions: zone.filter((r) => r !== home), zone: recovery.residency };
    }
    return { regions: [] };
}

/** The fastest off-site copy AWS Backup can make: jobs at most hourly, an hour's start and completion windows each, and the copy's lag. */
const BEST_BACKUP_COPY = FIGURES.backupMinInterval + FIGURES.backupMinWindows + FIGURES.backupCopyLag;

/**
 * How to bring a store's RPO within its target with what AWS offers for its kind — never a replica outside
 * its residency zone, never a mechanism whose bound is above the target.
 */
function fixFor(model: StackModel, recovery: StoreRecovery, target: number, zones: ResidencyZones): string {
    const { regions, zone } = replicaRegions(recovery, zones);
    const drRegion = cellIntent(model).drRegion;
    const where = zone ? (regions.includes(drRegion ?? "") ? drRegion : regions[0]) : (drRegion ?? "another region");
    const onlyBackups = zone !== undefined && regions.length === 0;
    const raise = (field: string, atLeast: number) => `set ${field} to at least ${formatDuration(atLeast)}`;
    const backupsOnly = (field: string) =>
        `zone ${zone} holds no region besides ${describeLocation(recovery.home)}, so its only off-site copy is a Backup copy to another account, at best ${formatDuration(BEST_BACKUP_COPY)} behind (hourly jobs, their start and completion windows, and the copy's hour): ${raise(field, BEST_BACKUP_COPY)}, or widen zone ${zone} where counsel allows and replicate there`;
    const storeType = storeTypeOf(recovery.store.type);
    if (!builtByDrComponents(recovery.store.urn)) {
        // Another program's store: what to change on its own resources (DESIGN §16).
        const rpoKey = "its dr:rpo tag (or the stack's dr:rpo)";
        if (onlyBackups) {
            return storeType?.backup
                ? backupsOnly(rpoKey)
                : `zone ${zone} holds no region besides ${describeLocation(recovery.home)} and AWS Backup does not back up ${recovery.store.type}, so no copy of it can leave lawfully: raise ${rpoKey}, or widen zone ${zone} where counsel allows`;
        }
        if ((recovery.store.type === TYPES.bucket || recovery.store.type === TYPES.bucketV2) && target < FIGURES.s3RtcLag) {
            return `S3 replicates no faster than Replication Time Control's ${formatDuration(FIGURES.s3RtcLag)}: ${raise(rpoKey, FIGURES.s3RtcLag)}`;
        }
        return (
            storeType?.remedies?.regionCopy(where ?? "another region") ??
            (target < BEST_BACKUP_COPY
                ? `add a replica in ${where}, or ${raise(rpoKey, BEST_BACKUP_COPY)} (the fastest Backup copy)`
                : `add a replica or a more frequent off-site backup copy, or raise ${rpoKey}`)
        );
    }
    switch (recovery.store.type) {
        case TYPES.table:
            return onlyBackups
                ? backupsOnly("the table's rpo (dr:tables[].rpo)")
                : `add a global-table replica in ${where} (lag ≈ ${formatDuration(FIGURES.dynamodbReplicaLag)}, dr:tables[].replicaRegions), or raise the table's rpo`;
        case TYPES.bucket:
        case TYPES.bucketV2:
            if (target < FIGURES.s3RtcLag) {
                return `S3 replicates no faster than Replication Time Control's ${formatDuration(FIGURES.s3RtcLag)}: ${raise("the bucket's rpo (dr:buckets[].rpo)", FIGURES.s3RtcLag)}`;
            }
            return onlyBackups
                ? backupsOnly("the bucket's rpo (dr:buckets[].rpo)")
                : `replicate to ${where} with S3 Replication Time Control (${formatDuration(FIGURES.s3RtcLag)}, dr:buckets[].replicationRegion and rtc: true), or raise the bucket's rpo`;
        case TYPES.rdsCluster:
            return onlyBackups
                ? backupsOnly("the database's rpo (dr:databases[].rpo)")
                : `add an Aurora global database secondary in ${where} (lag < ${formatDuration(FIGURES.auroraReplicaLag)}, dr:databases[].replicaRegions), or raise the database's rpo`;
        case TYPES.rdsInstance:
            return onlyBackups
                ? backupsOnly("the database's rpo (dr:databases[].rpo)")
                : `add a cross-region read replica in ${where} (lag budget ${formatDuration(FIGURES.rdsReplicaLag)}, dr:databases[].replicaRegions with a tier that keeps one), or raise the database's rpo`;
        default: {
            if (onlyBackups) {
                return storeType?.backup
                    ? backupsOnly("the store's dr:rpo")
                    : `zone ${zone} holds no region besides ${describeLocation(recovery.home)} and AWS Backup does not back up ${recovery.store.type}, so no copy of it can leave lawfully: raise the store's dr:rpo, or widen zone ${zone} where counsel allows`;
            }
            if (storeType?.remedies) {
                return storeType.remedies.regionCopy(where ?? "another region");
            }
            return target < BEST_BACKUP_COPY
                ? `add a replica in ${where}, or ${raise("the store's dr:rpo", BEST_BACKUP_COPY)} (the fastest Backup copy)`
                : "add a replica or a more frequent off-site backup copy, or raise the store's dr:rpo";
        }
    }
}

/** What the store's copies in another region achieve, in words. */
function achieved(recovery: StoreRecovery): string {
    const { bestCopy } = recovery;
    if (bestCopy) {
        return `its best copy in another region is a ${describeCopy(bestCopy)} in ${describeLocation(bestCopy.location)}, so a loss of ${describeLocation(recovery.home)} can cost up to ${describeSeconds(recovery.regionLossRpo)} of data`;
    }
    const elsewhere = recovery.copies.filter((c) => typeof c.location.region === "string" && c.location.region !== recovery.home.region);
    if (elsewhere.length > 0) {
        return `how far behind its copies in another region are cannot be told (${listCopies(elsewhere)}: a schedule that does not parse), so no RPO is bounded`;
    }
    return `it has no copy in another region (copies: ${listCopies(recovery.copies)}), so a loss of ${describeLocation(recovery.home)} loses it all`;
}

/**
 * The finding for a bucket that only receives replication yet is written where it lives: what its
 * services write there never leaves that region.
 */
function writtenOneWay(model: StackModel, recovery: StoreRecovery): string | undefined {
    const { store, writers, replicatedFrom, home } = recovery;
    if (replicatedFrom.length === 0 || writers.length === 0 || recovery.copies.some((c) => c.offsite)) {
        return undefined;
    }
    const region = describeLocation(home);
    const regionOf = (bucket: ModelResource) => describeLocation({ region: model.regionOf(bucket) ?? UNKNOWN, account: SAME_ACCOUNT });
    const sources = replicatedFrom.map((b) => `${describeStore(b)} in ${regionOf(b)}`).join(", ");
    const back = replicatedFrom.map(regionOf).join(", ");
    return (
        `${describeStore(store)} in ${region} is written by ${writers.map((w) => describeStore(w.service)).join(", ")} there, but only receives replication from ${sources}: ` +
        `nothing copies what is written in ${region} out of it, so a loss of ${region} loses it (RPO: no bound, target ${formatDuration(recovery.targetRpo ?? 0)}). ` +
        `Fix: replicate ${region} → ${back} as well (two-way replication, with RTC and replica modification sync) and back the bucket up in ${region}; the DR program does both wherever a service runs.`
    );
}

/** What bounds a corruption or deletion of the store, which its replicas copy within their lag, in words. */
function restorable(recovery: StoreRecovery): string {
    const by = recovery.pointInTimeBy;
    if (by === undefined) {
        return "a corruption or deletion reaches its replicas too, and it has no point-in-time copy to restore from";
    }
    const what =
        by === "pitr"
            ? "point-in-time recovery"
            : by === "versioning"
              ? "its kept object versions"
              : `the ${describeCopy(by)} in ${describeLocation(by.location)}`;
    return `a corruption or deletion reaches its replicas too, and the newest point-in-time copy it cannot reach is ${what}, up to ${describeSeconds(recovery.pointInTimeRpo)} old`;
}

/** How to bring the point-in-time bound within the target. */
function pointInTimeFix(recovery: StoreRecovery): string {
    const ours = builtByDrComponents(recovery.store.urn);
    if (recovery.store.type === TYPES.table && recovery.pointInTimeBy === "pitr") {
        return `point-in-time recovery restores no closer than about ${formatDuration(FIGURES.dynamodbPitrLag)} before a corruption: set ${ours ? "the table's rpo (dr:tables[].rpo)" : "the stack's dr:targets.corruption.rpo"} to at least ${formatDuration(FIGURES.dynamodbPitrLag)}`;
    }
    if (ours && recovery.store.type === TYPES.table) {
        return `enable point-in-time recovery (≈ ${formatDuration(FIGURES.dynamodbPitrLag)} behind; the DR program's tables have it)`;
    }
    if (ours && (recovery.store.type === TYPES.bucket || recovery.store.type === TYPES.bucketV2)) {
        return "enable versioning, which keeps every overwritten or deleted object (the DR program's buckets have it)";
    }
    return (
        storeTypeOf(recovery.store.type)?.remedies?.pointInTime ?? "back it up more often, or enable the service's point-in-time recovery"
    );
}

/** What the store's copies in another account achieve, in words. */
function accountAchieved(recovery: StoreRecovery): string {
    const copy = recovery.accountCopy;
    if (copy) {
        return `its best copy in another account is a ${describeCopy(copy)} in ${describeLocation(copy.location)}, so a loss of the account can cost up to ${describeSeconds(recovery.accountLossRpo)} of data`;
    }
    const elsewhere = recovery.copies.filter((c) => c.location.account !== SAME_ACCOUNT);
    if (elsewhere.length > 0) {
        return `how far behind its copies in another account are cannot be told (${listCopies(elsewhere)}: a schedule that does not parse), so no RPO is bounded`;
    }
    return `it has no copy in another account or a logically air-gapped vault (copies: ${listCopies(recovery.copies)}), so a loss or compromise of the account loses it all`;
}

/** What a loss of one availability zone costs the store, in words. */
function zoneAchieved(recovery: StoreRecovery): string {
    return Number.isFinite(recovery.zoneLossRpo)
        ? `it lives in one availability zone, and its newest copy outside it is up to ${describeSeconds(recovery.zoneLossRpo)} old`
        : "it lives in one availability zone, and no copy outside it survives the zone's loss";
}

/** How to bring a zone loss within the target. */
function zoneFix(recovery: StoreRecovery): string {
    return storeTypeOf(recovery.store.type)?.remedies?.zone ?? "keep the data in a store that spans zones, or back it up more often";
}

/** How to get a copy into another account: our config keys for our program's stores, the resource's own means otherwise. */
function accountFix(recovery: StoreRecovery): string {
    const storeType = storeTypeOf(recovery.store.type);
    if (!storeType?.backup) {
        return `AWS Backup does not back up ${recovery.store.type}: copy its data to another account by the service's own means (a snapshot shared or exported there), or raise the target`;
    }
    return remedyFor(recovery.store.urn, COPY_TO_ANOTHER_ACCOUNT);
}

/** What a scope's target is called where a finding names it. */
function targetKey(scope: Scope, judged: Scope): string {
    return scope === judged ? "dr:rpo" : `dr:targets.${scope}.rpo`;
}

/** The finding for one scope of one store whose achievable RPO is over that scope's target. */
function scopeFinding(
    model: StackModel,
    recovery: StoreRecovery,
    scope: Scope,
    judged: Scope,
    target: number,
    zones: ResidencyZones,
): string {
    const achievable = storeScopeRpo(recovery, scope);
    if (scope === "region") {
        const oneWay = writtenOneWay(model, recovery);
        if (oneWay) {
            return oneWay;
        }
    }
    const reached = Number.isFinite(achievable)
        ? `achievable RPO ${describeSeconds(achievable)} exceeds its target`
        : "no RPO is achievable against its target";
    const [found, fix] =
        scope === "region"
            ? [achieved(recovery), fixFor(model, recovery, target, zones)]
            : scope === "account"
              ? [accountAchieved(recovery), accountFix(recovery)]
              : scope === "az"
                ? [zoneAchieved(recovery), zoneFix(recovery)]
                : [restorable(recovery), pointInTimeFix(recovery)];
    return `${scopeMark(scope)}${describeStore(recovery.store)}: for ${SCOPE_WORDS[scope]}, ${reached} ${formatDuration(target)} (${targetKey(scope, judged)}) — ${found}. Fix: ${fix}.`;
}

/**
 * A finding for each failure scope whose RPO target the store misses: the judged scope's from its dr:rpo, the others'
 * from dr:targets. `zones` (the data-residency policy's) bound where a fix may put a copy of personal data.
 */
export function rpoFindings(
    model: StackModel,
    recovery: StoreRecovery,
    judged: Scope,
    targets: Record<Scope, ScopeTarget>,
    zones: ResidencyZones,
): string[] {
    return SCOPES.flatMap((scope) => {
        const target = storeScopeTarget(recovery, scope, judged, targets);
        return target !== undefined && storeScopeRpo(recovery, scope) > target
            ? [scopeFinding(model, recovery, scope, judged, target, zones)]
            : [];
    });
}

export const drRpoTarget = stackPolicy("dr-rpo-target", (args, report, skip) => {
    const zones = packZones();
    judgeEachStore(args, report, skip, (model, store) =>
        rpoFindings(model, storeRecovery(model, store), judgedScope(model, zones), scopeTargets(model, packTargets().value, zones), zones),
    );
});
