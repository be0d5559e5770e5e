/**
 * Waivers that expire: a stack's `dr:waivers` lets a named person accept one policy's finding on one
 * resource until a date. One reading and one matching for the program (form), the pack (in a real
 * `pulumi preview`) and `dr plan`, so they act the same.
 */
import { ConfigFail } from "./config/form";
import { readValue } from "./config/read";
import { WAIVERS, Waiver } from "./config/schema";

export type { Waiver } from "./config/schema";

/** Reads `dr:waivers` (absent: none), checking its form (config/schema.ts); `fail` names the first bad value. */
export function readWaivers(value: unknown, fail: ConfigFail): Waiver[] {
    return readValue(WAIVERS, value, "dr:waivers", fail) ?? [];
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
