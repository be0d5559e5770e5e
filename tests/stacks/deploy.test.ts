import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { CapturedResource } from "../../cli/src/engine/capture";
import { ROOT } from "../helpers";
import { StackView, runStack } from "./stack";

const IGW = "aws:ec2/internetGateway:InternetGateway";
const BUCKET = "aws:s3/bucket:Bucket";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
/** A bucket's settings, in the order the program applies them (S3 answers 409 to concurrent changes of one bucket). */
const BUCKET_SETTINGS = [
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketPolicy:BucketPolicy",
];

/** The settings of `bucket` of `type`: built from the bucket's id. */
function settingOf(view: StackView, bucket: CapturedResource, type: string): CapturedResource {
    const found = view.ofType(type).filter((r) => (r.propertyDependencies.bucket ?? []).includes(bucket.urn));
    assert.equal(found.length, 1, `${bucket.name}: ${found.length} of ${type}`);
    return found[0];
}

describe("a first pulumi up does not race AWS", async () => {
    const [tokyo, us] = await Promise.all([runStack("tokyo"), runStack("us")]);

    for (const [stack, view] of [
        ["tokyo", tokyo],
        ["us", us],
    ] as const) {
        it(`${stack}: Elastic IPs, NAT gateways and internet-facing load balancers wait for their VPC's internet gateway`, () => {
            const gateways = view.ofType(IGW);
            const waiters = ["aws:ec2/eip:Eip", "aws:ec2/natGateway:NatGateway", "aws:lb/loadBalancer:LoadBalancer"].flatMap((t) =>
                view.ofType(t),
            );
            assert.ok(waiters.length >= 5, "the stack has EIPs, NATs and load balancers");
            for (const r of waiters) {
                const gateway = gateways.find((g) => g.inputs.region === r.inputs.region);
                assert.ok(gateway, `no gateway in ${r.inputs.region}`);
                assert.ok(r.dependencies.includes(gateway.urn), `${r.type} ${r.name} does not wait for ${gateway.name}`);
            }
        });

        it(`${stack}: each bucket's settings are applied one after another, and replication waits for both buckets' last`, () => {
            for (const bucket of view.ofType(BUCKET)) {
                let previous = bucket;
                for (const type of BUCKET_SETTINGS) {
                    const setting = settingOf(view, bucket, type);
                    assert.ok(setting.dependencies.includes(previous.urn), `${setting.name} does not wait for ${previous.name}`);
                    previous = setting;
                }
            }
            for (const replication of view.ofType(REPLICATION)) {
                const buckets = view
                    .ofType(BUCKET)
                    .filter((b) => replication.dependencies.some((d) => d === settingOf(view, b, BUCKET_SETTINGS.at(-1)!).urn));
                assert.equal(buckets.length, 2, `${replication.name} does not wait for both buckets' policies`);
            }
        });
    }

    it("noncurrent object versions expire with the backups' retention, and no upload lingers half-done", async () => {
        const view = await runStack("us", { edit: (c) => (c["dr:backup"].retentionDays = 90) });
        for (const bucket of view.ofType(BUCKET)) {
            const [rule] = settingOf(view, bucket, BUCKET_SETTINGS[4]).inputs.rules;
            assert.equal(rule.status, "Enabled");
            assert.deepEqual(rule.noncurrentVersionExpiration, { noncurrentDays: 90 });
            assert.deepEqual(rule.abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
        }
    });

    it("bucket names stay valid S3 names within 63 characters for any valid stack name", async () => {
        // Pulumi stack names take letters, digits, hyphens, underscores and periods.
        const stack = `Team_Platform.${"x".repeat(40)}-dr-cell-with-a-very-long-name`;
        const view = await runStack(stack, { edit: (c) => (c["dr:buckets"][0].name = "a-bucket-name-of-thirty-two-char") }, "us");
        const names = view.ofType(BUCKET).map((b) => b.inputs.bucket as string);
        assert.equal(names.length, 4, "uploads and the backup reports, each with its replica");
        for (const name of names) {
            assert.ok(name.length <= 63, `${name} has ${name.length} characters`);
            assert.match(name, /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
        }
        assert.equal(new Set(names).size, names.length);
        const reserved = await runStack("sthree-cell", {}, "us");
        for (const bucket of reserved.ofType(BUCKET)) {
            assert.match(bucket.inputs.bucket, /^dr-sthree-cell-/, "S3 reserves the sthree- prefix");
        }
    });
});

describe("pulumi up starts from the project's own build", () => {
    const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));

    it("runs the program as compiled by the project, without Pulumi's bundled ts-node", () => {
        assert.equal(project.main, "infra/");
        assert.equal(project.runtime.options.typescript, false);
        // What Pulumi's Node.js host loads for main infra/: infra/index.js, the compiled program.
        const loaded = require(path.join(ROOT, "infra"));
        assert.equal(loaded, require(path.join(ROOT, "dist", "infra", "index.js")));
        assert.equal(typeof loaded, "function");
    });

    it("declares the structured dr: keys with object and array types, which the CLI checks (since 3.187)", () => {
        for (const key of ["dr:backup", "dr:routing", "dr:oncall"]) {
            assert.equal(project.config[key].type, "object", key);
        }
        for (const key of ["dr:tables", "dr:buckets"]) {
            assert.deepEqual([project.config[key].type, project.config[key].items], ["array", { type: "object" }], key);
        }
        assert.equal(project.config["dr:capacity"].type, "integer");
    });
});
