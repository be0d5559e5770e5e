import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mandatory, of, sharedLab } from "../support/lab";

const lab = sharedLab();

describe("the session cache through the real program and pack", () => {
    it("is a personal store that is reproducible: residency binds it, 3-2-1 does not, its secondary is a copy", async () => {
        const [tokyo, eu] = await Promise.all([lab.plan("tokyo"), lab.plan("eu")]);
        for (const s of [tokyo, eu]) {
            assert.equal(s.code, 0, mandatory(s));
        }
        const row = tokyo.stack.posture.dataStores.find((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup");
        assert.ok(row, "no session cache in tokyo's posture");
        assert.equal(row.classification, "personal");
        assert.deepEqual(row.regions, ["ap-northeast-1", "ap-northeast-3"]);
        // Rebuilt as users sign in again, it loses nothing a restore would bring back.
        assert.equal(row.rpo.achievableSeconds, 0);
        // Promoted side by side with the database, by the plan's function in the activated region.
        const failover = tokyo.stack.posture.rto.steps.find((s) => s.step === "database-failover");
        assert.deepEqual(failover, { step: "database-failover", seconds: 300, manual: false });
    });

    it("rejects an EU cache with a secondary in us-east-1, by residency", async () => {
        // eu given a DR region in us-east-1 that only the cache reaches: its tables, bucket and database stay home.
        const s = await lab.plan("eu", (c) => {
            c["dr:drRegion"] = "us-east-1";
            for (const table of c["dr:tables"]) {
                table.replicaRegions = [];
            }
            c["dr:buckets"][0].replicationRegion = "eu-west-1";
            c["dr:databases"][0].replicaRegions = [];
        });
        assert.equal(s.code, 1);
        const findings = of(s, "data-residency");
        assert.equal(findings.length, 1, mandatory(s));
        assert.match(findings[0].urn, /elasticache\/replicationGroup:ReplicationGroup::sessions$/);
        assert.match(
            findings[0].message,
            /aws:elasticache\/replicationGroup:ReplicationGroup "sessions" holds personal data of zone eu \(allowed: eu-west-1\), but ElastiCache global datastore secondary lives in us-east-1\./,
        );
    });
});
