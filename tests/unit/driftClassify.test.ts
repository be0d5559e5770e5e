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
function drifted(type: string, name: string, before: Record<string, unknown>, after: Record<string, unknown>, detailedDiff: DigestStep["detailedDiff"], op = "update"): DigestStep {
    const old = state(type, name, before);
    return { op, urn: old.urn, oldState: old, newState: state(type, name, after), detailedDiff };
}

describe("property paths as Pulumi writes them", () => {
    it("parses and formats dotted, indexed and quoted segments", () => {
        for (const path of ["replicas[1].regionName", 'tags["dr:cell"]', "rules[0].copyActions[0].destinationVaultArn", "pointInTimeRecovery.enabled"]) {
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
        const step = drifted(T.table, "users", { replicas: [], tags: { team: "a" } }, { replicas: [{ regionName: "us-east-1" }], tags: { team: "b" } }, { replicas: { kind: "update", inputDiff: true }, "tags.team": { kind: "update", inputDiff: true } });
        const { resources, drifted: any, critical } = classifyDrift(digest([step], { update: 1 }));
        assert.equal(any, true);
        assert.equal(critical, true);
        assert.equal(resources[0].class, "residency-critical");
        assert.deepEqual(resources[0].properties.map((p) => [p.path, p.old, p.new, p.class]), [
            ["replicas[0]", undefined, { regionName: "us-east-1" }, "residency-critical"],
            ["tags.team", "a", "b", "cosmetic"],
        ]);
    });

    it("finds a drifted resource left at op refresh with no detailed diff by comparing its states", () => {
        const step = drifted(T.table, "users", { pointInTimeRecovery: { enabled: true } }, { pointInTimeRecovery: { enabled: false } }, null, "refresh");
        const unchanged = { ...drifted(T.table, "sessions", { a: 1 }, { a: 1 }, null, "refresh") };
        const { resources } = classifyDrift(digest([step, unchanged], { same: 1, update: 1 }));
        assert.deepEqual(resources.map((r) => [r.name, r.op, r.properties.map((p) => p.path)]), [["users", "refresh", ["pointInTimeRecovery.enabled"]]]);
    });

    it("uses diff reasons when the detailed diff is null", () => {
        const step = drifted(T.service, "app", { desiredCount: 3, name: "app" }, { desiredCount: 0, name: "app" }, null);
        step.diffReasons = ["desiredCount"];
        assert.deepEqual(classifyDrift(digest([step], { update: 1 })).resources[0].properties.map((p) => [p.path, p.old, p.new]), [["desiredCount", 3, 0]]);
    });

    it("says a resource the refresh found gone is recovery-critical", () => {
        const gone = state(T.metricAlarm, "lag", {});
        const [finding] = classifyDrift(digest([{ op: "delete", urn: gone.urn, oldState: gone, detailedDiff: null }], { delete: 1 })).resources;
        assert.deepEqual([finding.change, finding.class], ["gone", "recovery-critical"]);
    });

    it("treats changes the engine counts but no step shows as critical and unexplained", () => {
        const findings = classifyDrift(digest([drifted(T.table, "users", { a: 1 }, { a: 1 }, null, "refresh")], { same: 3, update: 2 }));
        assert.deepEqual([findings.drifted, findings.critical, findings.resources.length], [true, true, 0]);
        assert.match(findings.unexplained!, /the engine counts 2 update, but no step shows which resource changed/);
    });

    it("finds no drift in a refresh whose every resource is the same", () => {
        const findings = classifyDrift(digest([drifted(T.table, "users", { a: 1 }, { a: 1 }, null, "refresh")], { same: 1 }));
        assert.deepEqual([findings.drifted, findings.critical, findings.resources, findings.changes], [false, false, [], {}]);
    });
});
