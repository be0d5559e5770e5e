import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, checkOnCallReaches, loadConfig } from "../../infra/config";
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
        assert.deepEqual(
            c.tables.map((t) => [t.name, t.classification, t.replicaRegions, t.rpo.text]),
            [
                ["users", "personal", ["ap-northeast-3"], "5m"],
                ["sessions", "internal", ["ap-northeast-3"], "5m"],
            ],
        );
        assert.deepEqual(
            c.buckets.map((b) => [b.name, b.replicationRegion, b.rtc, b.rpo.text]),
            [["uploads", "ap-northeast-3", true, "15m"]],
        );
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

    it("applies defaults: retention 35 days, the DR region for copies, health checks on; never a vault lock mode", () => {
        const c = loadConfig(
            us({ "dr:backup": { vaultLock: "governance" }, "dr:routing": { zoneName: "example.com", hostName: "app.example.com" } }),
            "us",
        );
        assert.equal(c.backup.retentionDays, 35);
        assert.equal(c.backup.vaultLock, "governance");
        assert.equal(c.backup.copyRegion, "us-west-2");
        assert.equal(c.routing.healthCheck, true);
        assert.deepEqual(c.routing.geo, []);
    });

    it("reads the global tier: a session cache with its secondary in the DR region, a distribution, an accelerator where shipped", () => {
        const [tokyo, eu] = [loadConfig(shipped("tokyo"), "tokyo"), loadConfig(shipped("eu"), "eu")];
        assert.deepEqual(tokyo.sessionCache, {
            classification: "personal",
            nodeType: "cache.r7g.large",
            replicas: 1,
            rpo: { text: "5m", seconds: 300 },
            secondaryRegion: "ap-northeast-3",
        });
        assert.equal(eu.sessionCache?.secondaryRegion, undefined);
        assert.deepEqual(tokyo.edge, { hostName: "jp-edge.app.example.com", priceClass: "PriceClass_200", publicPaths: ["/static/*"] });
        assert.deepEqual([tokyo.routing.accelerator, eu.routing.accelerator], [true, false]);
        // A burstable node is fine where no global datastore needs it: eu keeps its cache in one region.
        const small = shipped("eu");
        small["dr:sessionCache"] = JSON.stringify({ classification: "personal", nodeType: "cache.t4g.small" });
        assert.equal(loadConfig(small, "eu").sessionCache?.nodeType, "cache.t4g.small");
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

    it("rejects a global-table replica in the home region (DynamoDB would), and accepts same-region S3 replication (valid S3; the pack judges it)", () => {
        assert.equal(
            configError(us({ "dr:tables": [{ name: "users", classification: "personal", replicaRegions: ["us-east-1"] }] })).key,
            "dr:tables[0].replicaRegions[0]",
        );
        const c = loadConfig(us({ "dr:buckets": [{ name: "uploads", classification: "personal", replicationRegion: "us-east-1" }] }), "us");
        assert.equal(c.buckets[0].replicationRegion, "us-east-1");
    });

    it("reads dr:oncall's destinations and dr:breakGlassPrincipal", () => {
        const c = loadConfig(
            us({
                "dr:oncall": {
                    https: ["https://events.pagerduty.com/integration/abc/enqueue"],
                    topicArn: "arn:aws:sns:us-east-1:123456789012:oncall",
                },
                "dr:breakGlassPrincipal": "arn:aws:iam::123456789012:role/break-glass",
            }),
            "us",
        );
        assert.deepEqual(c.oncall, {
            email: [],
            https: ["https://events.pagerduty.com/integration/abc/enqueue"],
            topicArn: "arn:aws:sns:us-east-1:123456789012:oncall",
        });
        assert.equal(c.breakGlassPrincipal, "arn:aws:iam::123456789012:role/break-glass");
        assert.equal(configError(us({ "dr:breakGlassPrincipal": "admin" })).key, "dr:breakGlassPrincipal");
        assert.equal(configError(us({ "dr:oncall": { topicArn: "arn:aws:sqs:us-east-1:123456789012:q" } })).key, "dr:oncall.topicArn");
    });

    it("takes an existing topic alone only where every alarm is in its region: an alarm publishes to a topic of its own region", () => {
        const pager = "arn:aws:sns:us-east-1:123456789012:pager";
        const alone = loadConfig(us({ "dr:oncall": { topicArn: pager } }), "us");
        assert.doesNotThrow(() => checkOnCallReaches(alone, ["us-east-1"]));
        assert.throws(() => checkOnCallReaches(alone, ["us-east-1", "us-west-2"]), {
            name: "ConfigError",
            message: `Pulumi.us.yaml: dr:oncall is {"topicArn":"${pager}"}; expected email addresses or HTTPS endpoints as well: the stack raises alarms in us-west-2, and an alarm publishes only to a topic of its own region (topicArn serves us-east-1).`,
        });
        const withEmail = loadConfig(us({ "dr:oncall": { email: ["oncall@example.com"], topicArn: pager } }), "us");
        assert.doesNotThrow(() => checkOnCallReaches(withEmail, ["us-east-1", "us-west-2"]));
    });

    it("rejects a country code ISO 3166 does not have, such as UK", () => {
        const e = configError(us({ "dr:routing": { zoneName: "example.com", hostName: "app.example.com", geo: ["UK"] } }));
        assert.equal(
            e.message,
            'Pulumi.us.yaml: dr:routing.geo[0] is "UK"; expected a continent code (AF, AN, AS, EU, NA, OC, SA), an ISO 3166 country code (e.g. JP, GB) or *.',
        );
    });

    it("rejects a DR region equal to the home region", () => {
        assert.match(configError(us({ "dr:drRegion": "us-east-1" })).message, /a region other than the home region us-east-1/);
    });

    it("rejects copyTo region with no region to copy to", () => {
        const e = configError(us({ "dr:drRegion": undefined, "dr:backup": { vaultLock: "compliance", copyTo: "region" } }));
        assert.equal(e.key, "dr:backup.copyRegion");
    });

    it("asks a reproducible store for its rebuild time, and tags it with it", () => {
        const site = { name: "site", classification: "reproducible" };
        const e = configError(us({ "dr:buckets": [site] }));
        assert.equal(e.key, "dr:buckets[0].rebuild");
        assert.match(e.message, /required when classification is reproducible/);
        const config = loadConfig(us({ "dr:buckets": [{ ...site, rebuild: "2h" }] }), "us");
        assert.equal(config.buckets[0].rebuild?.text, "2h");
    });

    it("rejects a table listed twice", () => {
        const e = configError(
            us({
                "dr:tables": [
                    { name: "users", classification: "personal" },
                    { name: "users", classification: "internal" },
                ],
            }),
        );
        assert.equal(e.key, "dr:tables");
    });
});

describe("stack config: rules across keys, and what a message quotes", () => {
    it("refuses a copy destination of the other kind whatever its value: copyVaultArn with copyTo region, copyRegion with account", () => {
        assert.equal(
            configError(us({ "dr:backup": { vaultLock: "none", copyVaultArn: "vault" } })).message,
            'Pulumi.us.yaml: dr:backup.copyVaultArn is "vault"; expected no copyVaultArn with copyTo: region (set copyTo: account to copy into another account).',
        );
        assert.equal(
            configError(us({ "dr:backup": { vaultLock: "none", copyTo: "account", copyRegion: "us-west-9" } })).message,
            'Pulumi.us.yaml: dr:backup.copyRegion is "us-west-9"; expected no copyRegion with copyTo: account (the vault ARN names its region).',
        );
        assert.equal(
            configError(us({ "dr:backup": { vaultLock: "none", copyTo: "vault" } })).message,
            'Pulumi.us.yaml: dr:backup.copyTo is "vault"; expected region (a vault this stack creates in another region) or account (another account\'s vault).',
        );
    });

    it("reports a misspelt key before the field it leaves missing", () => {
        const e = configError(us({ "dr:tables": [{ nmae: "users", classification: "personal" }] }));
        assert.equal(
            e.message,
            'Pulumi.us.yaml: dr:tables[0].nmae is "users"; expected no such key; dr:tables[0] has name, classification, replicaRegions, rpo, rebuild.',
        );
    });

    it("quotes a value as written: a number as its text, a mapping without its defaults, the entry listed twice", () => {
        assert.equal(
            configError(us({ "dr:capacity": "three" })).message,
            'Pulumi.us.yaml: dr:capacity is "three"; expected a whole number of tasks, at least 1.',
        );
        assert.match(
            configError(us({ "dr:oncall": { email: [] } })).message,
            /^Pulumi\.us\.yaml: dr:oncall is \{"email":\[\]\}; expected a mapping with at least one of/,
        );
        const twice = configError(us({ "dr:routing": { zoneName: "example.com", hostName: "app.example.com", geo: ["NA", "EU", "NA"] } }));
        assert.equal(twice.message, 'Pulumi.us.yaml: dr:routing.geo is "NA"; expected each entry once (this one appears twice).');
    });

    it("names the zone a host name must be inside, also when the host name is missing", () => {
        assert.equal(
            configError(us({ "dr:routing": { zoneName: "example.org" } })).message,
            "Pulumi.us.yaml: dr:routing.hostName is missing; expected a DNS name inside example.org, e.g. app.example.org.",
        );
        assert.equal(
            configError(us({ "dr:routing": { zoneName: "example.org", hostName: "app.example.com" } })).key,
            "dr:routing.hostName",
        );
    });

    it("places a database replica only in the DR region, and gives an Aurora global database a memory-optimized class", () => {
        const db = { name: "projects", engine: "aurora-postgresql", classification: "personal" };
        assert.equal(
            configError(us({ "dr:databases": [{ ...db, replicaRegions: ["eu-west-1"] }] })).message,
            'Pulumi.us.yaml: dr:databases[0].replicaRegions[0] is "eu-west-1"; expected the DR region us-west-2, where the cell has a network for it, or no replica region.',
        );
        assert.equal(configError(us({ "dr:databases": [{ ...db, instanceClass: "db.t4g.medium" }] })).key, "dr:databases[0].instanceClass");
        const regional = loadConfig(us({ "dr:databases": [{ ...db, instanceClass: "db.t4g.medium", replicaRegions: [] }] }), "us");
        assert.equal(regional.databases[0].instanceClass, "db.t4g.medium");
        assert.equal(loadConfig(us({ "dr:databases": [{ ...db, engine: "postgres" }] }), "us").databases[0].instanceClass, "db.m6g.large");
    });

    it("takes a field left empty (null in YAML) for its default, where the field has one", () => {
        const c = loadConfig(us({ "dr:backup": { vaultLock: "none", retentionDays: null, copyTo: null, copyRegion: null } }), "us");
        assert.deepEqual(c.backup, { retentionDays: 35, vaultLock: "none", copyTo: "region", copyRegion: "us-west-2" });
        assert.equal(
            configError(us({ "dr:routing": { zoneName: "example.com", hostName: "app.example.com", healthCheck: null } })).key,
            "dr:routing.healthCheck",
        );
    });
});
