import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DR_TAGS, FIGURES, parseVaultArn } from "../../policies/catalog";
import { BackupSchedule } from "../backupSchedule";
import { BackupConfig, LOCK_MIN_RETENTION_DAYS } from "../config";
import { awsName, bucketNamePrefix } from "../names";
import { LOCK_MAX_RETENTION_DAYS } from "./backup321";
import { ReplicatedBucket } from "./replicatedBucket";

export interface BackupAuditArgs {
    /** Stack name: every control evaluates what carries its `dr:cell` tag. */
    cell: string;
    /** Where the framework and its report plans live: the home region, where the stack's backup plan runs. */
    homeRegion: string;
    /** The cell's other region, where the reports are replicated so they outlive a loss of the home region; absent: none. */
    drRegion?: string;
    /** Regions whose restore jobs the restore report covers: where the restore drills run. */
    drillRegions: string[];
    /** The home plan's schedule (`Backup321.schedule`): the frequency and the newest recovery point's age the controls require. */
    schedule: BackupSchedule;
    /** `dr:backup` as loaded: retention, lock, off-site destination. */
    backup: BackupConfig;
    /** Days a report's noncurrent versions are kept. */
    noncurrentVersionDays: number;
    /** The cell's tags, for the framework and report plans. */
    tags: Record<string, string>;
    /** The six DR tags of the report bucket, a store of its own: backed up and copied off-site like every store of the cell. */
    reportTags: Record<string, string>;
}

/**
 * The report bucket's RPO: Audit Manager delivers a day's reports at once, "between the hours of 1 and 5 AM UTC",
 * so a day of reports is what losing the newest writes costs.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/choosing-report-template.html
 */
export const REPORT_RPO = { text: "1d", seconds: 24 * 3600 };

/** One control of an Audit Manager framework: its name, input parameters, and scope. */
type Control = aws.types.input.backup.FrameworkControl;

/**
 * AWS Backup Audit Manager framework and report plan names: 1-256 letters, digits and underscores, starting with a letter.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateFramework.html
 */
function auditName(parts: string[]): string {
    return awsName(parts, { max: 256, allowed: /[A-Za-z0-9_]/, separator: "_" });
}

/** An hour as AWS Backup Audit Manager counts a recovery point's age: whole hours, 1 to 744. */
const MAX_AGE_HOURS = 744;

/**
 * The controls, with the cell's own targets as their parameters (names and parameter keys as AWS documents them):
 * every store of the cell in a backup plan; a plan as frequent as the RPO's schedule, keeping recovery points the
 * retention; recovery points kept that long and encrypted; copies off-site (the copy region, or the backup account);
 * backups in a vault locked with the program's bounds; a recovery point no older than the schedule and its windows allow;
 * and restores within the share of the RTO the recovery model gives a restore. Each scoped to the cell's tag.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-frameworks-api.html
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/bam-cfn-integration.html (crossRegionList, crossAccountList)
 */
export function frameworkControls(args: Pick<BackupAuditArgs, "cell" | "schedule" | "backup">): Control[] {
    const scope = { tags: { [DR_TAGS.cell]: args.cell } };
    const control = (name: string, parameters: Record<string, string | number> = {}): Control => ({
        name,
        inputParameters: Object.entries(parameters).map(([key, value]) => ({ name: key, value: String(value) })),
        scope,
    });
    const { schedule, backup } = args;
    const newestAgeHours = Math.ceil((schedule.everyHours * 60 + schedule.startWindowMinutes + schedule.completionWindowMinutes) / 60);
    const copyAccount = backup.copyTo === "account" && backup.copyVaultArn ? parseVaultArn(backup.copyVaultArn)?.account : undefined;
    return [
        control("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN"),
        control("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", {
            requiredFrequencyUnit: "hours",
            requiredFrequencyValue: schedule.everyHours,
            requiredRetentionDays: backup.retentionDays,
        }),
        control("BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", { requiredRetentionDays: backup.retentionDays }),
        control("BACKUP_RECOVERY_POINT_ENCRYPTED"),
        ...(backup.copyTo === "region" && backup.copyRegion
            ? [control("BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", { crossRegionList: backup.copyRegion })]
            : []),
        ...(copyAccount ? [control("BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", { crossAccountList: copyAccount })] : []),
        ...(backup.vaultLock !== "none"
            ? [
                  control("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", {
                      minRetentionDays: LOCK_MIN_RETENTION_DAYS,
                      maxRetentionDays: LOCK_MAX_RETENTION_DAYS,
                  }),
              ]
            : []),
        control("BACKUP_LAST_RECOVERY_POINT_CREATED", {
            recoveryPointAgeUnit: "hours",
            recoveryPointAgeValue: Math.min(MAX_AGE_HOURS, newestAgeHours),
        }),
        // maxRestoreTime is in minutes; the model counts every restore step (restore-*) at this figure.
        control("RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", { maxRestoreTime: Math.ceil(FIGURES.restoreFromBackup / 60) }),
    ];
}

/**
 * The cell's AWS Backup Audit Manager framework: controls that carry the cell's targets (see `frameworkControls`), and
 * report plans that deliver, daily, its control compliance and the restore jobs (the drills among them) to a bucket of
 * the cell, replicated to the DR region where the cell has one, so the evidence outlives the home region. Audit Manager evaluates
 * controls through AWS Config, which must record the resource types in each region (README, "Before pulumi up").
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-audit-manager.html
 */
export class BackupAudit extends pulumi.ComponentResource {
    readonly framework: aws.backup.Framework;
    readonly reportBucket: aws.s3.Bucket;

    constructor(name: string, args: BackupAuditArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:backup:BackupAudit", name, {}, opts);
        const parent = { parent: this };
        const home = args.homeRegion;
        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent).partition;

        this.framework = new aws.backup.Framework(
            name,
            {
                region: home,
                name: auditName(["dr", args.cell, "recovery"]),
                description: `DR cell ${args.cell}: backups, off-site copies and restores against the cell's RPO, retention and RTO`,
                controls: frameworkControls(args),
                tags: args.tags,
            },
            parent,
        );

        // Named from the account and region (known before deployment), so evidence can name the store it restored and S3's
        // global names stay unique without a random suffix; replicated to the DR region, so the evidence and the cell's
        // recovery outlive the home region.
        const bucketName = (region: string, replica: boolean) =>
            account.apply((id) => bucketNamePrefix(["dr", args.cell, "backup-reports", id, region, ...(replica ? ["replica"] : [])], 0));
        const reports = new ReplicatedBucket(
            `${name}-reports`,
            {
                cell: args.cell,
                region: home,
                replicationRegion: args.drRegion,
                twoWay: false,
                rtc: false,
                noncurrentVersionDays: args.noncurrentVersionDays,
                bucketNames: { source: bucketName(home, false), replica: bucketName(args.drRegion ?? home, true) },
                tags: args.reportTags,
                // Audit Manager writes as its service-linked role, which a customer key's policy would have to name (its own
                // policy grants no KMS use): S3-managed keys. The role exists only once a report ran, and a policy naming a missing
                // role fails ("Invalid principal"): the account is the principal, the role the condition.
                // https://docs.aws.amazon.com/aws-backup/latest/devguide/create-report-plan-console.html
                // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSServiceRolePolicyForBackupReports.html
                grants: (bucketArn) => [
                    {
                        Sid: "AuditManagerReports",
                        Effect: "Allow",
                        Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${account}:root` },
                        Action: "s3:PutObject",
                        Resource: pulumi.interpolate`${bucketArn}/*`,
                        Condition: {
                            ArnEquals: {
                                "aws:PrincipalArn": pulumi.interpolate`arn:${partition}:iam::${account}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`,
                            },
                            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" },
                        },
                    },
                ],
            },
            parent,
        );
        this.reportBucket = reports.bucket;

        // Reports land at s3://<bucket>/<prefix>/Backup/<region>/<year>/<month>/<day>/<report> as JSON (what dr evidence reads) and CSV.
        // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ReportDeliveryChannel.html
        const deliver = (prefix: string) => ({ s3BucketName: reports.bucket.bucket, s3KeyPrefix: prefix, formats: ["JSON", "CSV"] });
        const after = { parent: this, dependsOn: [reports] };
        new aws.backup.ReportPlan(
            `${name}-compliance`,
            {
                region: home,
                name: auditName(["dr", args.cell, "control_compliance"]),
                description: `DR cell ${args.cell}: daily compliance of the recovery framework's controls`,
                reportDeliveryChannel: deliver(`${args.cell}/compliance`),
                reportSetting: { reportTemplate: "CONTROL_COMPLIANCE_REPORT", frameworkArns: [this.framework.arn], numberOfFrameworks: 1 },
                tags: args.tags,
            },
            after,
        );
        // "These are the Regions to be included in the report": the drills' regions.
        // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ReportSetting.html
        new aws.backup.ReportPlan(
            `${name}-restores`,
            {
                region: home,
                name: auditName(["dr", args.cell, "restore_jobs"]),
                description: `DR cell ${args.cell}: daily report of every restore job, the restore drills among them`,
                reportDeliveryChannel: deliver(`${args.cell}/restores`),
                reportSetting: { reportTemplate: "RESTORE_JOB_REPORT", regions: args.drillRegions },
                tags: args.tags,
            },
            after,
        );
        this.registerOutputs({ frameworkArn: this.framework.arn, reportBucket: reports.bucket.bucket });
    }
}
