import { ModelResource, UNKNOWN, alerts, isPending, subscriptionsOf } from "../catalog/model";
import { stackPolicy } from "./define";
import { stackModel } from "./model";
import { describeStore } from "./words";

export const drAlertingUnconfirmed = stackPolicy("dr-alerting-unconfirmed", (args, report, skip) => {
    const model = stackModel(args.resources);
    const topics = new Map<string, { topic: ModelResource; alerts: number }>();
    for (const alert of alerts(model)) {
        for (const { topic } of alert.destinations) {
            if (topic) {
                topics.set(topic.urn, { topic, alerts: (topics.get(topic.urn)?.alerts ?? 0) + 1 });
            }
        }
    }
    let judged = 0;
    for (const { topic, alerts: count } of topics.values()) {
        const subscriptions = subscriptionsOf(model, topic);
        const pending = subscriptions.map(isPending);
        if (subscriptions.length === 0 || pending.includes(UNKNOWN)) {
            continue;
        }
        judged++;
        if (pending.every((p) => p === true)) {
            const endpoints = subscriptions.map((s) => `${s.props.protocol ?? "?"} ${s.props.endpoint ?? "?"}`).join(", ");
            report(
                `Topic ${describeStore(topic)} carries ${count} alarm${count === 1 ? "" : "s"} and alert${count === 1 ? "" : "s"}, but every subscription (${endpoints}) is pending confirmation as the stack's state last saw it: ` +
                    "SNS delivers nothing until an endpoint confirms. Fix: confirm from the mail SNS sent, then pulumi refresh so the state records it.",
                topic.urn,
            );
        }
    }
    if (judged === 0) {
        skip("no subscription's confirmation is known (a preview creates them)");
    }
});
