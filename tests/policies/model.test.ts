import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PolicyResource, unknownCheckingProxy } from "@pulumi/policy";
import { DEFAULT_RESIDENCY_ZONES } from "../../policies/catalog";
import { ModelResource, UNKNOWN, stores, withDefaultTags } from "../../policies/catalog/model";
import { classificationProblems, drClassification } from "../../policies/rules/dr-classification";
import { residencyFindings } from "../../policies/rules/data-residency";
import { stackModel } from "../../policies/rules/model";
import { euTable, model, resource } from "../model/build";

const BUCKET = "aws:s3/bucket:Bucket";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const TAGS = euTable().props.tags;

function bucket(name: string, region: string): ModelResource {
    return resource(BUCKET, name, { region, bucket: name, tags: TAGS });
}

function replication(from: ModelResource, to: ModelResource): ModelResource {
    return resource(
        REPLICATION,
        `${from.name}-to-${to.name}`,
        { region: from.props.region, bucket: from.name, rules: [{ status: "Enabled", destination: { bucket: UNKNOWN } }] },
        { bucket: [from], rules: [to] },
    );
}

describe("the recovery model, on inputs the shipped program never makes", () => {
    it("judges both buckets of a two-way replication, so neither escapes residency", () => {
        const a = bucket("a", "eu-west-1");
        const b = bucket("b", "us-east-1");
        const m = model(a, b, replication(a, b), replication(b, a));
        assert.deepEqual(
            stores(m)
                .map((s) => s.name)
                .sort(),
            ["a", "b"],
        );
        assert.match(residencyFindings(m, b, DEFAULT_RESIDENCY_ZONES).join("\n"), /the store itself lives in us-east-1/);
    });

    it("follows a bucket's legacy inline replicationConfiguration", () => {
        const replica = bucket("replica", "us-east-1");
        const source = resource(
            BUCKET,
            "source",
            {
                region: "eu-west-1",
                bucket: "source",
                tags: TAGS,
                replicationConfiguration: { rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::replica" } }] },
            },
            { replicationConfiguration: [replica] },
        );
        const m = model(source, replica);
        assert.deepEqual(
            stores(m).map((s) => s.name),
            ["source"],
        );
        assert.match(
            residencyFindings(m, source, DEFAULT_RESIDENCY_ZONES)[0],
            /S3 replication without RTC \(best effort\) lives in us-east-1/,
        );
    });

    it("follows a legacy global table joining same-named tables", () => {
        const table = euTable("users", { name: "users" });
        const legacy = resource("aws:dynamodb/globalTable:GlobalTable", "users-global", {
            region: "eu-west-1",
            name: "users",
            replicas: [{ regionName: "eu-west-1" }, { regionName: "us-east-1" }],
        });
        assert.match(
            residencyFindings(model(table, legacy), table, DEFAULT_RESIDENCY_ZONES)[0],
            /legacy global table replica lives in us-east-1/,
        );
    });

    it("holds a store whose classification is unknown to residency, as if personal", () => {
        const table = euTable("users", { region: "us-east-1" }, { "dr:classification": UNKNOWN as unknown as string });
        assert.equal(residencyFindings(model(table), table, DEFAULT_RESIDENCY_ZONES).length, 1);
    });

    it("reads DR tags set through the provider's defaultTags, the resource's own tags winning", () => {
        const merged = withDefaultTags({ tags: { "dr:rpo": "15m" } }, { defaultTags: { tags: TAGS } });
        assert.deepEqual(classificationProblems(merged.tags), []);
        assert.equal(merged.tags["dr:rpo"], "15m");
        const reported: string[] = [];
        const validate = drClassification.validateResource as (args: any, report: (m: string) => void) => void;
        validate(
            { type: "aws:dynamodb/table:Table", name: "users", props: {}, provider: { props: { defaultTags: { tags: TAGS } } } },
            (m) => reported.push(m),
        );
        assert.deepEqual(reported, []);
    });
});

describe("the pack's model of a stack, built once per request", () => {
    /** Resources as the policy SDK hands them to a stack policy: each property object behind its proxy. */
    const handed = (props: Record<string, any>[]) =>
        props.map((p, i) => ({
            urn: `urn:pulumi:test::dr::aws:s3/bucket:Bucket::b${i}`,
            type: BUCKET,
            name: `b${i}`,
            props: unknownCheckingProxy(p),
        }));
    const buckets = () => [
        { region: "eu-west-1", bucket: "b0", tags: TAGS },
        { region: "eu-west-1", bucket: "b1", tags: TAGS },
    ];

    it("serves every policy handed the very same property objects one model", () => {
        const props = buckets();
        const first = stackModel(handed(props) as unknown as PolicyResource[]);
        assert.equal(stackModel(handed(props) as unknown as PolicyResource[]), first);
    });

    it("builds anew from other objects, so a changed property is never read from the last request's model", () => {
        const first = stackModel(handed(buckets()) as unknown as PolicyResource[]);
        const moved = buckets();
        moved[1].region = "us-east-1";
        const next = stackModel(handed(moved) as unknown as PolicyResource[]);
        assert.notEqual(next, first);
        assert.equal(next.regionOf(next.byUrn("urn:pulumi:test::dr::aws:s3/bucket:Bucket::b1")!), "us-east-1");
    });
});
