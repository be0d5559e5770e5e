import { Waiver, expiredNote, isActive, readWaivers, staleNote, waives } from "../../../policies/catalog/waivers";
import { Diagnostic, StackContext, Verdict } from "../engine";
import { InputError } from "../errors";
import { clip, quote } from "../text";

/** A finding as dr reports it: a pack's diagnostic, marked when a waiver of the stack (dr:waivers) accepts it. */
export interface AssessedDiagnostic extends Diagnostic {
    /** Set while a waiver accepts this violation: it then rejects nothing. */
    waived?: { reason: string; approvedBy: string; expires: string };
}

/** The packs' verdict with the stack's waivers applied: rejected only by a mandatory violation no waiver accepts. */
export interface AssessedVerdict extends Verdict {
    violations: AssessedDiagnostic[];
}

/**
 * The stack's waivers as dr applies them, to every pack's findings (the DR pack applies the same ones to its
 * own in a real `pulumi preview`): read from `dr:waivers`, checked for form; `file` names the config in errors.
 */
export function stackWaivers(context: StackContext, file: string): Waiver[] {
    const text = context.config["dr:waivers"];
    const fail = (key: string, value: unknown, allowed: string): never => {
        throw new InputError(`${file}: ${clip(key)} is ${quote(value)}; expected ${allowed}.`);
    };
    if (text === undefined) {
        return [];
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        value = text;
    }
    return readWaivers(value, fail);
}

/** The context packs get when dr applies the waivers itself: the same config less dr:waivers, so they report every finding. */
export function withoutWaivers(context: StackContext): StackContext {
    const { "dr:waivers": _, ...config } = context.config;
    return { ...context, config };
}

/** The pack and policy names a waiver may name: every policy of the packs that judged, and dr plan's own. */
export function knownPolicies(verdict: Verdict, own: string[] = []): string[] {
    return [...new Set([...verdict.packs.flatMap((p) => p.policies.map((policy) => policy.name)), ...own])];
}

/**
 * The verdict with the waivers applied on `today`: a violation an active waiver covers is marked waived and
 * rejects nothing; one whose waiver expired says so and rejects; a waiver that covers nothing is reported
 * as stale. A waiver naming a policy no pack has is bad input.
 */
export function applyWaivers(
    verdict: Verdict,
    waivers: Waiver[],
    today: string,
    known: string[],
    nameOf: (urn: string) => string,
    file: string,
): AssessedVerdict {
    for (const waiver of waivers) {
        if (!known.includes(waiver.policy)) {
            throw new InputError(
                `${file}: dr:waivers[${waiver.index}].policy is ${quote(waiver.policy)}; expected a policy of the packs that judged the stack: ${known.join(", ")}.`,
            );
        }
    }
    const used = new Set<number>();
    const violations = verdict.violations.map((v): AssessedDiagnostic => {
        const finding = { policy: v.policy, urn: v.urn, name: v.urn === "" ? "stack" : nameOf(v.urn) };
        const covering = waivers.filter((w) => waives(w, finding));
        covering.forEach((w) => used.add(w.index));
        const active = covering.find((w) => isActive(w, today));
        if (active) {
            return { ...v, waived: { reason: active.reason, approvedBy: active.approvedBy, expires: active.expires } };
        }
        return covering.length > 0 ? { ...v, message: `${v.message}${expiredNote(covering[0])}` } : v;
    });
    const stale: AssessedDiagnostic[] = waivers
        .filter((w) => !used.has(w.index))
        .map((w) => ({
            policyPack: "dr plan",
            policy: "dr-waivers",
            enforcementLevel: "advisory",
            urn: "",
            message: staleNote(w, "finding of this stack"),
        }));
    const all = [...violations, ...stale];
    return { ...verdict, violations: all, rejected: all.some((v) => v.enforcementLevel === "mandatory" && !v.waived) };
}
