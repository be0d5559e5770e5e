import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DR_TAG_KEYS, isStatefulType } from "../../policies/catalog";
import { CapturedResource } from "../../cli/src/engine/capture";
import { StackView, runStack } from "./stack";

const SERVICE = "aws:ecs/service:Service";
const SCALING = "aws:appautoscaling/target:Target";
const TABLE = "aws:dynamodb/table:Table";
const BUCKET = "aws:s3/bucket:Bucket";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const CELL = "dr:cell:RegionalCell";

/** Region → the desired task count of the service there. */
function services(view: StackView): Record<string, number> {
    return Object.fromEntries(view.ofType(SERVICE).map((s) => [s.inputs.region, s.inputs.desiredCount]));
}

function scaling(view: StackView, region: string): { min: unknown; max: unknown } | undefined {
    const target = view.ofType(SCALING).find((t) => t.inputs.region === region);
    return target && { min: target.inputs.minCapacity, max: target.inputs.maxCapacity };
}

function bucketRegion(view: StackView, arn: unknown): unknown {
    return view.ofType(BUCKET).find((b) => `arn:aws:s3:::${b.inputs.bucket}` === arn)?.inputs.region;
}

describe("tokyo: active-active across Tokyo and Osaka", async () => {
    const tokyo = await runStack("tokyo");

    it("has a cell in ap-northeast-1 and ap-northeast-3", () => {
        assert.deepEqual(
            tokyo.ofType(CELL).map((c) => [c.outputs?.region, c.outputs?.role]),
            [
                ["ap-northeast-1", "primary"],
                ["ap-northeast-3", "standby"],
            ],
        );
    });

    it("runs both regions at full capacity by day; Osaka's auto scaling bounds are the night mode's to move", () => {
        assert.deepEqual(services(tokyo), { "ap-northeast-1": 4, "ap-northeast-3": 4 });
        assert.equal(scaling(tokyo, "ap-northeast-1"), undefined);
        assert.deepEqual(scaling(tokyo, "ap-northeast-3"), { min: 4, max: 4 });
        const osaka = tokyo.ofType(SCALING).find((t) => t.inputs.region === "ap-northeast-3")!;
        assert.deepEqual(
            osaka.options.ignoreChanges,
            ["minCapacity", "maxCapacity"],
            "an update at night must not put the day's bounds back",
        );
    });

    it("without a night mode, runs Osaka at a fixed full capacity with no auto scaling", async () => {
        const allDay = await runStack("tokyo", { edit: (c) => delete c["dr:nightMode"] });
        assert.deepEqual(services(allDay), { "ap-northeast-1": 4, "ap-northeast-3": 4 });
        assert.equal(allDay.ofType(SCALING).length, 0);
    });

    it("replicates every table to ap-northeast-3 with PITR and the region's key", () => {
        for (const table of tokyo.ofType(TABLE)) {
            assert.deepEqual(
                table.inputs.replicas.map((r: any) => r.regionName),
                ["ap-northeast-3"],
                table.name,
            );
            assert.equal(table.inputs.replicas[0].pointInTimeRecovery, true);
            assert.match(table.inputs.replicas[0].kmsKeyArn, /^arn:aws:kms:ap-northeast-3:/);
            assert.equal(table.inputs.streamEnabled, true);
        }
    });

    it("replicates uploads to a bucket in ap-northeast-3 with RTC", () => {
        const replication = tokyo.ofType(REPLICATION).find((r) => r.name === "uploads-replication")!;
        const destination = replication.inputs.rules[0].destination;
        assert.equal(bucketRegion(tokyo, destination.bucket), "ap-northeast-3");
        assert.deepEqual(destination.replicationTime, { status: "Enabled", time: { minutes: 15 } });
        assert.match(destination.encryptionConfiguration.replicaKmsKeyId, /^arn:aws:kms:ap-northeast-3:/);
    });
});

describe("us: warm standby in us-west-2", async () => {
    const us = await runStack("us");

    it("runs the primary at capacity and the standby at one task, scaling to capacity", () => {
        assert.deepEqual(services(us), { "us-east-1": 3, "us-west-2": 1 });
        assert.deepEqual(scaling(us, "us-west-2"), { min: 1, max: 3 });
        assert.ok(us.ofType("aws:appautoscaling/policy:Policy").some((p) => p.inputs.region === "us-west-2"));
    });

    it("leaves the standby's task count to auto scaling", () => {
        const standby = us.ofType(SERVICE).find((s) => s.inputs.region === "us-west-2")!;
        assert.deepEqual(standby.options.ignoreChanges, ["desiredCount"]);
    });
});

describe("eu: backup & restore in one region", async () => {
    const eu = await runStack("eu");

    it("has one cell, in eu-west-1", () => {
        assert.deepEqual(
            eu.ofType(CELL).map((c) => c.outputs?.region),
            ["eu-west-1"],
        );
    });

    it("has no replicas, no replication and no standby compute; data, keys and network stay in eu-west-1", () => {
        for (const table of eu.ofType(TABLE)) {
            assert.deepEqual(table.inputs.replicas, []);
        }
        assert.equal(eu.ofType(REPLICATION).length, 0);
        assert.deepEqual(services(eu), { "eu-west-1": 2 });
        const [keyRing] = eu.ofType("dr:data:KeyRing");
        const stores = [...eu.resources.filter((r) => isStatefulType(r.type) || r.type === "aws:ec2/vpc:Vpc"), ...eu.within(keyRing)];
        assert.deepEqual([...new Set(stores.map((r) => r.inputs.region))], ["eu-west-1"]);
    });
});

describe("tiers from modified config", async () => {
    it("us as pilot light keeps the standby's definition at zero tasks, scalable to capacity", async () => {
        const view = await runStack("us", { edit: (c) => (c["dr:tier"] = "pilot-light") });
        assert.deepEqual(services(view), { "us-east-1": 3, "us-west-2": 0 });
        assert.deepEqual(scaling(view, "us-west-2"), { min: 0, max: 3 });
        const definitions = view.ofType("aws:ecs/taskDefinition:TaskDefinition").map((t) => t.inputs.region);
        assert.deepEqual(definitions.sort(), ["us-east-1", "us-west-2"]);
    });

    it("us as active-active runs the peer at full capacity without scaling", async () => {
        const view = await runStack("us", { edit: (c) => (c["dr:tier"] = "active-active") });
        assert.deepEqual(services(view), { "us-east-1": 3, "us-west-2": 3 });
        assert.equal(scaling(view, "us-west-2"), undefined);
    });

    it("us as backup & restore keeps the DR region's network but no compute there", async () => {
        const view = await runStack("us", { edit: (c) => (c["dr:tier"] = "backup-restore") });
        assert.deepEqual(services(view), { "us-east-1": 3 });
        assert.ok(view.ofType("aws:ec2/vpc:Vpc").some((v) => v.inputs.region === "us-west-2"));
        assert.ok(!view.ofType("aws:lb/loadBalancer:LoadBalancer").some((l) => l.inputs.region === "us-west-2"));
    });

    it("runs a placeholder that answers /health on 8080 until dr:image is set, then the image", async () => {
        const container = (view: StackView) =>
            JSON.parse(view.ofType("aws:ecs/taskDefinition:TaskDefinition")[0].inputs.containerDefinitions)[0];
        const placeholder = container(await runStack("eu"));
        assert.match(placeholder.command.join(" "), /httpd -f -p 8080 .*\/www/);
        assert.match(placeholder.command.join(" "), /echo ok > \/tmp\/www\/health/);
        assert.deepEqual(placeholder.mountPoints, [{ sourceVolume: "tmp", containerPath: "/tmp" }]);
        const own = container(
            await runStack("eu", { edit: (c) => (c["dr:image"] = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.4.2") }),
        );
        assert.equal(own.image, "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.4.2");
        assert.equal(own.command, undefined);
    });

    it("an EU personal table replicated to us-east-1 builds: the program checks form, the pack judges", async () => {
        const view = await runStack("eu", {
            edit: (c) => (c["dr:tables"] = [{ name: "users", classification: "personal", replicaRegions: ["us-east-1"] }]),
        });
        const users = view.one(TABLE, "users");
        assert.deepEqual(
            users.inputs.replicas.map((r: any) => r.regionName),
            ["us-east-1"],
        );
        assert.match(users.inputs.replicas[0].kmsKeyArn, /^arn:aws:kms:us-east-1:/);
    });

    it("us replicating uploads within us-east-1 builds (valid S3); the service writes the source, the replica only receives", async () => {
        const view = await runStack("us", { edit: (c) => (c["dr:buckets"][0].replicationRegion = "us-east-1") });
        const [source, replica] = [view.one(BUCKET, "uploads"), view.one(BUCKET, "uploads-replica")];
        assert.deepEqual([source.inputs.region, replica.inputs.region], ["us-east-1", "us-east-1"]);
        const task = view.one("aws:iam/rolePolicy:RolePolicy", "us-us-east-1-task");
        const written = JSON.parse(task.inputs.policy).Statement.flatMap((s: any) => [s.Resource].flat());
        assert.ok(
            written.some((arn: string) => arn.startsWith(`arn:aws:s3:::${source.inputs.bucket}`)),
            "the service cannot write the source",
        );
        assert.ok(
            !written.some((arn: string) => arn.startsWith(`arn:aws:s3:::${replica.inputs.bucket}`)),
            "the service writes the replica",
        );
    });
});

/** Every Allow statement of every policy document in the stack, with where it came from. */
function allowStatements(view: StackView): { source: string; statement: any }[] {
    const documents: [string, unknown][] = [];
    for (const r of view.resources) {
        for (const key of ["policy", "assumeRolePolicy"]) {
            if (typeof r.inputs[key] === "string") {
                documents.push([`${r.type} ${r.name}.${key}`, JSON.parse(r.inputs[key])]);
            }
        }
    }
    return documents.flatMap(([source, doc]: [string, any]) =>
        [doc.Statement]
            .flat()
            .filter((s: any) => s.Effect === "Allow")
            .map((statement: any) => ({ source, statement })),
    );
}

/** The key policy statement that keeps the account in control of a key (AWS's default) is the one allowed `kms:*`. */
function isAccountKeyAdministration(statement: any): boolean {
    return statement.Sid === "AccountAdministers" && /^arn:aws:iam::\d{12}:root$/.test(statement.Principal?.AWS);
}

describe("every shipped stack is secure by default", async () => {
    const stacks = await Promise.all(["tokyo", "us", "eu"].map(async (name) => [name, await runStack(name)] as const));

    for (const [name, view] of stacks) {
        const stateful = view.resources.filter((r) => r.custom && isStatefulType(r.type));
        const idOf = (r: CapturedResource) => `${r.name}-id`;

        it(`${name}: every stateful resource carries the six DR tags and is protected`, () => {
            assert.ok(stateful.length >= 3);
            for (const r of stateful) {
                assert.deepEqual(
                    Object.keys(r.inputs.tags ?? {})
                        .filter((k) => k.startsWith("dr:"))
                        .sort(),
                    [...DR_TAG_KEYS].sort(),
                    r.name,
                );
                assert.equal(r.options.protect, true, `${r.name} is not protected`);
            }
        });

        it(`${name}: tables are deletion-protected and encrypted with the stack's own key`, () => {
            const ring = view.within(view.ofType("dr:data:KeyRing")[0]);
            for (const table of view.ofType(TABLE)) {
                assert.equal(table.inputs.deletionProtectionEnabled, true);
                assert.equal(table.inputs.pointInTimeRecovery.enabled, true);
                assert.equal(table.inputs.serverSideEncryption.enabled, true);
                // The key is the stack's own: the encryption setting came from a KeyRing key in the table's region.
                const keys = table.propertyDependencies.serverSideEncryption.map((urn) => view.byUrn(urn)!);
                assert.ok(
                    keys.some((k) => ring.includes(k) && k.inputs.region === table.inputs.region),
                    `${table.name} is not encrypted with the stack's key`,
                );
                for (const replica of table.inputs.replicas) {
                    assert.equal(replica.deletionProtectionEnabled, true);
                }
            }
        });

        it(`${name}: buckets keep objects, are encrypted (data with a customer key), private and TLS-only`, () => {
            for (const bucket of view.ofType(BUCKET)) {
                assert.notEqual(bucket.inputs.forceDestroy, true);
                const on = (type: string) => view.ofType(type).find((r) => r.inputs.bucket === idOf(bucket));
                const encryption = on("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
                const byDefault = encryption?.inputs.rules[0].applyServerSideEncryptionByDefault;
                if (bucket.name.startsWith(`${name}-audit-reports`)) {
                    // Audit Manager's role writes the reports, and no key policy of the stack names it: S3-managed keys.
                    assert.deepEqual(byDefault, { sseAlgorithm: "AES256" });
                } else {
                    assert.equal(byDefault?.sseAlgorithm, "aws:kms");
                    assert.match(byDefault?.kmsMasterKeyId, new RegExp(`^arn:aws:kms:${bucket.inputs.region}:`));
                }
                const block = on("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")!.inputs;
                assert.deepEqual(
                    [block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets],
                    [true, true, true, true],
                );
                assert.equal(on("aws:s3/bucketVersioning:BucketVersioning")?.inputs.versioningConfiguration.status, "Enabled");
                const policy = JSON.parse(on("aws:s3/bucketPolicy:BucketPolicy")!.inputs.policy);
                assert.ok(policy.Statement.some((s: any) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false"));
            }
        });

        it(`${name}: no IAM Allow statement grants a wildcard action`, () => {
            const statements = allowStatements(view);
            assert.ok(statements.length > 5);
            for (const { source, statement } of statements) {
                if (isAccountKeyAdministration(statement)) {
                    continue;
                }
                for (const action of [statement.Action].flat()) {
                    assert.ok(!String(action).includes("*"), `${source} allows ${action}`);
                }
            }
        });

        it(`${name}: load balancers listen with TLS and only redirect plain HTTP`, () => {
            for (const listener of view.ofType("aws:lb/listener:Listener")) {
                if (listener.inputs.protocol === "HTTPS") {
                    assert.match(listener.inputs.sslPolicy, /TLS13/);
                    assert.ok(listener.inputs.certificateArn);
                } else {
                    assert.deepEqual(
                        listener.inputs.defaultActions.map((a: any) => a.type),
                        ["redirect"],
                    );
                }
            }
        });
    }
});
