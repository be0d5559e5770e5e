/** A duration as written in stack config and DR tags: a positive whole number and a unit, e.g. `15m`. */
const DURATION = /^([1-9][0-9]*)(s|m|h|d)$/;

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** The allowed form, for error messages. */
export const DURATION_FORM = "a positive whole number followed by s, m, h or d (e.g. 30s, 15m, 1h, 1d)";

/** Seconds in a duration such as `15m`, or undefined when the text is not of that form. */
export function parseDuration(text: unknown): number | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    const match = DURATION.exec(text.trim());
    if (!match) {
        return undefined;
    }
    return Number(match[1]) * SECONDS_PER_UNIT[match[2]];
}

/** A number of seconds in the largest units, for reports: 900 → `15m`, 390 → `6m30s`, 12720 → `3h32m`. */
export function formatDuration(seconds: number): string {
    if (!Number.isFinite(seconds) || seconds < 0) {
        return String(seconds);
    }
    let rest = Math.round(seconds);
    const parts: string[] = [];
    for (const unit of ["d", "h", "m", "s"]) {
        const size = SECONDS_PER_UNIT[unit];
        if (rest >= size) {
            parts.push(`${Math.floor(rest / size)}${unit}`);
            rest %= size;
        }
    }
    return parts.join("") || "0s";
}
