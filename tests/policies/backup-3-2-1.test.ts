import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { storeRecovery } from "../../policies/catalog/model";
import { threeTwoOneFinding } from "../../policies/rules/backup-3-2-1";
import { T, euTable, model } from "../model/build";
import { mandatory, of, sharedLab, varied } from "../support/lab";

const lab = sharedLab();

describe("backup-3-2-1 through the real program and pack", () => {
    it("passes every shipped stack, eu with its copy in the backup account", async () => {
        const [tokyo, us, eu] = await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)));
        for (const s of [tokyo, us, eu]) {
            assert.equal(of(s, "backup-3-2-1").length, 0, mandatory(s));
            assert.equal(of(s, "backup-3-2-1-vault-lock", "advisory").length, 0);
        }
        const users = eu.stack.posture.dataStores.find((d) => d.name === "users")!;
        assert.deepEqual([users.copies, users.media, users.offsite], [3, 2, 1]);
    });

    it("rejects us copying its backups to a vault in us-east-1: the only off-site copies are replicas", async () => {
        const s = await lab.plan("us", (c) => (c["dr:backup"].copyRegion = "us-east-1"));
        assert.equal(s.code, 1);
        const users = of(s, "backup-3-2-1").find((v) => v.urn.endsWith("::users"))!;
        assert.match(users.message, /its only off-site copies are replicas, which a deletion or corruption reaches too/);
        assert.match(
            users.message,
            /Fix: copy its recovery points to a vault outside us-east-1: dr:backup.copyRegion set to another region/,
        );
    });

    it("rejects eu copying to a vault of its own account: the same region and account is not off-site", async () => {
        const { context, resources } = await lab.preview("eu");
        const own = varied(
            resources,
            T.plan,
            "eu-backup",
            (p) => (p.rules[0].copyActions[0].destinationVaultArn = "arn:aws:backup:eu-west-1:123456789012:backup-vault:not-offsite"),
        );
        const s = await lab.scenario(context, own);
        assert.equal(s.code, 1);
        const users = of(s, "backup-3-2-1").find((v) => v.urn.endsWith("::users"))!;
        assert.match(users.message, /no copy in another region or another account/);
    });

    it("advises tokyo locked in governance mode: a privileged principal can still remove the lock", async () => {
        const s = await lab.plan("tokyo", (c) => (c["dr:backup"].vaultLock = "governance"));
        assert.equal(s.code, 0, mandatory(s));
        const users = of(s, "backup-3-2-1-vault-lock", "advisory").find((v) => v.urn.endsWith("::users"))!;
        assert.match(
            users.message,
            /"users" has no immutable copy: its backups are in vaults locked in governance mode, which a principal allowed backup:DeleteBackupVaultLockConfiguration can remove/,
        );
        assert.match(users.message, /Fix: set dr:backup.vaultLock: compliance/);
    });

    it("advises when no copy is in a locked vault", async () => {
        const { context, resources } = await lab.preview("eu");
        const s = await lab.scenario(
            context,
            resources.filter((r) => r.type !== T.vaultLock),
        );
        assert.equal(s.code, 0, mandatory(s));
        const advisories = of(s, "backup-3-2-1-vault-lock", "advisory");
        assert.ok(advisories.some((v) => /"users" has no immutable copy/.test(v.message)));
    });
});

describe("backup-3-2-1 rule", () => {
    it("fails a store no backup selects: one copy, one medium, nothing off-site", () => {
        const table = euTable();
        const finding = threeTwoOneFinding(storeRecovery(model(table), table))!;
        assert.match(
            finding,
            /1 copy where 3 are needed; no point-in-time backup in a vault.*; no copy in another region or another account/,
        );
        assert.match(finding, /Fix: back it up with AWS Backup — an aws\.backup\.Plan .* and an aws\.backup\.Selection that selects it/);
        assert.doesNotMatch(finding, /dr:cell|Backup321/, "a program without the DR components is told in its own terms");
        const ours = { ...table, urn: "urn:pulumi:eu::dr::dr:data:ReplicatedTable$aws:dynamodb/table:Table::users" };
        assert.match(threeTwoOneFinding(storeRecovery(model(ours), ours))!, /Fix: tag it with dr:cell/);
    });

    it("fails replicas alone: they are the live medium", () => {
        const table = euTable("users", { replicas: [{ regionName: "eu-central-1" }, { regionName: "eu-north-1" }] });
        const recovery = storeRecovery(model(table), table);
        assert.equal(recovery.copies.length, 3);
        assert.match(threeTwoOneFinding(recovery)!, /no point-in-time backup in a vault/);
    });
});
