import * as pulumi from "@pulumi/pulumi";
import { DrConfig, clip, quote, readDrConfig } from "../policies/catalog";

// The program's names for the stack config's types; the schema (policies/catalog/config/) defines them.
export type {
    BackupConfig,
    BucketConfig,
    DatabaseConfig,
    DrConfig,
    Duration,
    OnCallConfig,
    RoutingConfig,
    TableConfig,
} from "../policies/catalog";
export { LOCK_MIN_RETENTION_DAYS } from "../policies/catalog";

/** A stack config value of the wrong form. Its message names the key, the value and what is allowed. */
export class ConfigError extends pulumi.RunError {
    constructor(
        readonly file: string,
        readonly key: string,
        readonly value: unknown,
        readonly allowed: string,
    ) {
        super(`${file}: ${clip(key)} is ${quote(value)}; expected ${allowed}.`);
        this.name = "ConfigError";
    }
}

/**
 * Reads and checks the stack's `dr:*` config (and `aws:region`) into one typed object.
 * Form only: types, enums, durations, regions. Policy (residency, RPO, 3-2-1) is the pack's job.
 */
export function loadConfig(all: Record<string, string> = pulumi.runtime.allConfig(), stack = pulumi.getStack()): DrConfig {
    const file = `Pulumi.${stack}.yaml`;
    return readDrConfig(all, stack, (key, value, allowed) => {
        throw new ConfigError(file, key, value, allowed);
    });
}

/**
 * Checks that dr:oncall reaches every region the stack raises alarms in. The email and HTTPS destinations are
 * subscribed to a topic in each; an existing topic serves its own region only, since CloudWatch alarm actions
 * take a topic of the alarm's own region only (PutMetricAlarm answers "ValidationError: Invalid region
 * ca-central-1 specified. Only us-west-2 is supported", https://github.com/cds-snc/notification-terraform/pull/128),
 * and SNS delivers across regions only to SQS and Lambda, never topic to topic
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-cross-region-delivery.html).
 */
export function checkOnCallReaches(config: DrConfig, alarmRegions: string[]): void {
    const { email, https, topicArn } = config.oncall;
    const topicRegion = topicArn?.split(":")[3];
    const unreached = email.length + https.length > 0 ? [] : alarmRegions.filter((region) => region !== topicRegion);
    if (unreached.length > 0) {
        throw new ConfigError(
            `Pulumi.${config.cell}.yaml`,
            "dr:oncall",
            { topicArn },
            `email addresses or HTTPS endpoints as well: the stack raises alarms in ${unreached.join(", ")}, and an alarm publishes only to a topic of its own region (topicArn serves ${topicRegion})`,
        );
    }
}
