import { isStatefulType } from "../stores";
import { perModel } from "./cache";
import { builtByDrComponents } from "./components";
import { ModelResource, StackModel, TYPES, UNKNOWN, Unknown, list, record, text } from "./resources";

/** Where an alarm or alert is sent: a topic of the stack, or a topic ARN from outside it. */
export interface Destination {
    topic?: ModelResource;
    arn?: string;
}

/**
 * A DR alarm (a CloudWatch alarm that notifies SNS) or alert (an EventBridge target that publishes to SNS),
 * and where it goes. `unknown` when some of its actions cannot be read before deployment.
 */
export interface Alert {
    resource: ModelResource;
    kind: "alarm" | "event";
    destinations: Destination[];
    unknown: boolean;
}

const SNS_ARN = /^arn:aws[a-z-]*:sns:/;

/**
 * The SNS destinations an ARN list property holds: the stack's topics it was built from, and SNS ARNs written
 * into it from outside. Other actions (an auto scaling policy, an SSM action) alert nobody and are left out.
 */
function destinationsOf(
    model: StackModel,
    resource: ModelResource,
    property: string,
    values: unknown,
): { destinations: Destination[]; unknown: boolean } {
    const topics = model.deps(resource, property, TYPES.topic);
    const known = new Set(topics.map((t) => text(t.props.arn)).filter((arn): arn is string => typeof arn === "string"));
    const entries = values === UNKNOWN ? [UNKNOWN] : list(values).map(text);
    const external = entries.filter((arn): arn is string => typeof arn === "string" && SNS_ARN.test(arn) && !known.has(arn));
    // An unknown entry is one of the stack's topics when the property was built from one; otherwise it cannot be told.
    const unknown = entries.some((arn) => arn === UNKNOWN) && topics.length === 0;
    return { destinations: [...topics.map((topic) => ({ topic })), ...external.map((arn) => ({ arn }))], unknown };
}

/** Metrics every one of which is about recovery: AWS Backup's jobs. https://docs.aws.amazon.com/aws-backup/latest/devguide/cloudwatch.html */
const RECOVERY_NAMESPACES = ["AWS/Backup"];

/** Events every one of which is about recovery: AWS Backup's job state changes. https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html */
const RECOVERY_EVENT_SOURCES = ["aws.backup"];

/** Whether a resource says it is about DR: a `dr:` tag, or built by the DR program's components. */
function markedForDr(r: ModelResource): boolean {
    return Object.keys(record(r.props.tags)).some((key) => key.startsWith("dr:")) || builtByDrComponents(r.urn);
}

/**
 * Whether an alarm detects a DR-relevant failure: it says so (a `dr:` tag, a DR component's), or it watches recovery
 * itself — AWS Backup's metrics, a Route 53 health check (what failover acts on), a store or vault of the stack. A CPU
 * alarm on a build server is not a DR alarm, and dr-alerting does not judge it.
 */
function detectsDrFailure(model: StackModel, alarm: ModelResource): boolean {
    return (
        markedForDr(alarm) ||
        RECOVERY_NAMESPACES.includes(String(alarm.props.namespace)) ||
        (alarm.props.namespace === "AWS/Route53" && alarm.props.metricName === "HealthCheckStatus") ||
        model.deps(alarm, "dimensions").some((r) => isStatefulType(r.type) || r.type === TYPES.healthCheck || r.type === TYPES.vault)
    );
}

/** The sources an event pattern matches, from its JSON. */
function eventSources(pattern: unknown): string[] {
    try {
        const source = record(typeof pattern === "string" ? JSON.parse(pattern) : undefined).source;
        return list(source).filter((s): s is string => typeof s === "string");
    } catch {
        return [];
    }
}

/**
 * Whether an EventBridge target carries a DR-relevant event: it or its rule says so, or the rule matches AWS Backup's
 * events. A console sign-in alert to SNS is a security alert, not a DR one.
 */
function carriesDrEvent(model: StackModel, target: ModelResource): boolean {
    const rules = model.deps(target, "rule", TYPES.eventRule);
    return (
        markedForDr(target) ||
        rules.some((rule) => markedForDr(rule) || eventSources(rule.props.eventPattern).some((s) => RECOVERY_EVENT_SOURCES.includes(s)))
    );
}

/**
 * Every DR alarm of the stack that notifies SNS, and every EventBridge target of a DR event that publishes to SNS:
 * the alerts someone must hear when recovery is needed or failing. Other alarms are the team's business.
 */
export const alerts = perModel((model): Alert[] => {
    const alarms = model
        .ofType(TYPES.metricAlarm)
        .filter((alarm) => detectsDrFailure(model, alarm))
        .map((alarm) => ({
            resource: alarm,
            kind: "alarm" as const,
            ...destinationsOf(model, alarm, "alarmActions", alarm.props.alarmActions),
        }));
    const events = model
        .ofType(TYPES.eventTarget)
        .filter((target) => carriesDrEvent(model, target))
        .map((target) => {
            const { destinations } = destinationsOf(model, target, "arn", [target.props.arn]);
            return { resource: target, kind: "event" as const, destinations, unknown: false };
        });
    return [...alarms, ...events].filter((a) => a.destinations.length > 0 || a.unknown);
});

/** Subscriptions of the stack to a topic: built from it, or naming its ARN. */
export function subscriptionsOf(model: StackModel, topic: ModelResource): ModelResource[] {
    const arn = text(topic.props.arn);
    return model
        .ofType(TYPES.topicSubscription)
        .filter((s) => model.deps(s, "topic").some((t) => t.urn === topic.urn) || (typeof arn === "string" && s.props.topic === arn));
}

/**
 * Whether a subscription still waits for its endpoint to confirm it, as live state last saw it: SNS sends
 * nothing to an email or HTTPS endpoint until it confirms, and Pulumi records the flag at creation, so it
 * stays true in state until a refresh. Unknown (false) in a preview.
 * https://www.pulumi.com/registry/packages/aws/api-docs/sns/topicsubscription/ (pendingConfirmation)
 */
export function isPending(subscription: ModelResource): boolean | Unknown {
    const pending = record(subscription.props).pendingConfirmation;
    return pending === UNKNOWN ? UNKNOWN : pending === true;
}

/** The tag by which an alarm says it detects the loss of its cell's home region, for a metric the model cannot read (a probe's). */
export const DETECTS_TAG = "dr:detects";
export const REGION_LOSS = "region-loss";

/** An alarm that turns red when the home region is lost, and where it lives. */
export interface Detector {
    alarm: ModelResource;
    region: string | Unknown | undefined;
}

/**
 * The alarms that detect a loss of `home`: an alarm on a Route 53 health check that probes a load balancer there
 * (those live in us-east-1, where Route 53 publishes its metrics), or one tagged `dr:detects: region-loss` (a probe
 * of the home region run elsewhere). https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html
 */
export function homeLossDetectors(model: StackModel, home: string): Detector[] {
    return model
        .ofType(TYPES.metricAlarm)
        .filter((alarm) => {
            if (record(alarm.props.tags)[DETECTS_TAG] === REGION_LOSS) {
                return true;
            }
            if (alarm.props.namespace !== "AWS/Route53" || alarm.props.metricName !== "HealthCheckStatus") {
                return false;
            }
            return model
                .deps(alarm, "dimensions", TYPES.healthCheck)
                .some((check) =>
                    model.deps(check, "fqdn", TYPES.loadBalancer, TYPES.albLoadBalancer).some((lb) => model.regionOf(lb) === home),
                );
        })
        .map((alarm) => ({ alarm, region: model.regionOf(alarm) }));
}
