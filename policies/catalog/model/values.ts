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

/** The value at a dot-separated path of a record (`encryptAtRest.enabled`): `UNKNOWN` where a step is unknown. */
export function at(value: unknown, path: string): unknown {
    let current = value;
    for (const key of path.split(".")) {
        if (current === UNKNOWN) {
            return UNKNOWN;
        }
        current = record(current)[key];
    }
    return current;
}
