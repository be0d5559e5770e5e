import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { PLAN_ACCOUNT_ID } from "../../cli/src/engine/invokes";
import { DR_TAGS } from "../../policies/catalog";
import { StackView, runStack } from "./stack";

const FRAMEWORK = "aws:backup/framework:Framework";
const REPORT_PLAN = "aws:backup/reportPlan:ReportPlan";
const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";

/** A framework's controls as `{CONTROL: {parameter: value}}`. */
function controls(framework: CapturedResource): Record<string, Record<string, string>> {
    return Object.fromEntries(
        framework.inputs.controls.map((c: any) => [
            c.name,
            Object.fromEntries((c.inputParameters ?? []).map((p: any) => [p.name, p.value])),
        ]),
    );
}

/** The same for every stack: hourly plans (the tightest RPO leaves no room for longer), 35 days kept, a 7-day lock floor. */
const COMMON = {
    BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN: {},
    BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: {
        requiredFrequencyUnit: "hours",
        requiredFrequencyValue: "1",
        requiredRetentionDays: "35",
    },
    BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK: { requiredRetentionDays: "35" },
    BACKUP_RECOVERY_POINT_ENCRYPTED: {},
    BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK: { minRetentionDays: "7", maxRetentionDays: "36500" },
    // An hour between jobs, an hour to start, an hour to finish: no recovery point older than 3 hours.
    BACKUP_LAST_RECOVERY_POINT_CREATED: { recoveryPointAgeUnit: "hours", recoveryPointAgeValue: "3" },
    // The model's restore step: 2h.
    RESTORE_TIME_FOR_RESOURCES_MEET_TARGET: { maxRestoreTime: "120" },
};

function framework(view: StackView, stack: string): CapturedResource {
    return view.one(FRAMEWORK, `${stack}-audit`);
}

describe("the Backup Audit Manager framework carries each cell's targets", async () => {
    const [tokyo, us, eu] = await Promise.all(["tokyo", "us", "eu"].map((s) => runStack(s)));

    it("tokyo and us: copies to their DR region; eu: to the backup account named in dr:backup.copyVaultArn", () => {
        assert.deepEqual(controls(framework(tokyo, "tokyo")), {
            ...COMMON,
            BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION: { crossRegionList: "ap-northeast-3" },
        });
        assert.deepEqual(controls(framework(us, "us")).BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION, { crossRegionList: "us-west-2" });
        const euControls = controls(framework(eu, "eu"));
        assert.deepEqual(euControls, { ...COMMON, BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT: { crossAccountList: "210987654321" } });
        assert.equal(framework(eu, "eu").inputs.name, "dr_eu_recovery");
        for (const c of framework(eu, "eu").inputs.controls) {
            assert.deepEqual(c.scope, { tags: { [DR_TAGS.cell]: "eu" } }, `${c.name} evaluates the cell's resources only`);
        }
    });

    it("the parameters follow the stack's config: retention, RPO, lock", async () => {
        const view = await runStack("us", {
            edit: (c) => {
                c["dr:backup"].retentionDays = 400;
                c["dr:backup"].vaultLock = "none";
                c["dr:rpo"] = "1d";
                for (const list of ["dr:tables", "dr:buckets", "dr:databases"]) {
                    c[list].forEach((store: any) => delete store.rpo);
                }
            },
        });
        const us = controls(framework(view, "us"));
        assert.deepEqual(us.BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK, {
            requiredFrequencyUnit: "hours",
            requiredFrequencyValue: "12",
            requiredRetentionDays: "400",
        });
        assert.deepEqual(us.BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK, { requiredRetentionDays: "400" });
        assert.equal(us.BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK, undefined, "no lock, no lock control");
        // Every 12h; a 1d RPO leaves the completion window what the interval, the start window and the copy leave: 10h.
        assert.deepEqual(us.BACKUP_LAST_RECOVERY_POINT_CREATED, { recoveryPointAgeUnit: "hours", recoveryPointAgeValue: "23" });
    });

    it("reports of control compliance and of restore jobs (the drills' regions) go to the cell's report bucket as JSON", () => {
        const plans = tokyo.ofType(REPORT_PLAN);
        assert.deepEqual(plans.map((p) => p.inputs.reportSetting.reportTemplate).sort(), [
            "CONTROL_COMPLIANCE_REPORT",
            "RESTORE_JOB_REPORT",
        ]);
        const bucket = tokyo.one(BUCKET, "tokyo-audit-reports");
        for (const p of plans) {
            assert.equal(p.inputs.region, "ap-northeast-1");
            assert.equal(p.inputs.reportDeliveryChannel.s3BucketName, bucket.inputs.bucket);
            assert.deepEqual(p.inputs.reportDeliveryChannel.formats, ["JSON", "CSV"]);
        }
        const restores = plans.find((p) => p.inputs.reportSetting.reportTemplate === "RESTORE_JOB_REPORT")!;
        assert.deepEqual(restores.inputs.reportSetting.regions.sort(), ["ap-northeast-1", "ap-northeast-3"]);
        const compliance = plans.find((p) => p.inputs.reportSetting.reportTemplate === "CONTROL_COMPLIANCE_REPORT")!;
        assert.deepEqual(compliance.propertyDependencies.reportSetting, [framework(tokyo, "tokyo").urn]);
    });

    it("the report bucket is a store of the cell: DR tags, named before deployment, replicated to the DR region, S3-managed keys", () => {
        const bucket = tokyo.one(BUCKET, "tokyo-audit-reports");
        assert.equal(bucket.inputs.bucket, `dr-tokyo-backup-reports-${PLAN_ACCOUNT_ID}-ap-northeast-1`);
        assert.equal(bucket.inputs.tags[DR_TAGS.classification], "internal");
        assert.equal(bucket.inputs.tags[DR_TAGS.rpo], "1d");
        assert.equal(bucket.inputs.tags[DR_TAGS.cell], "tokyo");
        const replication = tokyo.ofType(REPLICATION).find((r) => r.name === "tokyo-audit-reports-replication")!;
        assert.equal(replication.inputs.rules[0].destination.encryptionConfiguration, undefined);
        const encryption = tokyo.ofType(ENCRYPTION).find((r) => r.name === "tokyo-audit-reports-encryption")!;
        assert.deepEqual(encryption.inputs.rules[0].applyServerSideEncryptionByDefault, { sseAlgorithm: "AES256" });
        const policy = JSON.parse(tokyo.ofType(POLICY).find((r) => r.name === "tokyo-audit-reports-tls-only")!.inputs.policy);
        const grant = policy.Statement.find((s: any) => s.Sid === "AuditManagerReports");
        assert.match(
            grant.Condition.ArnEquals["aws:PrincipalArn"],
            /role\/aws-service-role\/reports\.backup\.amazonaws\.com\/AWSServiceRoleForBackupReports$/,
        );
        assert.equal(eu.ofType(REPLICATION).filter((r) => r.name.startsWith("eu-audit-reports")).length, 0, "eu has no DR region");
    });
});
