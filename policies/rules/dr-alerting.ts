import { ResidencyZones } from "../catalog";
import {
    Alert,
    DETECTS_TAG,
    REGION_LOSS,
    StackModel,
    TYPES,
    alerts,
    cellIntent,
    homeLossDetectors,
    judgedScope,
    subscriptionsOf,
} from "../catalog/model";
import { stackPolicy } from "./define";
import { unknownAtPreview } from "./guard";
import { stackModel } from "./model";
import { packZones } from "./scopes";
import { stackConfigObject } from "./stackConfig";
import { describeStore } from "./words";

/** The organization's own topic the stack may send to (`dr:oncall.topicArn`): read from stack config, as it comes from outside the stack. */
function externalTopic(): string | undefined {
    const oncall = stackConfigObject<{ topicArn?: unknown }>("dr", "oncall");
    return typeof oncall?.topicArn === "string" ? oncall.topicArn : undefined;
}

/** What is wrong with where an alarm or alert goes, one phrase per destination nobody hears; empty when someone does. */
export function unheard(model: StackModel, alert: Alert, external: string | undefined): string[] {
    const problems: string[] = [];
    for (const destination of alert.destinations) {
        if (destination.topic) {
            if (subscriptionsOf(model, destination.topic).length === 0) {
                problems.push(`its topic ${describeStore(destination.topic)} has no subscription in the stack`);
            }
        } else if (destination.arn !== external) {
            problems.push(`it notifies ${destination.arn}, a topic outside the stack that dr:oncall.topicArn does not name`);
        }
    }
    // One destination that someone hears is enough.
    return problems.length === alert.destinations.length ? problems : [];
}

/**
 * The finding when nothing outside the home region would see it lost: every detector of its loss (a Route 53
 * health-check alarm, or an alarm tagged dr:detects: region-loss) lives in the home region, or there is none — so
 * the loss it detects takes the detector, and the page, with it.
 */
export function detectionFinding(model: StackModel, zones: ResidencyZones): string | undefined {
    const intent = cellIntent(model);
    const home = intent.homeRegion;
    const serves = intent.anchor !== undefined || model.ofType(TYPES.healthCheck).length > 0;
    if (!home || !serves || judgedScope(model, zones) !== "region") {
        return undefined;
    }
    const detectors = homeLossDetectors(model, home);
    if (detectors.some((d) => typeof d.region === "string" && d.region !== home)) {
        return undefined;
    }
    const found =
        detectors.length === 0
            ? `nothing detects a loss of ${home}: no alarm watches a Route 53 health check of a load balancer there, and none is tagged ${DETECTS_TAG}: ${REGION_LOSS}`
            : `every detector of a loss of ${home} lives in ${home} (${detectors.map((d) => describeStore(d.alarm)).join(", ")}), so the loss it detects silences it and the topic it pages through`;
    const fix =
        home === "us-east-1"
            ? "Route 53 publishes health-check metrics only in us-east-1, so a us-east-1 home needs a probe run from another region (the DR program's HomeLossDetector runs one every minute from the DR region), its alarm tagged dr:detects: region-loss and notifying on-call there"
            : "alarm on the home load balancer's Route 53 health check in us-east-1, where Route 53 publishes its metrics, notifying on-call there (the DR program's Monitoring and HomeLossDetector do)";
    return `${found}. Fix: ${fix}.`;
}

export const drAlerting = stackPolicy("dr-alerting", (args, report, skip) => {
    const model = stackModel(args.resources);
    const detection = detectionFinding(model, packZones());
    if (detection) {
        report(detection);
    }
    const all = alerts(model);
    if (all.length === 0) {
        return skip("the stack raises no alarm and no alert that notifies SNS");
    }
    const external = externalTopic();
    const heard = (alert: Alert) => alert.destinations.length > 0 && unheard(model, alert, external).length === 0;
    for (const alert of all.filter((a) => !a.unknown)) {
        const problems = unheard(model, alert, external);
        if (problems.length > 0) {
            report(
                `${alert.kind === "alarm" ? "Alarm" : "Alert"} ${describeStore(alert.resource)} reaches nobody: ${problems.join("; ")}. ` +
                    "Fix: set dr:oncall with at least one email address, HTTPS endpoint or SNS topic ARN (the DR program subscribes every alarm topic to it), or subscribe the topic in the stack.",
                alert.resource.urn,
            );
        }
    }
    // Reported first, so an alarm whose actions are computed never hides another's finding.
    const unreadable = all.find((a) => a.unknown && !heard(a));
    if (unreadable) {
        throw unknownAtPreview(unreadable.resource.name, "alarmActions");
    }
});
