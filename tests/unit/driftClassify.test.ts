import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DriftClass, classifyDrift, classifyProperty, formatPath, parsePath } from "../../cli/src/commands/drift/classify";
import { DigestStep, RefreshDigest, StateResource } from "../../cli/src/engine/state";
import { T } from "../model/build";

const urn = (type: string, name: string) => `urn:pulumi:eu::dr::${type}::${name}`;

function state(type: string, name: string, inputs: Record<string, unknown>): StateResource {
    return { urn: urn(type, name), custom: true, type, inputs, outputs: { ...inputs, id: name } };
}

function digest(steps: DigestStep[], changeSummary: Record<string, number>): RefreshDigest {
    return { config: {}, steps, changeSummary, diagnostics: [] };
}

/** A refresh step from `before` to `after` inputs, reported as the digest would. */
function drifted(
    type: string,
    name: string,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    detailedDiff: DigestStep["detailedDiff"],
    op = "update",
): DigestStep {
    const old = state(type, name, before);
    return { op, urn: old.urn, oldState: old, newState: state(type, name, after), detailedDiff };
}

describe("property paths as Pulumi writes them", () => {
    it("parses and formats dotted, indexed and quoted segments", () => {
        for (const path of [
            "replicas[1].regionName",
            'tags["dr:cell"]',
            "rules[0].copyActions[0].destinationVaultArn",
            "pointInTimeRecovery.enabled",
        ]) {
            assert.equal(formatPath(parsePath(path)), path);
        }
        assert.deepEqual(parsePath('tags["dr:cell"]'), ["tags", "dr:cell"]);
    });
});

describe("what a drifted property means for DR", () => {
    const cases: [string, string, DriftClass][] = [
        [T.table, "replicas[1].regionName", "residency-critical"],
        [T.replication, "rules[0].destination.bucket", "residency-critical"],
        [T.plan, "rules[0].copyActions[0].destinationVaultArn", "residency-critical"],
        [T.table, 'tags["dr:residency"]', "residency-critical"],
        [T.table, "pointInTimeRecovery.enabled", "recovery-critical"],
        [T.table, "deletionProtectionEnabled", "recovery-critical"],
        [T.plan, "rules[0].schedule", "recovery-critical"],
        [T.vaultLock, "changeableForDays", "recovery-critical"],
        [T.restoreTestingPlan, "scheduleExpression", "recovery-critical"],
        [T.healthCheck, "failureThreshold", "recovery-critical"],
        [T.record, "failoverRoutingPolicies[0].type", "recovery-critical"],
        [T.service, "desiredCount", "recovery-critical"],
        [T.key, "isEnabled", "recovery-critical"],
        [T.table, 'tags["dr:cell"]', "recovery-critical"],
        [T.table, "serverSideEncryption.kmsKeyArn", "security"],
        [T.distribution, "origins[1].domainName", "residency-critical"],
        [T.distribution, "defaultCacheBehavior.cachePolicyId", "residency-critical"],
        [T.distribution, "orderedCacheBehaviors[0].lambdaFunctionAssociations[0].lambdaArn", "residency-critical"],
        [T.cachePolicy, "maxTtl", "residency-critical"],
        [T.endpointGroup, "endpointGroupRegion", "residency-critical"],
        [T.endpointGroup, "trafficDialPercentage", "recovery-critical"],
        [T.distribution, "originGroups[0].failoverCriteria.statusCodes[0]", "recovery-critical"],
        [T.distribution, "defaultCacheBehavior.viewerProtocolPolicy", "security"],
        [T.distribution, "priceClass", "operational"],
        ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "blockPublicPolicy", "security"],
        [T.rolePolicy, "policy", "security"],
        [T.key, "enableKeyRotation", "security"],
        ["aws:lb/listener:Listener", "sslPolicy", "security"],
        ["aws:cloudwatch/logGroup:LogGroup", "retentionInDays", "operational"],
        [T.table, 'tags["team"]', "cosmetic"],
        [T.key, "description", "cosmetic"],
        [T.table, "billingMode", "recovery-critical"],
    ];
    for (const [type, path, expected] of cases) {
        it(`${type.split(":")[1]} ${path}: ${expected}`, () => {
            assert.equal(classifyProperty(type, parsePath(path)).class, expected);
        });
    }
});

describe("finding what drifted in a digest", () => {
    it("reads each changed leaf of a detailed diff, old → new, and the worst class decides the resource's", () => {
        const step = drifted(
            T.table,
            "users",
            { replicas: [], tags: { team: "a" } },
            { replicas: [{ regionName: "us-east-1" }], tags: { team: "b" } },
            { replicas: { kind: "update", inputDiff: true }, "tags.team": { kind: "update", inputDiff: true } },
        );
        const { resources, drifted: any, critical } = classifyDrift(digest([step], { update: 1 }));
        assert.equal(any, true);
        assert.equal(critical, true);
        assert.equal(resources[0].class, "residency-critical");
        assert.deepEqual(
            resources[0].properties.map((p) => [p.path, p.old, p.new, p.class]),
            [
                ["replicas[0].regionName", undefined, "us-east-1", "residency-critical"],
                ["tags.team", "a", "b", "cosmetic"],
            ],
        );
    });

    it("cannot see a drifted resource left at op refresh (its state is the one from before): the summary's extra count is critical and unexplained", () => {
        const leftAtRefresh = drifted(T.table, "users", { a: 1 }, { a: 1 }, null, "refresh");
        const shown = drifted(
            T.table,
            "sessions",
            { tags: { team: "a" } },
            { tags: { team: "b" } },
            { "tags.team": { kind: "update", inputDiff: true } },
        );
        const findings = classifyDrift(digest([leftAtRefresh, shown], { same: 10, update: 2 }));
        assert.deepEqual(
            findings.resources.map((r) => r.name),
            ["sessions"],
        );
        assert.equal(findings.critical, true);
        assert.match(
            findings.unexplained!,
            /the engine counts 2 update, but the steps show 1: 1 drifted resource left at op refresh carry no refreshed state/,
        );
    });

    it("reports a change the engine names whose values read the same, such as a secret", () => {
        const step = drifted(
            T.key,
            "data",
            { policy: "[secret]" },
            { policy: "[secret]" },
            { policy: { kind: "update", inputDiff: true } },
        );
        const [key] = classifyDrift(digest([step], { update: 1 })).resources;
        assert.deepEqual(
            key.properties.map((p) => [p.path, p.old, p.new, p.class]),
            [["policy", "[secret]", "[secret]", "security"]],
        );
    });

    it("judges each key of a map that vanished: a tags map gone takes dr:cell with it", () => {
        const step = drifted(T.table, "users", { tags: { "dr:cell": "eu", team: "a" } }, {}, { tags: { kind: "delete", inputDiff: true } });
        const [users] = classifyDrift(digest([step], { update: 1 })).resources;
        assert.deepEqual(
            users.properties.map((p) => [p.path, p.class]),
            [
                ['tags["dr:cell"]', "recovery-critical"],
                ["tags.team", "cosmetic"],
            ],
        );
    });

    it("reads the live resource, not one pending deletion under the same URN", () => {
        const pending = { ...drifted(T.table, "users", { a: 1 }, { a: 1 }, null, "refresh") };
        pending.oldState = { ...pending.oldState!, delete: true };
        const live = drifted(
            T.table,
            "users",
            { deletionProtectionEnabled: true },
            { deletionProtectionEnabled: false },
            { deletionProtectionEnabled: { kind: "update", inputDiff: true } },
        );
        const [users] = classifyDrift(digest([pending, live], { update: 1 })).resources;
        assert.equal(users.properties[0].path, "deletionProtectionEnabled");
    });

    it("uses diff reasons when the detailed diff is null", () => {
        const step = drifted(T.service, "app", { desiredCount: 3, name: "app" }, { desiredCount: 0, name: "app" }, null);
        step.diffReasons = ["desiredCount"];
        assert.deepEqual(
            classifyDrift(digest([step], { update: 1 })).resources[0].properties.map((p) => [p.path, p.old, p.new]),
            [["desiredCount", 3, 0]],
        );
    });

    it("says a resource the refresh found gone is recovery-critical", () => {
        const gone = state(T.metricAlarm, "lag", {});
        const [finding] = classifyDrift(
            digest([{ op: "delete", urn: gone.urn, oldState: gone, detailedDiff: null }], { delete: 1 }),
        ).resources;
        assert.deepEqual([finding.change, finding.class], ["gone", "recovery-critical"]);
    });

    it("treats changes the engine counts but no step shows as critical and unexplained", () => {
        const findings = classifyDrift(digest([drifted(T.table, "users", { a: 1 }, { a: 1 }, null, "refresh")], { same: 3, update: 2 }));
        assert.deepEqual([findings.drifted, findings.critical, findings.resources.length], [true, true, 0]);
        assert.match(findings.unexplained!, /the engine counts 2 update, but the steps show 0: 2 drifted resources left at op refresh/);
    });

    it("finds no drift in a refresh whose every resource is the same", () => {
        const findings = classifyDrift(digest([drifted(T.table, "users", { a: 1 }, { a: 1 }, null, "refresh")], { same: 1 }));
        assert.deepEqual([findings.drifted, findings.critical, findings.resources, findings.changes], [false, false, [], {}]);
    });
});
