import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RESIDENCY_ZONES } from "../../policies/catalog";
import { ModelResource, SCOPES, Scope, StackModel, storeRecovery } from "../../policies/catalog/model";
import { rpoFindings } from "../../policies/rules/dr-rpo-target";
import { T, bucket, euTable, model, plan, resource, selection, vault } from "../model/build";
import { mandatory, of, sharedLab, varied } from "../support/lab";

const lab = sharedLab();

describe("dr-rpo-target through the real program and pack", () => {
    it("passes tokyo: tables a second behind for a region loss and PITR's 5 minutes for a corruption, uploads within RTC's 15 minutes under its own 15m target", async () => {
        const s = await lab.plan("tokyo");
        assert.equal(s.code, 0, mandatory(s));
        const byName = Object.fromEntries(s.stack.posture.dataStores.map((d) => [d.name, d]));
        assert.deepEqual(byName.users.rpo, { targetSeconds: 300, achievableSeconds: 1 });
        assert.deepEqual(byName.users.scopes.corruption.rpo, { targetSeconds: 3600, achievableSeconds: 300 });
        assert.deepEqual(byName.uploads.rpo, { targetSeconds: 900, achievableSeconds: 900 });
        assert.deepEqual(s.stack.posture.rpo, byName.uploads.rpo, "the stack's RPO is its worst store's");
    });

    it("passes tokyo at dr:rpo 1s: a region loss is about replication, while the corruption scope still reports PITR's bound against its own target", async () => {
        const s = await lab.plan("tokyo", (c) => {
            c["dr:rpo"] = "1s";
            c["dr:buckets"][0].rpo = "15m";
        });
        assert.equal(s.code, 0, mandatory(s));
        const users = s.stack.posture.dataStores.find((d) => d.name === "users")!;
        assert.deepEqual(users.scopes.region.rpo, { targetSeconds: 1, achievableSeconds: 1 });
        assert.deepEqual(users.scopes.corruption.rpo, { targetSeconds: 3600, achievableSeconds: 300 });
        assert.deepEqual(s.stack.posture.scopes.corruption.rpo, { targetSeconds: 3600, achievableSeconds: 300 });
    });

    it("rejects eu when its plan's rule sets no start window: AWS's default 8 hours push its account copy past 4h, and the message names the window", async () => {
        const { context, resources } = await lab.preview("eu");
        const s = await lab.scenario(
            context,
            varied(resources, T.plan, "eu-backup", (p) => delete p.rules[0].startWindow),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-rpo-target");
        assert.match(
            v.message,
            /^\[account\] .*for a loss or compromise of its account, achievable RPO 11h exceeds its target 4h \(dr:rpo\)/m,
        );
        assert.match(v.message, /\(\+8h to start \(no start window set: AWS's default\), 1h to finish\)/);
        const before = (await lab.plan("eu")).stack.posture.rpo.achievableSeconds;
        assert.ok(s.stack.posture.rpo.achievableSeconds! > before!, "the RPO rises");
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
            /^\[region\] .*for a loss of its home region, achievable RPO 4h exceeds its target 5m \(dr:rpo\) — its best copy in another region is a copy of the every 1h \(\+1h to start, 1h to finish\) backup/m,
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

    it("rejects tokyo's users table without point-in-time recovery for the corruption scope: a corruption reaches its replica within a second, and the newest clean copy is the hourly backup", async () => {
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
            /\[corruption\] .*: for a bad write or deletion, which replication carries everywhere, achievable RPO 3h exceeds its target 1h \(dr:targets\.corruption\.rpo\) — a corruption or deletion reaches its replicas too, and the newest point-in-time copy it cannot reach is the backup every 1h \(\+1h to start, 1h to finish\) to vault tokyo-backup-home in ap-northeast-1, up to 3h old\. Fix: enable point-in-time recovery/,
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

/** The store's findings when its dr:rpo is judged for `judged` and no other scope has a target. */
function finding(m: StackModel, store: ModelResource, judged: Scope = "region", zones = DEFAULT_RESIDENCY_ZONES): string | undefined {
    const untargeted = Object.fromEntries(SCOPES.map((scope) => [scope, {}])) as Record<Scope, object>;
    return rpoFindings(m, storeRecovery(m, store), judged, untargeted, zones)[0];
}

/** The resource as the DR components build it: under a `dr:` component, so fixes name our stack config. */
function ours(r: ModelResource): ModelResource {
    return { ...r, urn: r.urn.replace(/::(aws:[^:]+:[^:]+)::/, "::dr:data:Store$$$1::") };
}

describe("dr-rpo-target rule", () => {
    it("fails a store with no off-site copy, saying a loss of its region loses it all", () => {
        const table = euTable();
        assert.match(
            finding(model(table), table)!,
            /^\[region\] .* for a loss of its home region, no RPO is achievable against its target 4h \(dr:rpo\) — it has no copy in another region .* so a loss of eu-west-1 loses it all/,
        );
    });

    it("never tells a store of a one-region zone to replicate: only a backup copy can leave, at best 4h behind", () => {
        const table = ours(euTable());
        const found = finding(model(table), table)!;
        assert.match(
            found,
            /Fix: zone eu holds no region besides eu-west-1, so its only off-site copy is a Backup copy to another account, at best 4h behind \(hourly jobs, their start and completion windows, and the copy's hour\): set the table's rpo \(dr:tables\[\]\.rpo\) to at least 4h/,
        );
        assert.doesNotMatch(found, /replica in/);
        const theirs = euTable();
        assert.match(finding(model(theirs), theirs)!, /the copy's hour\): set its dr:rpo tag \(or the stack's dr:rpo\) to at least 4h/);
    });

    it("offers a replica only where the configured zone allows: a widened eu zone's other region", () => {
        const wider = { ...DEFAULT_RESIDENCY_ZONES, eu: ["eu-west-1", "eu-central-1"] };
        const table = ours(euTable());
        assert.match(
            finding(model(table), table, "region", wider)!,
            /Fix: add a global-table replica in eu-central-1 \(.*dr:tables\[\]\.replicaRegions\)/,
        );
        const theirs = euTable();
        assert.match(
            finding(model(theirs), theirs, "region", wider)!,
            /Fix: add a replica in eu-central-1 to the table's replicas \(\[\{regionName: "eu-central-1", pointInTimeRecovery: true\}\]/,
        );
    });

    it("never offers RTC to a bucket whose target is under RTC's 15 minutes", () => {
        const uploads = bucket("uploads", "ap-northeast-1", { tags: { ...euTable().props.tags, "dr:residency": "jp", "dr:rpo": "5m" } });
        assert.match(
            finding(model(ours(uploads)), ours(uploads))!,
            /Fix: S3 replicates no faster than Replication Time Control's 15m: set the bucket's rpo \(dr:buckets\[\]\.rpo\) to at least 15m/,
        );
        assert.match(
            finding(model(uploads), uploads)!,
            /Fix: S3 replicates no faster than Replication Time Control's 15m: set its dr:rpo tag \(or the stack's dr:rpo\) to at least 15m/,
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
        assert.equal(recover(withoutPitr, home, hourly, pick).pointInTimeRpo, 3 * 3600);
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

    it("keeps a region loss and a corruption apart: a replica a second behind, PITR five minutes", () => {
        const table = euTable("users", { pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: "eu-central-1" }] });
        const recovery = storeRecovery(model(table), table);
        assert.deepEqual(
            [recovery.regionLossRpo, recovery.pointInTimeRpo, recovery.accountLossRpo, recovery.zoneLossRpo],
            [1, 300, Infinity, 0],
        );
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
        assert.match(finding(m, table, "account")!, /how far behind its copies in another account are cannot be told/);
    });

    it("says nothing about a store without an RPO target (dr-classification judges that)", () => {
        const table = euTable("users", {}, { "dr:rpo": "soon" });
        assert.equal(finding(model(table), table), undefined);
    });
});
