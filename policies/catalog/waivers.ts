/**
 * Waivers that expire: a stack's `dr:waivers` lets a named person accept one policy's finding on one
 * resource until a date. One reading and one matching for the program (form), the pack (in a real
 * `pulumi preview`) and `dr plan`, so they act the same.
 */

/** One accepted finding. */
export interface Waiver {
    /** Position in dr:waivers, for messages. */
    index: number;
    /** A policy name, of any pack. */
    policy: string;
    /** A resource name, or a URN pattern with `*` wildcards; `*` alone matches every resource and the stack. */
    resource: string;
    reason: string;
    approvedBy: string;
    /** The last day it holds (UTC), YYYY-MM-DD. */
    expires: string;
}

export const WAIVER_KEYS = ["policy", "resource", "reason", "approvedBy", "expires"] as const;

/** Reports a bad value: the key, the value, what is allowed. */
export type WaiverFail = (key: string, value: unknown, allowed: string) => never;

/** A date as YAML and the Pulumi CLI may hand it over: 2027-03-31, or that day at midnight UTC. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00(?:\.0+)?Z)?$/;

function calendarDate(value: unknown): string | undefined {
    const match = typeof value === "string" ? DATE.exec(value) : null;
    if (!match) {
        return undefined;
    }
    const [, y, m, d] = match;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    // Rejects 2027-02-30, which Date would roll over into March.
    return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)
        ? `${y}-${m}-${d}`
        : undefined;
}

/** Reads `dr:waivers` (absent: none), checking its form; `fail` names the first bad value. */
export function readWaivers(value: unknown, fail: WaiverFail): Waiver[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value)) {
        return fail("dr:waivers", value, "a list of waivers, each {policy, resource, reason, approvedBy, expires}");
    }
    return value.map((entry, index) => {
        const key = `dr:waivers[${index}]`;
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            return fail(key, entry, "a mapping with keys policy, resource, reason, approvedBy, expires");
        }
        const record = entry as Record<string, unknown>;
        for (const field of Object.keys(record)) {
            if (!(WAIVER_KEYS as readonly string[]).includes(field)) {
                fail(`${key}.${field}`, record[field], `no such key; a waiver has ${WAIVER_KEYS.join(", ")}`);
            }
        }
        const text = (field: string, allowed: string): string => {
            const v = record[field];
            if (typeof v !== "string" || v.trim() === "") {
                return fail(`${key}.${field}`, v, allowed);
            }
            return v;
        };
        const policy = text("policy", "the name of the policy whose finding is accepted, e.g. data-residency");
        const resource = text("resource", "a resource name, or a URN pattern with * wildcards");
        const reason = text("reason", "why the finding is accepted, e.g. a ticket");
        const approvedBy = text("approvedBy", "who accepted it, e.g. an email address");
        const expires = calendarDate(record.expires);
        if (expires === undefined) {
            return fail(`${key}.expires`, record.expires, "a date, YYYY-MM-DD (the waiver holds through that day, UTC)");
        }
        return { index, policy, resource, reason, approvedBy, expires };
    });
}

/** Today in UTC, as waivers write dates. */
export function todayUtc(now = new Date()): string {
    return now.toISOString().slice(0, 10);
}

/** Whether a waiver still holds on `today`: through its expiry day, UTC. */
export function isActive(waiver: Waiver, today: string): boolean {
    return today <= waiver.expires;
}

function glob(pattern: string, value: string): boolean {
    return new RegExp(
        `^${pattern
            .split("*")
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*")}$`,
    ).test(value);
}

/** A finding as waivers see it: its policy, and the resource (URN and name; empty URN: the stack). */
export interface Finding {
    policy: string;
    urn: string;
    name: string;
}

/** Whether a waiver covers a finding: the same policy, and its resource by name, or by URN pattern. */
export function waives(waiver: Waiver, finding: Finding): boolean {
    if (waiver.policy !== finding.policy) {
        return false;
    }
    if (waiver.resource === "*") {
        return true;
    }
    return waiver.resource.startsWith("urn:") ? glob(waiver.resource, finding.urn) : glob(waiver.resource, finding.name);
}

/** The waiver in words, for messages: `dr:waivers[0] (approved by …, until …: reason)`. */
export function describeWaiver(waiver: Waiver): string {
    return `dr:waivers[${waiver.index}] (approved by ${waiver.approvedBy}, until ${waiver.expires}: ${waiver.reason})`;
}

/** What an expired waiver adds to the finding it no longer waives. */
export function expiredNote(waiver: Waiver): string {
    return ` The waiver ${describeWaiver(waiver)} expired after ${waiver.expires}: renew it in dr:waivers, or fix the finding.`;
}

/** What a waiver that covers nothing says. */
export function staleNote(waiver: Waiver, where: string): string {
    return `${describeWaiver(waiver)} for policy ${waiver.policy} on ${waiver.resource} matches no ${where}: remove it, or correct its policy or resource.`;
}
