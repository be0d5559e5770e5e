import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { replicationBacklogAlarm, replicationLatencyAlarm } from "../alarmThresholds";
import { OnCall } from "./onCall";
import { REPLICATION_RULE_ID } from "./replicatedBucket";
import { RegionalCell } from "./regionalCell";

/** Route 53 publishes its health-check metrics only in this region. */
export const ROUTE53_METRICS_REGION = "us-east-1";

/** A global table whose replication to each replica region is watched. */
export interface WatchedTable {
    /** Name in config, part of the alarms' names. */
    name: string;
    /** Physical table name, the TableName dimension. */
    tableName: pulumi.Input<string>;
    /** The table's home region, where DynamoDB reports latency to each replica. */
    region: string;
    /** Regions receiving the table's writes. */
    replicaRegions: string[];
    /** The table's RPO, which sets the thresholds. */
    rpoSeconds: number;
}

/** One direction of a bucket's replication, watched when S3 reports it (RTC metrics). */
export interface WatchedBucket {
    /** Name in config and direction, part of the alarms' names. */
    name: string;
    /** Region of the source bucket, where S3 reports its replication metrics. */
    region: string;
    /** The source bucket's name, the SourceBucket dimension. */
    sourceBucket: pulumi.Input<string>;
    /** The destination's name, the DestinationBucket dimension. */
    destinationBucket: pulumi.Input<string>;
    /** Whether replication uses RTC, which is what turns S3's replication metrics on. */
    rtc: boolean;
    /** The bucket's RPO, which sets the thresholds. */
    rpoSeconds: number;
}

/** A database replica in another region whose lag is watched: an Aurora secondary cluster, or an RDS read replica. */
export interface WatchedDatabase {
    /** Name in config and replica region, part of the alarms' names. */
    name: string;
    kind: "aurora" | "rds";
    /** Whether the Aurora engine is PostgreSQL, which alone publishes AuroraGlobalDBRPOLag. */
    postgres: boolean;
    /** Region of the replica, where its lag is published. */
    region: string;
    /** The secondary cluster's or the replica instance's identifier. */
    identifier: pulumi.Input<string>;
    rpoSeconds: number;
}

export interface MonitoringArgs {
    /** Stack name, for descriptions and the us-east-1 topic. */
    cell: string;
    /** The cell's regions: each region's alarms notify its alarm topic. */
    cells: RegionalCell[];
    /** Tables to watch; those without replicas get no alarm. */
    tables: WatchedTable[];
    /** Buckets to watch; only replication with RTC reports metrics. */
    buckets: WatchedBucket[];
    /** Route 53 health checks by the region of the load balancer they check. */
    healthChecks: ReadonlyMap<string, aws.route53.HealthCheck>;
    /** Database replicas whose lag is watched. */
    databases: WatchedDatabase[];
    /** Where each region's alarms go. */
    oncall: OnCall;
    /** Tags for the alarms and any topic created here. */
    tags: Record<string, string>;
}

/**
 * CloudWatch alarms that tell operators a DR mechanism has stopped working before a disaster finds out:
 * DynamoDB and S3 replication falling behind the RPO, and Route 53 health checks failing. Each alarm
 * notifies on-call in its own region (CloudWatch publishes only to topics of the alarm's region);
 * health-check alarms live in us-east-1, where Route 53 publishes its metrics.
 */
export class Monitoring extends pulumi.ComponentResource {
    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:monitoring:Monitoring", name, {}, opts);
        const parent = { parent: this };
        const notify = (region: string) => {
            const destinations = args.oncall.destinations(region);
            return { alarmActions: destinations, okActions: destinations };
        };
        const alarms: aws.cloudwatch.MetricAlarm[] = [];

        for (const table of args.tables) {
            const shape = replicationLatencyAlarm(table.rpoSeconds, "Milliseconds");
            for (const receivingRegion of table.replicaRegions) {
                alarms.push(
                    new aws.cloudwatch.MetricAlarm(
                        `${name}-${table.name}-latency-${receivingRegion}`,
                        {
                            region: table.region,
                            alarmDescription: `DR cell ${args.cell}: table ${table.name} replicates to ${receivingRegion} more than half its RPO behind (${table.rpoSeconds} s).`,
                            namespace: "AWS/DynamoDB",
                            metricName: "ReplicationLatency",
                            dimensions: { TableName: table.tableName, ReceivingRegion: receivingRegion },
                            statistic: "Maximum",
                            comparisonOperator: "GreaterThanThreshold",
                            ...shape,
                            // A table nobody writes to reports no latency, which is no trouble.
                            treatMissingData: "notBreaching",
                            ...notify(table.region),
                            tags: args.tags,
                        },
                        parent,
                    ),
                );
            }
        }

        // Aurora reports a secondary's lag in milliseconds (AuroraGlobalDBReplicationLag, and AuroraGlobalDBRPOLag for
        // PostgreSQL); RDS a read replica's in seconds (ReplicaLag). Missing data breaches: a replica that reports no lag
        // is one nobody can vouch for — and the dimension, which AWS does not document for the global metrics, shows at once.
        // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html
        for (const db of args.databases) {
            const metrics =
                db.kind === "aurora"
                    ? [
                          { metric: "AuroraGlobalDBReplicationLag", unit: "Milliseconds" as const },
                          ...(db.postgres ? [{ metric: "AuroraGlobalDBRPOLag", unit: "Milliseconds" as const }] : []),
                      ]
                    : [{ metric: "ReplicaLag", unit: "Seconds" as const }];
            for (const { metric, unit } of metrics) {
                alarms.push(
                    new aws.cloudwatch.MetricAlarm(
                        `${name}-${db.name}-${metric}`,
                        {
                            region: db.region,
                            alarmDescription: `DR cell ${args.cell}: database ${db.name} replicates to ${db.region} more than half its RPO behind (${db.rpoSeconds} s).`,
                            namespace: "AWS/RDS",
                            metricName: metric,
                            dimensions:
                                db.kind === "aurora" ? { DBClusterIdentifier: db.identifier } : { DBInstanceIdentifier: db.identifier },
                            statistic: "Maximum",
                            comparisonOperator: "GreaterThanThreshold",
                            ...replicationLatencyAlarm(db.rpoSeconds, unit),
                            treatMissingData: "breaching",
                            ...notify(db.region),
                            tags: args.tags,
                        },
                        parent,
                    ),
                );
            }
        }

        for (const bucket of args.buckets) {
            if (!bucket.rtc) {
                continue;
            }
            const dimensions = {
                SourceBucket: bucket.sourceBucket,
                DestinationBucket: bucket.destinationBucket,
                RuleId: REPLICATION_RULE_ID,
            };
            const common = {
                region: bucket.region,
                namespace: "AWS/S3",
                dimensions,
                comparisonOperator: "GreaterThanThreshold",
                ...notify(bucket.region),
                tags: args.tags,
            };
            alarms.push(
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${bucket.name}-latency`,
                    {
                        ...common,
                        alarmDescription: `DR cell ${args.cell}: bucket ${bucket.name} replicates more than half its RPO behind (${bucket.rpoSeconds} s).`,
                        metricName: "ReplicationLatency",
                        statistic: "Maximum",
                        ...replicationLatencyAlarm(bucket.rpoSeconds, "Seconds"),
                        // No uploads, no latency data.
                        treatMissingData: "notBreaching",
                    },
                    parent,
                ),
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${bucket.name}-pending`,
                    {
                        ...common,
                        alarmDescription: `DR cell ${args.cell}: bucket ${bucket.name} has had objects waiting to replicate for half its RPO (${bucket.rpoSeconds} s).`,
                        metricName: "OperationsPendingReplication",
                        statistic: "Minimum",
                        ...replicationBacklogAlarm(bucket.rpoSeconds),
                        treatMissingData: "notBreaching",
                    },
                    parent,
                ),
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${bucket.name}-failed`,
                    {
                        ...common,
                        alarmDescription: `DR cell ${args.cell}: bucket ${bucket.name} failed to replicate objects (permissions, keys or a missing replica).`,
                        metricName: "OperationsFailedReplication",
                        statistic: "Sum",
                        threshold: 0,
                        period: 60,
                        evaluationPeriods: 1,
                        treatMissingData: "notBreaching",
                    },
                    parent,
                ),
            );
        }

        // A pilot light's zero tasks fail their health check by design: only regions that serve are watched.
        const serving = [...args.healthChecks].filter(([region]) => args.cells.some((c) => c.region === region && c.size.desired > 0));
        if (serving.length > 0) {
            for (const [region, healthCheck] of serving) {
                alarms.push(
                    new aws.cloudwatch.MetricAlarm(
                        `${name}-health-${region}`,
                        {
                            region: ROUTE53_METRICS_REGION,
                            alarmDescription: `DR cell ${args.cell}: the load balancer in ${region} fails its Route 53 health check.`,
                            namespace: "AWS/Route53",
                            metricName: "HealthCheckStatus",
                            dimensions: { HealthCheckId: healthCheck.id },
                            statistic: "Minimum",
                            comparisonOperator: "LessThanThreshold",
                            threshold: 1,
                            period: 60,
                            evaluationPeriods: 1,
                            // Route 53 reports every minute: silence means the check itself is gone.
                            treatMissingData: "breaching",
                            ...notify(ROUTE53_METRICS_REGION),
                            tags: args.tags,
                        },
                        parent,
                    ),
                );
            }
        }

        this.registerOutputs({ alarmNames: alarms.map((a) => a.name) });
    }
}
