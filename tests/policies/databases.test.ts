import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Edit, mandatory, of, sharedLab } from "../support/lab";

const lab = sharedLab();

/** The posture row of the stack's `projects` database. */
function projects(s: Awaited<ReturnType<typeof lab.plan>>) {
    const row = s.stack.posture.dataStores.find((r) => r.name === "projects");
    assert.ok(row, "no projects row in the posture");
    return row;
}

/** eu with a DR region in us-east-1 that only the database reaches: its tables and bucket stay home. */
const euDatabaseInUsEast1: Edit = (c) => {
    c["dr:drRegion"] = "us-east-1";
    for (const table of c["dr:tables"]) {
        table.replicaRegions = [];
    }
    c["dr:buckets"][0].replicationRegion = "eu-west-1";
};

describe("the relational tier through the real program and pack", () => {
    it("shows each shipped stack's database in its posture, within its target", async () => {
        const [tokyo, us, eu] = await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)));
        for (const s of [tokyo, us, eu]) {
            assert.equal(s.code, 0, mandatory(s));
        }
        // Aurora secondaries are under a second behind a region loss; the automated backups' five minutes bound a corruption.
        assert.deepEqual([projects(tokyo).rpo.achievableSeconds, projects(us).rpo.achievableSeconds], [1, 1]);
        assert.deepEqual(
            [projects(tokyo).scopes.corruption.rpo.achievableSeconds, projects(us).scopes.corruption.rpo.achievableSeconds],
            [300, 300],
        );
        assert.deepEqual(projects(tokyo).regions, ["ap-northeast-1", "ap-northeast-3"]);
        // eu: no region besides eu-west-1 in zone eu; the off-site copy is the backup account's, 4h behind at worst.
        assert.deepEqual(projects(eu).regions, ["eu-west-1"]);
        assert.equal(projects(eu).rpo.achievableSeconds, 4 * 3600);
    });

    it("rejects an EU personal database with a secondary in us-east-1, by residency", async () => {
        const s = await lab.plan("eu", euDatabaseInUsEast1);
        assert.equal(s.code, 1);
        // The session cache's secondary follows the DR region too: rejected beside the database.
        const found = of(s, "data-residency");
        assert.deepEqual(found.map((f) => f.urn.replace(/.*::/, "")).sort(), ["projects", "sessions"]);
        const v = found.find((f) => f.urn.endsWith("::projects"))!;
        assert.match(
            v.message,
            /aws:rds\/cluster:Cluster "projects" holds personal data of zone eu \(allowed: eu-west-1\), but Aurora global database secondary \(headless\) lives in us-east-1\. Fix: keep it in eu-west-1 \(dr:databases\[\]\.replicaRegions, dr:backup\.copyRegion \/ copyVaultArn\)/,
        );
    });

    it("rejects tokyo without a secondary: a region loss costs the last backup copy and a restore", async () => {
        const s = await lab.plan("tokyo", (c) => (c["dr:databases"][0].replicaRegions = []));
        assert.equal(s.code, 1);
        const [rpo] = of(s, "dr-rpo-target");
        assert.match(
            rpo.message,
            /\[region\] aws:rds\/cluster:Cluster "projects": for a loss of its home region, achievable RPO 4h exceeds its target 5m \(dr:rpo\)/,
        );
        assert.match(
            rpo.message,
            /Fix: add an Aurora global database secondary in ap-northeast-3 \(lag < 1s, dr:databases\[\]\.replicaRegions\)/,
        );
        const [rto] = of(s, "dr-rto-target");
        assert.match(rto.message, /restore projects from backup copies in ap-northeast-3 \(2h\)/);
    });

    it("passes a pilot-light headless secondary at its tier's RTO, and rejects it at 15m", async () => {
        const pilotLight =
            (rto: string): Edit =>
            (c) => {
                c["dr:tier"] = "pilot-light";
                c["dr:rto"] = rto;
            };
        const [atTier, at15m] = await Promise.all([lab.plan("us", pilotLight("1h")), lab.plan("us", pilotLight("15m"))]);
        assert.equal(atTier.code, 0, mandatory(atTier));
        assert.equal(at15m.code, 1);
        const [rto] = of(at15m, "dr-rto-target");
        // The plan cannot fail a headless secondary over (ARC evaluation needs instances): a person adds one (15m), then fails
        // over (5m), promoting the session cache's secondary beside it.
        assert.match(
            rto.message,
            /a person fails sessions, projects over to us-west-2 \(a managed failover of the global database, allowing data loss, after adding an instance to the headless secondary, a failover of the global datastore to its secondary\) \(20m\)/,
        );
        assert.match(rto.message, /recovers from a loss of its home region in 54m15s, over its target 15m/);
    });

    it("passes RDS PostgreSQL in place of Aurora: a read replica to promote, and its backups replicated", async () => {
        const postgres: Edit = (c) => (c["dr:databases"][0].engine = "postgres");
        const [us, eu] = await Promise.all([lab.plan("us", postgres), lab.plan("eu", postgres)]);
        assert.equal(us.code, 0, mandatory(us));
        assert.equal(eu.code, 0, mandatory(eu));
        assert.equal(projects(us).type, "aws:rds/instance:Instance");
        // A replica's lag is budgeted, not bounded by AWS: 5m.
        assert.equal(projects(us).rpo.achievableSeconds, 300);
    });
});
