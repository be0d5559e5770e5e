const HOUR = 3600;

/** Hour steps a cron expression repeats evenly through the day (whole hours dividing 24); AWS Backup's floor is hourly. */
const EVEN_HOURS = [1, 2, 3, 4, 6, 8, 12, 24];

/** Days a recovery point must stay in cold storage before it may expire (AWS Backup). */
export const COLD_STORAGE_MIN_DAYS = 90;

/** Days a recovery point stays in warm storage, where restores are fast, before it may go cold. */
export const WARM_DAYS = 30;

/** When a backup plan's jobs run. */
export interface BackupSchedule {
    /** Hours between two jobs: the worst-case age of the newest recovery point, before copy lag. */
    everyHours: number;
    /** AWS Backup cron expression, in UTC. */
    expression: string;
    /** Short name, also the plan rule's: `hourly`, `every-12h`, `daily`. */
    name: string;
}

/**
 * The schedule whose off-site copies meet an RPO: the largest even hour step that, plus the copy job's
 * lag, stays within the RPO; hourly when none does (AWS Backup runs jobs at most hourly); at most daily.
 */
export function backupSchedule(rpoSeconds: number, copyLagSeconds: number): BackupSchedule {
    const everyHours = EVEN_HOURS.filter((hours) => hours * HOUR + copyLagSeconds <= rpoSeconds).pop() ?? 1;
    if (everyHours === 1) {
        return { everyHours, expression: "cron(0 * ? * * *)", name: "hourly" };
    }
    if (everyHours === 24) {
        return { everyHours, expression: "cron(0 0 ? * * *)", name: "daily" };
    }
    return { everyHours, expression: `cron(0 0/${everyHours} ? * * *)`, name: `every-${everyHours}h` };
}

/** How long a recovery point lives, and when it moves to cold storage. */
export interface BackupLifecycle {
    /** Days after creation that the recovery point expires. */
    deleteAfter: number;
    /** Days after creation that it moves to cold storage; absent when retention leaves no room for the 90 days cold storage needs. */
    coldStorageAfter?: number;
}

/** Retention of `retentionDays`, moving to cold storage after a warm month only when the 90-day cold minimum still fits. */
export function backupLifecycle(retentionDays: number): BackupLifecycle {
    return retentionDays >= WARM_DAYS + COLD_STORAGE_MIN_DAYS
        ? { deleteAfter: retentionDays, coldStorageAfter: WARM_DAYS }
        : { deleteAfter: retentionDays };
}
