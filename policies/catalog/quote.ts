/** How many characters of a value a message quotes: enough to recognise it, bounded whatever its size. */
export const QUOTE_LIMIT = 80;

/** JSON of `value`, stopping once past `limit` characters, so a huge value costs no more than its quoted part. */
function boundedJson(value: unknown, limit: number): string {
    if (typeof value === "string") {
        return JSON.stringify(value.length > limit ? value.slice(0, limit) : value);
    }
    if (Array.isArray(value)) {
        let text = "[";
        for (let i = 0; i < value.length && text.length <= limit; i++) {
            text += `${i > 0 ? "," : ""}${boundedJson(value[i], limit - text.length)}`;
        }
        return `${text}]`;
    }
    if (typeof value === "object" && value !== null) {
        let text = "{";
        for (const key in value) {
            if (text.length > limit) {
                break;
            }
            text += `${text.length > 1 ? "," : ""}${JSON.stringify(key)}:${boundedJson((value as Record<string, unknown>)[key], limit - text.length)}`;
        }
        return `${text}}`;
    }
    return JSON.stringify(value) ?? String(value);
}

/**
 * A value as messages quote it: JSON, at most about 80 characters; a longer value is cut and its full
 * length said (`"aaaa…" (1048576 characters)`). `missing` for undefined.
 */
export function quote(value: unknown): string {
    if (value === undefined) {
        return "missing";
    }
    const text = boundedJson(value, QUOTE_LIMIT + 1);
    if (text.length <= QUOTE_LIMIT) {
        return text;
    }
    const size = typeof value === "string" ? ` (${value.length} characters)` : "";
    return `${text.slice(0, QUOTE_LIMIT - 1)}…${size}`;
}

/** Text from the user (a key, a flag, a path) as messages show it: at most about 80 characters. */
export function clip(text: string, limit = QUOTE_LIMIT): string {
    return text.length <= limit ? text : `${text.slice(0, limit - 1)}… (${text.length} characters)`;
}
