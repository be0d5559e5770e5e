import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RESIDENCY_ZONES } from "../../policies/catalog";
import { ModelResource, UNKNOWN, cellRecovery, storeRecovery, stores, withDefaultTags } from "../../policies/catalog/model";
import { classificationProblems, drClassification } from "../../policies/rules/dr-classification";
import { residencyFindings } from "../../policies/rules/data-residency";
import { euTable, model, resource } from "./build";

const BUCKET = "aws:s3/bucket:Bucket";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const TAGS = euTable().props.tags;

function bucket(name: string, region: string): ModelResource {
    return resource(BUCKET, name, { region, bucket: name, tags: TAGS });
}

function replication(from: ModelResource, to: ModelResource): ModelResource {
    return resource(REPLICATION, `${from.name}-to-${to.name}`, { region: from.props.region, bucket: from.name, rules: [{ status: "Enabled", destination: { bucket: UNKNOWN } }] }, { bucket: [from], rules: [to] });
}

describe("the recovery model, on inputs the shipped program never makes", () => {
    it("judges both buckets of a two-way replication, so neither escapes residency", () => {
        const a = bucket("a", "eu-west-1");
        const b = bucket("b", "us-east-1");
        const m = model(a, b, replication(a, b), replication(b, a));
        assert.deepEqual(stores(m).map((s) => s.name).sort(), ["a", "b"]);
        assert.match(residencyFindings(m, b, DEFAULT_RESIDENCY_ZONES).join("\n"), /the store itself lives in us-east-1/);
    });

    it("follows a bucket's legacy inline replicationConfiguration", () => {
        const replica = bucket("replica", "us-east-1");
        const source = resource(BUCKET, "source", { region: "eu-west-1", bucket: "source", tags: TAGS, replicationConfiguration: { rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::replica" } }] } }, { replicationConfiguration: [replica] });
        const m = model(source, replica);
        assert.deepEqual(stores(m).map((s) => s.name), ["source"]);
        assert.match(residencyFindings(m, source, DEFAULT_RESIDENCY_ZONES)[0], /S3 replication without RTC \(best effort\) lives in us-east-1/);
    });

    it("follows a legacy global table joining same-named tables", () => {
        const table = euTable("users", { name: "users" });
        const legacy = resource("aws:dynamodb/globalTable:GlobalTable", "users-global", { region: "eu-west-1", name: "users", replicas: [{ regionName: "eu-west-1" }, { regionName: "us-east-1" }] });
        assert.match(residencyFindings(model(table, legacy), table, DEFAULT_RESIDENCY_ZONES)[0], /legacy global table replica lives in us-east-1/);
    });

    it("holds a store whose classification is unknown to residency, as if personal", () => {
        const table = euTable("users", { region: "us-east-1" }, { "dr:classification": UNKNOWN as unknown as string });
        assert.equal(residencyFindings(model(table), table, DEFAULT_RESIDENCY_ZONES).length, 1);
    });

    it("credits a store only with backups of its own region: AWS Backup is regional", () => {
        const table = euTable("users", { region: "ap-northeast-3" });
        const vault = resource("aws:backup/vault:Vault", "home", { region: "ap-northeast-1", name: "home" });
        const plan = resource("aws:backup/plan:Plan", "plan", { region: "ap-northeast-1", rules: [{ schedule: "cron(0 * ? * * *)", targetVaultName: "home" }] }, { rules: [vault] });
        const selection = resource("aws:backup/selection:Selection", "all", { region: "ap-northeast-1", planId: UNKNOWN, resources: ["*"] }, { planId: [plan] });
        const recovery = storeRecovery(model(table, vault, plan, selection), table);
        assert.deepEqual(recovery.copies.map((c) => c.kind), ["live"]);
    });

    it("does not count a copy to a vault of the stack's own account as off-site", () => {
        const table = euTable();
        const vault = resource("aws:backup/vault:Vault", "home", { region: "eu-west-1", name: "home" });
        const own = "123456789012";
        const plan = resource("aws:backup/plan:Plan", "plan", { region: "eu-west-1", rules: [{ schedule: "cron(0 * ? * * *)", targetVaultName: "home", copyActions: [{ destinationVaultArn: `arn:aws:backup:eu-west-1:${own}:backup-vault:other` }] }] }, { rules: [vault] });
        const selection = resource("aws:backup/selection:Selection", "all", { region: "eu-west-1", resources: ["*"] }, { planId: [plan] });
        const component = resource("dr:backup:Backup321", "backup", { account: own });
        assert.equal(storeRecovery(model(table, vault, plan, selection, component), table).offsite, 0);
        assert.equal(storeRecovery(model(table, vault, plan, selection), table).offsite, 1);
    });

    it("places a copy whose vault ARN is unknown in the region all candidate vaults share", () => {
        const table = euTable("users", { region: "ap-northeast-1" });
        const home = resource("aws:backup/vault:Vault", "home", { region: "ap-northeast-1", name: "home" });
        const first = resource("aws:backup/vault:Vault", "first", { region: "ap-northeast-3", name: "first" });
        const second = resource("aws:backup/vault:Vault", "second", { region: "ap-northeast-3", name: "second" });
        const rule = { schedule: "cron(0 * ? * * *)", targetVaultName: "home", copyActions: [{ destinationVaultArn: UNKNOWN }, { destinationVaultArn: UNKNOWN }] };
        const plan = resource("aws:backup/plan:Plan", "plan", { region: "ap-northeast-1", rules: [rule] }, { rules: [home, first, second] });
        const selection = resource("aws:backup/selection:Selection", "all", { region: "ap-northeast-1", resources: ["*"] }, { planId: [plan] });
        const copies = storeRecovery(model(table, home, first, second, plan, selection), table).copies.filter((c) => c.via.startsWith("copy"));
        assert.deepEqual(copies.map((c) => c.location.region), ["ap-northeast-3", "ap-northeast-3"]);
    });

    it("reads DR tags set through the provider's defaultTags, the resource's own tags winning", () => {
        const merged = withDefaultTags({ tags: { "dr:rpo": "15m" } }, { defaultTags: { tags: TAGS } });
        assert.deepEqual(classificationProblems(merged.tags), []);
        assert.equal(merged.tags["dr:rpo"], "15m");
        const reported: string[] = [];
        const validate = drClassification.validateResource as (args: any, report: (m: string) => void) => void;
        validate({ type: "aws:dynamodb/table:Table", name: "users", props: {}, provider: { props: { defaultTags: { tags: TAGS } } } }, (m) => reported.push(m));
        assert.deepEqual(reported, []);
    });
});

describe("automatic failover needs a live health check on the load balancer the record serves", () => {
    function cell(check: Record<string, unknown>, probes: "home" | "other") {
        const cellOf = (region: string, role: string) => resource("dr:cell:RegionalCell", `c-${region}`, { region, role, tier: "warm-standby", rto: "1h" });
        const lb = (region: string) => resource("aws:lb/loadBalancer:LoadBalancer", `lb-${region}`, { region });
        const home = lb("us-east-1");
        const dr = lb("us-west-2");
        const hc = resource("aws:route53/healthCheck:HealthCheck", "hc", { type: "HTTPS", fqdn: UNKNOWN, requestInterval: 10, failureThreshold: 3, ...check }, { fqdn: [probes === "home" ? home : dr] });
        const primary = resource("aws:route53/record:Record", "primary", { failoverRoutingPolicies: [{ type: "PRIMARY" }], healthCheckId: UNKNOWN, aliases: [{ name: UNKNOWN }] }, { aliases: [home], healthCheckId: [hc] });
        const secondary = resource("aws:route53/record:Record", "secondary", { failoverRoutingPolicies: [{ type: "SECONDARY" }], aliases: [{ name: UNKNOWN }] }, { aliases: [dr] });
        const service = (region: string, count: number) => resource("aws:ecs/service:Service", `svc-${region}`, { region, desiredCount: count });
        return cellRecovery(model(cellOf("us-east-1", "primary"), cellOf("us-west-2", "standby"), home, dr, hc, primary, secondary, service("us-east-1", 3), service("us-west-2", 3)));
    }

    it("counts a health check that probes the record's own load balancer", () => {
        assert.equal(cell({}, "home").automaticFailover, true);
    });

    for (const [why, check, probes] of [
        ["a disabled check", { disabled: true }, "home"],
        ["an inverted check", { invertHealthcheck: true }, "home"],
        ["a check of another endpoint", {}, "other"],
    ] as const) {
        it(`does not count ${why}`, () => {
            assert.equal(cell(check, probes).automaticFailover, false);
        });
    }
});
