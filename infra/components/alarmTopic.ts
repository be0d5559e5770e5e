import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AlarmTopicArgs {
    /** Stack name, for descriptions. */
    cell: string;
    /** Region of the topic: alarms notify topics in their own region only. */
    region: string;
    /** What the topic carries, for the key's description. */
    purpose: string;
    /** AWS services that publish to the topic, e.g. cloudwatch.amazonaws.com. */
    publishers: string[];
    /** Tags for the key and the topic. */
    tags: Record<string, string>;
}

/**
 * What each publisher needs of the topic's key. CloudWatch is held to this account. EventBridge gets the key's
 * use without a source condition: AWS documents the key grant for EventBridge → encrypted SNS without one
 * (https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification), and a failed grant drops
 * every Backup failure alert silently (the rule counts a FailedInvocation, nobody is paged). The topic policy
 * still admits only this account's rules.
 */
function keyStatements(publishers: string[], fromThisAccount: object): object[] {
    const use = { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" };
    const events = publishers.filter((p) => p === "events.amazonaws.com");
    const others = publishers.filter((p) => p !== "events.amazonaws.com");
    return [
        ...(others.length > 0 ? [{ Sid: "AlarmPublishers", Principal: { Service: others }, ...use, Condition: fromThisAccount }] : []),
        ...(events.length > 0 ? [{ Sid: "EventBridgeRules", Principal: { Service: events }, ...use }] : []),
    ];
}

/**
 * An SNS topic for alarms, encrypted with a customer key that its publishing services (and only
 * they, from this account) may use, and refusing publication without TLS.
 */
export class AlarmTopic extends pulumi.ComponentResource {
    readonly topic: aws.sns.Topic;

    constructor(name: string, args: AlarmTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:monitoring:AlarmTopic", name, {}, opts);
        const { region, publishers } = args;
        const parent = { parent: this };
        const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent).partition;
        const fromThisAccount = { StringEquals: { "aws:SourceAccount": accountId } };
        const key = new aws.kms.Key(
            name,
            {
                region,
                description: `DR cell ${args.cell}: ${args.purpose} in ${region}`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        // AWS's default key policy: the account administers the key through IAM, so it can never be orphaned.
                        {
                            Sid: "AccountAdministers",
                            Effect: "Allow",
                            Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
                            Action: "kms:*",
                            Resource: "*",
                        },
                        ...keyStatements(publishers, fromThisAccount),
                    ],
                }),
                tags: args.tags,
            },
            parent,
        );
        this.topic = new aws.sns.Topic(name, { region, kmsMasterKeyId: key.arn, tags: args.tags }, parent);
        new aws.sns.TopicPolicy(
            name,
            {
                region,
                arn: this.topic.arn,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "AlarmPublishers",
                            Effect: "Allow",
                            Principal: { Service: publishers },
                            Action: ["sns:Publish"],
                            Resource: this.topic.arn,
                            Condition: fromThisAccount,
                        },
                        {
                            Sid: "DenyInsecureTransport",
                            Effect: "Deny",
                            Principal: "*",
                            Action: ["sns:Publish"],
                            Resource: this.topic.arn,
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                    ],
                }),
            },
            parent,
        );
        this.registerOutputs({ region, topicArn: this.topic.arn, publishers });
    }
}
