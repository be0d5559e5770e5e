import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UNKNOWN } from "../../policies/catalog/model";
import { missingGuards, protectionFinding } from "../../policies/rules/dr-store-protection";
import { T, euTable, resource } from "../model/build";
import { mandatory, of, sharedLab, varied } from "../support/lab";

const lab = sharedLab();

describe("dr-store-protection through the real program and pack", () => {
    it("passes every shipped stack: tables and databases are deletion-protected and encrypted", async () => {
        for (const s of await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)))) {
            assert.equal(of(s, "dr-store-protection").length, 0, mandatory(s));
        }
    });

    it("rejects tokyo whose primary cluster has deletion protection off", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            varied(resources, T.rdsCluster, "projects", (p) => (p.deletionProtection = false)),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-store-protection");
        assert.match(v.urn, /rds\/cluster:Cluster::projects$/);
        assert.match(
            v.message,
            /aws:rds\/cluster:Cluster "projects" has no deletion protection \(deletionProtection\): one mistaken delete, by a person or a pipeline, destroys it and its data\. Fix: set deletionProtection: true/,
        );
    });

    it("rejects tokyo whose Osaka secondary has deletion protection off: a replica is a copy worth keeping too", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            varied(resources, T.rdsCluster, "projects-ap-northeast-3", (p) => (p.deletionProtection = false)),
        );
        assert.equal(s.code, 1);
        assert.match(of(s, "dr-store-protection")[0].urn, /::projects-ap-northeast-3$/);
    });

    it("rejects tokyo whose primary cluster is unencrypted", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            varied(resources, T.rdsCluster, "projects", (p) => (p.storageEncrypted = false)),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-store-protection");
        assert.match(
            v.message,
            /has no storage encryption \(storageEncrypted\): its data sits unencrypted on disk and in every snapshot\. Fix: set storageEncrypted: true with kmsKeyId/,
        );
    });

    it("rejects an RDS instance without automated backups", async () => {
        const { context, resources } = await lab.preview("us", (c) => (c["dr:databases"][0].engine = "postgres"));
        const s = await lab.scenario(
            context,
            varied(resources, T.rdsInstance, "projects", (p) => (p.backupRetentionPeriod = 0)),
        );
        assert.equal(s.code, 1);
        assert.match(
            of(s, "dr-store-protection")[0].message,
            /aws:rds\/instance:Instance "projects" has no automated backups \(backupRetentionPeriod\).*Fix: set backupRetentionPeriod to 1-35 days/,
        );
    });

    it("rejects eu whose users table has deletion protection off", async () => {
        const { context, resources } = await lab.preview("eu");
        const s = await lab.scenario(
            context,
            varied(resources, T.table, "users", (p) => (p.deletionProtectionEnabled = false)),
        );
        assert.equal(s.code, 1);
        assert.match(
            of(s, "dr-store-protection")[0].message,
            /aws:dynamodb\/table:Table "users" has no deletion protection \(deletionProtectionEnabled\)/,
        );
    });
});

describe("dr-store-protection rule", () => {
    const cluster = (props: Record<string, any>) =>
        resource(T.rdsCluster, "projects", {
            region: "eu-west-1",
            tags: euTable().props.tags,
            deletionProtection: true,
            storageEncrypted: true,
            ...props,
        });

    it("finds nothing missing on a protected, encrypted cluster", () => {
        assert.deepEqual(missingGuards(cluster({})), { missing: [], unknown: [] });
    });

    it("counts a guard not set as missing, and one computed at preview as unknown", () => {
        assert.deepEqual(
            missingGuards(cluster({ deletionProtection: undefined })).missing.map((g) => g.property),
            ["deletionProtection"],
        );
        assert.deepEqual(
            missingGuards(cluster({ storageEncrypted: UNKNOWN })).unknown.map((g) => g.property),
            ["storageEncrypted"],
        );
    });

    it("takes a cross-region read replica's own key as its encryption", () => {
        const replica = resource(T.rdsInstance, "orders-b", {
            replicateSourceDb: "arn:aws:rds:eu-west-1:1:db:orders",
            kmsKeyId: "arn:aws:kms:eu-central-1:1:key/k",
            deletionProtection: true,
            backupRetentionPeriod: 7,
        });
        assert.deepEqual(missingGuards(replica).missing, []);
    });

    it("names every missing guard and every fix in one finding", () => {
        const store = cluster({ deletionProtection: false, storageEncrypted: false });
        const finding = protectionFinding(store, missingGuards(store).missing);
        assert.match(finding, /has no deletion protection \(deletionProtection\) and no storage encryption \(storageEncrypted\)/);
        assert.match(finding, /Fix: set deletionProtection: true; set storageEncrypted: true/);
    });
});
