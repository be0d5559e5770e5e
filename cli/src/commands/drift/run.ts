import * as path from "node:path";
import { JudgeResources } from "../../assess";
import { ORGANIZATION } from "../../engine";
import { RefreshDigest, analyzedFromState, liveContext, refreshSteps, stackOf, statesOf } from "../../engine/state";
import { EXIT } from "../../errors";
import { LiveCheck, checkLive } from "../analyze/run";
import { DriftFindings, classifyDrift } from "./classify";

/** A drift run: what drifted and what it means, and the live re-check of what runs now. */
export interface DriftReport {
    stack: string;
    findings: DriftFindings;
    live: LiveCheck;
}

/**
 * Reads what drifted from a refresh digest, then re-judges the refreshed state — each resource as the
 * refresh found it, a resource it found gone left out — beside the state Pulumi last deployed.
 */
export async function driftReport(
    digest: RefreshDigest,
    file: string,
    stack: string | undefined,
    judgeResources: JudgeResources,
): Promise<DriftReport> {
    const { deployed, live } = statesOf(refreshSteps(digest));
    const named = stackOf(file, [...deployed, ...live], stack);
    const context = liveContext(named, digest.config, ORGANIZATION);
    const check = await checkLive(analyzedFromState(live), context, judgeResources, path.basename(file), analyzedFromState(deployed));
    return { stack: named.stack, findings: classifyDrift(digest), live: check };
}

/** The run's exit code: 4 critical drift or a live violation, 3 drift, 0 neither. */
export function driftExitCode(report: DriftReport): number {
    if (report.findings.critical || report.live.verdict.rejected) {
        return EXIT.critical;
    }
    return report.findings.drifted ? EXIT.drift : EXIT.pass;
}
