import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
    UNKNOWN,
    bucketReplications,
    replicaBuckets,
    bucketReplicaCopies,
    tableReplicaCopies,
    sourceBucket,
    storeRecovery,
    stores,
} from "../../policies/catalog/model";
import { T, bucket, euTable, model, replication, resource } from "./build";

const HOME = { region: "eu-west-1", account: "same" };

describe("S3 replication: which bucket a configuration replicates from", () => {
    it("follows the configuration's dependency on its bucket", () => {
        const a = bucket("a");
        const config = resource(T.replication, "c", { bucket: UNKNOWN }, { bucket: [a] });
        assert.equal(sourceBucket(model(a, config), config), a);
    });

    it("falls back to the bucket whose name it names", () => {
        const a = bucket("a");
        const config = resource(T.replication, "c", { bucket: "a" });
        assert.equal(sourceBucket(model(a, config), config), a);
    });

    it("names none when neither tells", () => {
        const config = resource(T.replication, "c", { bucket: UNKNOWN });
        assert.equal(sourceBucket(model(bucket("a"), config), config), undefined);
    });
});

describe("S3 replication: where each enabled rule writes", () => {
    it("resolves an unknown destination ARN to the one other bucket the rules depend on", () => {
        const [a, b] = [bucket("a"), bucket("b", "eu-central-1")];
        const [destination] = bucketReplications(model(a, b, replication(a, b)), a);
        assert.equal(destination.bucket, b);
        assert.equal(destination.rtc, false);
    });

    it("leaves an unknown destination unresolved when the rules depend on two other buckets", () => {
        const [a, b, c] = [bucket("a"), bucket("b"), bucket("c")];
        const config = resource(
            T.replication,
            "c",
            { bucket: "a", rules: [{ status: "Enabled", destination: { bucket: UNKNOWN } }] },
            { bucket: [a], rules: [b, c] },
        );
        const [destination] = bucketReplications(model(a, b, c, config), a);
        assert.equal(destination.bucket, undefined);
        assert.equal(destination.arn, UNKNOWN);
    });

    it("matches a written ARN to a bucket of the stack, and keeps one outside it as written", () => {
        const [a, b] = [bucket("a"), bucket("b")];
        const config = resource(
            T.replication,
            "c",
            {
                bucket: "a",
                rules: [
                    { status: "Enabled", destination: { bucket: "arn:aws:s3:::b" } },
                    { status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } },
                ],
            },
            { bucket: [a], rules: [b] },
        );
        const destinations = bucketReplications(model(a, b, config), a);
        assert.deepEqual(
            destinations.map((d) => [d.bucket?.name, d.arn]),
            [
                ["b", undefined],
                [undefined, "arn:aws:s3:::elsewhere"],
            ],
        );
    });

    it("skips disabled rules and reads Replication Time Control", () => {
        const [a, b] = [bucket("a"), bucket("b")];
        const config = replication(a, b, {
            destination: { bucket: UNKNOWN, replicationTime: { status: "Enabled", time: { minutes: 15 } } },
        });
        const disabled = resource(
            T.replication,
            "off",
            { bucket: "a", rules: [{ status: "Disabled", destination: { bucket: "arn:aws:s3:::b" } }] },
            { bucket: [a] },
        );
        const destinations = bucketReplications(model(a, b, config, disabled), a);
        assert.deepEqual(
            destinations.map((d) => [d.bucket?.name, d.rtc]),
            [["b", true]],
        );
    });

    it("follows a bucket's legacy inline replicationConfiguration", () => {
        const replica = bucket("replica", "us-east-1");
        const source = bucket("source", "eu-west-1", {
            replicationConfiguration: { rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::replica" } }] },
        });
        const withDependency = { ...source, propertyDependencies: { replicationConfiguration: [replica.urn] } };
        assert.equal(bucketReplications(model(withDependency, replica), withDependency)[0].bucket, replica);
    });
});

describe("S3 replication: replica buckets are copies, not stores", () => {
    it("one-way: the destination only receives, so it is no store of its own", () => {
        const [a, b] = [bucket("a"), bucket("b", "eu-central-1")];
        const m = model(a, b, replication(a, b));
        assert.deepEqual([...replicaBuckets(m)], [b.urn]);
        assert.deepEqual(
            stores(m).map((s) => s.name),
            ["a"],
        );
    });

    it("two-way: each bucket replicates onward, so both are stores and both are judged", () => {
        const [a, b] = [bucket("a"), bucket("b", "eu-central-1")];
        const m = model(a, b, replication(a, b), replication(b, a));
        assert.deepEqual(
            stores(m).map((s) => s.name),
            ["a", "b"],
        );
        assert.equal(storeRecovery(m, b).copies.find((c) => c.kind === "replica")?.location.region, "eu-west-1");
    });
});

describe("continuous copies of a store", () => {
    it("counts each inline global-table replica, a second behind, off-site when in another region", () => {
        const table = euTable("users", { replicas: [{ regionName: "eu-central-1" }, { regionName: UNKNOWN }] });
        const copies = tableReplicaCopies(model(table), table, HOME);
        assert.deepEqual(
            copies.map((c) => [c.mechanism, c.location.region, c.lagSeconds, c.offsite, c.pointInTime]),
            [
                ["global-table-replica", "eu-central-1", 1, true, false],
                ["global-table-replica", UNKNOWN, 1, false, false],
            ],
        );
    });

    it("counts a TableReplica resource built from the table", () => {
        const table = euTable();
        const replica = resource(
            T.tableReplica,
            "users-frankfurt",
            { region: "eu-central-1", globalTableArn: UNKNOWN },
            { globalTableArn: [table] },
        );
        assert.deepEqual(
            tableReplicaCopies(model(table, replica), table, HOME).map((c) => [c.location.region, c.resource.name]),
            [["eu-central-1", "users-frankfurt"]],
        );
    });

    it("counts a legacy global table's replicas other than home, joined by name or by dependency", () => {
        const table = euTable("users", { name: "users" });
        const byName = resource(T.legacyGlobalTable, "by-name", {
            name: "users",
            replicas: [{ regionName: "eu-west-1" }, { regionName: "us-east-1" }],
        });
        const byDependency = resource(
            T.legacyGlobalTable,
            "by-dependency",
            { name: UNKNOWN, replicas: [{ regionName: "eu-north-1" }] },
            { name: [table] },
        );
        const copies = tableReplicaCopies(model(table, byName, byDependency), table, HOME);
        assert.deepEqual(copies.map((c) => [c.mechanism, c.location.region]).sort(), [
            ["legacy-global-table-replica", "eu-north-1"],
            ["legacy-global-table-replica", "us-east-1"],
        ]);
    });

    it("bounds S3 replication at 15 minutes with RTC and budgets a day without", () => {
        const [a, b, c] = [bucket("a"), bucket("b", "eu-central-1"), bucket("c", "eu-north-1")];
        const rtc = replication(a, b, { destination: { bucket: UNKNOWN, replicationTime: { status: "Enabled" } } });
        const m = model(a, b, c, rtc, replication(a, c));
        assert.deepEqual(
            bucketReplicaCopies(m, a, HOME).map((x) => [x.location.region, x.lagSeconds, x.rtc]),
            [
                ["eu-central-1", 900, true],
                ["eu-north-1", 86400, false],
            ],
        );
    });

    it("places a destination outside the stack in an unknown region", () => {
        const a = bucket("a");
        const config = resource(
            T.replication,
            "c",
            { bucket: "a", rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }] },
            { bucket: [a] },
        );
        assert.equal(bucketReplicaCopies(model(a, config), a, HOME)[0].location.region, UNKNOWN);
    });
});
