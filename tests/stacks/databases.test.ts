import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { SECRET_SIG, SIG } from "../../cli/src/engine/values";
import { Edit } from "../support/lab";
import { StackView, runStack } from "./stack";

const GLOBAL = "aws:rds/globalCluster:GlobalCluster";
const CLUSTER = "aws:rds/cluster:Cluster";
const MEMBER = "aws:rds/clusterInstance:ClusterInstance";
const INSTANCE = "aws:rds/instance:Instance";
const BACKUPS_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
const SUBNET = "aws:ec2/subnet:Subnet";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SECRET = "aws:secretsmanager/secret:Secret";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const KEY = "aws:kms/key:Key";

const isSecret = (value: unknown) => typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG] === SECRET_SIG;

/** The resources a property of `r` refers to. */
function refs(view: StackView, r: CapturedResource, property: string): CapturedResource[] {
    return (r.propertyDependencies[property] ?? []).map((urn) => view.byUrn(urn)!).filter(Boolean);
}

/** The instances of a cluster, by the dependency of their clusterIdentifier. */
function membersOf(view: StackView, cluster: CapturedResource): CapturedResource[] {
    return view.ofType(MEMBER).filter((m) => refs(view, m, "clusterIdentifier").some((c) => c.urn === cluster.urn));
}

const postgres: Edit = (c) => (c["dr:databases"][0].engine = "postgres");

describe("Aurora global database, per tier", () => {
    it("active-active (tokyo): a global cluster, a primary with writer and reader, a secondary with two readers in Osaka", async () => {
        const view = await runStack("tokyo");
        const global = view.one(GLOBAL, "projects");
        assert.equal(global.inputs.region, "ap-northeast-1");
        const primary = view.one(CLUSTER, "projects");
        const secondary = view.one(CLUSTER, "projects-ap-northeast-3");
        for (const cluster of [primary, secondary]) {
            assert.deepEqual(
                refs(view, cluster, "globalClusterIdentifier").map((g) => g.urn),
                [global.urn],
            );
            assert.equal(cluster.inputs.storageEncrypted, true);
            assert.equal(cluster.inputs.deletionProtection, true);
            assert.equal(cluster.inputs.iamDatabaseAuthenticationEnabled, true);
            assert.ok(cluster.inputs.backupRetentionPeriod >= 1);
            assert.deepEqual([cluster.options.protect, cluster.options.retainOnDelete], [true, true]);
            // Each region's own data key.
            const [key] = refs(view, cluster, "kmsKeyId");
            assert.equal(key.type, KEY);
            assert.equal(key.inputs.region, cluster.inputs.region);
        }
        assert.equal(secondary.inputs.region, "ap-northeast-3");
        assert.equal(secondary.inputs.masterPassword, undefined, "a secondary takes the primary's credentials");
        assert.deepEqual(secondary.options.ignoreChanges, ["replicationSourceIdentifier"]);
        assert.deepEqual(membersOf(view, primary).length, 2);
        assert.deepEqual(membersOf(view, secondary).length, 2);
        for (const member of [...membersOf(view, primary), ...membersOf(view, secondary)]) {
            assert.equal(member.inputs.publiclyAccessible, false);
            assert.equal(member.inputs.instanceClass, "db.r6g.large");
        }
        // The secondary joins once the primary has its instances (AWS's order).
        assert.ok(membersOf(view, primary).every((m) => secondary.dependencies.includes(m.urn)));
    });

    it("warm standby (us): one reader in the us-west-2 secondary", async () => {
        const view = await runStack("us");
        assert.equal(membersOf(view, view.one(CLUSTER, "projects-us-west-2")).length, 1);
        assert.equal(membersOf(view, view.one(CLUSTER, "projects")).length, 2);
    });

    it("pilot light: a headless secondary, no instances until a failover", async () => {
        const view = await runStack("us", { edit: (c) => (c["dr:tier"] = "pilot-light") });
        const secondary = view.one(CLUSTER, "projects-us-west-2");
        assert.equal(membersOf(view, secondary).length, 0);
        assert.equal(secondary.inputs.deletionProtection, true);
    });

    it("backup & restore (eu): a regional cluster with a managed master password, no global cluster", async () => {
        const view = await runStack("eu");
        assert.equal(view.ofType(GLOBAL).length, 0);
        assert.deepEqual(
            view.ofType(CLUSTER).map((c) => c.name),
            ["projects"],
        );
        const cluster = view.one(CLUSTER, "projects");
        assert.equal(cluster.inputs.manageMasterUserPassword, true);
        assert.equal(cluster.inputs.masterPassword, undefined);
        assert.equal(refs(view, cluster, "masterUserSecretKmsKeyId")[0].type, KEY);
        assert.equal(membersOf(view, cluster).length, 2);
    });

    it("keeps a global database's generated password a Pulumi secret, in a Secrets Manager secret replicated to the DR region", async () => {
        const view = await runStack("tokyo");
        assert.ok(isSecret(view.one(CLUSTER, "projects").inputs.masterPassword), "the master password must be a Pulumi secret");
        const secret = view.one(SECRET, "projects-master");
        assert.deepEqual(
            secret.inputs.replicas.map((r: { region: string }) => r.region),
            ["ap-northeast-3"],
        );
        assert.equal(secret.inputs.kmsKeyId !== undefined, true);
    });
});

describe("database placement", () => {
    it("puts each cluster in its cell's private subnets, behind a group that admits only the service on the engine's port", async () => {
        const view = await runStack("tokyo");
        for (const region of ["ap-northeast-1", "ap-northeast-3"]) {
            const group = view.one(SUBNET_GROUP, `projects-${region}`);
            const subnets = refs(view, group, "subnetIds");
            assert.equal(subnets.length, 2);
            assert.ok(
                subnets.every((s) => s.type === SUBNET && /-private-\d$/.test(s.name)),
                `subnets: ${subnets.map((s) => s.name)}`,
            );
            const ingress = view.ofType(INGRESS).filter((r) => r.name === `projects-${region}-from-service`);
            assert.equal(ingress.length, 1);
            assert.deepEqual([ingress[0].inputs.fromPort, ingress[0].inputs.toPort, ingress[0].inputs.cidrIpv4], [5432, 5432, undefined]);
            assert.match(refs(view, ingress[0], "referencedSecurityGroupId")[0].name, /service/);
            // Nothing else reaches the database's group.
            const group2 = view.one("aws:ec2/securityGroup:SecurityGroup", `projects-${region}`);
            const into = view.ofType(INGRESS).filter((r) => refs(view, r, "securityGroupId").some((g) => g.urn === group2.urn));
            assert.deepEqual(
                into.map((r) => r.name),
                [`projects-${region}-from-service`],
            );
        }
    });
});

describe("RDS database (postgres)", () => {
    it("warm standby: a multi-AZ instance, a read replica in us-west-2 and its automated backups replicated there", async () => {
        const view = await runStack("us", { edit: postgres });
        const primary = view.one(INSTANCE, "projects");
        assert.deepEqual(
            [primary.inputs.multiAz, primary.inputs.storageEncrypted, primary.inputs.deletionProtection, primary.inputs.publiclyAccessible],
            [true, true, true, false],
        );
        assert.ok(isSecret(primary.inputs.password), "an instance feeding a replica gets a generated password, a Pulumi secret");
        const replica = view.one(INSTANCE, "projects-us-west-2");
        assert.equal(replica.inputs.region, "us-west-2");
        assert.deepEqual(
            refs(view, replica, "replicateSourceDb").map((r) => r.urn),
            [primary.urn],
        );
        const [backups] = view.ofType(BACKUPS_REPLICATION);
        assert.equal(backups.inputs.region, "us-west-2");
        assert.deepEqual(
            refs(view, backups, "sourceDbInstanceArn").map((r) => r.urn),
            [primary.urn],
        );
        assert.equal(refs(view, backups, "kmsKeyId")[0].inputs.region, "us-west-2");
    });

    it("backup & restore: one instance with a managed password, no replica", async () => {
        const view = await runStack("eu", { edit: postgres });
        assert.deepEqual(
            view.ofType(INSTANCE).map((i) => i.name),
            ["projects"],
        );
        assert.equal(view.one(INSTANCE, "projects").inputs.manageMasterUserPassword, true);
        assert.equal(view.ofType(BACKUPS_REPLICATION).length, 0);
    });
});

describe("database monitoring", () => {
    it("alarms on an Aurora PostgreSQL secondary's replication and RPO lag at half the RPO, in its region, missing data breaching", async () => {
        const view = await runStack("tokyo");
        const alarms = view.ofType(ALARM).filter((a) => a.inputs.namespace === "AWS/RDS");
        assert.deepEqual(alarms.map((a) => a.inputs.metricName).sort(), ["AuroraGlobalDBRPOLag", "AuroraGlobalDBReplicationLag"]);
        for (const alarm of alarms) {
            assert.equal(alarm.inputs.region, "ap-northeast-3");
            // tokyo's RPO is 5m: half is 150 s, in the metric's milliseconds.
            assert.equal(alarm.inputs.threshold, 150_000);
            assert.equal(alarm.inputs.treatMissingData, "breaching");
            assert.ok((alarm.inputs.alarmActions ?? []).length > 0, "the alarm must notify someone");
        }
    });

    it("alarms on an RDS replica's ReplicaLag in seconds", async () => {
        const view = await runStack("us", { edit: postgres });
        const [alarm] = view.ofType(ALARM).filter((a) => a.inputs.namespace === "AWS/RDS");
        assert.equal(alarm.inputs.metricName, "ReplicaLag");
        assert.equal(alarm.inputs.region, "us-west-2");
        // us's projects inherits the stack's 15m RPO: half is 450 s.
        assert.equal(alarm.inputs.threshold, 450);
    });
});
