import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../iam";
import { LAMBDA_RUNTIME, awsName } from "../names";
import type { DrillType } from "./backup321";

const DAY_SECONDS = 24 * 3600;

/**
 * The days the restore drills run, at 03:00 UTC, after the night's backup jobs. Twice a week so that the alarm
 * below can watch them: a CloudWatch alarm sees at most seven days ("Period multiplied by EvaluationPeriods can't
 * be more than 604,800 seconds", https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html),
 * and a drill interval must fit inside that with its start window and a day of the alarm's granularity to spare.
 * A weekly drill would not: a run that completes a day later than the last one leaves seven empty days and pages
 * on-call for nothing. Each run restores every selected store: 104 restores of each a year, where monthly drills made 12.
 */
export const DRILL_DAYS = ["MON", "THU"] as const;
/** AWS cron: minutes, hours, day of month, month, day of week, year. https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingPlanForCreate.html */
export const DRILL_SCHEDULE = `cron(0 3 ? * ${DRILL_DAYS.join(",")} *)`;
/** Hours a drill may wait to start: the documented default (StartWindowHours "Defaults to 24 hours"), written out because the alarm's margin depends on it. */
export const DRILL_START_WINDOW_HOURS = 24;
/**
 * Hours AWS Backup keeps a drill's restored resources for the validator, which deletes them "upon the completion of
 * the validation script or the end of the specified retention period, whichever comes first"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html): as long as
 * Lambda keeps retrying an asynchronous invocation it could not run, six hours
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
 */
export const VALIDATION_WINDOW_HOURS = 6;
/** Days without a completed restore job before on-call is paged: the longest an alarm can watch. */
export const RESTORE_WATCH_DAYS = 7;

/** A restore testing plan of the stack, as the validation needs it. */
export interface RestoreDrill {
    /** Where the plan runs its restore jobs. */
    region: string;
    plan: aws.backup.RestoreTestingPlan;
    /** The vault it restores from: the `BackupVaultName` its restore jobs are counted under. */
    vaultName: pulumi.Input<string>;
    /** The protected resource types its selections restore. */
    types: readonly DrillType[];
}

export interface RestoreValidationArgs {
    /** Stack name, for descriptions and the function's name. */
    cell: string;
    /** The stack's restore drills (`Backup321.drills`): every region with one gets its own validator and alarms. */
    drills: readonly RestoreDrill[];
    /** Where each region's alarms go (`OnCall.destinations`). */
    destinations: (region: string) => pulumi.Input<string>[];
    /** Tags for everything that can carry them. */
    tags: Record<string, string>;
}

/** Lambda function names: 1-64 letters, digits, hyphens and underscores. https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html */
function functionName(parts: string[]): string {
    return awsName(parts, { max: 64, allowed: /[A-Za-z0-9_-]/, separator: "-" });
}

/**
 * Restore testing names everything it restores with a random suffix after `awsbackup-restore-test` (a cluster
 * identifier has no hyphen after it), so the validator reads nothing else.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html
 */
const RESTORED = "awsbackup-restore-test";

/**
 * The validator, run by Lambda's Node.js 20 runtime and its AWS SDK for JavaScript v3
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html). It checks what a drill restored and reports
 * the verdict with PutRestoreValidationResult, which the runtime's SDK may lack ("PutRestoreValidationResult is
 * not available through the Lambda SDK", https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-validation.html):
 * so that call is signed here with Signature Version 4 from the function's credentials, which Lambda hands it as
 * environment variables (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * and nothing is bundled. A verdict cannot be changed once set, and Lambda may deliver an event twice, so a job
 * already judged is left alone. A FAILED verdict, or any error, fails the invocation: the function's Errors alarm pages.
 *
 * What a SUCCESSFUL verdict proves, by type: DynamoDB — the restored table is ACTIVE and a scan finds an item;
 * S3 — the restored bucket lists an object; both unless the job reports a backup of zero bytes, when an empty
 * restore is the faithful one. Aurora — the restored cluster is available; AWS Backup restores an Aurora
 * cluster without instances (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-aur.html), so no
 * query runs and its rows are not read. RDS — the restored instance is available; the validator holds no database
 * credentials, so it runs no query either.
 */
export const VALIDATOR = `
const crypto = require("node:crypto");
const https = require("node:https");
const { BackupClient, DescribeRestoreJobCommand } = require("@aws-sdk/client-backup");
const { DynamoDBClient, DescribeTableCommand, ScanCommand } = require("@aws-sdk/client-dynamodb");
const { S3Client, ListObjectsV2Command } = require("@aws-sdk/client-s3");
const { RDSClient, DescribeDBClustersCommand, DescribeDBInstancesCommand } = require("@aws-sdk/client-rds");

const JUDGED = ["SUCCESSFUL", "FAILED", "TIMED_OUT"];
const sha256 = (data) => crypto.createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key, data) => crypto.createHmac("sha256", key).update(data, "utf8").digest();

/** The request's headers with Signature Version 4 added.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html */
function signedHeaders(request, credentials, region, service, now) {
    const amzDate = now.toISOString().replace(/[-:]|\\.\\d{3}/g, "");
    const scope = [amzDate.slice(0, 8), region, service, "aws4_request"].join("/");
    const headers = { ...request.headers, host: request.host, "x-amz-date": amzDate };
    if (credentials.sessionToken) {
        headers["x-amz-security-token"] = credentials.sessionToken;
    }
    const canonical = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value).trim()]));
    const names = Object.keys(canonical).sort();
    const headerLines = names.map((n) => n + ":" + canonical[n]);
    const canonicalRequest = [request.method, request.path, "", ...headerLines, "", names.join(";"), sha256(request.body)].join("\\n");
    const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\\n");
    const key = scope.split("/").reduce((k, part) => hmac(k, part), "AWS4" + credentials.secretAccessKey);
    const signature = crypto.createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
    const credential = "Credential=" + credentials.accessKeyId + "/" + scope;
    const authorization = "AWS4-HMAC-SHA256 " + credential + ", SignedHeaders=" + names.join(";") + ", Signature=" + signature;
    return { ...headers, authorization };
}

/** PUT /restore-jobs/{id}/validations: https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutRestoreValidationResult.html */
function putRestoreValidationResult(restoreJobId, status, message) {
    const region = process.env.AWS_REGION;
    const body = JSON.stringify({ ValidationStatus: status, ValidationStatusMessage: message });
    const path = "/restore-jobs/" + encodeURIComponent(restoreJobId) + "/validations";
    const request = { method: "PUT", host: process.env.BACKUP_ENDPOINT, path, headers: { "content-type": "application/json" }, body };
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;
    const credentials = { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, sessionToken: AWS_SESSION_TOKEN };
    const headers = { ...signedHeaders(request, credentials, region, "backup", new Date()), "content-length": Buffer.byteLength(body) };
    return new Promise((resolve, reject) => {
        const call = https.request({ method: "PUT", host: request.host, path, headers, timeout: 10000 }, (response) => {
            let text = "";
            response.on("data", (chunk) => (text += chunk));
            response.on("end", () =>
                response.statusCode < 300
                    ? resolve()
                    : reject(new Error("PutRestoreValidationResult answered " + response.statusCode + ": " + text)),
            );
        });
        call.on("timeout", () => call.destroy(new Error("PutRestoreValidationResult timed out")));
        call.on("error", reject);
        call.end(body);
    });
}

/** A store's verdict: it holds data, or is empty only when what was backed up was. */
function holdsData(job, found, what, unit) {
    if (found) {
        return { ok: true, message: what + " holds at least one " + unit };
    }
    if (job.BackupSizeInBytes === 0) {
        return { ok: true, message: what + " is empty, as its backup of 0 bytes was" };
    }
    const size = job.BackupSizeInBytes ?? "an unknown number of";
    return { ok: false, message: what + " holds no " + unit + " though its backup holds " + size + " bytes" };
}

const CHECKS = {
    async DynamoDB(job) {
        const table = job.CreatedResourceArn.split(":table/")[1];
        const dynamodb = new DynamoDBClient({});
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
        if (Table.TableStatus !== "ACTIVE") {
            return { ok: false, message: "table " + table + " is " + Table.TableStatus + ", not ACTIVE" };
        }
        // COUNT reads no item into the function: the restored data stays where it is.
        const scan = await dynamodb.send(new ScanCommand({ TableName: table, Select: "COUNT", Limit: 1 }));
        return holdsData(job, scan.Count > 0 || scan.LastEvaluatedKey !== undefined, "table " + table, "item");
    },
    async S3(job) {
        const bucket = job.CreatedResourceArn.split(":::")[1];
        const listed = await new S3Client({}).send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }));
        return holdsData(job, (listed.KeyCount ?? 0) > 0, "bucket " + bucket, "object");
    },
    async Aurora(job) {
        const id = job.CreatedResourceArn.split(":cluster:")[1];
        const { DBClusters } = await new RDSClient({}).send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }));
        const status = DBClusters[0].Status;
        return status === "available"
            ? { ok: true, message: "cluster " + id + " is available (restored without instances: no query ran)" }
            : { ok: false, message: "cluster " + id + " is " + status + ", not available" };
    },
    async RDS(job) {
        const id = job.CreatedResourceArn.split(":db:")[1];
        const { DBInstances } = await new RDSClient({}).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
        const status = DBInstances[0].DBInstanceStatus;
        return status === "available"
            ? { ok: true, message: "instance " + id + " is available (no query ran)" }
            : { ok: false, message: "instance " + id + " is " + status + ", not available" };
    },
};

exports.signedHeaders = signedHeaders;

exports.handler = async (event) => {
    const restoreJobId = event.detail && event.detail.restoreJobId;
    if (!restoreJobId) {
        throw new Error("the event names no restore job: " + JSON.stringify(event).slice(0, 500));
    }
    const job = await new BackupClient({}).send(new DescribeRestoreJobCommand({ RestoreJobId: restoreJobId }));
    const plan = job.CreatedBy && job.CreatedBy.RestoreTestingPlanArn;
    if (!plan || job.Status !== "COMPLETED" || JUDGED.includes(job.ValidationStatus)) {
        console.log("restore job " + restoreJobId + " left alone: plan " + plan + ", status " + job.Status + ", verdict " + job.ValidationStatus);
        return;
    }
    const check = CHECKS[job.ResourceType];
    const verdict = check ? await check(job) : { ok: false, message: "no check for a restored " + job.ResourceType };
    await putRestoreValidationResult(restoreJobId, verdict.ok ? "SUCCESSFUL" : "FAILED", verdict.message);
    console.log("restore job " + restoreJobId + " of " + plan + ": " + (verdict.ok ? "SUCCESSFUL" : "FAILED") + ", " + verdict.message);
    if (!verdict.ok) {
        throw new Error("restore drill " + plan + " failed validation: " + verdict.message);
    }
};
`;

/**
 * Proof that the restore drills restore something usable, and a page when they do not: in every region where a
 * drill runs, an EventBridge rule hands each completed restore job of the stack's plans there to the validator
 * (see `VALIDATOR`), whose role may read only what restore testing restores and report the verdict; an alarm on
 * the validator's errors (a FAILED verdict among them); and an alarm when no restore job completes for a week,
 * which is what a plan selecting nothing, a broken role or a lost vault looks like. The validation model of
 * `dr-restore-tested` counts a drill only where such a rule, function and role exist.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-validation.html
 */
export class RestoreValidation extends pulumi.ComponentResource {
    constructor(name: string, args: RestoreValidationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:backup:RestoreValidation", name, {}, opts);
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent);
        const regions = [...new Set(args.drills.map((d) => d.region))];
        const validators: Record<string, pulumi.Output<string>> = {};
        for (const region of regions) {
            const drills = args.drills.filter((d) => d.region === region);
            const regional = `${name}-${region}`;
            const role = new aws.iam.Role(
                regional,
                {
                    description: `Validates the restore drills of DR cell ${args.cell} in ${region}`,
                    assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", account),
                    tags: args.tags,
                },
                parent,
            );
            const arn = (service: string, resource: string) =>
                pulumi.interpolate`arn:${partition.partition}:${service}:${region}:${account}:${resource}`;
            const fnName = functionName(["dr", args.cell, "restore-validation"]);
            // The function's own log group, named as Lambda would name it, made first so that it keeps a retention.
            // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html
            const logGroupName = `/aws/lambda/${fnName}`;
            const logGroup = new aws.cloudwatch.LogGroup(
                regional,
                { region, name: logGroupName, retentionInDays: 30, tags: args.tags },
                parent,
            );
            // Built from names, not outputs, so that the policy pack reads it before deployment.
            new aws.iam.RolePolicy(
                regional,
                {
                    role: role.id,
                    policy: pulumi.jsonStringify({
                        Version: "2012-10-17",
                        Statement: [
                            // Neither action takes a resource: the region is what bounds them.
                            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsbackup.html
                            {
                                Sid: "ReadAndJudgeRestoreJobs",
                                Effect: "Allow",
                                Action: ["backup:DescribeRestoreJob", "backup:PutRestoreValidationResult"],
                                Resource: "*",
                                Condition: { StringEquals: { "aws:RequestedRegion": region } },
                            },
                            // Each read takes the resource it reads, so only what restore testing restored is readable.
                            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html,
                            // list_amazons3.html, list_amazonrds.html
                            {
                                Effect: "Allow",
                                Action: ["dynamodb:DescribeTable", "dynamodb:Scan"],
                                Resource: arn("dynamodb", `table/${RESTORED}-*`),
                            },
                            {
                                Effect: "Allow",
                                Action: "s3:ListBucket",
                                Resource: pulumi.interpolate`arn:${partition.partition}:s3:::${RESTORED}-*`,
                            },
                            { Effect: "Allow", Action: "rds:DescribeDBClusters", Resource: arn("rds", `cluster:${RESTORED}*`) },
                            { Effect: "Allow", Action: "rds:DescribeDBInstances", Resource: arn("rds", `db:${RESTORED}-*`) },
                            {
                                Effect: "Allow",
                                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                                Resource: arn("logs", `log-group:${logGroupName}:*`),
                            },
                        ],
                    }),
                },
                parent,
            );
            const validator = new aws.lambda.Function(
                regional,
                {
                    region,
                    name: fnName,
                    description: `Validates what the restore drills of DR cell ${args.cell} restore in ${region}`,
                    runtime: LAMBDA_RUNTIME,
                    handler: "index.handler",
                    role: role.arn,
                    timeout: 60,
                    memorySize: 256,
                    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(VALIDATOR) }),
                    environment: { variables: { BACKUP_ENDPOINT: pulumi.interpolate`backup.${region}.${partition.dnsSuffix}` } },
                    loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
                    tags: args.tags,
                },
                parent,
            );
            validators[region] = validator.arn;
            // Restore jobs end COMPLETED, and the event carries the plan that started them.
            // https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-validation.html
            const completed = new aws.cloudwatch.EventRule(
                regional,
                {
                    region,
                    description: `DR cell ${args.cell}: a restore drill's job completed in ${region}, to validate`,
                    eventPattern: pulumi.jsonStringify({
                        source: ["aws.backup"],
                        "detail-type": ["Restore Job State Change"],
                        detail: { status: ["COMPLETED"], restoreTestingPlanArn: drills.map((d) => d.plan.arn) },
                    }),
                    tags: args.tags,
                },
                parent,
            );
            new aws.lambda.Permission(
                regional,
                {
                    region,
                    action: "lambda:InvokeFunction",
                    function: validator.name,
                    principal: "events.amazonaws.com",
                    sourceArn: completed.arn,
                },
                parent,
            );
            new aws.cloudwatch.EventTarget(regional, { region, rule: completed.name, arn: validator.arn }, parent);
            this.alarms(regional, region, validator, drills, args);
        }
        this.registerOutputs({ regions, validatorArns: validators });
    }

    private alarms(
        name: string,
        region: string,
        validator: aws.lambda.Function,
        drills: RestoreDrill[],
        args: RestoreValidationArgs,
    ): void {
        const parent = { parent: this };
        const notify = { alarmActions: args.destinations(region), okActions: args.destinations(region), tags: args.tags };
        new aws.cloudwatch.MetricAlarm(
            `${name}-failed`,
            {
                region,
                alarmDescription:
                    `DR cell ${args.cell}: a restore drill in ${region} failed validation, or its validator could not run. ` +
                    `The validator's log and the restore job's validation status say which.`,
                namespace: "AWS/Lambda",
                metricName: "Errors",
                dimensions: { FunctionName: validator.name },
                statistic: "Sum",
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                threshold: 1,
                period: 300,
                evaluationPeriods: 1,
                // No invocation is no error: the alarm below watches for drills that stop.
                treatMissingData: "notBreaching",
                ...notify,
            },
            parent,
        );
        // AWS/Backup counts completed restore jobs by the vault restored from and the resource type; a week with no
        // datapoint is a week with no restore, hence breaching. https://docs.aws.amazon.com/aws-backup/latest/devguide/cloudwatch.html
        const restores = drills.flatMap((d) => d.types.map((type) => ({ vaultName: d.vaultName, type })));
        new aws.cloudwatch.MetricAlarm(
            `${name}-no-restore`,
            {
                region,
                alarmDescription:
                    `DR cell ${args.cell}: no restore drill in ${region} completed a restore job in ${RESTORE_WATCH_DAYS} days, though they run ` +
                    `${DRILL_DAYS.join(" and ")}: a drill that selects nothing, a broken restore role or a lost vault tests nothing.`,
                comparisonOperator: "LessThanThreshold",
                threshold: 1,
                evaluationPeriods: RESTORE_WATCH_DAYS,
                datapointsToAlarm: RESTORE_WATCH_DAYS,
                treatMissingData: "breaching",
                metricQueries: [
                    { id: "completed", expression: "SUM(METRICS())", label: "restore jobs completed", returnData: true },
                    ...restores.map(({ vaultName, type }, i) => ({
                        id: `m${i}`,
                        metric: {
                            namespace: "AWS/Backup",
                            metricName: "NumberOfRestoreJobsCompleted",
                            dimensions: { BackupVaultName: vaultName, ResourceType: type },
                            period: DAY_SECONDS,
                            stat: "Sum",
                        },
                        returnData: false,
                    })),
                ],
                ...notify,
            },
            parent,
        );
    }
}
