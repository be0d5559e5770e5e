/** Stands for a value not known until the resource exists (a computed output during preview). */
export const UNKNOWN = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** A string property, `UNKNOWN`, or undefined when absent or not a string. */
export function text(value: unknown): string | Unknown | undefined {
    return value === UNKNOWN ? UNKNOWN : typeof value === "string" ? value : undefined;
}

export function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

export function record(value: unknown): Record<string, any> {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, any>) : {};
}
