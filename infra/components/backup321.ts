import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BackupOutputs, DR_TAGS, parseVaultArn } from "../../policies/catalog";
import { FIGURES } from "../../policies/catalog/figures";
import { backupLifecycle, backupSchedule } from "../backupSchedule";
import { BackupConfig } from "../config";
import { serviceTrustPolicy } from "../iam";
import { Registered } from "../registered";

export interface Backup321Args {
    /** Stack name: the `dr:cell` tag value the selection backs up. */
    cell: string;
    /** Home region, where the stores, the plan and the home vault live. */
    homeRegion: string;
    /** The tightest RPO, in seconds, among the stores the selection covers; sets the schedule. */
    rpoSeconds: number;
    /** `dr:backup` as loaded: retention, vault lock and the off-site destination. */
    backup: BackupConfig;
    /** The home cell's alarm topic, told of failed backup and copy jobs. */
    alarmTopic: aws.sns.Topic;
    /** Tags for everything that can carry them. */
    tags: Record<string, string>;
}

/** AWS-managed policies of the backup role: back up and restore every supported type, S3 included. */
const MANAGED_POLICIES = [
    "service-role/AWSBackupServiceRolePolicyForBackup",
    "service-role/AWSBackupServiceRolePolicyForRestores",
    "AWSBackupServiceRolePolicyForS3Backup",
    "AWSBackupServiceRolePolicyForS3Restore",
];

/** AWS Backup lets a compliance-mode lock be removed for this many days, then never. */
const LOCK_GRACE_DAYS = 3;

/** Job states that mean no recovery point (or no off-site copy) was made. */
const FAILED_STATES = ["FAILED", "ABORTED", "EXPIRED"];

/**
 * The point-in-time copies that complete 3-2-1 for every store tagged with the cell: a locked,
 * customer-key vault in the home region, a plan on the RPO's schedule, a copy of each recovery
 * point to an off-site vault (another region, or another account), a monthly restore drill of the
 * tables, and an alarm on every failed backup or copy job.
 */
export class Backup321 extends pulumi.ComponentResource {
    readonly homeVault: aws.backup.Vault;
    /** The off-site vault this stack creates; absent when the copy goes to another account. */
    readonly copyVault?: aws.backup.Vault;
    readonly plan: aws.backup.Plan;

    constructor(name: string, args: Backup321Args, opts?: pulumi.ComponentResourceOptions) {
        super("dr:backup:Backup321", name, {}, opts);
        const region = args.homeRegion;
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent);
        const partition = aws.getPartitionOutput({}, parent);
        // The same copy-lag budget the pack's RPO model adds to the schedule, so the off-site copy meets the RPO.
        const schedule = backupSchedule(args.rpoSeconds, FIGURES.backupCopyLag);
        const lifecycle = backupLifecycle(args.backup.retentionDays);

        this.homeVault = this.vault(`${name}-home`, region, args);
        let copyVaultArn: pulumi.Input<string>;
        let copyRegion: string;
        if (args.backup.copyTo === "region") {
            copyRegion = args.backup.copyRegion!;
            this.copyVault = this.vault(`${name}-offsite`, copyRegion, args);
            copyVaultArn = this.copyVault.arn;
        } else {
            const arn = args.backup.copyVaultArn!;
            copyVaultArn = arn;
            // Checked for form by the config, so it parses.
            copyRegion = parseVaultArn(arn)!.region;
        }

        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description: `AWS Backup for DR cell ${args.cell}: backups, copies and restore drills`,
                assumeRolePolicy: serviceTrustPolicy("backup.amazonaws.com", account.accountId),
                tags: args.tags,
            },
            parent,
        );
        const attachments = MANAGED_POLICIES.map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-${policy.split("/").pop()}`,
                    { role: role.name, policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/${policy}` },
                    parent,
                ),
        );

        this.plan = new aws.backup.Plan(
            name,
            {
                region,
                name: `dr-${args.cell}`,
                rules: [
                    {
                        ruleName: schedule.name,
                        targetVaultName: this.homeVault.name,
                        schedule: schedule.expression,
                        // Start within the hour: AWS's default 8-hour window would stretch the gap between recovery points past the RPO.
                        startWindow: 60,
                        // Snapshot jobs on a schedule, not continuous backup: the RPO model reads the schedule, and PITR already covers the tables.
                        enableContinuousBackup: false,
                        lifecycle,
                        copyActions: [{ destinationVaultArn: copyVaultArn, lifecycle }],
                        recoveryPointTags: args.tags,
                    },
                ],
                tags: args.tags,
            },
            parent,
        );
        new aws.backup.Selection(
            name,
            {
                region,
                name: `dr-${args.cell}-tagged`,
                planId: this.plan.id,
                iamRoleArn: role.arn,
                // By tag, so a store added later is backed up without touching the plan.
                selectionTags: [{ type: "STRINGEQUALS", key: DR_TAGS.cell, value: args.cell }],
            },
            // A selection whose role lacks its policies fails its first jobs.
            { parent: this, dependsOn: attachments },
        );

        this.restoreDrill(name, args, role, attachments);
        this.failureAlarm(name, args);

        const outputs: Registered<BackupOutputs> = {
            // The pack tells a copy in another account from one in this account by comparing with it.
            account: account.accountId,
            homeVault: { name: this.homeVault.name, region },
            copyDestination: { to: args.backup.copyTo, vaultName: this.copyVault?.name, vaultArn: copyVaultArn, region: copyRegion },
            schedule: schedule.expression,
            everyHours: schedule.everyHours,
            retentionDays: args.backup.retentionDays,
            vaultLock: args.backup.vaultLock,
        };
        this.registerOutputs(outputs);
    }

    /** A vault with its own rotating customer key and, when asked, a compliance-mode lock; it outlives the stack. */
    private vault(name: string, region: string, args: Backup321Args): aws.backup.Vault {
        const key = new aws.kms.Key(
            name,
            {
                region,
                description: `DR cell ${args.cell}: backup vault in ${region}`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                tags: args.tags,
            },
            // Losing the key loses every recovery point in the vault.
            { parent: this, protect: true },
        );
        const vault = new aws.backup.Vault(
            name,
            { region, name: `dr-${args.cell}-${region}`, kmsKeyArn: key.arn, forceDestroy: false, tags: args.tags },
            { parent: this, protect: true, retainOnDelete: true },
        );
        if (args.backup.vaultLock) {
            new aws.backup.VaultLockConfiguration(
                name,
                {
                    region,
                    backupVaultName: vault.name,
                    changeableForDays: LOCK_GRACE_DAYS,
                    minRetentionDays: args.backup.retentionDays,
                    maxRetentionDays: args.backup.retentionDays,
                },
                // Dropping the lock during its grace period would silently make recovery points deletable.
                { parent: this, protect: true },
            );
        }
        return vault;
    }

    /** A monthly restore of each table's latest recovery point from the home vault: the DR drill runs itself. */
    private restoreDrill(name: string, args: Backup321Args, role: aws.iam.Role, attachments: aws.iam.RolePolicyAttachment[]): void {
        const region = args.homeRegion;
        // Restore-testing names allow only letters, digits and underscores.
        const drillName = `dr_${args.cell}_drill`.replace(/[^A-Za-z0-9_]/g, "_");
        const drill = new aws.backup.RestoreTestingPlan(
            name,
            {
                region,
                name: drillName,
                // 03:00 UTC on the 1st, after the night's jobs.
                scheduleExpression: "cron(0 3 1 * ? *)",
                recoveryPointSelection: {
                    algorithm: "LATEST_WITHIN_WINDOW",
                    includeVaults: [this.homeVault.arn],
                    recoveryPointTypes: ["SNAPSHOT"],
                    selectionWindowDays: 7,
                },
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.backup.RestoreTestingSelection(
            `${name}-tables`,
            {
                region,
                name: `${drillName}_tables`,
                restoreTestingPlanName: drill.name,
                protectedResourceType: "DynamoDB",
                iamRoleArn: role.arn,
                // Tag conditions apply only with the wildcard resource list.
                protectedResourceArns: ["*"],
                protectedResourceConditions: { stringEquals: [{ key: `aws:ResourceTag/${DR_TAGS.cell}`, value: args.cell }] },
            },
            { parent: this, dependsOn: attachments },
        );
    }

    /** Failed, aborted or expired backup and copy jobs, and failed restores, page the home cell's alarm topic. */
    private failureAlarm(name: string, args: Backup321Args): void {
        const region = args.homeRegion;
        const rule = new aws.cloudwatch.EventRule(
            `${name}-job-failures`,
            {
                region,
                description: `DR cell ${args.cell}: AWS Backup backup or copy job that made no recovery point`,
                eventPattern: JSON.stringify({
                    source: ["aws.backup"],
                    "detail-type": ["Backup Job State Change", "Copy Job State Change"],
                    detail: { state: FAILED_STATES },
                }),
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.cloudwatch.EventTarget(`${name}-job-failures`, { region, rule: rule.name, arn: args.alarmTopic.arn }, { parent: this });
        // A failed restore is a failed DR drill: the one proof the backups can be used did not pass. Restore events carry `status`.
        const drill = new aws.cloudwatch.EventRule(
            `${name}-restore-failures`,
            {
                region,
                description: `DR cell ${args.cell}: AWS Backup restore job (the monthly restore test among them) that failed`,
                eventPattern: JSON.stringify({ source: ["aws.backup"], "detail-type": ["Restore Job State Change"], detail: { status: ["FAILED", "ABORTED"] } }),
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.cloudwatch.EventTarget(`${name}-restore-failures`, { region, rule: drill.name, arn: args.alarmTopic.arn }, { parent: this });
    }
}
