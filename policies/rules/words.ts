import { FIGURES, formatDuration } from "../catalog";
import {
    Copy,
    Location,
    ModelResource,
    NightMode,
    OperatorReason,
    RecoveryStep,
    SAME_ACCOUNT,
    Scope,
    TYPES,
    UNKNOWN,
} from "../catalog/model";

/** How the rules put the model's structured findings into words, in one place. */

/** Each failure scope's disaster, as findings name it. */
export const SCOPE_WORDS: Record<Scope, string> = {
    region: "a loss of its home region",
    az: "a loss of one availability zone",
    account: "a loss or compromise of its account",
    corruption: "a bad write or deletion, which replication carries everywhere",
};

/** The mark a scope's finding opens with, so reports can tell the scopes of one policy apart (`scopeOf`). */
export function scopeMark(scope: Scope): string {
    return `[${scope}] `;
}

/** The failure scope a finding is about, from its mark (after the description line the policy SDK puts first); none for others. */
export function scopeOf(message: string): Scope | undefined {
    const match = /(?:^|\n)\[(region|az|account|corruption)\] /.exec(message);
    return match ? (match[1] as Scope) : undefined;
}

/** `3h` for seconds, `no bound` for Infinity (nothing brings it back). */
export function describeSeconds(seconds: number): string {
    return Number.isFinite(seconds) ? formatDuration(seconds) : "no bound";
}

/** Where a copy lives: `ap-northeast-3`, `eu-west-1 (account 210987654321)`. */
export function describeLocation(location: Location): string {
    const region = location.region === UNKNOWN ? "an unknown region" : location.region;
    return location.account === SAME_ACCOUNT ? region : `${region} (account ${location.account})`;
}

function schedule(copy: Copy): string {
    return copy.intervalSeconds === undefined ? `schedule ${String(copy.schedule)}` : `every ${formatDuration(copy.intervalSeconds)}`;
}

/** A backup's windows: `+1h to start, 1h to finish`; an unset window says AWS's default applies. */
function windows(copy: Copy): string {
    const w = copy.windows;
    if (!w) {
        return "";
    }
    const one = (which: "start" | "completion", seconds: number) =>
        `${formatDuration(seconds)} to ${which === "start" ? "start" : "finish"}${w.defaulted.includes(which) ? ` (no ${which} window set: AWS's default)` : ""}`;
    return ` (+${one("start", w.startSeconds)}, ${one("completion", w.completionSeconds)})`;
}

/** The vault holding a backup: the stack's by its resource name, else as the rule names it (a vault name, or an ARN). */
function vault(copy: Copy): string {
    if (copy.vault) {
        return `vault ${copy.vault.name}`;
    }
    if (typeof copy.vaultRef !== "string") {
        return "an unresolved vault";
    }
    return copy.mechanism === "backup" ? `vault ${copy.vaultRef}` : copy.vaultRef;
}

/** A store as messages name it: `aws:dynamodb/table:Table "users"`. */
export function describeStore(store: ModelResource): string {
    return `${store.type} "${store.name}"`;
}

/** How a copy is made: "global table replica", "backup every 1h to vault x". */
export function describeCopy(copy: Copy): string {
    switch (copy.mechanism) {
        case "store":
            return `the ${copy.resource.type === TYPES.table ? "table" : "store"} itself`;
        case "global-table-replica":
            return "global table replica";
        case "legacy-global-table-replica":
            return "legacy global table replica";
        case "s3-replication":
            return copy.rtc ? "S3 replication with RTC" : "S3 replication without RTC (best effort)";
        case "backup":
            return `backup ${schedule(copy)}${windows(copy)} to ${vault(copy)}`;
        case "backup-copy":
            return `copy of the ${schedule(copy)}${windows(copy)} backup to ${vault(copy)}`;
        case "aurora-global-secondary":
            return `Aurora global database secondary${copy.instances === 0 ? " (headless)" : ""}`;
        case "rds-read-replica":
            return "RDS read replica";
        case "automated-backup":
            return "automated backups (point-in-time restore)";
        case "replicated-automated-backup":
            return "replicated automated backups";
        case "docdb-global-secondary":
            return `DocumentDB global cluster secondary${copy.instances === 0 ? " (headless)" : ""}`;
        case "neptune-global-secondary":
            return `Neptune global database secondary${copy.instances === 0 ? " (headless)" : ""}`;
        case "cache-global-secondary":
            return "ElastiCache global datastore secondary";
        case "memorydb-regional-cluster":
            return "MemoryDB Multi-Region regional cluster";
        case "efs-replication":
            return "EFS replica (read-only)";
        case "redshift-automated-snapshot":
            return `automated snapshots (every ${formatDuration(FIGURES.redshiftSnapshotInterval)} or 5 GB per node of changes)`;
        case "redshift-snapshot-copy":
            return "automated snapshots copied by a snapshot copy";
        case "cache-snapshot":
            return "daily automatic snapshots";
        case "search-automated-snapshot":
            return `automated snapshots every ${formatDuration(copy.lagSeconds ?? FIGURES.searchSnapshotInterval)} (the service's, for restoring the domain)`;
        case "fsx-automatic-backup":
            return "daily automatic backups";
        case "efs-automatic-backup":
            return `automatic backups (AWS Backup's default EFS plan) ${schedule(copy)}${windows(copy)} to ${vault(copy)}`;
    }
}

/**
 * What sets where a copy lives, on the resources themselves (for a program without our config entries): "the region of
 * aws:elasticache/replicationGroup:ReplicationGroup "sessions-us"", "destinationRegion of …".
 */
export function describeCopyPlacement(copy: Copy): string {
    switch (copy.mechanism) {
        case "store":
            return "its region";
        case "backup":
            return `the target vault of the Backup plan ${describeStore(copy.resource)}`;
        case "backup-copy":
            return `the copy action's destinationVaultArn in the Backup plan ${describeStore(copy.resource)}`;
        case "redshift-snapshot-copy":
            return `destinationRegion of ${describeStore(copy.resource)}`;
        case "efs-replication":
            return copy.resource.type === TYPES.efsReplication
                ? `destination.region of ${describeStore(copy.resource)}`
                : `the region of the destination file system ${describeStore(copy.resource)}`;
        case "global-table-replica":
        case "legacy-global-table-replica":
            return `the replica regions of ${describeStore(copy.resource)}`;
        case "s3-replication":
            return `the replication rule's destination bucket, ${describeStore(copy.resource)}`;
        case "replicated-automated-backup":
            return `the region of ${describeStore(copy.resource)}`;
        case "automated-backup":
        case "redshift-automated-snapshot":
        case "cache-snapshot":
        case "search-automated-snapshot":
        case "fsx-automatic-backup":
        case "efs-automatic-backup":
            return "the store's own region (its snapshots stay there)";
        case "aurora-global-secondary":
        case "rds-read-replica":
        case "docdb-global-secondary":
        case "neptune-global-secondary":
        case "cache-global-secondary":
        case "memorydb-regional-cluster":
            return `the region of ${describeStore(copy.resource)}`;
    }
}

/** Every copy of a store with where it lives, for messages. */
export function listCopies(copies: Copy[]): string {
    return copies.map((c) => `${describeCopy(c)} in ${describeLocation(c.location)}`).join("; ");
}

const OPERATOR_REASONS: Record<OperatorReason, string> = {
    "no-dr-region": "no second region to fail over to",
    "no-health-checked-record": "no health-checked record serves the home region",
    "no-dr-record": "no record routes to the DR region",
    "no-dr-service": "the DR region runs no service",
    "manual-scale": "the DR service must be scaled up by hand",
    "restore-needed": "stores must be restored in the DR region",
    "database-failover":
        "no Region switch plan fails the database over, so a person must (aws rds failover-global-cluster --allow-data-loss)",
    "store-failover":
        "nothing fails the global cluster or datastore over by itself, so a person must (the service's failover of its global cluster or global datastore)",
    "plan-approval": "the Region switch plan that fails the database over waits for a person's approval",
    "plan-start": "no trigger that outlives the home region starts the Region switch plan, so a person must start it",
    "single-zone": "a service or store lives in one availability zone only",
    "account-lost": "the account is lost or compromised, and the cell is rebuilt in a recovery account",
    "corruption-found": "only a person can tell a bad write or deletion from a good one",
    "rebuild-needed": "reproducible data lost with the home region is rebuilt from its source, which a person starts",
};

/** One recovery step, with its time: "DNS answers with the DR region within one TTL (1m)". */
export function describeStep(step: RecoveryStep): string {
    return `${stepWords(step)} (${describeSeconds(step.seconds)})`;
}

function stepWords(step: RecoveryStep): string {
    switch (step.kind) {
        case "operator-reacts":
            return `a person reacts: ${OPERATOR_REASONS[step.reason]}`;
        case "redeploy-cell":
            return "redeploy the cell with pulumi up";
        case "restore-offsite-backups":
            return "restore every store from its off-site backup copy";
        case "no-offsite-backup":
            return "a store has no backup in another region to restore from";
        case "repoint-dns":
            return "point DNS at the rebuilt cell";
        case "health-check-detection":
            return `Route 53 health checks see the home region fail (${step.intervalSeconds}s × ${step.threshold})`;
        case "dns-failover":
            return "DNS answers with the DR region within one TTL";
        case "dns-manual-change":
            return "change DNS to the DR region by hand";
        case "deploy-dr-service":
            return "deploy the service in the DR region";
        case "capacity-running":
            return "the DR region already runs at full capacity";
        case "auto-scale":
            return `auto scaling grows the DR service from ${step.from} to ${step.to} tasks`;
        case "start-tasks":
            return `start ${step.count} tasks in the DR region`;
        case "data-live":
            return "data is already live in the DR region";
        case "restore-in-dr":
            return `restore ${step.stores.join(", ")} from backup copies in ${step.region}`;
        case "no-copy-in-dr":
            return `${step.stores.join(", ") || "a store"} ${step.stores.length > 1 ? "have" : "has"} no copy in ${step.region}`;
        case "zone-targets-out":
            return `the load balancer stops sending to the lost zone's targets (${step.intervalSeconds}s × ${step.threshold})`;
        case "replace-tasks":
            return "ECS replaces the lost zone's tasks in the other zones";
        case "zone-database-failover":
            return `${step.stores.join(", ")} ${step.stores.length > 1 ? "move their writers" : "moves its writer"} to another zone`;
        case "restore-point-in-time":
            return `restore ${step.stores.join(", ")} to a point before the damage`;
        case "no-point-in-time-copy":
            return `${step.stores.join(", ")} ${step.stores.length > 1 ? "have" : "has"} no copy to restore from`;
        case "restore-account-copies":
            return "restore every store from its copy in another account";
        case "rebuild-from-source":
            return `rebuild ${step.stores.join(", ")} from ${step.stores.length > 1 ? "their" : "its"} source (dr:rebuild)`;
        case "no-account-copy":
            return `${step.stores.join(", ")} ${step.stores.length > 1 ? "have" : "has"} no copy in another account`;
        case "plan-triggered":
            return `the Region switch plan ${step.plan} starts by itself once its trigger's alarms, outside the home region, turn red`;
        case "database-failover": {
            const how = [
                step.promotion ? "promote the read replica" : "",
                step.globalDatabase && (!step.promotion || step.headless)
                    ? "a managed failover of the global database, allowing data loss"
                    : "",
                step.datastore ? "a failover of the global datastore to its secondary" : "",
                step.headless ? "after adding an instance to the headless secondary" : "",
            ].filter(Boolean);
            return `${step.by === "plan" ? "the Region switch plan fails" : "a person fails"} ${step.stores.join(", ")} over to ${step.region} (${how.join(", ")})`;
        }
    }
}

/** A night mode's window and what runs in it: `22:00–08:00 Asia/Tokyo, ap-northeast-3 at warm-standby`. */
export function describeNightWindow(night: NightMode): string {
    return `${night.from}–${night.to} ${night.timeZone}, ${night.region} at ${night.tier}`;
}
