import { NightMode, SCOPES, cellRecovery, judgedScope, nightMode, nightModel, scopeRecoveries, scopeTargets } from "../catalog/model";
import { stackPolicy } from "./define";
import { rtoFindings } from "./dr-rto-target";
import { stackModel } from "./model";
import { stackRemedy } from "./remedies";
import { packTargets, packZones } from "./scopes";
import { describeNightWindow, scopeMark } from "./words";

/** A finding of the day's kind, said of the night: the night's words after the scope mark that opens it. */
function atNight(finding: string, night: NightMode): string {
    const mark = SCOPES.map(scopeMark).find((m) => finding.startsWith(m)) ?? "";
    const rest = finding.slice(mark.length);
    return `${mark}At night (${describeNightWindow(night)}), ${rest.charAt(0).toLowerCase()}${rest.slice(1)}`;
}

/**
 * A night mode whose night misses its targets: the model of what the night mode leaves running — the DR region at
 * its night tier — judged as dr-rto-target judges the day, against the night's own RTO where the stack declares one
 * (dr:nightMode.rto), else dr:rto. Every copy runs at night as by day, so the night's RPO is the day's, which
 * dr-rpo-target judges.
 */
export const drNightMode = stackPolicy("dr-night-mode", (args, report, skip) => {
    const model = stackModel(args.resources);
    const night = nightMode(model);
    const nightView = nightModel(model);
    if (!night || !nightView) {
        return skip("the stack runs no night mode");
    }
    const zones = packZones();
    const declared = night.targetRto !== undefined;
    const advice = declared
        ? ""
        : " At night the DR region runs a cheaper tier: run it at one that meets dr:rto, or declare the night's own RTO in dr:nightMode.rto.";
    const findings = rtoFindings(
        cellRecovery(nightView),
        scopeRecoveries(nightView),
        judgedScope(nightView, zones),
        scopeTargets(nightView, packTargets().value, zones),
        (r) => stackRemedy(nightView, r),
        declared ? "dr:nightMode.rto" : "dr:rto",
    );
    for (const finding of findings) {
        report(atNight(finding, night).replace(/ Fix: /, `${advice} Fix: `), night.resource.urn);
    }
});
