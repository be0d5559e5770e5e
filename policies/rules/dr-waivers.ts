import { Policy, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { Finding, describeWaiver, staleNote, waives } from "../catalog/waivers";
import { packFacts } from "./define";
import { CHECKS, findingName } from "./guard";
import { packWaivers } from "./waivers";

/** A finding of a policy's check, run again without waivers. */
interface RawFinding extends Finding {
    message: string;
}

/** Runs a guarded check without waivers and collects what it finds; a value unknown at preview hides nothing else. */
function findings(policy: string, kind: "stack" | "resource", args: StackValidationArgs): RawFinding[] {
    const check = CHECKS.get(policy);
    if (!check) {
        return [];
    }
    const found: RawFinding[] = [];
    const run = (checkArgs: Parameters<typeof check>[0], own?: PolicyResource) => {
        const collect: ReportViolation = (message, urn) => {
            const at = urn ?? own?.urn ?? "";
            found.push({ policy, urn: at, name: findingName(checkArgs, at), message });
        };
        try {
            check(checkArgs, collect);
        } catch (e) {
            if (!(e instanceof UnknownValueError)) {
                throw e;
            }
        }
    };
    const notApplicable = (): never => {
        throw new Error("notApplicable is the guard's to call");
    };
    if (kind === "stack") {
        run({ ...args, notApplicable });
    } else {
        for (const r of args.resources) {
            run({ ...r, getConfig: args.getConfig, notApplicable } as never, r);
        }
    }
    return found;
}

/**
 * The pack's own report of the stack's waivers in a real pulumi preview (dr plan applies them itself, to
 * every pack): each finding an active waiver covers, as waived, and each waiver that covers nothing.
 */
export function drWaivers(policies: Policy[]): StackValidationPolicy {
    const kinds = new Map(policies.map((p) => [p.name, "validateResource" in p ? ("resource" as const) : ("stack" as const)]));
    return {
        ...packFacts("dr-waivers"),
        validateStack: (args, report) => {
            const waivers = packWaivers();
            if (waivers.problem) {
                report(
                    `dr:waivers cannot be read (${waivers.problem}), so no finding is waived. Fix: correct dr:waivers as the program's config error says.`,
                );
                return;
            }
            if (waivers.all.length === 0) {
                args.notApplicable("the stack has no waivers");
            }
            const used = new Set<number>();
            for (const [policy, kind] of kinds) {
                for (const finding of findings(policy, kind, args)) {
                    // An expired waiver still matches (its finding rejects, naming it): it is not stale.
                    waivers.all.filter((w) => waives(w, finding)).forEach((w) => used.add(w.index));
                    const { active } = waivers.judge(finding);
                    if (active) {
                        used.add(active.index);
                        report(
                            `Waived: ${policy} on ${finding.name} is accepted by ${describeWaiver(active)}. The finding: ${finding.message.split("\n").pop()}`,
                            finding.urn || undefined,
                        );
                    }
                }
            }
            for (const waiver of waivers.all.filter((w) => !used.has(w.index))) {
                report(
                    staleNote(
                        waiver,
                        kinds.has(waiver.policy)
                            ? "finding of this stack"
                            : "policy of the DR pack (dr plan applies waivers to every pack's findings)",
                    ),
                );
            }
        },
    };
}
