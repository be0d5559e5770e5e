const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Seconds between the recovery points an AWS Backup cron schedule makes, worst gap first, e.g.
 * `cron(0 * * * ? *)` → 1 h, `cron(0 0/4 * * ? *)` → 4 h, `cron(0 5 * * ? *)` → 1 d, a weekday → 7 d,
 * a day of the month → 31 d. Undefined when the text is not an AWS cron expression.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html#plan-options-and-configuration
 */
export function backupInterval(schedule: unknown): number | undefined {
    if (typeof schedule !== "string") {
        return undefined;
    }
    const match = /^cron\((.+)\)$/.exec(schedule.trim());
    const fields = match?.[1].trim().split(/\s+/);
    if (!fields || fields.length !== 6) {
        return undefined;
    }
    const [, hours, dayOfMonth, , dayOfWeek] = fields;
    if (!["*", "?"].includes(dayOfWeek)) {
        return 7 * DAY;
    }
    if (!["*", "?"].includes(dayOfMonth)) {
        return 31 * DAY;
    }
    if (hours === "*") {
        return HOUR;
    }
    const step = /^(\d+|\*)\/(\d+)$/.exec(hours);
    if (step) {
        const every = Number(step[2]);
        return every >= 1 && every <= 24 ? every * HOUR : undefined;
    }
    const list = hours.split(",").map(Number);
    if (list.some((h) => !Number.isInteger(h) || h < 0 || h > 23)) {
        return undefined;
    }
    const sorted = [...new Set(list)].sort((a, b) => a - b);
    // The widest gap between runs, wrapping round midnight.
    const gaps = sorted.map((h, i) => ((i + 1 < sorted.length ? sorted[i + 1] : sorted[0] + 24) - h) * HOUR);
    return Math.max(...gaps);
}
