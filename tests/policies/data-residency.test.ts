import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RESIDENCY_ZONES } from "../../policies/catalog";
import { StackModel, UNKNOWN } from "../../policies/catalog/model";
import { zonesFromConfig } from "../../policies/catalog";
import { residencyFindings, undefinedZoneFinding } from "../../policies/rules/data-residency";
import { regionLossFinding } from "../../policies/rules/data-residency-region-loss";
import { T, euTable, model, resource } from "../model/build";
import { mandatory, of, sharedLab, varied } from "../support/lab";

const WIDER_EU = { "data-residency": { zones: { eu: ["eu-west-1", "eu-central-1"] } } };
const SINGAPORE = { "data-residency": { zones: { sg: ["ap-southeast-1", "ap-southeast-2"] } } };

/** The tokyo stack moved to Singapore: its home ap-southeast-1, its second region Sydney, its data in zone sg. */
const inSingapore = (c: Record<string, any>) => {
    c["aws:region"] = "ap-southeast-1";
    c["dr:drRegion"] = "ap-southeast-2";
    c["dr:residency"] = "sg";
};

const lab = sharedLab();

describe("data-residency through the real program and pack", () => {
    it("passes the shipped eu stack, and says a region-wide loss stays uncovered (advisory)", async () => {
        const s = await lab.plan("eu");
        assert.equal(s.code, 0, mandatory(s));
        assert.equal(of(s, "data-residency").length, 0);
        const [advisory] = of(s, "data-residency-region-loss", "advisory");
        assert.match(advisory.message, /A region-wide loss of eu-west-1 is not covered/);
        assert.match(advisory.message, /zone eu holds only eu-west-1 in the data-residency zones config/);
    });

    it("rejects a Singapore cell the pack's zones do not define, naming the zone, and passes it once pack config adds it", async () => {
        const [undefinedZone, defined] = await Promise.all([lab.plan("tokyo", inSingapore), lab.plan("tokyo", inSingapore, SINGAPORE)]);
        assert.equal(undefinedZone.code, 1);
        const findings = of(undefinedZone, "data-residency");
        assert.equal(findings.length, 1, mandatory(undefinedZone));
        const [stackFinding] = findings;
        assert.equal(stackFinding.urn, "", "a stack finding, on no resource");
        assert.match(
            stackFinding.message,
            /"sg" \(dr:residency\), which the data-residency policy's zones config does not define; defined: eu, jp, us/,
        );
        assert.match(stackFinding.message, /\{"data-residency": \{"zones": \{"sg": \["ap-southeast-1", "ap-southeast-2"\]\}\}\}/);
        assert.equal(of(defined, "data-residency").length, 0, mandatory(defined));
        assert.deepEqual(defined.zones.sg, ["ap-southeast-1", "ap-southeast-2"]);
    });

    it("judges a Singapore cell's replicas by the configured zone: Tokyo is outside zone sg", async () => {
        const { context, resources } = await lab.preview("tokyo", inSingapore);
        const s = await lab.scenario(
            context,
            varied(resources, T.table, "users", (p) => p.replicas.push({ regionName: "ap-northeast-1" })),
            SINGAPORE,
        );
        const [v] = of(s, "data-residency");
        assert.match(
            v.message,
            /personal data of zone sg \(allowed: ap-southeast-1, ap-southeast-2\), but global table replica lives in ap-northeast-1/,
        );
    });

    it("rejects an EU personal table with a us-east-1 replica, with a fix that takes a config file", async () => {
        const { context, resources } = await lab.preview("eu");
        const s = await lab.scenario(
            context,
            varied(resources, T.table, "users", (p) => (p.replicas = [{ regionName: "us-east-1", pointInTimeRecovery: true }])),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "data-residency");
        assert.match(v.urn, /::users$/);
        assert.match(v.message, /holds personal data of zone eu \(allowed: eu-west-1\), but global table replica lives in us-east-1/);
        assert.match(v.message, /Fix: keep it in eu-west-1/);
        assert.match(
            v.message,
            /add it to zone eu in a policy pack config file passed with --policy-pack-config: \{"data-residency": \{"zones": \{"eu": \["eu-west-1", "us-east-1"\]\}\}\}/,
        );
    });

    it("rejects an EU bucket replicating to us-east-1, resolving the destination bucket's region", async () => {
        const s = await lab.plan("eu", (c) => (c["dr:buckets"][0].replicationRegion = "us-east-1"));
        assert.equal(s.code, 1);
        const [v] = of(s, "data-residency");
        assert.match(v.urn, /::uploads$/);
        assert.match(v.message, /S3 replication with RTC lives in us-east-1/);
    });

    it("passes an internal table replicated outside the zone: residency binds personal data", async () => {
        const { context, resources } = await lab.preview("eu");
        const s = await lab.scenario(
            context,
            varied(resources, T.table, "sessions", (p) => (p.replicas = [{ regionName: "us-east-1" }])),
        );
        assert.equal(of(s, "data-residency").length, 0, mandatory(s));
    });

    it("rejects an EU backup copy to a vault the stack creates in eu-central-1, and accepts it when pack config widens zone eu", async () => {
        const toFrankfurt = (c: Record<string, any>) =>
            (c["dr:backup"] = { retentionDays: 35, vaultLock: "compliance", copyTo: "region", copyRegion: "eu-central-1" });
        const [rejected, accepted] = await Promise.all([lab.plan("eu", toFrankfurt), lab.plan("eu", toFrankfurt, WIDER_EU)]);
        assert.equal(rejected.code, 1);
        const users = of(rejected, "data-residency").find((v) => v.urn.endsWith("::users"))!;
        assert.match(users.message, /copy of the every \d+h \(\+1h to start, 1h to finish\) backup to vault .* lives in eu-central-1/);
        assert.equal(accepted.code, 0, mandatory(accepted));
    });

    it("rejects a copy to another account's vault in eu-central-1, read from the vault ARN in config", async () => {
        const s = await lab.plan(
            "eu",
            (c) => (c["dr:backup"].copyVaultArn = "arn:aws:backup:eu-central-1:210987654321:backup-vault:dr-eu-offsite"),
        );
        assert.equal(s.code, 1);
        assert.match(
            of(s, "data-residency")[0].message,
            /arn:aws:backup:eu-central-1:210987654321:backup-vault:dr-eu-offsite lives in eu-central-1/,
        );
    });
});

describe("data-residency rules", () => {
    const zones = DEFAULT_RESIDENCY_ZONES;

    it("passes a personal table whose every copy is in its zone", () => {
        assert.deepEqual(residencyFindings(model(euTable()), euTable(), zones), []);
    });

    it("fails a store in the wrong region by its provider's region when it names none", () => {
        const table = euTable("users", { region: undefined });
        const m = model({ ...table, providerRegion: "us-east-1" });
        assert.match(residencyFindings(m, m.resources[0], zones)[0], /the table itself lives in us-east-1/);
    });

    it("fails a replica whose region is not known at preview instead of passing it silently", () => {
        const table = euTable("users", { replicas: [{ regionName: UNKNOWN }] });
        const [finding] = residencyFindings(model(table), table, zones);
        assert.match(finding, /residency cannot be verified; an unverifiable copy of personal data cannot pass/);
    });

    it("fails a computed replica list", () => {
        const table = euTable("users", { replicas: UNKNOWN });
        assert.match(residencyFindings(model(table), table, zones).join("\n"), /its replica list is computed/);
    });

    it("fails a KMS replica key of the store's key outside the zone", () => {
        const key = resource("aws:kms/key:Key", "data", { region: "eu-west-1" });
        const table = resource("aws:dynamodb/table:Table", "users", euTable().props, { serverSideEncryption: [key] });
        const replicaKey = resource(
            "aws:kms/replicaKey:ReplicaKey",
            "copy",
            { region: "us-east-1", primaryKeyArn: UNKNOWN },
            { primaryKeyArn: [key] },
        );
        const [finding] = residencyFindings(model(key, table, replicaKey), table, zones);
        assert.match(finding, /KMS replica key copy of its key lives in us-east-1/);
    });

    it("fails a bucket replicating to a bucket outside the stack, whose region an S3 ARN cannot tell", () => {
        const bucket = resource("aws:s3/bucket:Bucket", "uploads", { ...euTable().props, bucket: "uploads-eu" });
        const replication = resource(
            "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
            "uploads-replication",
            {
                region: "eu-west-1",
                bucket: "uploads-eu",
                rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::somewhere-else" } }],
            },
            { bucket: [bucket] },
        );
        assert.match(residencyFindings(model(bucket, replication), bucket, zones)[0], /residency cannot be verified/);
    });

    it("fails personal data whose residency names no zone", () => {
        const table = euTable("users", {}, { "dr:residency": "mars" });
        assert.match(
            residencyFindings(model(table), table, zones)[0],
            /its dr:residency is "mars", which names no residency zone; expected one of eu, jp, us/,
        );
    });

    it("lets pack config replace a zone and keeps the others", () => {
        assert.deepEqual(zonesFromConfig({ zones: { eu: ["eu-west-1", "eu-central-1"] } }), {
            ...DEFAULT_RESIDENCY_ZONES,
            eu: ["eu-west-1", "eu-central-1"],
        });
        assert.deepEqual(zonesFromConfig({ zones: { eu: "eu-central-1" } }), DEFAULT_RESIDENCY_ZONES);
        assert.deepEqual(zonesFromConfig(undefined), DEFAULT_RESIDENCY_ZONES);
    });

    it("region loss: says what to do when the zone has another region", () => {
        const table = euTable("users", { region: "ap-northeast-1" }, { "dr:residency": "jp" });
        assert.match(
            regionLossFinding(model(table), DEFAULT_RESIDENCY_ZONES)!,
            /zone jp allows ap-northeast-3\. Fix: replicate or copy the data to another region of the zone \(ap-northeast-3\)/,
        );
    });

    it("region loss: names each personal store left without a copy elsewhere, even when an internal one has one", () => {
        const users = euTable("users", { region: "ap-northeast-1" }, { "dr:residency": "jp" });
        const sessions = euTable(
            "sessions",
            { region: "ap-northeast-1", replicas: [{ regionName: "us-west-2" }] },
            { "dr:residency": "jp", "dr:classification": "internal" },
        );
        const finding = regionLossFinding(model(users, sessions), DEFAULT_RESIDENCY_ZONES)!;
        assert.match(
            finding,
            /^A region-wide loss of ap-northeast-1 is not covered: no copy of the personal data in users lives outside it/,
        );
        assert.doesNotMatch(finding, /sessions/);
    });

    it("region loss: reads the configured zones, not the defaults", () => {
        const table = euTable("users", { region: "ap-southeast-1" }, { "dr:residency": "sg" });
        const zones = { ...DEFAULT_RESIDENCY_ZONES, sg: ["ap-southeast-1", "ap-southeast-2"] };
        assert.match(
            regionLossFinding(model(table), zones)!,
            /zone sg allows ap-southeast-2\. Fix: replicate or copy the data to another region of the zone \(ap-southeast-2\)/,
        );
        const onlyHome = { ...DEFAULT_RESIDENCY_ZONES, jp: ["ap-northeast-1"] };
        const tokyo = euTable("users", { region: "ap-northeast-1" }, { "dr:residency": "jp" });
        assert.match(regionLossFinding(model(tokyo), onlyHome)!, /zone jp holds only ap-northeast-1 in the data-residency zones config/);
    });

    it("a zone the config does not define: a stack finding naming it; a defined one: none", () => {
        const declaredSg = new StackModel([euTable()], "ap-southeast-1", { residency: "sg", drRegion: "ap-southeast-2" });
        assert.match(undefinedZoneFinding(declaredSg, DEFAULT_RESIDENCY_ZONES)!, /^The stack's residency zone is "sg" \(dr:residency\)/);
        assert.equal(undefinedZoneFinding(declaredSg, { ...DEFAULT_RESIDENCY_ZONES, sg: ["ap-southeast-1"] }), undefined);
        assert.equal(undefinedZoneFinding(model(euTable()), DEFAULT_RESIDENCY_ZONES), undefined);
    });

    it("region loss: says nothing when a copy lives in another region", () => {
        const table = euTable(
            "users",
            { region: "ap-northeast-1", replicas: [{ regionName: "ap-northeast-3" }] },
            { "dr:residency": "jp" },
        );
        assert.equal(regionLossFinding(model(table), DEFAULT_RESIDENCY_ZONES), undefined);
    });
});
