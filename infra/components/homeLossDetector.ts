import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DETECTS_TAG, REGION_LOSS } from "../../policies/catalog/model";
import { serviceTrustPolicy } from "../iam";
import { LAMBDA_RUNTIME } from "../names";

export interface HomeLossDetectorArgs {
    /** Stack name, for descriptions and the metric's dimension. */
    cell: string;
    homeRegion: string;
    drRegion: string;
    /** The Route 53 health check of the home region's load balancer. */
    homeHealthCheck: aws.route53.HealthCheck;
    /** The home load balancer's DNS name and the host name its certificate is for: what the probe connects to. */
    homeLoadBalancerDnsName: pulumi.Input<string>;
    hostName: string;
    /** The region where Route 53 publishes health-check metrics (us-east-1). */
    metricsRegion: string;
    /** Where each region's alarms go (OnCall.destinations). */
    destinations: (region: string) => pulumi.Input<string>[];
    tags: Record<string, string>;
}

/** Seconds between the probe's runs and the alarm's periods: one minute, EventBridge's finest rate. */
const PROBE_PERIOD = 60;
/** Consecutive failed minutes before the home region counts as lost: one slow answer is no disaster. */
const LOST_AFTER_PERIODS = 3;

/** The probe: GET /health from the home load balancer, with the host name's TLS certificate checked, as a metric here. */
const PROBE = `
const https = require("node:https");
const { CloudWatchClient, PutMetricDataCommand } = require("@aws-sdk/client-cloudwatch");
const healthy = () => new Promise((resolve) => {
    const request = https.get({ host: process.env.LOAD_BALANCER, servername: process.env.HOST_NAME, headers: { host: process.env.HOST_NAME }, path: "/health", timeout: 10000 },
        (response) => { response.resume(); resolve(response.statusCode === 200 ? 1 : 0); });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(0));
});
exports.handler = async () => {
    const value = await healthy();
    await new CloudWatchClient({}).send(new PutMetricDataCommand({
        Namespace: "DR/HomeRegion",
        MetricData: [{ MetricName: "Healthy", Dimensions: [{ Name: "Cell", Value: process.env.CELL }], Value: value }],
    }));
};
`;

/**
 * What sees the home region's loss from outside it, and pages on-call through a topic that outlives it: the
 * home health check's alarm in us-east-1, where Route 53 publishes its metrics, when home is another region;
 * for a us-east-1 home, whose loss takes those metrics and alarms with it, a probe of the home load balancer
 * that runs in the DR region every minute (a Lambda function on an EventBridge schedule) and its alarm there.
 * Its alarm is what the cell's failover plan triggers on. Missing data never starts a failover that may lose
 * data; a probe that stops reporting pages on its own.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html
 */
export class HomeLossDetector extends pulumi.ComponentResource {
    /** Red once the home region has failed for three minutes, seen from outside it. */
    readonly alarm: aws.cloudwatch.MetricAlarm;
    /** Where the alarm lives. */
    readonly region: string;

    constructor(name: string, args: HomeLossDetectorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:monitoring:HomeLossDetector", name, {}, opts);
        const parent = { parent: this };
        const description = `DR cell ${args.cell}: ${args.homeRegion} has failed for ${LOST_AFTER_PERIODS} minutes, seen from outside it.`;
        const lost = { comparisonOperator: "LessThanThreshold", threshold: 1, statistic: "Minimum", period: PROBE_PERIOD };
        if (args.metricsRegion !== args.homeRegion) {
            this.region = args.metricsRegion;
            this.alarm = new aws.cloudwatch.MetricAlarm(
                `${name}-home-lost`,
                {
                    region: this.region,
                    alarmDescription: description,
                    namespace: "AWS/Route53",
                    metricName: "HealthCheckStatus",
                    dimensions: { HealthCheckId: args.homeHealthCheck.id },
                    ...lost,
                    evaluationPeriods: LOST_AFTER_PERIODS,
                    treatMissingData: "notBreaching",
                    alarmActions: args.destinations(this.region),
                    okActions: args.destinations(this.region),
                    tags: { ...args.tags, [DETECTS_TAG]: REGION_LOSS },
                },
                parent,
            );
        } else {
            this.region = args.drRegion;
            this.alarm = this.probe(name, args, description, lost);
        }
        this.registerOutputs({ alarmArn: this.alarm.arn, region: this.region });
    }

    private probe(
        name: string,
        args: HomeLossDetectorArgs,
        description: string,
        lost: Record<string, unknown>,
    ): aws.cloudwatch.MetricAlarm {
        const region = args.drRegion;
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const role = new aws.iam.Role(
            `${name}-probe`,
            {
                description: `Probes ${args.homeRegion} for DR cell ${args.cell} from ${region}`,
                assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", account),
                tags: args.tags,
            },
            parent,
        );
        const logGroup = new aws.cloudwatch.LogGroup(`${name}-probe`, { region, retentionInDays: 30, tags: args.tags }, parent);
        new aws.iam.RolePolicy(
            `${name}-probe`,
            {
                role: role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        // PutMetricData takes no resource: the namespace condition is what bounds it.
                        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html
                        {
                            Effect: "Allow",
                            Action: "cloudwatch:PutMetricData",
                            Resource: "*",
                            Condition: { StringEquals: { "cloudwatch:namespace": "DR/HomeRegion" } },
                        },
                        {
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: pulumi.interpolate`${logGroup.arn}:*`,
                        },
                    ],
                }),
            },
            parent,
        );
        // Node.js runtimes from 18 carry the AWS SDK for JavaScript v3. https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html
        const probe = new aws.lambda.Function(
            `${name}-probe`,
            {
                region,
                description: `Probes the load balancer in ${args.homeRegion} for DR cell ${args.cell}`,
                runtime: LAMBDA_RUNTIME,
                handler: "index.handler",
                role: role.arn,
                timeout: 30,
                memorySize: 128,
                code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(PROBE) }),
                environment: { variables: { LOAD_BALANCER: args.homeLoadBalancerDnsName, HOST_NAME: args.hostName, CELL: args.cell } },
                loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
                tags: args.tags,
            },
            parent,
        );
        const schedule = new aws.cloudwatch.EventRule(
            `${name}-probe`,
            {
                region,
                description: `Every minute: probe ${args.homeRegion} for DR cell ${args.cell}`,
                scheduleExpression: "rate(1 minute)",
                tags: args.tags,
            },
            parent,
        );
        new aws.lambda.Permission(
            `${name}-probe`,
            { region, action: "lambda:InvokeFunction", function: probe.name, principal: "events.amazonaws.com", sourceArn: schedule.arn },
            parent,
        );
        new aws.cloudwatch.EventTarget(`${name}-probe`, { region, rule: schedule.name, arn: probe.arn }, parent);
        const metric = { namespace: "DR/HomeRegion", metricName: "Healthy", dimensions: { Cell: args.cell } };
        // The probe itself silent: nothing watches the home region any more, so on-call must know.
        new aws.cloudwatch.MetricAlarm(
            `${name}-probe-silent`,
            {
                region,
                alarmDescription: `DR cell ${args.cell}: the probe of ${args.homeRegion} in ${region} has stopped reporting.`,
                ...metric,
                statistic: "SampleCount",
                comparisonOperator: "LessThanThreshold",
                threshold: 1,
                period: PROBE_PERIOD,
                evaluationPeriods: 5,
                treatMissingData: "breaching",
                alarmActions: args.destinations(region),
                okActions: args.destinations(region),
                tags: args.tags,
            },
            parent,
        );
        return new aws.cloudwatch.MetricAlarm(
            `${name}-home-lost`,
            {
                region,
                alarmDescription: description,
                ...metric,
                ...lost,
                evaluationPeriods: LOST_AFTER_PERIODS,
                treatMissingData: "notBreaching",
                alarmActions: args.destinations(region),
                okActions: args.destinations(region),
                // The model cannot read what a probe's custom metric watches: the tag says it.
                tags: { ...args.tags, [DETECTS_TAG]: REGION_LOSS },
            },
            parent,
        );
    }
}
