import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ModelResource, storeRecovery } from "../../policies/catalog/model";
import { rpoFinding } from "../../policies/rules/dr-rpo-target";
import { T, bucket, euTable, model, plan, resource, selection, vault } from "../model/build";
import { mandatory, of, sharedLab, varied } from "../support/lab";

const lab = sharedLab();

describe("dr-rpo-target through the real program and pack", () => {
    it("passes tokyo: tables within PITR's 5 minutes (their replicas copy a corruption within a second), uploads within RTC's 15 minutes under its own 15m target", async () => {
        const s = await lab.plan("tokyo");
        assert.equal(s.code, 0, mandatory(s));
        const byName = Object.fromEntries(s.stack.posture.dataStores.map((d) => [d.name, d.rpo]));
        assert.deepEqual(byName.users, { targetSeconds: 300, achievableSeconds: 300 });
        assert.deepEqual(byName.uploads, { targetSeconds: 900, achievableSeconds: 900 });
        assert.deepEqual(s.stack.posture.rpo, byName.uploads, "the stack's RPO is its worst store's");
    });

    it("rejects a tokyo table without replicas: its off-site backup copy is hours behind a 5m target", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            varied(resources, T.table, "users", (p) => (p.replicas = [])),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-rpo-target");
        assert.match(v.urn, /::users$/);
        assert.match(
            v.message,
            /achievable RPO 2h exceeds its target 5m \(dr:rpo\) — its best off-site copy is a copy of the every 1h backup/,
        );
        assert.match(v.message, /Fix: add a global-table replica in ap-northeast-3 \(lag ≈ 1s, dr:tables\[\]\.replicaRegions\)/);
    });

    it("rejects tokyo replicating uploads one way, Tokyo → Osaka only: what the Osaka service writes never leaves Osaka", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const oneWay = resources.filter(
            (r) =>
                !(r.type === T.replication && r.name === "uploads-replication-back") &&
                !((r.type === T.plan || r.type === T.selection) && r.name === "tokyo-backup-ap-northeast-3"),
        );
        const s = await lab.scenario(context, oneWay);
        assert.equal(s.code, 1);
        const [v, ...more] = of(s, "dr-rpo-target");
        assert.deepEqual(more, []);
        assert.match(v.urn, /::uploads-replica$/);
        assert.match(
            v.message,
            /\naws:s3\/bucket:Bucket "uploads-replica" in ap-northeast-3 is written by aws:ecs\/service:Service "tokyo-ap-northeast-3" there, but only receives replication from aws:s3\/bucket:Bucket "uploads" in ap-northeast-1: nothing copies what is written in ap-northeast-3 out of it, so a loss of ap-northeast-3 loses it \(RPO: no bound, target 15m\)/,
        );
        assert.match(
            v.message,
            /Fix: replicate ap-northeast-3 → ap-northeast-1 as well \(two-way replication, with RTC and replica modification sync\) and back the bucket up in ap-northeast-3/,
        );
    });

    it("rejects tokyo's users table without point-in-time recovery: a corruption reaches its replica within a second, and the newest clean copy is the hourly backup", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const s = await lab.scenario(
            context,
            varied(resources, T.table, "users", (p) => (p.pointInTimeRecovery = { enabled: false })),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-rpo-target");
        assert.match(v.urn, /::users$/);
        assert.match(
            v.message,
            /achievable RPO 1h exceeds its target 5m \(dr:rpo\) — a corruption or deletion reaches its replicas too, and the newest point-in-time copy it cannot reach is the backup every 1h to vault tokyo-backup-home in ap-northeast-1, up to 1h old\. Fix: enable point-in-time recovery/,
        );
        assert.doesNotMatch(v.message, /replica in/, "the replica meets the region-loss bound: no fix for it");
    });

    it("rejects a us bucket replicating without RTC: best effort has no bound", async () => {
        const { context, resources } = await lab.preview("us");
        const bestEffort = varied(resources, T.replication, "uploads-replication", (p) => {
            delete p.rules[0].destination.replicationTime;
            delete p.rules[0].destination.metrics;
        });
        const s = await lab.scenario(context, bestEffort);
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-rpo-target");
        assert.match(v.urn, /::uploads$/);
        assert.match(v.message, /exceeds its target 15m/);
        assert.match(v.message, /replicate to us-west-2 with S3 Replication Time Control/);
    });
});

describe("dr-rpo-target rule", () => {
    it("fails a store with no off-site copy, saying a loss of its region loses it all", () => {
        const table = euTable();
        const finding = rpoFinding(model(table), storeRecovery(model(table), table));
        assert.match(
            finding!,
            /no RPO is achievable against its target 4h .* it has no off-site copy .* so a loss of eu-west-1 loses it all/,
        );
    });

    it("never tells a store of a one-region zone to replicate: only a backup copy can leave, at best 2h behind", () => {
        const table = euTable();
        const finding = rpoFinding(model(table), storeRecovery(model(table), table))!;
        assert.match(
            finding,
            /Fix: zone eu holds no region besides eu-west-1, so its only off-site copy is a Backup copy to another account, at best 2h behind .*: set the table's rpo \(dr:tables\[\]\.rpo\) to at least 2h/,
        );
        assert.doesNotMatch(finding, /replica in/);
    });

    it("never offers RTC to a bucket whose target is under RTC's 15 minutes", () => {
        const uploads = bucket("uploads", "ap-northeast-1", { tags: { ...euTable().props.tags, "dr:residency": "jp", "dr:rpo": "5m" } });
        const finding = rpoFinding(model(uploads), storeRecovery(model(uploads), uploads))!;
        assert.match(
            finding,
            /Fix: S3 replicates no faster than Replication Time Control's 15m: set the bucket's rpo \(dr:buckets\[\]\.rpo\) to at least 15m/,
        );
    });

    it("bounds a corruption by the store's own point-in-time copies: PITR, a versioned bucket's versions, else the most frequent backup", () => {
        const home = vault("home");
        const hourly = plan("hourly", home);
        const pick = selection("all", hourly);
        const withPitr = euTable("users", { pointInTimeRecovery: { enabled: true } });
        const withoutPitr = euTable("users");
        const recover = (...rs: ModelResource[]) => storeRecovery(model(...rs), rs[0]);
        assert.deepEqual([recover(withPitr).pointInTimeRpo, recover(withPitr).pointInTimeBy], [300, "pitr"]);
        assert.equal(recover(withoutPitr, home, hourly, pick).pointInTimeRpo, 3600);
        assert.equal(recover(withoutPitr).pointInTimeRpo, Infinity);
        const uploads = bucket("uploads");
        const versioning = resource(
            T.bucketVersioning,
            "v",
            { bucket: "uploads", versioningConfiguration: { status: "Enabled" } },
            { bucket: [uploads] },
        );
        assert.deepEqual([recover(uploads, versioning).pointInTimeRpo, recover(uploads, versioning).pointInTimeBy], [0, "versioning"]);
        const suspended = resource(
            T.bucketVersioning,
            "v",
            { bucket: "uploads", versioningConfiguration: { status: "Suspended" } },
            { bucket: [uploads] },
        );
        assert.equal(recover(uploads, suspended).pointInTimeRpo, Infinity);
    });

    it("takes the worse of a region loss and a corruption as the store's RPO", () => {
        const table = euTable("users", { pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: "eu-central-1" }] });
        const recovery = storeRecovery(model(table), table);
        assert.deepEqual([recovery.regionLossRpo, recovery.pointInTimeRpo, recovery.achievableRpo], [1, 300, 300]);
    });

    it("says when off-site copies exist but how far behind they are cannot be told", () => {
        const table = euTable();
        const copy = resource(T.plan, "plan", {
            region: "eu-west-1",
            rules: [
                {
                    schedule: "rate(1 hour)",
                    targetVaultName: "home",
                    copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-west-1:210987654321:backup-vault:offsite" }],
                },
            ],
        });
        const selection = resource(T.selection, "all", { region: "eu-west-1", resources: ["*"] }, { planId: [copy] });
        const m = model(table, copy, selection);
        assert.match(rpoFinding(m, storeRecovery(m, table))!, /how far behind its off-site copies are cannot be told/);
    });

    it("says nothing about a store without an RPO target (dr-classification judges that)", () => {
        const table = euTable("users", {}, { "dr:rpo": "soon" });
        assert.equal(rpoFinding(model(table), storeRecovery(model(table), table)), undefined);
    });
});
