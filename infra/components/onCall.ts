import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OnCallConfig } from "../config";
import { AlarmTopic } from "./alarmTopic";

export interface OnCallArgs {
    /** Stack name, for descriptions. */
    cell: string;
    /** Every region where the stack raises alarms or alerts: each gets a topic (CloudWatch and EventBridge publish only to topics of their own region). */
    regions: string[];
    /** `dr:oncall`: the people and systems every alarm reaches. */
    oncall: OnCallConfig;
    /** Tags for the topics and their keys. */
    tags: Record<string, string>;
}

/**
 * Where every DR alarm and failure alert goes: an encrypted topic per region, subscribed to each on-call
 * email address and HTTPS endpoint, and — in its own region — the organization's existing topic.
 * Email and HTTPS subscriptions stay pending until the recipient confirms them; Pulumi creates them at
 * once (https://www.pulumi.com/registry/packages/aws/api-docs/sns/topicsubscription/).
 */
export class OnCall extends pulumi.ComponentResource {
    private readonly topics = new Map<string, aws.sns.Topic>();
    private readonly external?: { arn: string; region: string };

    constructor(name: string, args: OnCallArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:monitoring:OnCall", name, {}, opts);
        const parent = { parent: this };
        const topicArn = args.oncall.topicArn;
        // Checked for form by the config: arn:aws:sns:<region>:<account>:<name>.
        this.external = topicArn ? { arn: topicArn, region: topicArn.split(":")[3] } : undefined;
        for (const region of args.regions) {
            const topic = new AlarmTopic(
                `${name}-${region}`,
                {
                    cell: args.cell,
                    region,
                    purpose: "alarm topic",
                    publishers: ["cloudwatch.amazonaws.com", "events.amazonaws.com"],
                    tags: args.tags,
                },
                parent,
            ).topic;
            this.topics.set(region, topic);
            for (const [protocol, endpoints] of [
                ["email", args.oncall.email],
                ["https", args.oncall.https],
            ] as const) {
                endpoints.forEach((endpoint, i) => {
                    new aws.sns.TopicSubscription(
                        `${name}-${region}-${protocol}-${i}`,
                        { region, topic: topic.arn, protocol, endpoint },
                        parent,
                    );
                });
            }
        }
        this.registerOutputs({
            topicArns: Object.fromEntries([...this.topics].map(([region, topic]) => [region, topic.arn])),
            externalTopicArn: topicArn,
        });
    }

    /** The stack's alarm topic in `region`. */
    topic(region: string): aws.sns.Topic {
        const topic = this.topics.get(region);
        if (!topic) {
            throw new Error(`OnCall has no topic in ${region}; it has ${[...this.topics.keys()].join(", ")}`);
        }
        return topic;
    }

    /** Every topic an alarm or alert in `region` notifies: the stack's, and the organization's when it is in that region. */
    destinations(region: string): pulumi.Input<string>[] {
        return [this.topic(region).arn, ...(this.external?.region === region ? [this.external.arn] : [])];
    }
}
