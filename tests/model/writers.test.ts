import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ModelResource, UNKNOWN, replicaBuckets, stores, storeRecovery, writersOf } from "../../policies/catalog/model";
import { T, bucket, model, replication, resource } from "./build";

/** An ECS service in `region` whose task role holds `document`, built from `targets`, attached inline or as a managed policy. */
function serviceWriting(
    region: string,
    targets: ModelResource[],
    document: unknown,
    attach: "inline" | "managed" = "inline",
): ModelResource[] {
    const role = resource(T.role, `task-${region}`, {});
    const taskDefinition = resource(T.taskDefinition, `td-${region}`, { taskRoleArn: UNKNOWN }, { taskRoleArn: [role] });
    const service = resource(T.service, `app-${region}`, { region, taskDefinition: UNKNOWN }, { taskDefinition: [taskDefinition] });
    if (attach === "inline") {
        return [
            role,
            taskDefinition,
            service,
            resource(T.rolePolicy, `p-${region}`, { role: UNKNOWN, policy: document }, { role: [role], policy: targets }),
        ];
    }
    const policy = resource(T.policy, `m-${region}`, { policy: document }, { policy: targets });
    return [
        role,
        taskDefinition,
        service,
        policy,
        resource(T.rolePolicyAttachment, `a-${region}`, { role: UNKNOWN, policyArn: UNKNOWN }, { role: [role], policyArn: [policy] }),
    ];
}

const allow = (...actions: string[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });

describe("which services may write a store", () => {
    const [home, replica] = [bucket("uploads"), bucket("uploads-replica", "eu-central-1")];

    it("a service whose task role's inline or managed policy, built from the bucket, grants a write", () => {
        for (const attach of ["inline", "managed"] as const) {
            const m = model(home, replica, ...serviceWriting("eu-central-1", [replica], allow("s3:GetObject", "s3:PutObject"), attach));
            assert.deepEqual(
                writersOf(m, replica).map((w) => [w.service.name, w.region]),
                [["app-eu-central-1", "eu-central-1"]],
                attach,
            );
            assert.deepEqual(writersOf(m, home), []);
        }
    });

    it("a service that puts records into a Kinesis stream or sends to an SQS queue writes it; one that only reads does not", () => {
        const stream = resource(T.kinesisStream, "events", { region: "eu-west-1" });
        const queue = resource(T.sqsQueue, "jobs", { region: "eu-west-1" });
        const writes = (store: ModelResource, ...actions: string[]) =>
            writersOf(model(store, ...serviceWriting("eu-west-1", [store], allow(...actions))), store).map((w) => w.service.name);
        assert.deepEqual(writes(stream, "kinesis:PutRecords"), ["app-eu-west-1"]);
        assert.deepEqual(writes(stream, "kinesis:GetRecords", "kinesis:DescribeStream"), []);
        assert.deepEqual(writes(queue, "sqs:SendMessage"), ["app-eu-west-1"]);
        assert.deepEqual(writes(queue, "sqs:ReceiveMessage"), []);
    });

    it("not a service that may only read, nor one whose policy was not built from the bucket", () => {
        assert.deepEqual(
            writersOf(model(replica, ...serviceWriting("eu-central-1", [replica], allow("s3:GetObject", "s3:ListBucket"))), replica),
            [],
        );
        assert.deepEqual(writersOf(model(replica, ...serviceWriting("eu-central-1", [], allow("s3:PutObject"))), replica), []);
    });

    it("a service whose policy is unknown at preview, or grants a wildcard: it may write", () => {
        assert.equal(writersOf(model(replica, ...serviceWriting("eu-central-1", [replica], UNKNOWN)), replica).length, 1);
        assert.equal(writersOf(model(replica, ...serviceWriting("eu-central-1", [replica], allow("s3:*"))), replica).length, 1);
    });

    it("a write of the store's own service: DynamoDB writes with S3 reads leave a bucket read-only, and write the table", () => {
        const table = resource(T.table, "users", { region: "eu-central-1" });
        const m = model(
            replica,
            table,
            ...serviceWriting("eu-central-1", [replica, table], allow("dynamodb:BatchWriteItem", "s3:GetObject")),
        );
        assert.deepEqual(writersOf(m, replica), []);
        assert.equal(writersOf(m, table).length, 1);
    });

    it("a replica bucket a service writes is a store of its own, with its writers and where it is replicated from", () => {
        const m = model(home, replica, replication(home, replica), ...serviceWriting("eu-central-1", [replica], allow("s3:PutObject")));
        assert.deepEqual([...replicaBuckets(m)], []);
        assert.deepEqual(
            stores(m)
                .map((s) => s.name)
                .sort(),
            ["uploads", "uploads-replica"],
        );
        const recovery = storeRecovery(m, replica);
        assert.deepEqual(
            recovery.replicatedFrom.map((b) => b.name),
            ["uploads"],
        );
        assert.equal(recovery.offsite, 0, "nothing copies the replica's own writes out of eu-central-1");
    });
});
