import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UNKNOWN, backupCopies, isLocked, lockOf, selects, stackAccount, storeRecovery, vaultNamed } from "../../policies/catalog/model";
import { T, euTable, model, plan, resource, selection, vault } from "./build";

const HOME = { region: "eu-west-1", account: "same" };
const OWN = "123456789012";
const OTHER = "210987654321";

describe("which stores a Backup selection picks", () => {
    const home = vault("home");
    const p = plan("plan", home);
    const users = euTable();

    it("by tag: any STRINGEQUALS selection tag the store carries", () => {
        const m = model(users, home, p);
        assert.equal(
            selects(m, selection("s", p, { selectionTags: [{ type: "STRINGEQUALS", key: "dr:cell", value: "eu" }] }), users),
            true,
        );
        assert.equal(
            selects(m, selection("s", p, { selectionTags: [{ type: "STRINGEQUALS", key: "dr:cell", value: "us" }] }), users),
            false,
        );
    });

    it("by ARN: a resource of the stack the selection's resources were built from, or the wildcard", () => {
        const byArn = resource(T.selection, "by-arn", { resources: [UNKNOWN] }, { resources: [users] });
        const m = model(users, byArn);
        assert.equal(selects(m, byArn, users), true);
        assert.equal(selects(m, byArn, euTable("sessions")), false);
        assert.equal(selects(m, selection("all", p), euTable("sessions")), true);
    });

    it("by conditions alone, every one of which must hold: equals, like (with *) and not-equals", () => {
        const m = model(users);
        const conditions = (c: Record<string, unknown>) => selection("s", p, { resources: [], conditions: [c] });
        assert.equal(selects(m, conditions({ stringEquals: [{ key: "aws:ResourceTag/dr:cell", value: "eu" }] }), users), true);
        assert.equal(selects(m, conditions({ stringLikes: [{ key: "aws:ResourceTag/dr:residency", value: "e*" }] }), users), true);
        assert.equal(selects(m, conditions({ stringLikes: [{ key: "aws:ResourceTag/dr:residency", value: "u*" }] }), users), false);
        assert.equal(
            selects(m, conditions({ stringNotEquals: [{ key: "aws:ResourceTag/dr:classification", value: "personal" }] }), users),
            false,
        );
    });

    it("by ARN pattern: the service, the region and the name, with * matching any run", () => {
        const m = model(users);
        const byPattern = (pattern: string) => selection("s", p, { resources: [pattern] });
        const uploads = resource(T.bucket, "uploads", { region: "eu-central-1", bucket: "uploads-7f3a", tags: users.props.tags });
        assert.equal(selects(m, byPattern("arn:aws:s3:::*"), uploads), true);
        assert.equal(selects(m, byPattern("arn:aws:s3:::uploads-*"), uploads), true);
        assert.equal(selects(m, byPattern("arn:aws:s3:::logs-*"), uploads), false);
        assert.equal(selects(m, byPattern("arn:aws:s3:::*"), users), false, "an S3 pattern picks no table");
        assert.equal(selects(m, byPattern("arn:aws:dynamodb:eu-west-1:*:table/*"), users), true);
        assert.equal(selects(m, byPattern("arn:aws:dynamodb:us-east-1:*:table/*"), users), false);
        const unnamed = resource(T.bucket, "later", { region: "eu-west-1", bucket: UNKNOWN, tags: users.props.tags });
        assert.equal(selects(m, byPattern("arn:aws:s3:::*"), unnamed), true, "a wildcard may match a name unknown at preview");
        assert.equal(selects(m, byPattern("arn:aws:s3:::uploads-7f3a"), unnamed), false);
    });

    it("by ARN pattern and conditions, both of which must hold: what Backup321 selects in the DR region", () => {
        const m = model(users);
        const drPlan = selection("dr", p, {
            resources: ["arn:aws:s3:::*"],
            conditions: [{ stringEquals: [{ key: "aws:ResourceTag/dr:cell", value: "eu" }] }],
        });
        const tagged = resource(T.bucket, "a", { region: "eu-west-1", bucket: "a", tags: users.props.tags });
        const other = resource(T.bucket, "b", { region: "eu-west-1", bucket: "b", tags: { ...users.props.tags, "dr:cell": "us" } });
        assert.deepEqual([selects(m, drPlan, tagged), selects(m, drPlan, other)], [true, false]);
    });

    it("never a store named in notResources, nor a type AWS Backup cannot protect", () => {
        const excluding = resource(T.selection, "s", { resources: ["*"], notResources: [UNKNOWN] }, { notResources: [users] });
        assert.equal(selects(model(users, excluding), excluding, users), false);
        assert.equal(selects(model(), selection("all", p), resource(T.topic, "alarms", { tags: users.props.tags })), false);
    });
});

describe("the copies Backup plans make of a store", () => {
    it("a recovery point per rule in its target vault, as old as the schedule's interval and the rule's start and completion windows", () => {
        const home = vault("home");
        const p = plan("plan", home);
        const [copy] = backupCopies(model(euTable(), home, p, selection("all", p)), euTable(), HOME);
        assert.deepEqual(
            [copy.mechanism, copy.location.region, copy.lagSeconds, copy.pointInTime, copy.offsite, copy.vault?.name],
            ["backup", "eu-west-1", 3 * 3600, true, false, "home"],
        );
    });

    it("a rule that sets no windows waits AWS's defaults: 8 hours to start and 7 days to finish", () => {
        const home = vault("home");
        const p = plan("plan", home);
        const rules = p.props.rules.map(({ startWindow: _s, completionWindow: _c, ...rule }: Record<string, unknown>) => rule);
        const unset = { ...p, props: { ...p.props, rules } };
        const [copy] = backupCopies(model(euTable(), home, unset, selection("all", unset)), euTable(), HOME);
        assert.equal(copy.lagSeconds, 3600 + 8 * 3600 + 7 * 86400);
        assert.deepEqual(copy.windows?.defaulted, ["start", "completion"]);
    });

    it("no lag when the schedule does not parse", () => {
        const home = vault("home");
        const p = plan("plan", home, [], [], "rate(1 hour)");
        assert.equal(backupCopies(model(euTable(), home, p, selection("all", p)), euTable(), HOME)[0].lagSeconds, undefined);
    });

    it("nothing from a selection in another region: AWS Backup is regional", () => {
        const home = vault("home", "eu-central-1");
        const p = plan("plan", home);
        assert.deepEqual(backupCopies(model(euTable(), home, p, selection("all", p)), euTable(), HOME), []);
    });

    it("a copy action to a vault of the stack named by its ARN lands in that vault, an hour after the backup", () => {
        const [home, offsite] = [vault("home"), vault("offsite", "eu-central-1")];
        const p = plan("plan", home, [`arn:aws:backup:eu-central-1:${OWN}:backup-vault:offsite`]);
        const copy = backupCopies(model(euTable(), home, offsite, p, selection("all", p)), euTable(), HOME)[1];
        assert.deepEqual(
            [copy.mechanism, copy.location.region, copy.lagSeconds, copy.offsite, copy.vault?.name],
            ["backup-copy", "eu-central-1", 4 * 3600, true, "offsite"],
        );
    });

    it("a copy to another account's vault is off-site in the same region, located by its ARN", () => {
        const home = vault("home");
        const p = plan("plan", home, [`arn:aws:backup:eu-west-1:${OTHER}:backup-vault:air-gapped`]);
        const component = resource(T.backup, "backup", { account: OWN });
        const copy = backupCopies(model(euTable(), home, p, selection("all", p), component), euTable(), HOME)[1];
        assert.deepEqual(
            [copy.location, copy.offsite, copy.vaultRef],
            [{ region: "eu-west-1", account: OTHER }, true, `arn:aws:backup:eu-west-1:${OTHER}:backup-vault:air-gapped`],
        );
    });

    it("a copy to a vault of the stack's own account outside the stack is not off-site in the same region", () => {
        const home = vault("home");
        const p = plan("plan", home, [`arn:aws:backup:eu-west-1:${OWN}:backup-vault:other`]);
        const component = resource(T.backup, "backup", { account: OWN });
        assert.equal(storeRecovery(model(euTable(), home, p, selection("all", p), component), euTable()).offsite, 0);
        // Without a known account of its own, the stack cannot tell, and the copy counts as another account's.
        assert.equal(storeRecovery(model(euTable(), home, p, selection("all", p)), euTable()).offsite, 1);
    });

    it("an unknown destination ARN: the one other vault of the plan, else the region all candidates share, else unknown", () => {
        const table = euTable("users", { region: "ap-northeast-1" });
        const home = vault("home", "ap-northeast-1");
        const [first, second, third] = [vault("first", "ap-northeast-3"), vault("second", "ap-northeast-3"), vault("third", "us-west-2")];
        const at = { region: "ap-northeast-1", account: "same" };
        const copyRegions = (...others: ReturnType<typeof vault>[]) => {
            const p = plan("plan", home, [UNKNOWN], others);
            return backupCopies(model(table, home, ...others, p, selection("all", p)), table, at)
                .filter((c) => c.mechanism === "backup-copy")
                .map((c) => [c.location.region, c.vault?.name]);
        };
        assert.deepEqual(copyRegions(first), [["ap-northeast-3", "first"]]);
        assert.deepEqual(copyRegions(first, second), [["ap-northeast-3", undefined]]);
        assert.deepEqual(copyRegions(first, third), [[UNKNOWN, undefined]]);
    });
});

describe("a rule's target vault when its name is computed at preview (an auto-named vault)", () => {
    const copies = (home: ReturnType<typeof vault>, others: ReturnType<typeof vault>[]) => {
        const p = plan("plan", home, [UNKNOWN], others);
        const unnamed = {
            ...p,
            props: { ...p.props, rules: p.props.rules.map((r: Record<string, unknown>) => ({ ...r, targetVaultName: UNKNOWN })) },
        };
        return backupCopies(model(euTable(), home, ...others, unnamed, selection("all", unnamed)), euTable(), HOME).map((c) => [
            c.mechanism,
            c.location.region,
            c.vault?.name,
        ]);
    };

    it("is the one vault of the plan's rules in the plan's region, and the copy lands in the other", () => {
        assert.deepEqual(copies(vault("home"), [vault("offsite", "eu-central-1")]), [
            ["backup", "eu-west-1", "home"],
            ["backup-copy", "eu-central-1", "offsite"],
        ]);
    });

    it("stays unresolved when two vaults of the plan's region could be it", () => {
        assert.deepEqual(copies(vault("home"), [vault("spare")]), [
            ["backup", "eu-west-1", undefined],
            ["backup-copy", "eu-west-1", undefined],
        ]);
    });
});

describe("vaults", () => {
    it("finds a vault by name among a property's dependencies first, then in the stack", () => {
        const [a, b] = [vault("shared"), { ...vault("shared", "eu-central-1"), urn: "urn:other" }];
        const m = model(a, b);
        assert.equal(vaultNamed(m, "shared", [b]), b);
        assert.equal(vaultNamed(m, "shared", []), a);
        assert.equal(vaultNamed(m, UNKNOWN, [b]), undefined);
    });

    it("tells the lock mode: compliance with a grace time, governance without one, none without a lock", () => {
        const home = vault("home");
        const lock = (props: Record<string, unknown>) =>
            resource(T.vaultLock, "lock", { backupVaultName: "home", minRetentionDays: 7, ...props });
        assert.equal(lockOf(model(home, lock({ changeableForDays: 3 })), home), "compliance");
        assert.equal(lockOf(model(home, lock({})), home), "governance");
        assert.equal(lockOf(model(home), home), "none");
    });

    it("counts a lock as immutable only once changeableForDays is at least 3, found by dependency or by name", () => {
        const home = vault("home");
        const lock = (days: number, byDependency: boolean) =>
            resource(
                T.vaultLock,
                `lock-${days}`,
                { backupVaultName: byDependency ? UNKNOWN : "home", changeableForDays: days },
                byDependency ? { backupVaultName: [home] } : {},
            );
        assert.equal(isLocked(model(home, lock(3, false)), home), true);
        assert.equal(isLocked(model(home, lock(3, true)), home), true);
        assert.equal(isLocked(model(home, lock(1, false)), home), false);
        assert.equal(isLocked(model(home), home), false);
        assert.equal(isLocked(model(), resource(T.airGappedVault, "air", { name: "air" })), true);
    });

    it("knows the stack's account from the Backup321 component, else from any known ARN, else not at all", () => {
        assert.equal(stackAccount(model(resource(T.backup, "backup", { account: OWN }))), OWN);
        assert.equal(stackAccount(model(resource(T.topic, "t", { arn: `arn:aws:sns:eu-west-1:${OTHER}:t` }))), OTHER);
        assert.equal(stackAccount(model(resource(T.topic, "t", { arn: UNKNOWN }))), undefined);
    });
});
