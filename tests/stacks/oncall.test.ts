import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { StackView, runStack } from "./stack";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const FUNCTION = "aws:lambda/function:Function";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const PAGER = "arn:aws:sns:us-east-1:123456789012:pager";

const inputs = (r: CapturedResource) => r.inputs as Record<string, any>;

/** The topics of the stack an alarm's actions or an event target's ARN were built from. */
function topicsOf(view: StackView, r: CapturedResource): CapturedResource[] {
    const key = r.type === ALARM ? "alarmActions" : "arn";
    return (r.propertyDependencies[key] ?? []).map((urn) => view.byUrn(urn)!).filter((t) => t.type === TOPIC);
}

/** The endpoints subscribed to a topic, as protocol:endpoint. */
function subscribers(view: StackView, topic: CapturedResource): string[] {
    return view
        .ofType(SUBSCRIPTION)
        .filter((s) => (s.propertyDependencies.topic ?? []).includes(topic.urn))
        .map((s) => `${inputs(s).protocol}:${inputs(s).endpoint}`)
        .sort();
}

/**
 * Every alarm, and every event target that alerts: a rule matching events (the Backup failure rules'), not a
 * schedule that runs a job, nor a rule that hands events to a function (the restore validator's).
 */
function alerts(view: StackView): CapturedResource[] {
    return [...view.ofType(ALARM), ...view.ofType(EVENT_TARGET).filter((t) => matchesEvents(view, t))];
}

function matchesEvents(view: StackView, target: CapturedResource): boolean {
    const rule = view.byUrn((target.propertyDependencies.rule ?? [])[0]);
    const invokesFunction = (target.propertyDependencies.arn ?? []).some((urn) => view.byUrn(urn)?.type === FUNCTION);
    return rule !== undefined && inputs(rule).eventPattern !== undefined && !invokesFunction;
}

/** Where each alarm, and each Backup failure rule (through its targets), sends: by name, region and ARNs. */
function notifications(view: StackView): { name: string; region: string; arns: unknown[] }[] {
    type Sent = { name: string; region: string; arns: unknown[] };
    const byRule = new Map<string, Sent>();
    for (const target of view.ofType(EVENT_TARGET).filter((t) => matchesEvents(view, t))) {
        const rule = (target.propertyDependencies.rule ?? [])[0];
        const entry: Sent = byRule.get(rule) ?? { name: rule, region: inputs(target).region, arns: [] };
        entry.arns.push(inputs(target).arn);
        byRule.set(rule, entry);
    }
    const alarms = view.ofType(ALARM).map((a): Sent => ({ name: a.name, region: inputs(a).region, arns: inputs(a).alarmActions }));
    return [...alarms, ...byRule.values()];
}

describe("on-call hears every alarm and failure alert", async () => {
    const views = Object.fromEntries(await Promise.all(["tokyo", "us", "eu"].map(async (s) => [s, await runStack(s)] as const)));

    for (const stack of ["tokyo", "us", "eu"]) {
        it(`${stack}: each alarm and alert goes to the on-call topic of its own region, which dr:oncall's address is subscribed to`, () => {
            const view = views[stack];
            assert.ok(alerts(view).length >= 3);
            for (const alert of alerts(view)) {
                const [topic, ...others] = topicsOf(view, alert);
                assert.ok(topic && others.length === 0, `${alert.name} goes to ${others.length + (topic ? 1 : 0)} topics of the stack`);
                assert.equal(inputs(topic).region, inputs(alert).region, `${alert.name} publishes to a topic in another region`);
                assert.deepEqual(subscribers(view, topic), ["email:dr-oncall@example.com"], `${topic.name}`);
            }
        });
    }

    it("each on-call topic's key lets this account's CloudWatch alarms and EventBridge rules publish: EventBridge with no source condition", () => {
        for (const view of Object.values(views)) {
            for (const topic of view.ofType(TOPIC)) {
                const key = view.byUrn((topic.propertyDependencies.kmsMasterKeyId ?? [])[0])!;
                const statements = JSON.parse(inputs(key).policy).Statement;
                const byService = (service: string) => statements.find((s: any) => [s.Principal?.Service].flat().includes(service));
                assert.ok(
                    byService("cloudwatch.amazonaws.com")?.Condition?.StringEquals?.["aws:SourceAccount"],
                    `${key.name}: CloudWatch held to this account`,
                );
                assert.deepEqual(byService("events.amazonaws.com")?.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
                assert.equal(
                    byService("events.amazonaws.com").Condition,
                    undefined,
                    `${key.name}: a source condition drops EventBridge's alerts`,
                );
            }
        }
    });

    it("us with a paging endpoint and the organization's topic: every topic gets the endpoint, alarms in the topic's region also notify it", async () => {
        const view = await runStack("us", {
            edit: (c) => (c["dr:oncall"] = { https: ["https://events.pagerduty.com/integration/abc/enqueue"], topicArn: PAGER }),
        });
        for (const topic of view.ofType(TOPIC)) {
            assert.deepEqual(subscribers(view, topic), ["https:https://events.pagerduty.com/integration/abc/enqueue"]);
        }
        const sent = notifications(view);
        assert.ok(sent.some((n) => n.region === "us-west-2"));
        for (const { name, region, arns } of sent) {
            assert.equal(arns.includes(PAGER), region === "us-east-1", `${name} in ${region}`);
        }
    });

    it("us with the organization's topic alone does not build: its alarms in us-west-2 could reach nobody", async () => {
        await assert.rejects(
            runStack("us", { edit: (c) => (c["dr:oncall"] = { topicArn: PAGER }) }),
            /dr:oncall is .*the stack raises alarms in us-west-2/,
        );
    });
});
