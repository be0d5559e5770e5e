import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "../../infra/config";
import { readProject, readStackConfig } from "../../cli/src/engine/stackConfig";
import { BAD_CONFIG } from "../fixtures/badConfig";
import { ROOT } from "../helpers";

const project = readProject(ROOT);

function shipped(stack: string): Record<string, string> {
    return { ...readStackConfig(ROOT, project, stack).config };
}

/** The shipped us config with one key changed (undefined removes it). */
function us(changes: Record<string, unknown>): Record<string, string> {
    const config = shipped("us");
    for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) {
            delete config[key];
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return config;
}

function configError(config: Record<string, string>): ConfigError {
    try {
        loadConfig(config, "us");
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
        return e;
    }
    assert.fail("the config was accepted");
}

describe("stack config: the shipped stacks", () => {
    it("reads tokyo as active-active across ap-northeast-1 and ap-northeast-3", () => {
        const c = loadConfig(shipped("tokyo"), "tokyo");
        assert.equal(c.tier, "active-active");
        assert.equal(c.homeRegion, "ap-northeast-1");
        assert.equal(c.drRegion, "ap-northeast-3");
        assert.deepEqual(c.rto, { text: "15m", seconds: 900 });
        assert.deepEqual(c.rpo, { text: "5m", seconds: 300 });
        assert.deepEqual(c.tables.map((t) => [t.name, t.classification, t.replicaRegions, t.rpo.text]), [
            ["users", "personal", ["ap-northeast-3"], "5m"],
            ["sessions", "internal", ["ap-northeast-3"], "5m"],
        ]);
        assert.deepEqual(c.buckets.map((b) => [b.name, b.replicationRegion, b.rtc, b.rpo.text]), [["uploads", "ap-northeast-3", true, "15m"]]);
        assert.equal(c.backup.copyRegion, "ap-northeast-3");
    });

    it("reads eu as a single-region cell copying to the backup account's vault", () => {
        const c = loadConfig(shipped("eu"), "eu");
        assert.equal(c.drRegion, undefined);
        assert.deepEqual(c.tables[0].replicaRegions, []);
        assert.equal(c.buckets[0].replicationRegion, undefined);
        assert.equal(c.backup.copyTo, "account");
        assert.match(c.backup.copyVaultArn!, /^arn:aws:backup:eu-west-1:/);
    });

    it("applies defaults: retention 35 days, vault lock on, health checks on", () => {
        const c = loadConfig(us({ "dr:backup": {}, "dr:routing": { zoneName: "example.com", hostName: "app.example.com" } }), "us");
        assert.equal(c.backup.retentionDays, 35);
        assert.equal(c.backup.vaultLock, true);
        assert.equal(c.backup.copyRegion, "us-west-2");
        assert.equal(c.routing.healthCheck, true);
        assert.deepEqual(c.routing.geo, []);
    });

    it("checks form only: an EU personal table replicated to us-east-1 is accepted here", () => {
        const eu = shipped("eu");
        eu["dr:tables"] = JSON.stringify([{ name: "users", classification: "personal", replicaRegions: ["us-east-1"] }]);
        assert.deepEqual(loadConfig(eu, "eu").tables[0].replicaRegions, ["us-east-1"]);
    });
});

describe("stack config: each bad value is one clear error", () => {
    for (const bad of BAD_CONFIG) {
        it(bad.what, () => {
            assert.equal(configError(us(bad.changes)).message, bad.message);
        });
    }

    it("names an unknown key inside a table entry", () => {
        const e = configError(us({ "dr:tables": [{ name: "users", classification: "personal", replicas: 2 }] }));
        assert.equal(e.key, "dr:tables[0].replicas");
    });

    it("rejects a replica or replication destination in the home region", () => {
        assert.equal(configError(us({ "dr:tables": [{ name: "users", classification: "personal", replicaRegions: ["us-east-1"] }] })).key, "dr:tables[0].replicaRegions[0]");
        assert.equal(configError(us({ "dr:buckets": [{ name: "uploads", classification: "personal", replicationRegion: "us-east-1" }] })).key, "dr:buckets[0].replicationRegion");
    });

    it("rejects a country code ISO 3166 does not have, such as UK", () => {
        const e = configError(us({ "dr:routing": { zoneName: "example.com", hostName: "app.example.com", geo: ["UK"] } }));
        assert.equal(e.message, 'Pulumi.us.yaml: dr:routing.geo[0] is "UK"; expected a continent code (AF, AN, AS, EU, NA, OC, SA), an ISO 3166 country code (e.g. JP, GB) or *.');
    });

    it("rejects a DR region equal to the home region", () => {
        assert.match(configError(us({ "dr:drRegion": "us-east-1" })).message, /a region other than the home region us-east-1/);
    });

    it("rejects copyTo region with no region to copy to", () => {
        const e = configError(us({ "dr:drRegion": undefined, "dr:backup": { copyTo: "region" } }));
        assert.equal(e.key, "dr:backup.copyRegion");
    });

    it("rejects a table listed twice", () => {
        const e = configError(us({ "dr:tables": [{ name: "users", classification: "personal" }, { name: "users", classification: "internal" }] }));
        assert.equal(e.key, "dr:tables");
    });
});
