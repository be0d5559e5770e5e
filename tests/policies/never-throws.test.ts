import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { AnalyzedResource } from "../../cli/src/engine/resources";
import { POLICIES } from "../../policies/rules";
import { sharedLab } from "../support/lab";
import { deserialize, runPolicy } from "../support/policyArgs";
import { UNKNOWN_SENTINEL } from "../../cli/src/engine/values";

/** A small deterministic generator (mulberry32), so a failure replays. */
function generator(seed: number) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    return { next, pick, chance: (p: number) => next() < p };
}

const TYPES = [
    "aws:dynamodb/table:Table",
    "aws:dynamodb/tableReplica:TableReplica",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    "aws:backup/vault:Vault",
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    "aws:backup/plan:Plan",
    "aws:backup/selection:Selection",
    "aws:route53/healthCheck:HealthCheck",
    "aws:route53/record:Record",
    "aws:ecs/service:Service",
    "aws:appautoscaling/target:Target",
    "aws:appautoscaling/policy:Policy",
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:kms/key:Key",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:rds/cluster:Cluster",
    "aws:ebs/volume:Volume",
    "aws:efs/fileSystem:FileSystem",
    "dr:cell:RegionalCell",
    "pulumi:pulumi:Stack",
    "vendor:thing/widget:Widget",
];

const KEYS = [
    "region",
    "tags",
    "replicas",
    "regionName",
    "rules",
    "destination",
    "bucket",
    "replicationTime",
    "status",
    "schedule",
    "targetVaultName",
    "copyActions",
    "destinationVaultArn",
    "selectionTags",
    "conditions",
    "resources",
    "planId",
    "name",
    "changeableForDays",
    "backupVaultName",
    "requestInterval",
    "failureThreshold",
    "aliases",
    "healthCheckId",
    "fqdn",
    "failoverRoutingPolicies",
    "latencyRoutingPolicies",
    "desiredCount",
    "minCapacity",
    "maxCapacity",
    "resourceId",
    "role",
    "tier",
    "rto",
    "rpo",
    "primaryKeyArn",
    "globalTableArn",
    "dr:classification",
    "dr:residency",
    "dr:rpo",
    "dr:tier",
    "dr:rto",
    "dr:cell",
];

const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

/** Any JSON value of the kinds an analyzer can receive: well-formed, malformed, unknown, secret. */
function value(g: ReturnType<typeof generator>, depth: number): unknown {
    const kind = g.next();
    if (kind < 0.1) return UNKNOWN_SENTINEL;
    if (kind < 0.15) return { ...SECRET_SIG, value: depth > 0 ? value(g, depth - 1) : "s3cr3t" };
    if (kind < 0.3)
        return g.pick([
            "personal",
            "eu",
            "eu-west-1",
            "us-east-1",
            "ap-northeast-3",
            "15m",
            "4h",
            "1 day",
            "",
            "cron(0 * * * ? *)",
            "cron(0 0/4 * * ? *)",
            "cron(nonsense)",
            "arn:aws:backup:eu-central-1:210987654321:backup-vault:x",
            "arn:aws:s3:::b",
            "Enabled",
            "PRIMARY",
            "*",
            "active-active",
            "gold",
        ]);
    if (kind < 0.4) return g.pick([0, 1, 3, 10, 30, -1, 1e308, 2.5]);
    if (kind < 0.45) return g.pick([true, false, null]);
    if (depth <= 0) return "leaf";
    if (kind < 0.7) return Array.from({ length: Math.floor(g.next() * 4) }, () => value(g, depth - 1));
    return properties(g, depth - 1);
}

function properties(g: ReturnType<typeof generator>, depth: number): Record<string, unknown> {
    const props: Record<string, unknown> = {};
    const count = Math.floor(g.next() * 8);
    for (let i = 0; i < count; i++) {
        props[g.pick(KEYS)] = value(g, depth);
    }
    return props;
}

/** `count` resources whose parents and property dependencies point at each other, at random. */
function generate(seed: number, count: number): AnalyzedResource[] {
    const g = generator(seed);
    const urns: string[] = [];
    const resources: AnalyzedResource[] = [];
    for (let i = 0; i < count; i++) {
        const type = g.pick(TYPES);
        const props = properties(g, 3);
        const urn = `urn:pulumi:fuzz::dr::${type}::r${seed}-${i}`;
        const earlier = () => (urns.length > 0 && g.chance(0.8) ? g.pick(urns) : `urn:pulumi:fuzz::dr::missing::m${i}`);
        const propertyDependencies: Record<string, string[]> = {};
        for (let d = Math.floor(g.next() * 4); d > 0; d--) {
            propertyDependencies[g.pick(KEYS)] = [earlier()];
        }
        resources.push({
            urn,
            type,
            name: `r${i}`,
            custom: true,
            inputs: props,
            outputs: props,
            options: {
                protect: g.chance(0.5),
                ignoreChanges: [],
                deleteBeforeReplace: false,
                additionalSecretOutputs: [],
                aliases: [],
                parent: "",
            },
            provider: g.chance(0.7)
                ? {
                      urn: "urn:pulumi:fuzz::dr::pulumi:providers:aws::default",
                      type: "pulumi:providers:aws",
                      name: "default",
                      properties: g.chance(0.8) ? { region: value(g, 0) } : {},
                  }
                : undefined,
            parent: g.chance(0.6) ? earlier() : "",
            dependencies: Object.values(propertyDependencies).flat(),
            propertyDependencies,
        });
        urns.push(urn);
    }
    return resources;
}

const lab = sharedLab();

describe("the pack never throws", () => {
    it("judges 10,000 generated resources with every policy, in-process as the SDK calls them: no exception, no unevaluated input", async () => {
        const messages: { policy: string; message: string }[] = [];
        // The SDK throws an UnknownValueError per unknown value read: their stack traces are the costliest part, and unread.
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        after(() => (Error.stackTraceLimit = limit));
        for (let batch = 0; batch < 10; batch++) {
            const resources = deserialize(generate(batch + 1, 1000));
            for (const policy of POLICIES) {
                for (const result of await runPolicy(policy, resources)) {
                    messages.push(...result.violations.map((message) => ({ policy: policy.name, message })));
                }
            }
        }
        assert.deepEqual(messages.filter((m) => /could not evaluate/.test(m.message)).slice(0, 3), []);
        // The generator makes plenty of unclassified stores: the pack must have judged, not skipped.
        assert.ok(messages.some((m) => m.policy === "dr-classification"));
        assert.ok(messages.some((m) => m.policy === "backup-3-2-1"));
    });

    it("judges generated resources through the spawned pack: the analyzer protocol carries every kind of value", async () => {
        const { context } = await lab.preview("eu");
        const verdict = await lab.judge(context, generate(42, 200));
        assert.deepEqual(verdict.violations.filter((d) => /could not evaluate/.test(d.message)).slice(0, 3), []);
        assert.ok(verdict.violations.some((d) => d.policy === "dr-classification"));
    });
});
