const HOUR = 3600;
const MINUTE = 60;

/** The shortest start window a rule may have: "If this value is included, it must be at least 60 minutes". https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html */
export const START_WINDOW_MINUTES = 60;

/** The shortest completion window the program gives a job: an hour. */
const MIN_COMPLETION_MINUTES = 60;

/** The longest: a day; a job that has not finished by then is cancelled, and its failure pages on-call. */
const MAX_COMPLETION_MINUTES = 24 * 60;

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
    /** Minutes a job may wait to start, and then take to finish: both count toward the RPO. */
    startWindowMinutes: number;
    completionWindowMinutes: number;
}

/**
 * The schedule whose off-site copies meet an RPO: a recovery point there is at worst an interval, a start window, a
 * completion window and the copy's lag old. The largest even hour step that, with the shortest windows (an hour
 * each) and the copy lag, stays within the RPO; hourly when none does (AWS Backup runs jobs at most hourly); at
 * most daily. The completion window then takes what the RPO leaves, between an hour and a day.
 */
export function backupSchedule(rpoSeconds: number, copyLagSeconds: number): BackupSchedule {
    const waits = (START_WINDOW_MINUTES + MIN_COMPLETION_MINUTES) * MINUTE + copyLagSeconds;
    const everyHours = EVEN_HOURS.filter((hours) => hours * HOUR + waits <= rpoSeconds).pop() ?? 1;
    const left = (rpoSeconds - everyHours * HOUR - START_WINDOW_MINUTES * MINUTE - copyLagSeconds) / MINUTE;
    const windows = {
        startWindowMinutes: START_WINDOW_MINUTES,
        completionWindowMinutes: Math.min(MAX_COMPLETION_MINUTES, Math.max(MIN_COMPLETION_MINUTES, Math.floor(left))),
    };
    if (everyHours === 1) {
        return { everyHours, expression: "cron(0 * ? * * *)", name: "hourly", ...windows };
    }
    if (everyHours === 24) {
        return { everyHours, expression: "cron(0 0 ? * * *)", name: "daily", ...windows };
    }
    return { everyHours, expression: `cron(0 0/${everyHours} ? * * *)`, name: `every-${everyHours}h`, ...windows };
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
