import { ReportViolation, UnknownValueError } from "@pulumi/policy";

/**
 * Runs a check so that it never throws. A value unknown at preview is rethrown: the analyzer turns it
 * into an advisory "can't run during preview". Any other error is reported as a violation, because
 * an exception would fail the whole preview with an opaque gRPC error, and a gate that cannot judge
 * its input must not let it pass.
 */
export function guarded<A>(policy: string, check: (args: A, report: ReportViolation) => void): (args: A, report: ReportViolation) => void {
    return (args, report) => {
        try {
            check(args, report);
        } catch (e) {
            if (e instanceof UnknownValueError) {
                throw e;
            }
            const reason = e instanceof Error ? e.message : String(e);
            report(`${policy} could not evaluate its input (${reason}); expected resources of the form the DR program produces. Report this with the resource's inputs.`);
        }
    };
}
