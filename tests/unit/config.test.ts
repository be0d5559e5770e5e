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

describe("stack config: night mode, usage and budget", () => {
    const night = { from: "22:00", to: "06:00", timeZone: "America/New_York", tier: "pilot-light" };

    it("reads tokyo's night: 22:00 to 08:00 Tokyo time at warm standby, judged against its own RTO", () => {
        const c = loadConfig(shipped("tokyo"), "tokyo");
        assert.deepEqual(
            [c.nightMode?.from, c.nightMode?.to, c.nightMode?.timeZone, c.nightMode?.tier],
            [{ text: "22:00", minutes: 1320 }, { text: "08:00", minutes: 480 }, "Asia/Tokyo", "warm-standby"],
        );
        assert.deepEqual(c.nightMode?.rto, { text: "20m", seconds: 1200 });
        assert.equal(loadConfig(us({ "dr:nightMode": night }), "us").nightMode?.tier, "pilot-light");
    });

    it("refuses a night mode of the wrong form: a time, a time zone, a tier it cannot drop to", () => {
        const message = (changes: Record<string, unknown>) => configError(us({ "dr:nightMode": { ...night, ...changes } })).message;
        assert.equal(
            message({ from: "25:00" }),
            'Pulumi.us.yaml: dr:nightMode.from is "25:00"; expected a time of day, HH:MM on a 24-hour clock (e.g. 22:00).',
        );
        assert.equal(
            message({ timeZone: "Tokyo" }),
            'Pulumi.us.yaml: dr:nightMode.timeZone is "Tokyo"; expected an IANA time zone such as Asia/Tokyo, Europe/Dublin or UTC.',
        );
        assert.equal(
            message({ timeZone: "asia/tokyo" }),
            'Pulumi.us.yaml: dr:nightMode.timeZone is "asia/tokyo"; expected an IANA time zone such as Asia/Tokyo, Europe/Dublin or UTC.',
        );
        assert.equal(
            message({ tier: "backup-restore" }),
            'Pulumi.us.yaml: dr:nightMode.tier is "backup-restore"; expected one of pilot-light, warm-standby (a standby the DR region comes back from by itself).',
        );
        assert.equal(configError(us({ "dr:nightMode": { ...night, rto: "half an hour" } })).key, "dr:nightMode.rto");
        assert.equal(configError(us({ "dr:nightMode": { ...night, at: "22:00" } })).key, "dr:nightMode.at");
    });

    it("refuses a night mode its other keys rule out: no DR region, a tier not below the day's, a night of no length, no health checks", () => {
        assert.match(
            configError(us({ "dr:nightMode": { ...night, tier: "warm-standby" } })).message,
            /dr:nightMode.tier is "warm-standby"; expected a tier below dr:tier warm-standby, which the DR region runs by day\.$/,
        );
        assert.match(
            configError(us({ "dr:nightMode": { ...night, to: "22:00" } })).message,
            /dr:nightMode.to is "22:00"; expected a time other than from \(22:00\)/,
        );
        const eu = shipped("eu");
        eu["dr:nightMode"] = JSON.stringify(night);
        assert.throws(
            () => loadConfig(eu, "eu"),
            /Pulumi\.eu\.yaml: dr:nightMode is .*; expected no night mode for a single-region cell: it needs dr:drRegion/,
        );
        const tokyo = shipped("tokyo");
        tokyo["dr:routing"] = JSON.stringify({ ...JSON.parse(tokyo["dr:routing"]), healthCheck: false });
        assert.throws(() => loadConfig(tokyo, "tokyo"), /dr:nightMode is .*; expected dr:routing\.healthCheck: true as well/);
    });

    it("fills every usage assumption it is not given, takes only whole numbers, and reads a budget as cents", () => {
        const c = loadConfig(us({ "dr:usage": { tableGigabytes: 500 }, "dr:budget": { monthlyUsd: "2500.75" } }), "us");
        assert.equal(c.usage.tableGigabytes, 500);
        assert.equal(c.usage.bucketGigabytes, 100);
        assert.deepEqual(c.budget?.monthlyUsd, { text: "2500.75", cents: 250075 });
        assert.equal(
            configError(us({ "dr:usage": { tableGigabytes: 1.5 } })).message,
            "Pulumi.us.yaml: dr:usage.tableGigabytes is 1.5; expected a whole number of gigabytes, 0 or more.",
        );
        assert.equal(configError(us({ "dr:usage": { requests: 5 } })).key, "dr:usage.requests");
        assert.equal(
            configError(us({ "dr:budget": { monthlyUsd: 2500.75 } })).message,
            'Pulumi.us.yaml: dr:budget.monthlyUsd is 2500.75; expected a whole number of dollars, or dollars and cents as text (e.g. "1250.50").',
        );
    });
});
