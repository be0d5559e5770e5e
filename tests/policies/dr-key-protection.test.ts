import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UNKNOWN, deniesDeletion, storeKeys, vaultKeys } from "../../policies/catalog/model";
import { judgeKeys, keyExposure } from "../../policies/rules/dr-key-protection";
import { T, euTable, model, resource } from "../model/build";
import { AnalyzedResource } from "../../cli/src/engine/resources";
import { mandatory, of, sharedLab } from "../support/lab";

const lab = sharedLab();

/** A key policy statement denying deletion to every principal but one. */
const DENY = {
    Effect: "Deny",
    Principal: "*",
    Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
    Resource: "*",
    Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/break-glass" } },
};
const ADMIN = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" };
const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** `resources` with the key `name` unprotected and on AWS's default key policy (no policy set). */
function unguarded(resources: AnalyzedResource[], name: string): AnalyzedResource[] {
    const withoutPolicy = ({ policy, ...rest }: Record<string, any>) => rest;
    return resources.map((r) =>
        r.type === T.key && r.name === name
            ? { ...r, options: { ...r.options, protect: false }, inputs: withoutPolicy(r.inputs), outputs: withoutPolicy(r.outputs) }
            : r,
    );
}

describe("dr-key-protection through the real program and pack", () => {
    it("passes every shipped stack: vault and data keys are protected and deny their deletion", async () => {
        for (const s of await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)))) {
            assert.equal(of(s, "dr-key-protection").length, 0, mandatory(s));
            assert.equal(of(s, "dr-key-protection-store-keys", "advisory").length, 0);
        }
    });

    it("rejects eu whose vault key is unprotected with AWS's default key policy: a destroy, or anyone with kms:*, can delete it", async () => {
        const { context, resources } = await lab.preview("eu");
        const exposed = unguarded(resources, "eu-backup-home");
        const s = await lab.scenario(context, exposed);
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-key-protection");
        assert.match(v.urn, /::eu-backup-home$/);
        assert.match(
            v.message,
            /\naws:kms\/key:Key "eu-backup-home" encrypts the recovery points of vault aws:backup\/vault:Vault "eu-backup-home", but nothing keeps it: it is not protected/,
        );
        assert.match(
            v.message,
            /every recovery point in the vault, locked or not, can never be decrypted\. Fix: protect the key and retain it on delete/,
        );
    });

    it("advises, without rejecting, an unprotected data key with the default policy", async () => {
        const { context, resources } = await lab.preview("eu");
        const exposed = unguarded(resources, "eu-data-eu-west-1");
        const s = await lab.scenario(context, exposed);
        assert.equal(s.code, 0, mandatory(s));
        const advisories = of(s, "dr-key-protection-store-keys", "advisory");
        assert.equal(advisories.length, 1);
        assert.match(advisories[0].message, /encrypts the data of .*"users"/);
    });
});

describe("dr-key-protection rule", () => {
    const key = (props: Record<string, any>, protect = false) => ({ ...resource(T.key, "k", { region: "eu-west-1", ...props }), protect });

    it("holds a key protected by Pulumi, or guarded by a Deny of deletion to every principal", () => {
        assert.equal(keyExposure(key({}, true), [], "the data of"), undefined);
        assert.equal(keyExposure(key({ policy: policy(ADMIN, DENY) }), [], "the data of"), undefined);
    });

    it("exposes a key with the default policy, or one whose Deny spares some principal's deletion", () => {
        assert.ok(keyExposure(key({}), [], "the data of"));
        assert.ok(keyExposure(key({ policy: policy(ADMIN) }), [], "the data of"));
        assert.equal(deniesDeletion(key({ policy: policy({ ...DENY, Principal: { AWS: "arn:aws:iam::123456789012:role/ops" } }) })), false);
        assert.equal(deniesDeletion(key({ policy: policy({ ...DENY, Action: "kms:DisableKey" }) })), false);
        assert.equal(deniesDeletion(key({ policy: policy({ ...DENY, Action: "kms:*" }) })), true);
    });

    it("cannot judge a policy computed at preview: says so once every key it can read is reported", () => {
        assert.equal(deniesDeletion(key({ policy: UNKNOWN })), UNKNOWN);
        const computed = { ...key({ policy: UNKNOWN }), name: "computed", urn: "urn:computed" };
        const exposed = { ...key({}), name: "exposed", urn: "urn:exposed" };
        const reported: string[] = [];
        assert.throws(
            () =>
                judgeKeys(
                    new Map([
                        [computed, []],
                        [exposed, []],
                    ]),
                    "the data of",
                    (_message, urn) => reported.push(urn),
                ),
            /can.t be known during preview/,
        );
        assert.deepEqual(reported, ["urn:exposed"]);
    });

    it("counts a Deny only when it binds everyone but named principals: one that selects whom it denies guards no one else", () => {
        const only = (condition: object) => deniesDeletion(key({ policy: policy({ ...DENY, Condition: condition }) }));
        assert.equal(only({ ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/break-glass-*" } }), true);
        assert.equal(only({ StringEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/intern" } }), false);
        assert.equal(only({ ArnNotEquals: { "aws:SourceArn": "arn:aws:iam::123456789012:role/x" } }), false);
    });

    it("finds vault keys by the vault's key, and store keys by the store's and its encryption settings'", () => {
        const vaultKey = key({});
        const vault = resource(T.vault, "v", { region: "eu-west-1", kmsKeyArn: UNKNOWN }, { kmsKeyArn: [vaultKey] });
        const dataKey = { ...resource(T.key, "data", { region: "eu-west-1" }), protect: false };
        const table = euTable("users", { serverSideEncryption: { kmsKeyArn: UNKNOWN } }, {});
        const tableWithKey = { ...table, propertyDependencies: { serverSideEncryption: [dataKey.urn] } };
        const m = model(vaultKey, vault, dataKey, tableWithKey);
        assert.deepEqual(
            [...vaultKeys(m)].map(([k, users]) => [k.name, users.map((u) => u.name)]),
            [["k", ["v"]]],
        );
        assert.deepEqual(
            [...storeKeys(m)].map(([k, users]) => [k.name, users.map((u) => u.name)]),
            [["data", ["users"]]],
        );
    });
});
