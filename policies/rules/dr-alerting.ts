import * as pulumi from "@pulumi/pulumi";
import { Alert, StackModel, alerts, subscriptionsOf } from "../catalog/model";
import { stackPolicy } from "./define";
import { unknownAtPreview } from "./guard";
import { stackModel } from "./model";
import { describeStore } from "./words";

/** The organization's own topic the stack may send to (`dr:oncall.topicArn`): read from stack config, as it comes from outside the stack. */
function externalTopic(): string | undefined {
    const oncall = new pulumi.Config("dr").getObject<{ topicArn?: unknown }>("oncall");
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

export const drAlerting = stackPolicy("dr-alerting", (args, report, skip) => {
    const model = stackModel(args.resources);
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
