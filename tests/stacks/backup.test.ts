import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { PLAN_ACCOUNT_ID } from "../../cli/src/engine/invokes";
import { UNKNOWN_SENTINEL } from "../../cli/src/engine/values";
import { DR_TAGS } from "../../policies/catalog";
import { DRILL_SCHEDULE, DRILL_START_WINDOW_HOURS, VALIDATION_WINDOW_HOURS } from "../../infra/components/restoreValidation";
import { shippedStack } from "../helpers";
import { StackView, runStack } from "./stack";

const COMPONENT = "dr:backup:Backup321";
const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const PLAN = "aws:backup/plan:Plan";
const SELECTION = "aws:backup/selection:Selection";
const KEY = "aws:kms/key:Key";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const DRILL = "aws:backup/restoreTestingPlan:RestoreTestingPlan";
const DRILL_SELECTION = "aws:backup/restoreTestingSelection:RestoreTestingSelection";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const TOPIC = "aws:sns/topic:Topic";

const HOURLY = "cron(0 * ? * * *)";

/** What each shipped stack's backups must look like: where its plans run and where their copies go. */
const SHIPPED = {
    tokyo: { home: "ap-northeast-1", dr: "ap-northeast-3", schedule: HOURLY, copyRegion: "ap-northeast-3" },
    us: { home: "us-east-1", dr: "us-west-2", schedule: HOURLY, copyRegion: "us-west-2" },
    // 4 h RPO: hourly, an hour to start and one to finish, plus the copy job's hour; no DR region, the copy goes to the backup account.
    eu: { home: "eu-west-1", dr: undefined, schedule: HOURLY, copyRegion: "eu-west-1" },
};

/** The resources a property of `r` depends on, of `type`: how the policy pack follows references. */
function referenced(view: StackView, r: CapturedResource, property: string, type: string): CapturedResource[] {
    return (r.propertyDependencies[property] ?? []).map((urn) => view.byUrn(urn)).filter((d): d is CapturedResource => d?.type === type);
}

/** The stack's Backup321 and the resources under it. */
class Backups {
    readonly component: CapturedResource;
    readonly parts: CapturedResource[];

    constructor(
        readonly view: StackView,
        stack: string,
    ) {
        this.component = view.one(COMPONENT, `${stack}-backup`);
        this.parts = view.within(this.component);
    }

    all(type: string): CapturedResource[] {
        return this.parts.filter((r) => r.type === type);
    }

    in(type: string, region: string): CapturedResource[] {
        return this.all(type).filter((r) => r.inputs.region === region);
    }

    /** The one plan of `region`. */
    plan(region: string): CapturedResource {
        const plans = this.in(PLAN, region);
        assert.equal(plans.length, 1, `expected one plan in ${region}, found ${plans.length}`);
        return plans[0];
    }

    rule(region: string): any {
        return this.plan(region).inputs.rules[0];
    }

    /** The vault a plan's jobs write to, found by the name its rule targets. */
    target(region: string): CapturedResource {
        const vault = this.all(VAULT).find((v) => v.inputs.name === this.rule(region).targetVaultName);
        assert.ok(vault, `no vault named ${this.rule(region).targetVaultName}`);
        return vault;
    }

    /** Vaults of this stack a plan's rules refer to other than its target: where its copies go. */
    copyVaults(region: string): CapturedResource[] {
        return referenced(this.view, this.plan(region), "rules", VAULT).filter((v) => v.urn !== this.target(region).urn);
    }

    selection(region: string): CapturedResource {
        const [selection, ...more] = this.in(SELECTION, region);
        assert.deepEqual(more, [], `more than one selection in ${region}`);
        assert.deepEqual(referenced(this.view, selection, "planId", PLAN), [this.plan(region)]);
        return selection;
    }
}

describe("Backup321 in each shipped stack", async () => {
    const stacks = await Promise.all(Object.keys(SHIPPED).map(async (name) => [name, await runStack(name)] as const));

    for (const [name, view] of stacks) {
        const expected = SHIPPED[name as keyof typeof SHIPPED];
        const backup = shippedStack(name).config["dr:backup"];
        const b = new Backups(view, name);

        it(`${name}: the home plan runs ${expected.schedule} in ${expected.home}, into the home vault there, keeping ${backup.retentionDays} days`, () => {
            const rule = b.rule(expected.home);
            assert.equal(rule.schedule, expected.schedule);
            assert.equal(b.target(expected.home).inputs.region, expected.home);
            assert.equal(rule.lifecycle.deleteAfter, backup.retentionDays);
            assert.equal(rule.lifecycle.coldStorageAfter, undefined, "35 days leave no room for cold storage's 90");
            assert.equal(rule.copyActions[0].lifecycle.deleteAfter, backup.retentionDays);
            assert.notEqual(rule.enableContinuousBackup, true);
            assert.ok(rule.startWindow <= 60, "a job may start hours late with AWS's default window");
        });

        it(`${name}: every vault has its own rotating key in its region that outlives the stack and that only the break-glass principal may delete`, () => {
            for (const vault of b.all(VAULT)) {
                const [key] = referenced(view, vault, "kmsKeyArn", KEY);
                assert.ok(key, `${vault.name} is not encrypted with a key of the stack`);
                assert.ok(b.parts.includes(key), `${vault.name}'s key is not its own`);
                assert.equal(key.inputs.region, vault.inputs.region);
                assert.equal(key.inputs.enableKeyRotation, true);
                assert.deepEqual([key.options.protect, key.options.retainOnDelete], [true, true]);
                const deny = JSON.parse(key.inputs.policy).Statement.find((s: any) => s.Effect === "Deny");
                assert.deepEqual([deny.Principal, deny.Action, deny.Resource], ["*", ["kms:ScheduleKeyDeletion", "kms:DisableKey"], "*"]);
                assert.equal(deny.Condition.ArnNotEquals["aws:PrincipalArn"], `arn:aws:iam::${PLAN_ACCOUNT_ID}:root`);
                assert.deepEqual([vault.options.protect, vault.options.retainOnDelete], [true, true]);
                assert.notEqual(vault.inputs.forceDestroy, true);
            }
            const keys = b.all(VAULT).map((v) => v.propertyDependencies.kmsKeyArn[0]);
            assert.equal(new Set(keys).size, keys.length, "two vaults share a key");
        });

        it(`${name}: every vault is locked in compliance mode, with bounds that hold any retention`, () => {
            assert.equal(backup.vaultLock, "compliance");
            for (const vault of b.all(VAULT)) {
                const lock = b.all(LOCK).find((l) => referenced(view, l, "backupVaultName", VAULT)[0] === vault);
                assert.ok(lock, `${vault.name} has no vault lock`);
                assert.equal(lock.inputs.region, vault.inputs.region);
                assert.equal(lock.inputs.changeableForDays, 3, "3 days' grace, then immutable");
                assert.deepEqual([lock.inputs.minRetentionDays, lock.inputs.maxRetentionDays], [7, 36500]);
                assert.equal(lock.options.protect, true);
            }
        });

        if (backup.copyTo === "region") {
            it(`${name}: home recovery points are copied to a vault the stack creates in ${expected.copyRegion}, with its own key and lock`, () => {
                const [copy, ...more] = b.copyVaults(expected.home);
                assert.ok(copy, "the copy action names no vault of the stack");
                assert.deepEqual(more, []);
                assert.equal(copy.inputs.region, expected.copyRegion);
                assert.match(
                    b.rule(expected.home).copyActions[0].destinationVaultArn,
                    new RegExp(`^arn:aws:backup:${expected.copyRegion}:\\d{12}:backup-vault:${copy.inputs.name}$`),
                );
                assert.equal(b.component.outputs?.copyDestination?.region, expected.copyRegion);
            });
        } else {
            it(`${name}: recovery points are copied to the configured backup account's vault in ${expected.copyRegion}, and the stack creates nothing there`, () => {
                assert.equal(b.rule(expected.home).copyActions[0].destinationVaultArn, backup.copyVaultArn);
                const [, , , region, account] = backup.copyVaultArn.split(":");
                assert.equal(region, expected.copyRegion);
                assert.notEqual(account, PLAN_ACCOUNT_ID, "the backup account is the stack's own");
                assert.deepEqual(b.copyVaults(expected.home), []);
                assert.deepEqual(
                    b.all(VAULT).map((v) => v.inputs.region),
                    [expected.home],
                );
                assert.deepEqual(b.component.outputs?.copyDestination, {
                    to: "account",
                    vaultArn: backup.copyVaultArn,
                    region: expected.copyRegion,
                });
            });

            it(`${name}: the home data key is shared with the backup account for the database's snapshots, which keep it; no vault key is`, () => {
                const account = backup.copyVaultArn.split(":")[4];
                const dataKey = view.one(KEY, `${name}-data-${expected.home}`);
                const statements = JSON.parse(dataKey.inputs.policy).Statement.filter((s: any) =>
                    JSON.stringify(s.Principal).includes(`::${account}:`),
                );
                assert.deepEqual(
                    statements.map((s: any) => s.Action),
                    [
                        [
                            "kms:Decrypt",
                            "kms:DescribeKey",
                            "kms:ReEncryptFrom",
                            "kms:ReEncryptTo",
                            "kms:GenerateDataKey",
                            "kms:GenerateDataKeyWithoutPlaintext",
                        ],
                        "kms:CreateGrant",
                    ],
                );
                assert.deepEqual(statements[1].Condition, { Bool: { "kms:GrantIsForAWSResource": "true" } });
                for (const key of b.all(KEY)) {
                    assert.doesNotMatch(key.inputs.policy, new RegExp(account), `${key.name}: a vault key needs no sharing`);
                }
            });
        }

        it(`${name}: the home selection backs up by the dr:cell tag every store carries`, () => {
            const selection = b.selection(expected.home);
            assert.deepEqual(selection.inputs.selectionTags, [{ type: "STRINGEQUALS", key: DR_TAGS.cell, value: name }]);
            assert.equal(selection.inputs.resources, undefined, "a resource list would narrow the tag selection");
            for (const store of [...view.ofType("aws:dynamodb/table:Table"), ...view.ofType("aws:s3/bucket:Bucket")]) {
                assert.equal(store.inputs.tags[DR_TAGS.cell], name, `${store.name} is not selected`);
            }
        });

        if (expected.dr) {
            const dr = expected.dr;
            it(`${name}: what ${dr} holds and takes writes on after a failover is backed up there and copied home: everything tagged with the cell`, () => {
                assert.equal(b.rule(dr).schedule, expected.schedule);
                assert.equal(b.target(dr).inputs.region, dr);
                assert.deepEqual(b.copyVaults(dr), [b.target(expected.home)]);
                const selection = b.selection(dr);
                assert.deepEqual(selection.inputs.resources, ["*"]);
                assert.deepEqual(selection.inputs.conditions, [
                    { stringEquals: [{ key: `aws:ResourceTag/${DR_TAGS.cell}`, value: name }] },
                ]);
                assert.ok(
                    view
                        .ofType("aws:s3/bucket:Bucket")
                        .some((bucket) => bucket.inputs.region === dr && bucket.inputs.tags[DR_TAGS.cell] === name),
                );
            });
        } else {
            it(`${name}: backs up in its home region only`, () => {
                assert.deepEqual(
                    b.all(PLAN).map((p) => p.inputs.region),
                    [expected.home],
                );
            });
        }

        it(`${name}: the backup role has only the AWS-managed backup and restore policies`, () => {
            const [role, ...more] = b.all(ROLE);
            assert.deepEqual(more, []);
            const trust = JSON.parse(role.inputs.assumeRolePolicy);
            assert.deepEqual(
                trust.Statement.map((s: any) => [s.Effect, s.Principal.Service, s.Action]),
                [["Allow", "backup.amazonaws.com", "sts:AssumeRole"]],
            );
            for (const selection of b.all(SELECTION)) {
                assert.deepEqual(referenced(view, selection, "iamRoleArn", ROLE), [role]);
            }
            const attached = view.ofType(ATTACHMENT).filter((a) => referenced(view, a, "role", ROLE)[0] === role);
            assert.deepEqual(attached.map((a) => a.inputs.policyArn).sort(), [
                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            ]);
            assert.deepEqual(
                view.resources.filter((r) => r.type.startsWith("aws:iam/rolePolicy:") && referenced(view, r, "role", ROLE)[0] === role),
                [],
            );
        });

        /** Region → the vault its drill restores from, and the store types it tests. */
        const drills: Record<string, { vault: () => CapturedResource; types: string[] }> =
            backup.copyTo === "region"
                ? {
                      [expected.copyRegion]: { vault: () => b.copyVaults(expected.home)[0], types: ["Aurora", "DynamoDB", "S3"] },
                      ...(expected.dr
                          ? { [expected.home]: { vault: () => b.target(expected.home), types: ["Aurora", "DynamoDB", "S3"] } }
                          : {}),
                  }
                : { [expected.home]: { vault: () => b.target(expected.home), types: ["Aurora", "DynamoDB", "S3"] } };
        for (const [region, drill] of Object.entries(drills)) {
            it(`${name}: a drill twice a week in ${region} restores the off-site copies it holds: ${drill.types.join(", ")}`, () => {
                const [plan, ...more] = b.in(DRILL, region);
                assert.deepEqual(more, []);
                assert.ok(plan, `no drill in ${region}`);
                assert.equal(plan.inputs.scheduleExpression, DRILL_SCHEDULE);
                assert.equal(plan.inputs.startWindowHours, DRILL_START_WINDOW_HOURS);
                assert.equal(plan.inputs.recoveryPointSelection.algorithm, "LATEST_WITHIN_WINDOW");
                assert.deepEqual(
                    plan.inputs.recoveryPointSelection.recoveryPointTypes,
                    ["SNAPSHOT"],
                    "copies in another region are snapshots",
                );
                assert.deepEqual(referenced(view, plan, "recoveryPointSelection", VAULT), [drill.vault()]);
                assert.match(plan.inputs.name, /^[A-Za-z0-9_]{1,50}$/);
                const selections = b
                    .in(DRILL_SELECTION, region)
                    .filter((s) => referenced(view, s, "restoreTestingPlanName", DRILL)[0] === plan);
                assert.deepEqual(selections.map((s) => s.inputs.protectedResourceType).sort(), drill.types);
                for (const selection of selections) {
                    assert.equal(
                        selection.inputs.validationWindowHours,
                        VALIDATION_WINDOW_HOURS,
                        "restored resources wait for the validator",
                    );
                    assert.deepEqual(referenced(view, selection, "iamRoleArn", ROLE), b.all(ROLE));
                    assert.deepEqual(selection.inputs.protectedResourceConditions.stringEquals, [
                        { key: `aws:ResourceTag/${DR_TAGS.cell}`, value: name },
                    ]);
                }
                // A restored database goes into the stack's network of the region, not a default VPC the account may lack.
                const aurora = selections.find((s) => s.inputs.protectedResourceType === "Aurora");
                if (aurora) {
                    const [group] = referenced(view, aurora, "restoreMetadataOverrides", "aws:rds/subnetGroup:SubnetGroup");
                    assert.equal(group?.inputs.region, region, "the drill names no DB subnet group of its region");
                    assert.match(aurora.inputs.restoreMetadataOverrides.vpcSecurityGroupIds, /^\["[^"]+"\]$/);
                }
            });
        }

        it(`${name}: in every region where it runs jobs, failed, partial, aborted or expired backups and copies, and failed restores, page on-call there`, () => {
            const regions = new Set([...b.all(PLAN), ...b.all(DRILL)].map((r) => r.inputs.region));
            for (const region of regions) {
                const rules = b.in(EVENT_RULE, region);
                const patterns = new Map(rules.map((r) => [r, JSON.parse(r.inputs.eventPattern)]));
                const jobs = rules.find((r) => patterns.get(r)["detail-type"].includes("Backup Job State Change"))!;
                assert.deepEqual(patterns.get(jobs)["detail-type"].sort(), ["Backup Job State Change", "Copy Job State Change"]);
                assert.deepEqual(patterns.get(jobs).detail.state.sort(), ["ABORTED", "EXPIRED", "FAILED", "PARTIAL"]);
                const restores = rules.find((r) => patterns.get(r)["detail-type"].includes("Restore Job State Change"))!;
                assert.deepEqual(patterns.get(restores).detail.status.sort(), ["ABORTED", "FAILED"]);
                for (const rule of [jobs, restores]) {
                    const targets = b.all(EVENT_TARGET).filter((t) => referenced(view, t, "rule", EVENT_RULE)[0]?.urn === rule.urn);
                    const topics = targets.flatMap((t) => referenced(view, t, "arn", TOPIC));
                    assert.equal(topics.length, 1, `${rule.name} notifies no on-call topic`);
                    assert.ok(view.within(view.one("dr:monitoring:OnCall", `${name}-oncall`)).includes(topics[0]));
                    assert.equal(topics[0].inputs.region, region);
                }
            }
        });

        it(`${name}: every regional resource sets its region and uses no explicit provider; all are tagged where AWS allows`, () => {
            for (const r of b.parts) {
                assert.equal(r.provider, "", `${r.name} has an explicit provider`);
                if (!r.type.startsWith("aws:iam/")) {
                    assert.ok(r.inputs.region, `${r.type} ${r.name} does not set its region`);
                }
            }
            for (const type of [VAULT, KEY, PLAN, ROLE, DRILL, EVENT_RULE]) {
                for (const r of b.all(type)) {
                    assert.deepEqual(r.inputs.tags, { [DR_TAGS.cell]: name, [DR_TAGS.tier]: shippedStack(name).config["dr:tier"] }, r.name);
                }
            }
        });
    }
});

describe("Backup321 from modified config", async () => {
    it("dr:rpo 15h → every 12 h: twelve hours, an hour to start and one to finish, and the copy's hour meet it", async () => {
        const b = new Backups(await runStack("eu", { edit: (c) => (c["dr:rpo"] = "15h") }), "eu");
        assert.deepEqual(
            [b.rule("eu-west-1").schedule, b.rule("eu-west-1").startWindow, b.rule("eu-west-1").completionWindow],
            ["cron(0 0/12 ? * * *)", 60, 60],
        );
        assert.equal(b.component.outputs?.everyHours, 12);
    });

    it("dr:rpo 12h → every 8 h: every 12 h would leave the off-site copy 15 h old; the completion window takes what is left", async () => {
        const b = new Backups(await runStack("eu", { edit: (c) => (c["dr:rpo"] = "12h") }), "eu");
        assert.deepEqual([b.rule("eu-west-1").schedule, b.rule("eu-west-1").completionWindow], ["cron(0 0/8 ? * * *)", 120]);
    });

    it("dr:rpo 27h → daily", async () => {
        const b = new Backups(await runStack("eu", { edit: (c) => (c["dr:rpo"] = "27h") }), "eu");
        assert.equal(b.rule("eu-west-1").schedule, "cron(0 0 ? * * *)");
    });

    it("dr:rpo 15m → hourly", async () => {
        const b = new Backups(await runStack("eu", { edit: (c) => (c["dr:rpo"] = "15m") }), "eu");
        assert.equal(b.rule("eu-west-1").schedule, HOURLY);
    });

    it("a store with a tighter RPO than the stack sets the schedule", async () => {
        const b = new Backups(
            await runStack("eu", {
                edit: (c) => {
                    c["dr:rpo"] = "1d";
                    c["dr:tables"][0].rpo = "5h";
                },
            }),
            "eu",
        );
        assert.equal(b.rule("eu-west-1").schedule, "cron(0 0/2 ? * * *)", "5 h less the windows' two hours and the copy's hour");
    });

    it("a year's retention changes the plans' lifecycles and nothing else: the locks, whose every argument forces replacement, stay as they are", async () => {
        const [before, after] = await Promise.all([runStack("us"), runStack("us", { edit: (c) => (c["dr:backup"].retentionDays = 365) })]);
        const b = new Backups(after, "us");
        assert.deepEqual(b.rule("us-east-1").lifecycle, { coldStorageAfter: 30, deleteAfter: 365 });
        assert.deepEqual(b.rule("us-east-1").copyActions[0].lifecycle, { coldStorageAfter: 30, deleteAfter: 365 });
        const locks = (view: StackView) => new Backups(view, "us").all(LOCK).map((l) => [l.name, l.inputs]);
        assert.deepEqual(locks(after), locks(before));
    });

    it("vaultLock governance locks without a grace time; none leaves the vaults unlocked but still protected", async () => {
        const governance = new Backups(await runStack("tokyo", { edit: (c) => (c["dr:backup"].vaultLock = "governance") }), "tokyo");
        assert.equal(governance.all(LOCK).length, governance.all(VAULT).length);
        assert.ok(governance.all(LOCK).every((l) => l.inputs.changeableForDays === undefined));
        const none = new Backups(await runStack("tokyo", { edit: (c) => (c["dr:backup"].vaultLock = "none") }), "tokyo");
        assert.deepEqual(none.all(LOCK), []);
        assert.deepEqual(
            none
                .all(VAULT)
                .map((v) => [v.inputs.region, v.options.protect, v.options.retainOnDelete])
                .sort(),
            [
                ["ap-northeast-1", true, true],
                ["ap-northeast-3", true, true],
            ],
        );
    });

    it("copyRegion overrides the DR region as the off-site vault's region, and the DR region gets a vault of its own for its writes", async () => {
        const b = new Backups(await runStack("us", { edit: (c) => (c["dr:backup"].copyRegion = "ap-northeast-1") }), "us");
        assert.deepEqual(
            b.copyVaults("us-east-1").map((v) => v.inputs.region),
            ["ap-northeast-1"],
        );
        assert.equal(b.target("us-west-2").inputs.region, "us-west-2");
        assert.deepEqual(
            b
                .all(VAULT)
                .map((v) => v.inputs.region)
                .sort(),
            ["ap-northeast-1", "us-east-1", "us-west-2"],
        );
    });

    it("a break-glass principal in config is the one the vault keys let delete them", async () => {
        const b = new Backups(
            await runStack("eu", { edit: (c) => (c["dr:breakGlassPrincipal"] = "arn:aws:iam::123456789012:role/break-glass") }),
            "eu",
        );
        for (const key of b.all(KEY)) {
            const deny = JSON.parse(key.inputs.policy).Statement.find((s: any) => s.Effect === "Deny");
            assert.equal(deny.Condition.ArnNotEquals["aws:PrincipalArn"], "arn:aws:iam::123456789012:role/break-glass");
        }
    });
});

describe("Backup321 in a preview, as dr plan runs it", async () => {
    const stacks = await Promise.all(Object.keys(SHIPPED).map(async (name) => [name, await runStack(name, { preview: true })] as const));

    for (const [name, view] of stacks) {
        const expected = SHIPPED[name as keyof typeof SHIPPED];
        it(`${name}: builds, and the copy destination's region is known from inputs and references alone`, () => {
            const b = new Backups(view, name);
            assert.equal(b.rule(expected.home).schedule, expected.schedule);
            const destination = b.rule(expected.home).copyActions[0].destinationVaultArn;
            if (name === "eu") {
                assert.equal(destination, shippedStack(name).config["dr:backup"].copyVaultArn);
            } else {
                assert.equal(destination, UNKNOWN_SENTINEL, "a vault created in this preview has no ARN yet");
                assert.deepEqual(
                    b.copyVaults(expected.home).map((v) => v.inputs.region),
                    [expected.copyRegion],
                );
            }
        });
    }
});
