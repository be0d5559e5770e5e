import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { UNKNOWN_SENTINEL } from "../../cli/src/engine/values";
import { PLAN_ACCOUNT_ID } from "../../cli/src/engine/invokes";
import { DR_TAGS, isStatefulType } from "../../policies/catalog";
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

const HOURLY = "cron(0 * ? * * *)";

/** What each shipped stack's backups must look like. */
const SHIPPED = {
    tokyo: { home: "ap-northeast-1", schedule: HOURLY, copyRegion: "ap-northeast-3" },
    us: { home: "us-east-1", schedule: HOURLY, copyRegion: "us-west-2" },
    // 4 h RPO: every 3 h, plus the copy job's hour.
    eu: { home: "eu-west-1", schedule: "cron(0 0/3 ? * * *)", copyRegion: "eu-west-1" },
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

    only(type: string): CapturedResource {
        const found = this.all(type);
        assert.equal(found.length, 1, `expected one ${type} in Backup321, found ${found.map((r) => r.name).join(", ") || "none"}`);
        return found[0];
    }

    get rule(): any {
        return this.only(PLAN).inputs.rules[0];
    }

    /** The vault the plan's jobs write to, found by the name the rule targets. */
    get homeVault(): CapturedResource {
        const vault = this.all(VAULT).find((v) => v.inputs.name === this.rule.targetVaultName);
        assert.ok(vault, `no vault named ${this.rule.targetVaultName}`);
        return vault;
    }

    /** Vaults of this stack the plan's rules refer to other than the home vault: the copy destinations. */
    get copyVaults(): CapturedResource[] {
        return referenced(this.view, this.only(PLAN), "rules", VAULT).filter((v) => v.urn !== this.homeVault.urn);
    }
}

describe("Backup321 in each shipped stack", async () => {
    const stacks = await Promise.all(Object.keys(SHIPPED).map(async (name) => [name, await runStack(name)] as const));

    for (const [name, view] of stacks) {
        const expected = SHIPPED[name as keyof typeof SHIPPED];
        const backup = shippedStack(name).config["dr:backup"];
        const b = new Backups(view, name);

        it(`${name}: the plan runs ${expected.schedule} in ${expected.home}, into the home vault there, keeping ${backup.retentionDays} days`, () => {
            const plan = b.only(PLAN);
            assert.equal(plan.inputs.region, expected.home);
            assert.equal(b.rule.schedule, expected.schedule);
            assert.equal(b.homeVault.inputs.region, expected.home);
            assert.equal(b.rule.lifecycle.deleteAfter, backup.retentionDays);
            assert.equal(b.rule.lifecycle.coldStorageAfter, undefined, "35 days leave no room for cold storage's 90");
            assert.equal(b.rule.copyActions[0].lifecycle.deleteAfter, backup.retentionDays);
            assert.notEqual(b.rule.enableContinuousBackup, true);
            assert.ok(b.rule.startWindow <= 60, "a job may start hours late with AWS's default window");
        });

        it(`${name}: every vault has its own rotating customer key in its region, is protected and outlives the stack`, () => {
            for (const vault of b.all(VAULT)) {
                const [key] = referenced(view, vault, "kmsKeyArn", KEY);
                assert.ok(key, `${vault.name} is not encrypted with a key of the stack`);
                assert.ok(b.parts.includes(key), `${vault.name}'s key is not its own`);
                assert.equal(key.inputs.region, vault.inputs.region);
                assert.equal(key.inputs.enableKeyRotation, true);
                assert.equal(key.options.protect, true);
                assert.equal(vault.options.protect, true);
                assert.equal(vault.options.retainOnDelete, true);
                assert.notEqual(vault.inputs.forceDestroy, true);
            }
            const keys = b.all(VAULT).map((v) => v.propertyDependencies.kmsKeyArn[0]);
            assert.equal(new Set(keys).size, keys.length, "two vaults share a key");
        });

        it(`${name}: every vault is locked in compliance mode for at least the retention`, () => {
            assert.equal(backup.vaultLock, true);
            for (const vault of b.all(VAULT)) {
                const lock = b.all(LOCK).find((l) => referenced(view, l, "backupVaultName", VAULT)[0] === vault);
                assert.ok(lock, `${vault.name} has no vault lock`);
                assert.equal(lock.inputs.region, vault.inputs.region);
                assert.ok(lock.inputs.changeableForDays >= 3, "under 3 days the lock stays removable");
                assert.ok(lock.inputs.minRetentionDays <= backup.retentionDays && backup.retentionDays <= lock.inputs.maxRetentionDays);
                assert.ok(lock.inputs.minRetentionDays >= 1);
            }
        });

        if (backup.copyTo === "region") {
            it(`${name}: recovery points are copied to a vault the stack creates in ${expected.copyRegion}, with its own key and lock`, () => {
                const [copy, ...more] = b.copyVaults;
                assert.ok(copy, "the copy action names no vault of the stack");
                assert.deepEqual(more, []);
                assert.equal(copy.inputs.region, expected.copyRegion);
                assert.notEqual(copy.inputs.region, expected.home);
                assert.match(b.rule.copyActions[0].destinationVaultArn, new RegExp(`^arn:aws:backup:${expected.copyRegion}:\\d{12}:backup-vault:${copy.inputs.name}$`));
                assert.equal(b.component.outputs?.copyDestination?.region, expected.copyRegion);
            });
        } else {
            it(`${name}: recovery points are copied to the configured backup account's vault in ${expected.copyRegion}, and the stack creates nothing there`, () => {
                assert.equal(b.rule.copyActions[0].destinationVaultArn, backup.copyVaultArn);
                const [, , , region, account] = backup.copyVaultArn.split(":");
                assert.equal(region, expected.copyRegion);
                assert.notEqual(account, PLAN_ACCOUNT_ID, "the backup account is the stack's own");
                assert.deepEqual(b.copyVaults, []);
                assert.deepEqual(b.all(VAULT).map((v) => v.inputs.region), [expected.home]);
                assert.deepEqual(b.component.outputs?.copyDestination, { to: "account", vaultArn: backup.copyVaultArn, region: expected.copyRegion });
            });
        }

        it(`${name}: the selection backs up by the dr:cell tag every store carries`, () => {
            const selection = b.only(SELECTION);
            assert.equal(selection.inputs.region, expected.home);
            assert.deepEqual(referenced(view, selection, "planId", PLAN), [b.only(PLAN)]);
            assert.deepEqual(selection.inputs.selectionTags, [{ type: "STRINGEQUALS", key: DR_TAGS.cell, value: name }]);
            assert.equal(selection.inputs.resources, undefined, "a resource list would narrow the tag selection");
            const homeStores = view.resources.filter((r) => r.custom && isStatefulType(r.type) && r.inputs.region === expected.home);
            assert.deepEqual(homeStores.map((s) => s.name).sort(), ["uploads", "sessions", "users"].sort());
            for (const store of homeStores) {
                assert.equal(store.inputs.tags[DR_TAGS.cell], name, `${store.name} is not selected`);
            }
        });

        it(`${name}: the backup role has only the AWS-managed backup and restore policies`, () => {
            const role = b.only(ROLE);
            const trust = JSON.parse(role.inputs.assumeRolePolicy);
            assert.deepEqual(trust.Statement.map((s: any) => [s.Effect, s.Principal.Service, s.Action]), [["Allow", "backup.amazonaws.com", "sts:AssumeRole"]]);
            assert.deepEqual(referenced(view, b.only(SELECTION), "iamRoleArn", ROLE), [role]);
            const attached = view.ofType(ATTACHMENT).filter((a) => referenced(view, a, "role", ROLE)[0] === role);
            assert.deepEqual(attached.map((a) => a.inputs.policyArn).sort(), [
                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            ]);
            const inline = view.resources.filter((r) => r.type.startsWith("aws:iam/rolePolicy:") && referenced(view, r, "role", ROLE)[0] === role);
            assert.deepEqual(inline, []);
        });

        it(`${name}: a monthly drill restores the tables' latest recovery point from the home vault`, () => {
            const drill = b.only(DRILL);
            assert.equal(drill.inputs.region, expected.home);
            assert.match(drill.inputs.scheduleExpression, /^cron\(\d+ \d+ 1 \* \? \*\)$/);
            assert.equal(drill.inputs.recoveryPointSelection.algorithm, "LATEST_WITHIN_WINDOW");
            assert.deepEqual(referenced(view, drill, "recoveryPointSelection", VAULT), [b.homeVault]);
            assert.match(drill.inputs.name, /^[A-Za-z0-9_]{1,50}$/);
            const selection = b.only(DRILL_SELECTION);
            assert.equal(selection.inputs.region, expected.home);
            assert.equal(selection.inputs.protectedResourceType, "DynamoDB");
            assert.deepEqual(referenced(view, selection, "restoreTestingPlanName", DRILL), [drill]);
            assert.deepEqual(referenced(view, selection, "iamRoleArn", ROLE), [b.only(ROLE)]);
            assert.deepEqual(selection.inputs.protectedResourceConditions.stringEquals, [{ key: `aws:ResourceTag/${DR_TAGS.cell}`, value: name }]);
            for (const table of view.ofType("aws:dynamodb/table:Table")) {
                assert.equal(table.inputs.tags[DR_TAGS.cell], name);
            }
        });

        it(`${name}: failed, aborted or expired backup and copy jobs, and failed restores, page the home cell's alarm topic`, () => {
            const rules = b.all(EVENT_RULE);
            const patterns = new Map(rules.map((r) => [r, JSON.parse(r.inputs.eventPattern)]));
            const jobs = rules.find((r) => patterns.get(r)["detail-type"].includes("Backup Job State Change"))!;
            assert.deepEqual(patterns.get(jobs).source, ["aws.backup"]);
            assert.deepEqual(patterns.get(jobs)["detail-type"].sort(), ["Backup Job State Change", "Copy Job State Change"]);
            assert.deepEqual(patterns.get(jobs).detail.state.sort(), ["ABORTED", "EXPIRED", "FAILED"]);
            const restores = rules.find((r) => patterns.get(r)["detail-type"].includes("Restore Job State Change"))!;
            assert.deepEqual(patterns.get(restores).detail.status.sort(), ["ABORTED", "FAILED"]);
            for (const rule of [jobs, restores]) {
                const target = b.all(EVENT_TARGET).find((t) => referenced(view, t, "rule", EVENT_RULE)[0]?.urn === rule.urn);
                assert.ok(target, `no target for ${rule.name}`);
                const [topic] = referenced(view, target, "arn", "aws:sns/topic:Topic");
                assert.ok(topic, "the target is not a topic of the stack");
                const primary = view.ofType("dr:cell:RegionalCell").find((c) => c.outputs?.role === "primary")!;
                assert.ok(view.within(primary).includes(topic), "the topic is not the home cell's");
                assert.deepEqual([rule.inputs.region, target.inputs.region, topic.inputs.region], [expected.home, expected.home, expected.home]);
            }
        });

        it(`${name}: every regional resource sets its region, none uses an explicit provider, all are tagged where AWS allows`, () => {
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
    it("dr:rpo 13h → every 12 h: twelve hours plus the copy's hour meets it", async () => {
        const b = new Backups(await runStack("eu", { edit: (c) => (c["dr:rpo"] = "13h") }), "eu");
        assert.equal(b.rule.schedule, "cron(0 0/12 ? * * *)");
        assert.equal(b.component.outputs?.everyHours, 12);
    });

    it("dr:rpo 12h → every 8 h: every 12 h would leave the off-site copy 13 h old", async () => {
        const b = new Backups(await runStack("eu", { edit: (c) => (c["dr:rpo"] = "12h") }), "eu");
        assert.equal(b.rule.schedule, "cron(0 0/8 ? * * *)");
    });

    it("dr:rpo 25h → daily", async () => {
        const b = new Backups(await runStack("eu", { edit: (c) => (c["dr:rpo"] = "25h") }), "eu");
        assert.equal(b.rule.schedule, "cron(0 0 ? * * *)");
    });

    it("dr:rpo 15m → hourly", async () => {
        const b = new Backups(await runStack("eu", { edit: (c) => (c["dr:rpo"] = "15m") }), "eu");
        assert.equal(b.rule.schedule, HOURLY);
    });

    it("a store with a tighter RPO than the stack sets the schedule", async () => {
        const b = new Backups(
            await runStack("eu", {
                edit: (c) => {
                    c["dr:rpo"] = "1d";
                    c["dr:tables"][0].rpo = "3h";
                },
            }),
            "eu",
        );
        assert.equal(b.rule.schedule, "cron(0 0/2 ? * * *)", "3 h less the copy's hour");
    });

    it("a year's retention moves recovery points to cold storage after a month, in both vaults, and locks for the year", async () => {
        const b = new Backups(await runStack("us", { edit: (c) => (c["dr:backup"].retentionDays = 365) }), "us");
        assert.deepEqual(b.rule.lifecycle, { coldStorageAfter: 30, deleteAfter: 365 });
        assert.deepEqual(b.rule.copyActions[0].lifecycle, { coldStorageAfter: 30, deleteAfter: 365 });
        const locks = b.all(LOCK);
        assert.deepEqual(locks.map((l) => l.inputs.region).sort(), ["us-east-1", "us-west-2"]);
        for (const lock of locks) {
            assert.ok(lock.inputs.minRetentionDays <= 365 && 365 <= lock.inputs.maxRetentionDays);
        }
    });

    it("vaultLock false leaves the vaults unlocked but still protected", async () => {
        const b = new Backups(await runStack("tokyo", { edit: (c) => (c["dr:backup"].vaultLock = false) }), "tokyo");
        assert.deepEqual(b.all(LOCK), []);
        assert.deepEqual(b.all(VAULT).map((v) => [v.inputs.region, v.options.protect, v.options.retainOnDelete]).sort(), [
            ["ap-northeast-1", true, true],
            ["ap-northeast-3", true, true],
        ]);
    });

    it("copyRegion overrides the DR region as the off-site vault's region", async () => {
        const b = new Backups(await runStack("us", { edit: (c) => (c["dr:backup"].copyRegion = "ap-northeast-1") }), "us");
        assert.deepEqual(b.copyVaults.map((v) => v.inputs.region), ["ap-northeast-1"]);
    });
});

describe("Backup321 in a preview, as dr plan runs it", async () => {
    const stacks = await Promise.all(Object.keys(SHIPPED).map(async (name) => [name, await runStack(name, { preview: true })] as const));

    for (const [name, view] of stacks) {
        const expected = SHIPPED[name as keyof typeof SHIPPED];
        it(`${name}: builds, and the copy destination's region is known from inputs and references alone`, () => {
            const b = new Backups(view, name);
            assert.equal(b.rule.schedule, expected.schedule);
            const destination = b.rule.copyActions[0].destinationVaultArn;
            if (name === "eu") {
                assert.equal(destination, shippedStack(name).config["dr:backup"].copyVaultArn);
            } else {
                assert.equal(destination, UNKNOWN_SENTINEL, "a vault created in this preview has no ARN yet");
                assert.deepEqual(b.copyVaults.map((v) => v.inputs.region), [expected.copyRegion]);
            }
        });
    }
});
