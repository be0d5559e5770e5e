import { perModel } from "./cache";
import { ModelResource, StackModel, TYPES, Unknown, list, record, text } from "./resources";

/** Where an alarm or alert is sent: a topic of the stack, or a topic ARN from outside it. */
export interface Destination {
    topic?: ModelResource;
    arn?: string | Unknown;
}

/** A DR alarm (a CloudWatch alarm) or alert (an EventBridge target that publishes to SNS), and where it goes. */
export interface Alert {
    resource: ModelResource;
    kind: "alarm" | "event";
    destinations: Destination[];
}

const SNS_ARN = /^arn:aws[a-z-]*:sns:/;

/** The topics of the stack an ARN list property was built from, and the ARNs written into it from outside. */
function destinationsOf(model: StackModel, resource: ModelResource, property: string, values: unknown[]): Destination[] {
    const topics = model.deps(resource, property, TYPES.topic);
    const external = values.map(text).filter((arn): arn is string => typeof arn === "string" && !topics.some((t) => text(t.props.arn) === arn));
    return [...topics.map((topic) => ({ topic })), ...external.map((arn) => ({ arn }))];
}

/** Every CloudWatch alarm of the stack, and every EventBridge target that publishes to SNS. */
export const alerts = perModel((model): Alert[] => {
    const alarms = model.ofType(TYPES.metricAlarm).map((alarm) => ({
        resource: alarm,
        kind: "alarm" as const,
        destinations: destinationsOf(model, alarm, "alarmActions", list(alarm.props.alarmActions)),
    }));
    const events = model
        .ofType(TYPES.eventTarget)
        .map((target) => ({ resource: target, kind: "event" as const, destinations: destinationsOf(model, target, "arn", [target.props.arn]) }))
        .filter((e) => e.destinations.some((d) => d.topic !== undefined || (typeof d.arn === "string" && SNS_ARN.test(d.arn))));
    return [...alarms, ...events];
});

/** Subscriptions of the stack to a topic: built from it, or naming its ARN. */
export function subscriptionsOf(model: StackModel, topic: ModelResource): ModelResource[] {
    const arn = text(topic.props.arn);
    return model.ofType(TYPES.topicSubscription).filter((s) => model.deps(s, "topic").some((t) => t.urn === topic.urn) || (typeof arn === "string" && s.props.topic === arn));
}

/**
 * Whether a subscription delivers: any subscription at preview; in live state, not one still pending
 * confirmation (SNS sends nothing to an email or HTTPS endpoint that has not confirmed).
 * https://www.pulumi.com/registry/packages/aws/api-docs/sns/topicsubscription/ (pendingConfirmation)
 */
export function delivers(subscription: ModelResource): boolean {
    return record(subscription.props).pendingConfirmation !== true;
}
