import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UNKNOWN, alerts } from "../../policies/catalog/model";
import { unheard } from "../../policies/rules/dr-alerting";
import { T, model, resource } from "../model/build";
import { mandatory, of, sharedLab } from "../support/lab";

const lab = sharedLab();
const PAGER = "arn:aws:sns:eu-west-1:123456789012:pager";

describe("dr-alerting through the real program and pack", () => {
    it("passes every shipped stack: each alarm topic is subscribed to dr:oncall", async () => {
        for (const s of await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)))) {
            assert.equal(of(s, "dr-alerting").length, 0, mandatory(s));
        }
    });

    it("rejects tokyo whose alarm topics nobody subscribes to, naming every alarm and alert", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            resources.filter((r) => r.type !== T.topicSubscription),
        );
        assert.equal(s.code, 1);
        const found = of(s, "dr-alerting");
        // Alerts publish to a topic; the restore validator's rule hands events to a function, and alerts nobody.
        const topics = new Set(resources.filter((r) => r.type === T.topic).map((r) => r.urn));
        const publishes = (r: (typeof resources)[number]) => (r.propertyDependencies.arn ?? []).some((urn) => topics.has(urn));
        const raised = resources.filter((r) => r.type === T.metricAlarm || (r.type === T.eventTarget && publishes(r)));
        assert.ok(raised.some((r) => r.type === T.eventTarget));
        assert.deepEqual(found.map((v) => v.urn).sort(), raised.map((r) => r.urn).sort());
        const latency = found.find((v) => v.urn.endsWith("::tokyo-monitoring-uploads-back-latency"))!;
        assert.match(
            latency.message,
            /\nAlarm aws:cloudwatch\/metricAlarm:MetricAlarm "tokyo-monitoring-uploads-back-latency" reaches nobody: its topic aws:sns\/topic:Topic "tokyo-oncall-ap-northeast-3" has no subscription in the stack\. Fix: set dr:oncall/,
        );
        assert.ok(
            found.some((v) =>
                /\nAlert aws:cloudwatch\/eventTarget:EventTarget "tokyo-backup-job-failures-ap-northeast-3-0" reaches nobody/.test(
                    v.message,
                ),
            ),
        );
    });

    it("rejects us when its only detectors of a us-east-1 loss sit in us-east-1: the loss silences them and their page", async () => {
        const { context, resources } = await lab.preview("us");
        // us without the probe HomeLossDetector runs from us-west-2: what is left are Route 53's health-check alarms in us-east-1.
        const detector = resources.find((r) => r.type === "dr:monitoring:HomeLossDetector")!;
        const withoutProbe = resources.filter((r) => r.urn !== detector.urn && r.parent !== detector.urn);
        const s = await lab.scenario(context, withoutProbe);
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-alerting").filter((f) => /detector/.test(f.message));
        assert.match(
            v.message,
            /every detector of a loss of us-east-1 lives in us-east-1 \(aws:cloudwatch\/metricAlarm:MetricAlarm "us-monitoring-health-us-east-1"/,
        );
        assert.match(
            v.message,
            /Fix: Route 53 publishes health-check metrics only in us-east-1, so a us-east-1 home needs a probe run from another region/,
        );
    });

    it("counts the probe's alarm in us-west-2 for us, and Route 53's alarm in us-east-1 for tokyo, as detectors that outlive the home region", async () => {
        for (const stack of ["us", "tokyo"]) {
            const s = await lab.plan(stack);
            assert.equal(of(s, "dr-alerting").length, 0, mandatory(s));
        }
        const { resources } = await lab.preview("us");
        const probeAlarm = resources.find((r) => r.type === T.metricAlarm && r.name === "us-home-lost-home-lost")!;
        assert.equal(probeAlarm.inputs.region, "us-west-2");
        assert.equal(probeAlarm.inputs.tags["dr:detects"], "region-loss");
    });

    it("advises, without rejecting, when every subscription of an alarm topic is still pending confirmation in live state", async () => {
        const { context, resources } = await lab.preview("eu");
        const pending = resources.map((r) =>
            r.type === T.topicSubscription ? { ...r, outputs: { ...r.outputs, pendingConfirmation: true } } : r,
        );
        const s = await lab.scenario(context, pending);
        assert.equal(s.code, 0, mandatory(s));
        const advisories = of(s, "dr-alerting-unconfirmed", "advisory");
        assert.deepEqual(advisories.map((v) => v.urn.split("::").pop()).sort(), ["eu-oncall-eu-west-1", "eu-oncall-us-east-1"]);
        assert.match(
            advisories[0].message,
            /every subscription \(email dr-oncall@example\.com\) is pending confirmation as the stack's state last saw it: SNS delivers nothing until an endpoint confirms/,
        );
    });
});

describe("dr-alerting rule", () => {
    const topic = resource(T.topic, "alarms", { region: "eu-west-1", arn: "arn:aws:sns:eu-west-1:123456789012:alarms" });
    const alarm = (actions: unknown[], deps: Record<string, any[]> = { alarmActions: [topic] }) =>
        resource(T.metricAlarm, "lag", { region: "eu-west-1", alarmActions: actions, tags: { "dr:cell": "eu" } }, deps);
    const subscription = (props: Record<string, any> = {}) =>
        resource(T.topicSubscription, "email", { topic: topic.props.arn, protocol: "email", endpoint: "a@example.com", ...props });
    const problems = (external: string | undefined, ...resources: ReturnType<typeof resource>[]) => {
        const m = model(...resources);
        return alerts(m).flatMap((a) => unheard(m, a, external));
    };

    it("hears an alarm whose topic has a subscription, joined by dependency or by ARN", () => {
        assert.deepEqual(problems(undefined, topic, alarm([topic.props.arn]), subscription()), []);
        assert.deepEqual(
            problems(undefined, topic, alarm([topic.props.arn]), resource(T.topicSubscription, "s", { topic: "x" }, { topic: [topic] })),
            [],
        );
    });

    it("judges only alarms that notify SNS: one with no action, or an auto scaling action, alerts nobody by design", () => {
        const scaling = "arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:1:autoScalingGroupName/g:policyName/up";
        assert.deepEqual(alerts(model(alarm([], {}))), []);
        assert.deepEqual(alerts(model(alarm([scaling], {}))), []);
    });

    it("counts a subscription still pending confirmation as one (dr-alerting-unconfirmed advises on it): state keeps the flag until a refresh", () => {
        assert.deepEqual(problems(undefined, topic, alarm([topic.props.arn]), subscription({ pendingConfirmation: true })), []);
    });

    it("cannot tell where an alarm with computed actions and no topic behind them goes: unknown, not a finding", () => {
        const [computed] = alerts(model(alarm([UNKNOWN], {})));
        assert.equal(computed.unknown, true);
        const [builtFromTopic] = alerts(model(topic, alarm([UNKNOWN])));
        assert.equal(builtFromTopic.unknown, false);
    });

    it("counts a topic outside the stack only when dr:oncall.topicArn names it; one heard destination is enough", () => {
        assert.deepEqual(problems(PAGER, alarm([PAGER], {})), []);
        assert.deepEqual(problems(undefined, alarm([PAGER], {})), [
            `it notifies ${PAGER}, a topic outside the stack that dr:oncall.topicArn does not name`,
        ]);
        assert.deepEqual(problems(PAGER, topic, alarm([topic.props.arn, PAGER])), []);
    });

    it("judges only DR alarms: tagged dr:*, or watching Backup, a health check or a store; not a build server's CPU", () => {
        const unsubscribed = (name: string, props: Record<string, any>, deps: Record<string, any[]> = {}) =>
            resource(
                T.metricAlarm,
                name,
                { region: "eu-west-1", alarmActions: [topic.props.arn], ...props },
                { alarmActions: [topic], ...deps },
            );
        const table = resource(T.table, "orders", { region: "eu-west-1", name: "orders" });
        const cpu = unsubscribed("cpu", { namespace: "AWS/EC2", metricName: "CPUUtilization" });
        const backupFailures = unsubscribed("backup-failures", { namespace: "AWS/Backup", metricName: "NumberOfBackupJobsFailed" });
        const throttles = unsubscribed(
            "throttles",
            { namespace: "AWS/DynamoDB", metricName: "ThrottledRequests" },
            { dimensions: [table] },
        );
        const judged = alerts(model(topic, table, cpu, backupFailures, throttles)).map((a) => a.resource.name);
        assert.deepEqual(judged.sort(), ["backup-failures", "throttles"]);
    });

    it("judges only DR events: AWS Backup's, or a rule tagged dr:*; not a console sign-in alert", () => {
        const rule = (name: string, source: string, tags: Record<string, string> = {}) =>
            resource(T.eventRule, name, { region: "eu-west-1", eventPattern: JSON.stringify({ source: [source] }), tags });
        const target = (name: string, from: ReturnType<typeof resource>) =>
            resource(T.eventTarget, name, { region: "eu-west-1", arn: topic.props.arn, rule: name }, { arn: [topic], rule: [from] });
        const signIn = rule("sign-in", "aws.signin");
        const backup = rule("backup-jobs", "aws.backup");
        const tagged = rule("ecs-stopped", "aws.ecs", { "dr:cell": "eu" });
        const judged = alerts(
            model(topic, signIn, backup, tagged, target("to-sign-in", signIn), target("to-backup", backup), target("to-ecs", tagged)),
        );
        assert.deepEqual(judged.map((a) => a.resource.name).sort(), ["to-backup", "to-ecs"]);
    });

    it("judges an EventBridge target that publishes to SNS, and no other target", () => {
        const toTopic = resource(
            T.eventTarget,
            "failures",
            { region: "eu-west-1", arn: topic.props.arn, tags: { "dr:cell": "eu" } },
            { arn: [topic] },
        );
        const toQueue = resource(T.eventTarget, "queue", { region: "eu-west-1", arn: "arn:aws:sqs:eu-west-1:123456789012:q" });
        assert.deepEqual(problems(undefined, topic, toTopic, toQueue), [
            'its topic aws:sns/topic:Topic "alarms" has no subscription in the stack',
        ]);
    });
});
