import { PolicyResource, ReportViolation, UnknownValueError } from "@pulumi/policy";
import { WaiverSet, packWaivers } from "./waivers";

/** The engine's marker for an unknown string: what a check raises the SDK's own "can't run during preview" with. */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The error that makes the SDK report "can't run during preview" (advisory) for a value of `resource` that is
 * computed at preview. Throw it after reporting every finding that can be told, so one unknown hides none.
 */
export function unknownAtPreview(resource: string, property: string): UnknownValueError {
    return new UnknownValueError(UNKNOWN_STRING, [resource, property]);
}

/** Tells the guard that a check does not apply to its input, and why (e.g. a resource that holds no data). */
export type Skip = (reason: string) => void;

/**
 * Runs a check so that it never throws. A value unknown at preview is rethrown: the analyzer turns it
 * into an advisory "can't run during preview". Any other error is reported as a violation, because
 * an exception would fail the whole preview with an opaque gRPC error, and a gate that cannot judge
 * its input must not let it pass. A check that does not apply calls `skip`, which the guard turns into
 * the analyzer's `notApplicable` once the check has returned.
 */
export function guarded<A extends GuardedArgs>(
    policy: string,
    check: (args: A, report: ReportViolation, skip: Skip) => void,
): (args: A, report: ReportViolation) => void {
    const run = (args: A, report: ReportViolation) => {
        let skipped: string | undefined;
        try {
            check(args, report, (reason) => {
                skipped = reason;
            });
        } catch (e) {
            if (e instanceof UnknownValueError) {
                throw e;
            }
            const reason = e instanceof Error ? e.message : String(e);
            report(
                `${policy} could not evaluate its input (${reason}); expected resources of the form the DR program produces. Report this with the resource's inputs.`,
            );
        }
        return skipped;
    };
    CHECKS.set(policy, run as (args: GuardedArgs, report: ReportViolation) => string | undefined);
    return (args, report) => {
        const skipped = run(args, waived(policy, args, report, packWaivers()));
        if (skipped !== undefined) {
            args.notApplicable(skipped);
        }
    };
}

/** What a check reads of its arguments: a stack check its resources, a resource check its own urn and name. */
export interface GuardedArgs {
    notApplicable(reason?: string): never;
    resources?: PolicyResource[];
    urn?: string;
    name?: string;
}

/** Every guarded check of the pack by policy name, for the dr-waivers policy to run again. */
export const CHECKS = new Map<string, (args: GuardedArgs, report: ReportViolation) => string | undefined>();

/** A finding's resource name: the resource checked, one of the stack's, or "stack" for the stack itself. */
export function findingName(args: GuardedArgs, urn: string): string {
    if (urn === "") {
        return "stack";
    }
    return args.urn === urn ? (args.name ?? urn) : (args.resources?.find((r) => r.urn === urn)?.name ?? urn.split("::").pop() ?? urn);
}

/**
 * Reports through the stack's waivers (a real pulumi preview hands the pack dr:waivers): a finding an active
 * waiver covers is left to dr-waivers to report as waived; one whose waiver expired says so.
 */
function waived(policy: string, args: GuardedArgs, report: ReportViolation, waivers: WaiverSet): ReportViolation {
    if (waivers.all.length === 0) {
        return report;
    }
    return (message, urn) => {
        const at = urn ?? args.urn ?? "";
        const verdict = waivers.judge({ policy, urn: at, name: findingName(args, at) });
        if (verdict.active) {
            return;
        }
        report(verdict.expired ? `${message}${verdict.expired}` : message, urn);
    };
}
