import { StackModel, builtByDrComponents, cells } from "../catalog/model";

/**
 * Fixes told two ways, in one place (DESIGN §16): for what the DR components built, through our stack config; for
 * any other program's resource, the resource or property to change in that program. A team running the pack on its
 * own program must never be told to set a `dr:` config key its program does not read.
 */
export interface Remedy {
    /** The fix in the DR program: its stack config. */
    ours: string;
    /** The fix in any other program: the resource and property to change. */
    theirs: string;
}

/** The fix for a finding on one resource: ours when the DR components built it, else theirs. */
export function remedyFor(urn: string, remedy: Remedy): string {
    return builtByDrComponents(urn) ? remedy.ours : remedy.theirs;
}

/** The fix for a finding on the whole stack: ours when the stack has the DR program's cells, else theirs. */
export function stackRemedy(model: StackModel, remedy: Remedy): string {
    return cells(model).length > 0 ? remedy.ours : remedy.theirs;
}

/** Where a store's RPO target is set: our config entry's `rpo`, or its `dr:rpo` tag (else the stack's `dr:rpo`). */
export function rpoKey(ourKey: string): Remedy {
    return { ours: ourKey, theirs: "its dr:rpo tag (or the stack's dr:rpo)" };
}

/** Back a store up at all, with a copy off-site. https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html */
export const BACK_UP: Remedy = {
    ours: "tag it with dr:cell (the DR components do) so the stack's Backup321 selection backs it up to the home vault and copies it off-site",
    theirs: "back it up with AWS Backup — an aws.backup.Plan whose rule copies each recovery point to a vault in another region or account (copyActions[].destinationVaultArn), and an aws.backup.Selection that selects it (its ARN in resources, or a selectionTags entry it carries)",
};

/** Copy a store's backups off-site. https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html */
export function copyOffsite(home: string): Remedy {
    return {
        ours: `copy its recovery points to a vault outside ${home}: dr:backup.copyRegion set to another region, or copyTo: account with a backup account's vault`,
        theirs: `copy its recovery points to a vault outside ${home}: a copyActions entry on its aws.backup.Plan rule whose destinationVaultArn is a vault in another region or account`,
    };
}

/** Copy a store's backups to another account. https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html */
export const COPY_TO_ANOTHER_ACCOUNT: Remedy = {
    ours: "copy its recovery points to a vault in another account (dr:backup.copyTo: account with the backup account's vault in copyVaultArn) or a logically air-gapped vault, often enough for the target",
    theirs: "copy its recovery points to a vault in another account (copyActions[].destinationVaultArn on its aws.backup.Plan rule) or to an aws.backup.LogicallyAirGappedVault, often enough for the target",
};

/** Lock a vault in compliance mode. https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html */
export const LOCK_VAULT: Remedy = {
    ours: "set dr:backup.vaultLock: compliance — immutable once its 72-hour grace time has passed",
    theirs: "add an aws.backup.VaultLockConfiguration with changeableForDays (compliance mode: immutable once that grace time has passed) and minRetentionDays to a vault that holds its backups",
};

/** Keep every store's copy in another account, for the account scope's RTO. */
export const ACCOUNT_REBUILD: Remedy = {
    ours: "keep every store's copy in another account (dr:backup.copyTo: account), and rehearse the rebuild in the recovery account",
    theirs: "copy every store's recovery points to another account (copyActions on its aws.backup.Plan rule), and rehearse the rebuild in the recovery account",
};

/** Speed a region's recovery up at its slowest step. */
export const FASTER_REGION_RECOVERY: Remedy = {
    ours: "the slowest step — health-checked failover records (dr:routing.healthCheck), standby capacity (dr:tier), data replicated to the DR region, a failover plan a trigger starts",
    theirs: "the slowest step — Route 53 failover records with a healthCheckId on the home region's, standby capacity running in the DR region, data replicated to it, an ARC Region switch plan (aws.arcregionswitch.Plan) a trigger starts",
};

/** Health-check the home region's records. https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-configuring.html */
export const HEALTH_CHECKED_RECORDS: Remedy = {
    ours: "set dr:routing.healthCheck: true (the default) so the records carry health checks, or choose pilot-light or backup-restore",
    theirs: "give the home region's failover or latency record a healthCheckId (an aws.route53.HealthCheck on its endpoint) beside a record for the DR region, or declare dr:tier pilot-light or backup-restore",
};

/** Put a copy of personal data in another region of its zone. */
export function copyWithinZone(others: string[]): Remedy {
    const where = others.join(" or ");
    return {
        ours: `set dr:drRegion (or dr:backup.copyRegion) to another region of the zone (${where})`,
        theirs: `replicate or copy the data to another region of the zone (${where}): a replica there, or a copyActions entry on its aws.backup.Plan rule to a vault there`,
    };
}
