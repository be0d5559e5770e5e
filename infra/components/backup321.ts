import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BackupOutputs, DR_TAGS, parseVaultArn } from "../../policies/catalog";
import { FIGURES } from "../../policies/catalog/figures";
import { BackupSchedule, backupLifecycle, backupSchedule } from "../backupSchedule";
import { BackupConfig, LOCK_MIN_RETENTION_DAYS } from "../config";
import { serviceTrustPolicy } from "../iam";
import { protectedKeyPolicy } from "../keyPolicy";
import { backupName, restoreTestingName } from "../names";
import { Registered } from "../registered";
import { OnCall } from "./onCall";
import { DRILL_SCHEDULE, DRILL_START_WINDOW_HOURS, RestoreDrill, VALIDATION_WINDOW_HOURS } from "./restoreValidation";

export interface Backup321Args {
    /** Stack name: the `dr:cell` tag value the selections back up. */
    cell: string;
    /** Home region, where the stores, the main plan and the home vault live. */
    homeRegion: string;
    /** The cell's other region when a service writes there (objects land there first); absent otherwise. */
    writingDrRegion?: string;
    /** The tightest RPO, in seconds, among the stores the selections cover; sets the schedule. */
    rpoSeconds: number;
    /** `dr:backup` as loaded: retention, vault lock and the off-site destination. */
    backup: BackupConfig;
    /** Restore testing types of the home region's stores: DynamoDB and S3, and Aurora or RDS where the stack has databases. */
    homeTypes: DrillType[];
    /**
     * Where a drill restores a database, by region: one of the stack's DB subnet groups and security groups there.
     * Without it AWS Backup restores into the default VPC, which an account without one fails.
     */
    drillPlacements: ReadonlyMap<string, DrillPlacement>;
    /** Where failed backup, copy and restore jobs are reported. */
    oncall: OnCall;
    /** The one principal allowed to disable or schedule the deletion of the vault keys; absent: the account root user. */
    breakGlassPrincipal?: string;
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

/** AWS Backup lets a compliance-mode lock be removed for this many days, then never (ChangeableForDays ≥ 3). */
const LOCK_GRACE_DAYS = 3;
/** The longest retention a locked vault accepts: as long as a retention may be, so raising it never touches the lock. */
export const LOCK_MAX_RETENTION_DAYS = 36500;

/**
 * Job states that mean no recovery point, or no off-site copy, was made: backup jobs end CREATED → … →
 * COMPLETED, FAILED, ABORTED, EXPIRED or PARTIAL; copy jobs COMPLETED, FAILED or PARTIAL.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupJob.html, API_CopyJob.html
 */
const FAILED_STATES = ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"];

/** Restore testing protected-resource types of the stores Backup321 protects. https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html */
export type DrillType = "DynamoDB" | "S3" | "Aurora" | "RDS";

/** A database's network in a region, for the databases a drill restores there. */
export interface DrillPlacement {
    subnetGroupName: pulumi.Input<string>;
    securityGroupId: pulumi.Input<string>;
}

/** A backup plan of one region: where its jobs land, and where their off-site copies go. */
interface RegionalPlan {
    region: string;
    /** The off-site vault of the stack receiving this plan's copies, if any (none when the copy goes to another account). */
    copiesTo?: { vault: aws.backup.Vault; region: string; types: DrillType[] };
}

/**
 * The point-in-time copies that complete 3-2-1 for every store tagged with the cell: locked,
 * customer-key vaults; a plan on the RPO's schedule in the home region — and in the DR region for what is
 * written there — each copying its recovery points off-site (another region, or another account); a
 * twice-weekly restore drill of the off-site copies where the stack owns them; and an alert on every failed
 * backup, copy or restore job.
 */
export class Backup321 extends pulumi.ComponentResource {
    /** The restore drills, for `RestoreValidation` to validate and watch. */
    readonly drills: RestoreDrill[] = [];
    /** When the plans' jobs run: what the audit framework's controls require of them. */
    readonly schedule: BackupSchedule;
    private readonly vaults = new Map<string, aws.backup.Vault>();
    private readonly alertRegions = new Set<string>();

    constructor(name: string, args: Backup321Args, opts?: pulumi.ComponentResourceOptions) {
        super("dr:backup:Backup321", name, {}, opts);
        const home = args.homeRegion;
        const account = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        // The same copy-lag budget the pack's RPO model adds to the schedule and its windows, so the off-site copy meets the RPO.
        const schedule = backupSchedule(args.rpoSeconds, FIGURES.backupCopyLag);
        this.schedule = schedule;
        const lifecycle = backupLifecycle(args.backup.retentionDays);

        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description: `AWS Backup for DR cell ${args.cell}: backups, copies and restore drills`,
                assumeRolePolicy: serviceTrustPolicy("backup.amazonaws.com", account.accountId),
                tags: args.tags,
            },
            { parent: this },
        );
        const attachments = MANAGED_POLICIES.map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-${policy.split("/").pop()}`,
                    { role: role.name, policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/${policy}` },
                    { parent: this },
                ),
        );
        // Jobs whose role lacks its policies fail.
        const withRole = { parent: this, dependsOn: attachments };

        const homeVault = this.vault(name, home, args);
        let copyDestination: Registered<BackupOutputs["copyDestination"]> & { vaultArn: pulumi.Input<string> };
        const plans: RegionalPlan[] = [];
        if (args.backup.copyTo === "region") {
            const copyRegion = args.backup.copyRegion!;
            const offsite = this.vault(name, copyRegion, args);
            copyDestination = { to: "region", vaultName: offsite.name, vaultArn: offsite.arn, region: copyRegion };
            plans.push({ region: home, copiesTo: { vault: offsite, region: copyRegion, types: args.homeTypes } });
        } else {
            const arn = args.backup.copyVaultArn!;
            // Checked for form by the config, so it parses.
            copyDestination = { to: "account", vaultArn: arn, region: parseVaultArn(arn)!.region };
            plans.push({ region: home });
        }

        this.plan(name, home, homeVault, copyDestination.vaultArn, schedule, lifecycle, role, withRole, args, {
            // By tag, so a store added later is backed up without touching the plan.
            selectionTags: [{ type: "STRINGEQUALS", key: DR_TAGS.cell, value: args.cell }],
        });

        if (args.writingDrRegion) {
            // What the DR region holds, and takes writes on after a failover — the bucket its service writes, the global
            // table's replicas (their tags propagate), the promoted Aurora cluster — is backed up there and copied home:
            // every resource of the region tagged with the cell (a selection's ARNs and conditions must all match).
            // https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html
            const dr = args.writingDrRegion;
            const drVault = this.vault(name, dr, args);
            this.plan(`${name}-${dr}`, dr, drVault, homeVault.arn, schedule, lifecycle, role, withRole, args, {
                resources: ["*"],
                conditions: [{ stringEquals: [{ key: `aws:ResourceTag/${DR_TAGS.cell}`, value: args.cell }] }],
            });
            plans.push({ region: dr, copiesTo: { vault: homeVault, region: home, types: args.homeTypes } });
        }

        this.restoreDrills(name, plans, homeVault, role, withRole, args);
        this.failureAlerts(name, args);

        const outputs: Registered<BackupOutputs> = {
            // The pack tells a copy in another account from one in this account by comparing with it.
            account: account.accountId,
            homeVault: { name: homeVault.name, region: home },
            copyDestination,
            schedule: schedule.expression,
            everyHours: schedule.everyHours,
            retentionDays: args.backup.retentionDays,
            vaultLock: args.backup.vaultLock,
        };
        this.registerOutputs(outputs);
    }

    /** A plan of one region: jobs on the RPO's schedule into `target`, each recovery point copied to `copyTo`; and what it selects. */
    private plan(
        name: string,
        region: string,
        target: aws.backup.Vault,
        copyTo: pulumi.Input<string>,
        schedule: ReturnType<typeof backupSchedule>,
        lifecycle: ReturnType<typeof backupLifecycle>,
        role: aws.iam.Role,
        withRole: pulumi.CustomResourceOptions,
        args: Backup321Args,
        select: Pick<aws.backup.SelectionArgs, "selectionTags" | "resources" | "conditions">,
    ): void {
        const plan = new aws.backup.Plan(
            name,
            {
                region,
                name: backupName(["dr", args.cell, region]),
                rules: [
                    {
                        ruleName: schedule.name,
                        targetVaultName: target.name,
                        schedule: schedule.expression,
                        // Both windows count toward the RPO (AWS's defaults, 8 hours and 7 days, would stretch it past any target).
                        startWindow: schedule.startWindowMinutes,
                        completionWindow: schedule.completionWindowMinutes,
                        // Snapshot jobs on a schedule, not continuous backup: the RPO model reads the schedule, and PITR already covers the tables.
                        enableContinuousBackup: false,
                        lifecycle,
                        copyActions: [{ destinationVaultArn: copyTo, lifecycle }],
                        recoveryPointTags: args.tags,
                    },
                ],
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.backup.Selection(
            name,
            { region, name: backupName(["dr", args.cell, region, "tagged"]), planId: plan.id, iamRoleArn: role.arn, ...select },
            withRole,
        );
        this.alertRegions.add(region);
    }

    /**
     * The vault of `region`, made once: its own rotating customer key, which outlives the stack and whose
     * policy denies its deletion; the vault itself retained on delete; and the lock the config asks for.
     */
    private vault(name: string, region: string, args: Backup321Args): aws.backup.Vault {
        const existing = this.vaults.get(region);
        if (existing) {
            return existing;
        }
        const resourceName = `${name}-${region === args.homeRegion ? "home" : region === args.backup.copyRegion ? "offsite" : region}`;
        const key = new aws.kms.Key(
            resourceName,
            {
                region,
                description: `DR cell ${args.cell}: backup vault in ${region}`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: protectedKeyPolicy(args.breakGlassPrincipal, this),
                tags: args.tags,
            },
            // Losing the key loses every recovery point in the vault, which a lock may keep for years.
            { parent: this, protect: true, retainOnDelete: true },
        );
        const vault = new aws.backup.Vault(
            resourceName,
            { region, name: backupName(["dr", args.cell, region]), kmsKeyArn: key.arn, forceDestroy: false, tags: args.tags },
            { parent: this, protect: true, retainOnDelete: true },
        );
        if (args.backup.vaultLock !== "none") {
            // The bounds hold every retention the config allows, so changing the plan's retention never replaces the lock
            // (every lock argument forces replacement); a job outside the bounds would fail.
            // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html
            // Without changeableForDays the lock is in governance mode; with it, compliance.
            // https://www.pulumi.com/registry/packages/aws/api-docs/backup/vaultlockconfiguration/
            new aws.backup.VaultLockConfiguration(
                resourceName,
                {
                    region,
                    backupVaultName: vault.name,
                    changeableForDays: args.backup.vaultLock === "compliance" ? LOCK_GRACE_DAYS : undefined,
                    minRetentionDays: LOCK_MIN_RETENTION_DAYS,
                    maxRetentionDays: LOCK_MAX_RETENTION_DAYS,
                },
                // Dropping the lock during its grace period would silently make recovery points deletable.
                { parent: this, protect: true },
            );
        }
        this.vaults.set(region, vault);
        return vault;
    }

    /**
     * Drills, twice a week, that restore the latest recovery point of each protected type — from the off-site copy
     * wherever the stack holds it, in that copy's region, since after losing a region that is the copy one
     * restores. When the off-site copy is in another account, that account runs its own drill (see README);
     * the stack then drills its home vault.
     */
    private restoreDrills(
        name: string,
        plans: RegionalPlan[],
        homeVault: aws.backup.Vault,
        role: aws.iam.Role,
        withRole: pulumi.CustomResourceOptions,
        args: Backup321Args,
    ): void {
        const drills = plans.flatMap((p) => (p.copiesTo ? [p.copiesTo] : []));
        if (drills.length === 0) {
            drills.push({ vault: homeVault, region: args.homeRegion, types: args.homeTypes });
        }
        for (const { vault, region, types } of drills) {
            const drillName = restoreTestingName(["dr", args.cell, region, "drill"]);
            const drill = new aws.backup.RestoreTestingPlan(
                `${name}-drill-${region}`,
                {
                    region,
                    name: drillName,
                    // Within the quarter the pack asks for, and often enough for RestoreValidation's alarm to see one stop.
                    scheduleExpression: DRILL_SCHEDULE,
                    startWindowHours: DRILL_START_WINDOW_HOURS,
                    recoveryPointSelection: {
                        algorithm: "LATEST_WITHIN_WINDOW",
                        includeVaults: [vault.arn],
                        // Copies in another region are snapshots (PITR does not travel).
                        // https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html
                        recoveryPointTypes: ["SNAPSHOT"],
                        selectionWindowDays: 7,
                    },
                    tags: args.tags,
                },
                { parent: this },
            );
            for (const type of types) {
                new aws.backup.RestoreTestingSelection(
                    `${name}-drill-${region}-${type.toLowerCase()}`,
                    {
                        region,
                        name: restoreTestingName([drillName, type]),
                        restoreTestingPlanName: drill.name,
                        protectedResourceType: type,
                        iamRoleArn: role.arn,
                        // Tag conditions apply only with the wildcard resource list.
                        protectedResourceArns: ["*"],
                        protectedResourceConditions: { stringEquals: [{ key: `aws:ResourceTag/${DR_TAGS.cell}`, value: args.cell }] },
                        ...databaseOverrides(type, args.drillPlacements.get(region)),
                        // Restored resources outlive the restore job until the validator has judged them.
                        validationWindowHours: VALIDATION_WINDOW_HOURS,
                    },
                    withRole,
                );
            }
            this.drills.push({ region, plan: drill, vaultName: vault.name, types });
            this.alertRegions.add(region);
        }
    }

    /** In every region where it runs jobs: failed, partial, aborted or expired backup and copy jobs, and failed restores, page on-call. */
    private failureAlerts(name: string, args: Backup321Args): void {
        for (const region of this.alertRegions) {
            const jobs = new aws.cloudwatch.EventRule(
                `${name}-job-failures-${region}`,
                {
                    region,
                    description: `DR cell ${args.cell}: AWS Backup backup or copy job that made no complete recovery point`,
                    eventPattern: JSON.stringify({
                        source: ["aws.backup"],
                        "detail-type": ["Backup Job State Change", "Copy Job State Change"],
                        detail: { state: FAILED_STATES },
                    }),
                    tags: args.tags,
                },
                { parent: this },
            );
            // A failed restore is a failed DR drill: the one proof the backups can be used did not pass. Restore events carry `status`.
            // https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html
            const restores = new aws.cloudwatch.EventRule(
                `${name}-restore-failures-${region}`,
                {
                    region,
                    description: `DR cell ${args.cell}: AWS Backup restore job (the restore drills among them) that failed`,
                    eventPattern: JSON.stringify({
                        source: ["aws.backup"],
                        "detail-type": ["Restore Job State Change"],
                        detail: { status: ["FAILED", "ABORTED"] },
                    }),
                    tags: args.tags,
                },
                { parent: this },
            );
            for (const [rule, what] of [
                [jobs, "job-failures"],
                [restores, "restore-failures"],
            ] as const) {
                args.oncall.destinations(region).forEach((arn, i) => {
                    new aws.cloudwatch.EventTarget(`${name}-${what}-${region}-${i}`, { region, rule: rule.name, arn }, { parent: this });
                });
            }
        }
    }
}

/**
 * A restored database's network: AWS Backup infers the default VPC and fails where there is none, so a drill of
 * Aurora or RDS names the stack's DB subnet group and security group of its region (override keys are case-insensitive).
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html
 */
function databaseOverrides(
    type: DrillType,
    placement: DrillPlacement | undefined,
): Pick<aws.backup.RestoreTestingSelectionArgs, "restoreMetadataOverrides"> {
    if ((type !== "Aurora" && type !== "RDS") || !placement) {
        return {};
    }
    return {
        restoreMetadataOverrides: {
            dbSubnetGroupName: placement.subnetGroupName,
            vpcSecurityGroupIds: pulumi.jsonStringify([placement.securityGroupId]),
        },
    };
}
