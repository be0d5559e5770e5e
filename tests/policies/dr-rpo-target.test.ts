import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { storeRecovery } from "../../policies/catalog/model";
import { rpoFinding } from "../../policies/rules/dr-rpo-target";
import { euTable, model } from "../model/build";
import { mandatory, of, scenario } from "./scenario";

describe("dr-rpo-target through the real program and pack", { concurrency: true }, () => {
    it("passes tokyo: replicas within a second, uploads within RTC's 15 minutes", async () => {
        const s = await scenario("tokyo", () => {});
        assert.equal(s.code, 0, mandatory(s));
        const byName = Object.fromEntries(s.stack.posture.dataStores.map((d: any) => [d.name, d.rpo]));
        assert.deepEqual(byName.users, { targetSeconds: 300, achievableSeconds: 1 });
        assert.deepEqual(byName.uploads, { targetSeconds: 900, achievableSeconds: 900 });
    });

    it("rejects a tokyo table without replicas: its off-site backup copy is hours behind a 5m target", async () => {
        const s = await scenario("tokyo", (c) => (c["dr:tables"][0].replicaRegions = []));
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-rpo-target");
        assert.match(v.urn, /::users$/);
        assert.match(v.message, /achievable RPO 2h exceeds its target 5m \(dr:rpo\) — its best off-site copy is a copy of the every 1h backup/);
        assert.match(v.message, /Fix: add a global-table replica in the DR region/);
    });

    it("rejects a us bucket replicating without RTC: best effort has no bound", async () => {
        const s = await scenario("us", (c) => (c["dr:buckets"][0].rtc = false));
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-rpo-target");
        assert.match(v.urn, /::uploads$/);
        assert.match(v.message, /exceeds its target 15m/);
        assert.match(v.message, /with S3 Replication Time Control/);
    });

    it("passes a bucket whose own rpo allows RTC's 15 minutes in a 5m stack", async () => {
        const s = await scenario("tokyo", () => {});
        assert.equal(of(s, "dr-rpo-target").length, 0);
    });
});

describe("dr-rpo-target rule", () => {
    it("fails a store with no off-site copy, saying a loss of its region loses it all", () => {
        const table = euTable();
        const finding = rpoFinding(storeRecovery(model(table), table));
        assert.match(finding!, /achievable RPO none exceeds its target 4h .* it has no off-site copy .* so a loss of eu-west-1 loses it all/);
    });

    it("says nothing about a store without an RPO target (dr-classification judges that)", () => {
        const table = euTable("users", {}, { "dr:rpo": "soon" });
        assert.equal(rpoFinding(storeRecovery(model(table), table)), undefined);
    });
});
