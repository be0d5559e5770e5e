import { TYPES, readRouting } from "../../../policies/catalog/model";
import { AnalyzedResource, Diagnostic, StackContext, Verdict } from "../engine";
import { modelOf } from "./posture";

/** A stack among those planned together: its config and resources, and what its packs said. */
interface PlannedStack {
    context: StackContext;
    resources: AnalyzedResource[];
    verdict: Verdict;
}

/** The check no single stack's pack can make: it needs every stack at once. */
export const GEOLOCATION_POLICY = { policyPack: "dr plan", policy: "dr-geolocation-unique" } as const;

/**
 * Geolocation codes that two stacks claim on one host name. Route 53 refuses a second geolocation record
 * for a location a name already has one for ("You can't create two geolocation resource record sets that
 * specify the same geographic location"), so the second stack's `pulumi up` would fail.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
 */
function geolocationConflicts(plans: PlannedStack[]): Map<string, Diagnostic[]> {
    const claims = new Map<string, { stack: string; urn: string }[]>();
    for (const plan of plans) {
        const model = modelOf(plan.resources, plan.context.config);
        for (const routing of model.ofType(TYPES.routing)) {
            const { hostName, geo } = readRouting(routing);
            // DNS names compare without case or a trailing dot.
            const name = hostName?.toLowerCase().replace(/\.$/, "");
            for (const code of name ? (geo ?? []) : []) {
                const key = JSON.stringify([name, code]);
                claims.set(key, [...(claims.get(key) ?? []), { stack: plan.context.stack, urn: routing.urn }]);
            }
        }
    }
    const findings = new Map<string, Diagnostic[]>();
    for (const [key, claimants] of claims) {
        const stacks = [...new Set(claimants.map((c) => c.stack))];
        if (stacks.length < 2) {
            continue;
        }
        const [hostName, code] = JSON.parse(key) as [string, string];
        for (const claimant of claimants) {
            const others = stacks.filter((s) => s !== claimant.stack);
            const message =
                `Stacks ${stacks.join(" and ")} both route ${code === "*" ? "the default location (*)" : code} on ${hostName}: Route 53 takes one geolocation record per location and name, ` +
                `so whichever deploys second fails. Fix: claim ${code} in dr:routing.geo of one stack only (here ${claimant.stack}, or ${others.join(", ")}).`;
            findings.set(claimant.stack, [
                ...(findings.get(claimant.stack) ?? []),
                { ...GEOLOCATION_POLICY, enforcementLevel: "mandatory", urn: claimant.urn, message },
            ]);
        }
    }
    return findings;
}

/** The plans with every cross-stack finding added to the stacks it concerns. */
export function withCrossStackFindings<S extends PlannedStack>(plans: S[]): S[] {
    const conflicts = geolocationConflicts(plans);
    return plans.map((plan) => {
        const added = conflicts.get(plan.context.stack) ?? [];
        if (added.length === 0) {
            return plan;
        }
        const violations = [...plan.verdict.violations, ...added];
        return { ...plan, verdict: { ...plan.verdict, violations, rejected: true } };
    });
}
