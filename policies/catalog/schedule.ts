const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * The widest gap, in steps, between the values a cron field allows: `*` → 1, `a/n` → n, a list → its widest
 * gap, wrapping round (`0,6,12` hours → 12). `size` steps make a full turn; values run from `first`.
 */
function widestGap(field: string, size: number, first = 0): number | undefined {
    if (field === "*" || field === "?") {
        return 1;
    }
    const step = /^(\d+|\*)\/(\d+)$/.exec(field);
    if (step) {
        const every = Number(step[2]);
        return every >= 1 && every <= size ? every : undefined;
    }
    const values: number[] = [];
    for (const part of field.split(",")) {
        // A range, with an optional step: 1-6, 1-12/3.
        const range = /^(\d+)-(\d+)(?:\/(\d+))?$/.exec(part);
        if (range) {
            const [from, to, every] = [Number(range[1]), Number(range[2]), Number(range[3] ?? 1)];
            if (from > to || every < 1) {
                return undefined;
            }
            for (let v = from; v <= to; v += every) {
                values.push(v - first);
            }
        } else {
            values.push(Number(part) - first);
        }
    }
    if (values.some((v) => !Number.isInteger(v) || v < 0 || v >= size)) {
        return undefined;
    }
    const sorted = [...new Set(values)].sort((a, b) => a - b);
    return Math.max(...sorted.map((v, i) => (i + 1 < sorted.length ? sorted[i + 1] : sorted[0] + size) - v));
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** A month field with its names as numbers: JAN,APR → 1,4; JAN-MAR → 1-3. */
function monthNumbers(field: string): string {
    return field.replace(/[A-Za-z]{3}/g, (name) => {
        const index = MONTHS.indexOf(name.toUpperCase());
        return index < 0 ? name : String(index + 1);
    });
}

/**
 * Seconds between the runs of an AWS cron schedule (a Backup plan's jobs, a restore test), worst gap first,
 * e.g. `cron(0 * * * ? *)` → 1 h, `cron(0 0/4 * * ? *)` → 4 h, `cron(0 5 * * ? *)` → 1 d, a weekday → 7 d,
 * a day of the month → 31 d, a day of every third month → 93 d. Undefined when the text is not an AWS cron expression.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html#plan-options-and-configuration
 */
export function cronInterval(schedule: unknown): number | undefined {
    const fields = typeof schedule === "string" ? /^cron\((.+)\)$/.exec(schedule.trim())?.[1].trim().split(/\s+/) : undefined;
    if (!fields || fields.length !== 6) {
        return undefined;
    }
    const [, hours, dayOfMonth, month, dayOfWeek] = fields;
    const months = widestGap(monthNumbers(month), 12, 1);
    if (months === undefined) {
        return undefined;
    }
    if (months > 1) {
        return months * 31 * DAY;
    }
    if (!["*", "?"].includes(dayOfWeek)) {
        return 7 * DAY;
    }
    if (!["*", "?"].includes(dayOfMonth)) {
        return 31 * DAY;
    }
    const hourGap = widestGap(hours, 24);
    return hourGap === undefined ? undefined : hourGap * HOUR;
}
