import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_KEY_POLICY } from "../../policies/catalog";
import { SENTINEL_UNKNOWN, UNKNOWN, buildModel, deniesDeletion, storeRecovery } from "../../policies/catalog/model";

const SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One resource as an analyzer hands it over in a preview that creates it: computed outputs are the unknown sentinel. */
function previewed(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}) {
    return { urn: `urn:pulumi:s::p::${type}::${name}`, type, name, props, propertyDependencies };
}

describe("knowable is not unknown: an input the program leaves unset takes AWS's documented default", () => {
    it("a KMS key created without a policy gets the default key policy, which denies no deletion", () => {
        const key = previewed("aws:kms/key:Key", "k", { description: "vault key", policy: SENTINEL });
        const m = buildModel([key], SENTINEL_UNKNOWN, "eu-west-1");
        assert.equal(m.resources[0].props.policy, DEFAULT_KEY_POLICY);
        assert.equal(deniesDeletion(m.resources[0]), false);
    });

    it("a policy built from another resource's output stays unknown: it may say anything", () => {
        const key = previewed("aws:kms/key:Key", "k", { policy: SENTINEL }, { policy: ["urn:pulumi:s::p::aws:iam/role:Role::r"] });
        const m = buildModel([key], SENTINEL_UNKNOWN, "eu-west-1");
        assert.equal(m.resources[0].props.policy, UNKNOWN);
        assert.equal(deniesDeletion(m.resources[0]), UNKNOWN);
    });

    it("an RDS instance without backupRetentionPeriod keeps AWS's one day of automated backups", () => {
        const tags = { "dr:classification": "personal", "dr:residency": "eu", "dr:rpo": "4h" };
        const db = previewed("aws:rds/instance:Instance", "db", { region: "eu-west-1", backupRetentionPeriod: SENTINEL, tags });
        const m = buildModel([db], SENTINEL_UNKNOWN, "eu-west-1");
        const recovery = storeRecovery(m, m.resources[0]);
        assert.ok(recovery.copies.some((c) => c.mechanism === "automated-backup"));
        assert.equal(recovery.pointInTimeRpo, 300);
    });

    it("an EFS file system without availabilityZoneName is Regional: a lost zone costs it nothing", () => {
        const tags = { "dr:classification": "personal", "dr:residency": "eu", "dr:rpo": "4h" };
        const regional = previewed("aws:efs/fileSystem:FileSystem", "shared", {
            region: "eu-west-1",
            availabilityZoneName: SENTINEL,
            tags,
        });
        const oneZone = previewed("aws:efs/fileSystem:FileSystem", "scratch", {
            region: "eu-west-1",
            availabilityZoneName: "eu-west-1a",
            tags,
        });
        const m = buildModel([regional, oneZone], SENTINEL_UNKNOWN, "eu-west-1");
        assert.equal(storeRecovery(m, m.resources[0]).zoneLossRpo, 0);
        assert.ok(storeRecovery(m, m.resources[1]).zoneLossRpo > 0, "a One Zone file system loses what its last backup lacks");
    });

    it("a value the program set is kept, whatever the default", () => {
        const db = previewed("aws:rds/instance:Instance", "db", { backupRetentionPeriod: 0 });
        assert.equal(buildModel([db], SENTINEL_UNKNOWN, "eu-west-1").resources[0].props.backupRetentionPeriod, 0);
    });
});
