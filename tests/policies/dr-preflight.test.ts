import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ANY_AWS_TYPE, PREFLIGHT_RULES, PreflightProblem, preflightFindings } from "../../policies/catalog";
import { UNKNOWN } from "../../policies/catalog/model";
import { drPreflight } from "../../policies/rules/dr-preflight";
import { ROOT } from "../helpers";
import { Lab, mandatory, of, sharedLab, varied } from "../support/lab";

const lab = sharedLab();

const SG = "aws:ec2/securityGroup:SecurityGroup";
const ROLE = "aws:iam/role:Role";
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const VPC = "aws:ec2/vpc:Vpc";
const EC2_CHARACTERS = "a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*";

/** For each type of the table, inputs AWS accepts, touching every row of the type. */
const BASELINES: Record<string, Record<string, unknown>> = {
    [VPC]: { cidrBlock: "10.0.0.0/16", tags: { Name: "main", "dr:cell": "eu" } },
    [SG]: {
        name: "web",
        description: "Web: HTTPS (443) from anywhere",
        ingress: [{ description: "HTTPS" }],
        egress: [{ description: "All" }],
    },
    "aws:ec2/securityGroupRule:SecurityGroupRule": { description: "From the load balancer" },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { description: "From the service" },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { description: "To the database" },
    [ROLE]: { name: "app-task", path: "/dr/", description: "The service's own permissions", maxSessionDuration: 3600 },
    "aws:iam/rolePolicy:RolePolicy": { name: "read-secret", policy: '{"Version": "2012-10-17", "Statement": []}' },
    "aws:iam/policy:Policy": { name: "read-secret", path: "/", description: "Reads the secret", policy: '{"Statement": []}' },
    "aws:kms/key:Key": { description: "DR cell eu: data at rest in eu-west-1" },
    "aws:kms/replicaKey:ReplicaKey": { description: "DR cell eu: data at rest in eu-central-1" },
    "aws:kms/alias:Alias": { name: "alias/dr/data" },
    "aws:sns/topic:Topic": { name: "alarms.fifo" },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        name: "Table users: replication latency ≥ 150 s",
        alarmDescription: "DR cell eu: table users replicates late",
        alarmActions: ["arn:aws:sns:eu-west-1:123456789012:alarms"],
        okActions: [],
        insufficientDataActions: [],
        dimensions: { TableName: "users" },
    },
    "aws:cloudwatch/eventRule:EventRule": { name: "backup-failed", description: "Backup job failed", scheduleExpression: "rate(1 day)" },
    "aws:cloudwatch/logGroup:LogGroup": { name: "/ecs/app#1", retentionInDays: 30 },
    [HEALTH_CHECK]: {
        requestInterval: 10,
        failureThreshold: 3,
        resourcePath: "/health",
        fqdn: "app.example.com",
        searchString: "ok",
        regions: ["us-east-1", "eu-west-1", "ap-northeast-1"],
        childHealthchecks: [],
        childHealthThreshold: 0,
        tags: { Name: "eu-eu-west-1" },
    },
    "aws:route53/record:Record": { name: "app.example.com", setIdentifier: "eu", ttl: 60, weightedRoutingPolicies: [{ weight: 255 }] },
    "aws:dynamodb/table:Table": { name: "eu-users.v2" },
    "aws:s3/bucket:Bucket": { bucket: "eu-uploads-1a2b" },
    "aws:rds/cluster:Cluster": { clusterIdentifier: "eu-projects-1" },
    "aws:rds/clusterInstance:ClusterInstance": { identifier: "eu-projects-1-1" },
    "aws:rds/instance:Instance": { identifier: "eu-projects" },
    "aws:rds/globalCluster:GlobalCluster": { globalClusterIdentifier: "eu-projects:global.1", engine: "aurora-postgresql" },
    "aws:rds/subnetGroup:SubnetGroup": { name: "projects eu_west.1" },
    "aws:secretsmanager/secret:Secret": { name: "dr/eu/projects+master@1", description: "Master credentials" },
    "aws:secretsmanager/secretVersion:SecretVersion": { secretString: '{"username": "dr_admin"}' },
    "aws:ecs/cluster:Cluster": { name: "eu_cell-1" },
    "aws:ecs/service:Service": { name: "app" },
    "aws:ecs/taskDefinition:TaskDefinition": { family: "eu-app" },
    "aws:lb/loadBalancer:LoadBalancer": { name: "eu-app-1" },
    "aws:lb/targetGroup:TargetGroup": { name: "eu-app" },
    "aws:backup/vault:Vault": { name: "dr_eu-1" },
    "aws:backup/plan:Plan": { name: "dr-eu.1", rules: [{ ruleName: "daily_1.x", startWindow: 60 }] },
    "aws:backup/selection:Selection": { name: "dr-eu.tagged" },
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": { name: "dr_eu_drill", startWindowHours: 168 },
    "aws:backup/restoreTestingSelection:RestoreTestingSelection": { name: "dr_eu_drill_S3", validationWindowHours: 0 },
    "aws:appautoscaling/policy:Policy": { name: "app: CPU at 60% (target)" },
    "aws:lambda/function:Function": { name: "validate-restore_1", description: "Validates a restore" },
    "aws:synthetics/canary:Canary": { name: "app-health_1" },
    "aws:arcregionswitch/plan:Plan": { name: "eu-cell-1", regions: ["eu-west-1", "eu-central-1"] },
};

/** One change to a baseline, and the one problem AWS would have with it. */
interface Case {
    type: string;
    change: (inputs: Record<string, any>) => void;
    path: string;
    problem: PreflightProblem;
}

const many = (n: number, c = "a") => c.repeat(n);
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, "v"]));

const CASES: Record<string, Case> = {
    "an apostrophe in a security group's description": {
        type: SG,
        change: (p) => (p.description = "Database: only from the cell's service"),
        path: "description",
        problem: { kind: "characters", refused: ["'"], allowed: EC2_CHARACTERS },
    },
    "a security group description of 256 characters": {
        type: SG,
        change: (p) => (p.description = many(256)),
        path: "description",
        problem: { kind: "too-long", length: 256, max: 255 },
    },
    "a security group name starting with sg-": {
        type: SG,
        change: (p) => (p.name = "sg-web"),
        path: "name",
        problem: { kind: "reserved-prefix", prefix: "sg-" },
    },
    "a security group name prefix starting with sg-": {
        type: SG,
        change: (p) => (p.namePrefix = "sg-web-"),
        path: "namePrefix",
        problem: { kind: "reserved-prefix", prefix: "sg-" },
    },
    "an accented letter in an inline ingress rule's description": {
        type: SG,
        change: (p) => (p.ingress[0].description = "Café"),
        path: "ingress[0].description",
        problem: { kind: "characters", refused: ["é"], allowed: EC2_CHARACTERS },
    },
    "a quote in an inline egress rule's description": {
        type: SG,
        change: (p) => (p.egress[0].description = 'All "out"'),
        path: "egress[0].description",
        problem: { kind: "characters", refused: ['"'], allowed: EC2_CHARACTERS },
    },
    "a question mark in a security group rule's description": {
        type: "aws:ec2/securityGroupRule:SecurityGroupRule",
        change: (p) => (p.description = "Why?"),
        path: "description",
        problem: { kind: "characters", refused: ["?"], allowed: EC2_CHARACTERS },
    },
    "a percent sign in an ingress rule's description": {
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        change: (p) => (p.description = "100% of the service"),
        path: "description",
        problem: { kind: "characters", refused: ["%"], allowed: EC2_CHARACTERS },
    },
    "a description of 256 characters on an egress rule": {
        type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        change: (p) => (p.description = many(256)),
        path: "description",
        problem: { kind: "too-long", length: 256, max: 255 },
    },
    "a space in a role name": {
        type: ROLE,
        change: (p) => (p.name = "app task"),
        path: "name",
        problem: { kind: "characters", refused: [" "], allowed: "letters, digits and _+=,.@-" },
    },
    "a role name of 65 characters": {
        type: ROLE,
        change: (p) => (p.name = many(65)),
        path: "name",
        problem: { kind: "too-long", length: 65, max: 64 },
    },
    "a slash in a role name prefix": {
        type: ROLE,
        change: (p) => (p.namePrefix = "dr/app-"),
        path: "namePrefix",
        problem: { kind: "characters", refused: ["/"], allowed: "letters, digits and _+=,.@-" },
    },
    "a role path without its closing slash": {
        type: ROLE,
        change: (p) => (p.path = "/dr"),
        path: "path",
        problem: { kind: "last", character: "r", allowed: "/" },
    },
    "a role description with a euro sign": {
        type: ROLE,
        change: (p) => (p.description = "Costs 5 €"),
        path: "description",
        problem: {
            kind: "characters",
            refused: ["€"],
            allowed: "printable ASCII, tab, line breaks and the Latin-1 characters U+00A1 to U+00FF",
        },
    },
    "a role session of a minute": {
        type: ROLE,
        change: (p) => (p.maxSessionDuration = 60),
        path: "maxSessionDuration",
        problem: { kind: "out-of-range", value: 60, min: 3600, max: 43200 },
    },
    "an inline policy name with a colon": {
        type: "aws:iam/rolePolicy:RolePolicy",
        change: (p) => (p.name = "read:secret"),
        path: "name",
        problem: { kind: "characters", refused: [":"], allowed: "letters, digits and _+=,.@-" },
    },
    "an inline policy document with a character past Latin-1": {
        type: "aws:iam/rolePolicy:RolePolicy",
        change: (p) => (p.policy = '{"Sid": "Lesen→Schreiben"}'),
        path: "policy",
        problem: { kind: "characters", refused: ["→"], allowed: "ASCII and Latin-1 text (U+0020 to U+00FF, tab, line breaks)" },
    },
    "a managed policy name of 129 characters": {
        type: "aws:iam/policy:Policy",
        change: (p) => (p.name = many(129)),
        path: "name",
        problem: { kind: "too-long", length: 129, max: 128 },
    },
    "a managed policy path with a space": {
        type: "aws:iam/policy:Policy",
        change: (p) => (p.path = "/dr team/"),
        path: "path",
        problem: { kind: "characters", refused: [" "], allowed: "printable ASCII but spaces" },
    },
    "a managed policy description of 1001 characters": {
        type: "aws:iam/policy:Policy",
        change: (p) => (p.description = many(1001)),
        path: "description",
        problem: { kind: "too-long", length: 1001, max: 1000 },
    },
    "an empty managed policy document": {
        type: "aws:iam/policy:Policy",
        change: (p) => (p.policy = ""),
        path: "policy",
        problem: { kind: "too-short", length: 0, min: 1 },
    },
    "a key description of 8193 characters": {
        type: "aws:kms/key:Key",
        change: (p) => (p.description = many(8193)),
        path: "description",
        problem: { kind: "too-long", length: 8193, max: 8192 },
    },
    "a replica key description of 8193 characters": {
        type: "aws:kms/replicaKey:ReplicaKey",
        change: (p) => (p.description = many(8193)),
        path: "description",
        problem: { kind: "too-long", length: 8193, max: 8192 },
    },
    "an alias under alias/aws/": {
        type: "aws:kms/alias:Alias",
        change: (p) => (p.name = "alias/aws/data"),
        path: "name",
        problem: { kind: "reserved-prefix", prefix: "alias/aws/" },
    },
    "an alias with a colon, which the API's pattern admits and its text does not": {
        type: "aws:kms/alias:Alias",
        change: (p) => (p.name = "alias/dr:data"),
        path: "name",
        problem: { kind: "characters", refused: [":"], allowed: "letters, digits and /_-" },
    },
    "an alias name prefix without alias/": {
        type: "aws:kms/alias:Alias",
        change: (p) => (p.namePrefix = "dr-data-"),
        path: "namePrefix",
        problem: { kind: "missing-prefix", prefix: "alias/" },
    },
    "a dot in a topic name other than .fifo": {
        type: "aws:sns/topic:Topic",
        change: (p) => (p.name = "alarms.v2"),
        path: "name",
        problem: { kind: "characters", refused: ["."], allowed: "ASCII letters, digits, underscores and hyphens" },
    },
    "a line break in an alarm name": {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        change: (p) => (p.name = "users\nlatency"),
        path: "name",
        problem: { kind: "characters", refused: ["\n"], allowed: "any UTF-8 character but ASCII control characters" },
    },
    "an alarm description of 1025 characters": {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        change: (p) => (p.alarmDescription = many(1025)),
        path: "alarmDescription",
        problem: { kind: "too-long", length: 1025, max: 1024 },
    },
    "six alarm actions": {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        change: (p) => (p.alarmActions = Array.from({ length: 6 }, (_, i) => `arn:aws:sns:eu-west-1:123456789012:t${i}`)),
        path: "alarmActions",
        problem: { kind: "too-many", count: 6, max: 5 },
    },
    "six OK actions": {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        change: (p) => (p.okActions = ["a", "b", "c", "d", "e", "f"]),
        path: "okActions",
        problem: { kind: "too-many", count: 6, max: 5 },
    },
    "six insufficient-data actions": {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        change: (p) => (p.insufficientDataActions = ["a", "b", "c", "d", "e", "f"]),
        path: "insufficientDataActions",
        problem: { kind: "too-many", count: 6, max: 5 },
    },
    "31 alarm dimensions": {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        change: (p) => (p.dimensions = tags(31)),
        path: "dimensions",
        problem: { kind: "too-many", count: 31, max: 30 },
    },
    "a colon in an EventBridge rule name": {
        type: "aws:cloudwatch/eventRule:EventRule",
        change: (p) => (p.name = "backup:failed"),
        path: "name",
        problem: { kind: "characters", refused: [":"], allowed: "letters, digits and .-_" },
    },
    "an EventBridge rule description of 513 characters": {
        type: "aws:cloudwatch/eventRule:EventRule",
        change: (p) => (p.description = many(513)),
        path: "description",
        problem: { kind: "too-long", length: 513, max: 512 },
    },
    "a schedule expression of 257 characters": {
        type: "aws:cloudwatch/eventRule:EventRule",
        change: (p) => (p.scheduleExpression = many(257)),
        path: "scheduleExpression",
        problem: { kind: "too-long", length: 257, max: 256 },
    },
    "a space in a log group name": {
        type: "aws:cloudwatch/logGroup:LogGroup",
        change: (p) => (p.name = "/ecs/my app"),
        path: "name",
        problem: { kind: "characters", refused: [" "], allowed: "letters, digits and .-_/#" },
    },
    "a retention of 45 days": {
        type: "aws:cloudwatch/logGroup:LogGroup",
        change: (p) => (p.retentionInDays = 45),
        path: "retentionInDays",
        problem: {
            kind: "not-one-of",
            value: 45,
            values: [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
        },
    },
    "a health check every 20 s": {
        type: HEALTH_CHECK,
        change: (p) => (p.requestInterval = 20),
        path: "requestInterval",
        problem: { kind: "not-one-of", value: 20, values: [10, 30] },
    },
    "a failure threshold of 11": {
        type: HEALTH_CHECK,
        change: (p) => (p.failureThreshold = 11),
        path: "failureThreshold",
        problem: { kind: "out-of-range", value: 11, min: 1, max: 10 },
    },
    "a resource path of 256 characters": {
        type: HEALTH_CHECK,
        change: (p) => (p.resourcePath = `/${many(255)}`),
        path: "resourcePath",
        problem: { kind: "too-long", length: 256, max: 255 },
    },
    "a health-checked name of 256 characters": {
        type: HEALTH_CHECK,
        change: (p) => (p.fqdn = many(256)),
        path: "fqdn",
        problem: { kind: "too-long", length: 256, max: 255 },
    },
    "a search string of 256 characters": {
        type: HEALTH_CHECK,
        change: (p) => (p.searchString = many(256)),
        path: "searchString",
        problem: { kind: "too-long", length: 256, max: 255 },
    },
    "health checkers in two regions": {
        type: HEALTH_CHECK,
        change: (p) => (p.regions = ["us-east-1", "eu-west-1"]),
        path: "regions",
        problem: { kind: "too-few", count: 2, min: 3 },
    },
    "257 child health checks": {
        type: HEALTH_CHECK,
        change: (p) => (p.childHealthchecks = Array.from({ length: 257 }, (_, i) => `hc-${i}`)),
        path: "childHealthchecks",
        problem: { kind: "too-many", count: 257, max: 256 },
    },
    "a child health threshold of 257": {
        type: HEALTH_CHECK,
        change: (p) => (p.childHealthThreshold = 257),
        path: "childHealthThreshold",
        problem: { kind: "out-of-range", value: 257, min: 0, max: 256 },
    },
    "11 tags on a health check, which takes 10": {
        type: HEALTH_CHECK,
        change: (p) => (p.tags = tags(11)),
        path: "tags",
        problem: { kind: "too-many", count: 11, max: 10 },
    },
    "a record name of 1025 characters": {
        type: "aws:route53/record:Record",
        change: (p) => (p.name = many(1025)),
        path: "name",
        problem: { kind: "too-long", length: 1025, max: 1024 },
    },
    "an empty set identifier": {
        type: "aws:route53/record:Record",
        change: (p) => (p.setIdentifier = ""),
        path: "setIdentifier",
        problem: { kind: "too-short", length: 0, min: 1 },
    },
    "a negative TTL": {
        type: "aws:route53/record:Record",
        change: (p) => (p.ttl = -1),
        path: "ttl",
        problem: { kind: "out-of-range", value: -1, min: 0, max: 2147483647 },
    },
    "a weight of 256": {
        type: "aws:route53/record:Record",
        change: (p) => (p.weightedRoutingPolicies[0].weight = 256),
        path: "weightedRoutingPolicies[0].weight",
        problem: { kind: "out-of-range", value: 256, min: 0, max: 255 },
    },
    "a table name of two characters": {
        type: "aws:dynamodb/table:Table",
        change: (p) => (p.name = "eu"),
        path: "name",
        problem: { kind: "too-short", length: 2, min: 3 },
    },
    "an upper-case bucket name": {
        type: "aws:s3/bucket:Bucket",
        change: (p) => (p.bucket = "eu-Uploads"),
        path: "bucket",
        problem: { kind: "characters", refused: ["U"], allowed: "lower-case letters, digits, dots and hyphens" },
    },
    "a bucket name formatted as an IP address": {
        type: "aws:s3/bucket:Bucket",
        change: (p) => (p.bucket = "192.168.5.4"),
        path: "bucket",
        problem: { kind: "ip-address" },
    },
    "a bucket name ending in -s3alias": {
        type: "aws:s3/bucket:Bucket",
        change: (p) => (p.bucket = "uploads-s3alias"),
        path: "bucket",
        problem: { kind: "reserved-suffix", suffix: "-s3alias" },
    },
    "two adjacent dots in a bucket name": {
        type: "aws:s3/bucket:Bucket",
        change: (p) => (p.bucket = "eu..uploads"),
        path: "bucket",
        problem: { kind: "forbidden", sequence: ".." },
    },
    "a bucket prefix starting with xn--": {
        type: "aws:s3/bucket:Bucket",
        change: (p) => (p.bucketPrefix = "xn--uploads-"),
        path: "bucketPrefix",
        problem: { kind: "reserved-prefix", prefix: "xn--" },
    },
    "a cluster identifier starting with a digit": {
        type: "aws:rds/cluster:Cluster",
        change: (p) => (p.clusterIdentifier = "1-projects"),
        path: "clusterIdentifier",
        problem: { kind: "first", character: "1", allowed: "a letter" },
    },
    "two adjacent hyphens in a cluster identifier prefix": {
        type: "aws:rds/cluster:Cluster",
        change: (p) => (p.clusterIdentifierPrefix = "eu--projects"),
        path: "clusterIdentifierPrefix",
        problem: { kind: "forbidden", sequence: "--" },
    },
    "a cluster instance identifier ending with a hyphen": {
        type: "aws:rds/clusterInstance:ClusterInstance",
        change: (p) => (p.identifier = "eu-projects-"),
        path: "identifier",
        problem: { kind: "last", character: "-", allowed: "a letter or a digit" },
    },
    "an instance identifier of 64 characters": {
        type: "aws:rds/instance:Instance",
        change: (p) => (p.identifier = many(64)),
        path: "identifier",
        problem: { kind: "too-long", length: 64, max: 63 },
    },
    "a global cluster identifier starting with a digit": {
        type: "aws:rds/globalCluster:GlobalCluster",
        change: (p) => (p.globalClusterIdentifier = "1-projects"),
        path: "globalClusterIdentifier",
        problem: { kind: "first", character: "1", allowed: "a letter" },
    },
    "a global cluster of a non-Aurora engine": {
        type: "aws:rds/globalCluster:GlobalCluster",
        change: (p) => (p.engine = "postgres"),
        path: "engine",
        problem: { kind: "not-one-of", value: "postgres", values: ["aurora-mysql", "aurora-postgresql"] },
    },
    "a subnet group named Default": {
        type: "aws:rds/subnetGroup:SubnetGroup",
        change: (p) => (p.name = "Default"),
        path: "name",
        problem: { kind: "reserved", value: "Default" },
    },
    "a space in a secret name": {
        type: "aws:secretsmanager/secret:Secret",
        change: (p) => (p.name = "dr master"),
        path: "name",
        problem: { kind: "characters", refused: [" "], allowed: "ASCII letters, digits and /_+=.@-" },
    },
    "a secret description of 2049 characters": {
        type: "aws:secretsmanager/secret:Secret",
        change: (p) => (p.description = many(2049)),
        path: "description",
        problem: { kind: "too-long", length: 2049, max: 2048 },
    },
    "a secret string of 65537 characters": {
        type: "aws:secretsmanager/secretVersion:SecretVersion",
        change: (p) => (p.secretString = many(65537)),
        path: "secretString",
        problem: { kind: "too-long", length: 65537, max: 65536 },
    },
    "a dot in an ECS cluster name": {
        type: "aws:ecs/cluster:Cluster",
        change: (p) => (p.name = "eu.cell"),
        path: "name",
        problem: { kind: "characters", refused: ["."], allowed: "letters, digits, underscores and hyphens" },
    },
    "an ECS service name of 256 characters": {
        type: "aws:ecs/service:Service",
        change: (p) => (p.name = many(256)),
        path: "name",
        problem: { kind: "too-long", length: 256, max: 255 },
    },
    "a colon in a task family": {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        change: (p) => (p.family = "eu:app"),
        path: "family",
        problem: { kind: "characters", refused: [":"], allowed: "letters, digits, underscores and hyphens" },
    },
    "a load balancer named internal-…": {
        type: "aws:lb/loadBalancer:LoadBalancer",
        change: (p) => (p.name = "internal-app"),
        path: "name",
        problem: { kind: "reserved-prefix", prefix: "internal-" },
    },
    "a load balancer name of 33 characters": {
        type: "aws:lb/loadBalancer:LoadBalancer",
        change: (p) => (p.name = many(33)),
        path: "name",
        problem: { kind: "too-long", length: 33, max: 32 },
    },
    "an underscore in a target group name": {
        type: "aws:lb/targetGroup:TargetGroup",
        change: (p) => (p.name = "eu_app"),
        path: "name",
        problem: { kind: "characters", refused: ["_"], allowed: "letters, digits and hyphens" },
    },
    "a target group name prefix starting with a hyphen": {
        type: "aws:lb/targetGroup:TargetGroup",
        change: (p) => (p.namePrefix = "-app"),
        path: "namePrefix",
        problem: { kind: "first", character: "-", allowed: "a letter or a digit" },
    },
    "a one-character vault name": {
        type: "aws:backup/vault:Vault",
        change: (p) => (p.name = "v"),
        path: "name",
        problem: { kind: "too-short", length: 1, min: 2 },
    },
    "a backup plan name of 51 characters": {
        type: "aws:backup/plan:Plan",
        change: (p) => (p.name = many(51)),
        path: "name",
        problem: { kind: "too-long", length: 51, max: 50 },
    },
    "a space in a backup rule name": {
        type: "aws:backup/plan:Plan",
        change: (p) => (p.rules[0].ruleName = "daily rule"),
        path: "rules[0].ruleName",
        problem: { kind: "characters", refused: [" "], allowed: "letters, digits and -_." },
    },
    "a backup start window of 30 minutes": {
        type: "aws:backup/plan:Plan",
        change: (p) => (p.rules[0].startWindow = 30),
        path: "rules[0].startWindow",
        problem: { kind: "out-of-range", value: 30, min: 60, max: 52_560_000 },
    },
    "a slash in a backup selection name": {
        type: "aws:backup/selection:Selection",
        change: (p) => (p.name = "dr/tagged"),
        path: "name",
        problem: { kind: "characters", refused: ["/"], allowed: "letters, digits and -_." },
    },
    "a hyphen in a restore testing plan name": {
        type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        change: (p) => (p.name = "dr-eu-drill"),
        path: "name",
        problem: { kind: "characters", refused: ["-"], allowed: "letters, digits and underscores" },
    },
    "a restore test start window of 169 hours": {
        type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        change: (p) => (p.startWindowHours = 169),
        path: "startWindowHours",
        problem: { kind: "out-of-range", value: 169, max: 168 },
    },
    "a restore testing selection name of 51 characters": {
        type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        change: (p) => (p.name = many(51)),
        path: "name",
        problem: { kind: "too-long", length: 51, max: 50 },
    },
    "a validation window of 169 hours": {
        type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        change: (p) => (p.validationWindowHours = 169),
        path: "validationWindowHours",
        problem: { kind: "out-of-range", value: 169, min: 0, max: 168 },
    },
    "a tab in a scaling policy name": {
        type: "aws:appautoscaling/policy:Policy",
        change: (p) => (p.name = "cpu\t60"),
        path: "name",
        problem: { kind: "characters", refused: ["\t"], allowed: "printable ASCII" },
    },
    "a function name of 65 characters": {
        type: "aws:lambda/function:Function",
        change: (p) => (p.name = many(65)),
        path: "name",
        problem: { kind: "too-long", length: 65, max: 64 },
    },
    "a function description of 257 characters": {
        type: "aws:lambda/function:Function",
        change: (p) => (p.description = many(257)),
        path: "description",
        problem: { kind: "too-long", length: 257, max: 256 },
    },
    "an upper-case canary name": {
        type: "aws:synthetics/canary:Canary",
        change: (p) => (p.name = "App"),
        path: "name",
        problem: { kind: "characters", refused: ["A"], allowed: "lower-case letters, digits, underscores and hyphens" },
    },
    "a Region switch plan name ending with a hyphen": {
        type: "aws:arcregionswitch/plan:Plan",
        change: (p) => (p.name = "eu-cell-"),
        path: "name",
        problem: { kind: "last", character: "-", allowed: "a letter or a digit" },
    },
    "a Region switch plan over three regions": {
        type: "aws:arcregionswitch/plan:Plan",
        change: (p) => p.regions.push("eu-north-1"),
        path: "regions",
        problem: { kind: "too-many", count: 3, max: 2 },
    },
    "51 tags": {
        type: VPC,
        change: (p) => (p.tags = tags(51)),
        path: "tags",
        problem: { kind: "too-many", count: 51, max: 50 },
    },
    "a tag key starting with AWS: in any case": {
        type: VPC,
        change: (p) => (p.tags = { "AWS:cell": "eu" }),
        path: 'tags key "AWS:cell"',
        problem: { kind: "reserved-prefix", prefix: "aws:" },
    },
    "a tag key of 129 characters": {
        type: VPC,
        change: (p) => (p.tags = { [many(129)]: "eu" }),
        path: `tags key "${many(129)}"`,
        problem: { kind: "too-long", length: 129, max: 128 },
    },
    "a comma in a tag value": {
        type: VPC,
        change: (p) => (p.tags.Name = "web, prod"),
        path: 'tags["Name"]',
        problem: {
            kind: "characters",
            refused: [","],
            allowed: "letters, digits and spaces representable in UTF-8, and + - = . _ : / @",
        },
    },
    "a tag value of 257 characters": {
        type: VPC,
        change: (p) => (p.tags.Name = many(257)),
        path: 'tags["Name"]',
        problem: { kind: "too-long", length: 257, max: 256 },
    },
};

/** The findings for `type`'s baseline changed by `change`: each as its path and problems. */
function findings(type: string, change: (inputs: Record<string, any>) => void = () => undefined) {
    const inputs = structuredClone(BASELINES[type]);
    change(inputs);
    return preflightFindings(type, inputs).map((f) => ({ path: f.path, problems: f.problems }));
}

/** Runs the resource policy as the analyzer does: what it reported, and why it does not apply if it says so. */
function judged(
    type: string,
    name: string,
    props: Record<string, unknown>,
    providerProps?: Record<string, unknown>,
): { violations: string[]; notApplicable?: string } {
    const violations: string[] = [];
    let notApplicable: string | undefined;
    const validate = drPreflight.validateResource as (args: any, report: (m: string) => void) => void;
    validate(
        {
            type,
            name,
            urn: `urn:pulumi:eu::dr::${type}::${name}`,
            props,
            provider: providerProps && { props: providerProps },
            opts: {},
            notApplicable: (reason: string) => {
                notApplicable = reason;
            },
        },
        (m) => violations.push(m),
    );
    return { violations, notApplicable };
}

describe("dr-preflight rules", () => {
    it("cite an AWS page each, and each input has one row per type", () => {
        for (const rule of PREFLIGHT_RULES) {
            assert.match(rule.source, /^https:\/\/docs\.aws\.amazon\.com\//, `${rule.type} ${rule.property}`);
        }
        const keys = PREFLIGHT_RULES.map((r) => `${r.type} ${r.property}`);
        assert.deepEqual(
            keys.filter((k, i) => keys.indexOf(k) !== i),
            [],
        );
    });

    it("pass each baseline: inputs AWS accepts, a FIFO topic's .fifo and a never-expiring log group among them", () => {
        for (const type of Object.keys(BASELINES)) {
            assert.deepEqual(findings(type), [], type);
        }
        assert.deepEqual(
            findings("aws:cloudwatch/logGroup:LogGroup", (p) => (p.retentionInDays = 0)),
            [],
        );
    });

    it("have a baseline and a case for every row of the table", () => {
        const covered = new Set(Object.values(CASES).map((c) => `${c.type} ${c.path.replace(/\[\d+\]/g, "[]")}`));
        const rows = PREFLIGHT_RULES.filter((r) => r.type !== ANY_AWS_TYPE);
        assert.deepEqual(
            rows.map((r) => `${r.type} ${r.property}`).filter((row) => !covered.has(row)),
            [],
        );
        assert.deepEqual(
            rows.filter((r) => !BASELINES[r.type]).map((r) => r.type),
            [],
        );
    });

    for (const [name, c] of Object.entries(CASES)) {
        it(`reject ${name}`, () => {
            assert.deepEqual(findings(c.type, c.change), [{ path: c.path, problems: [c.problem] }]);
        });
    }

    it("leave unset inputs to AWS's defaults and generated names, and never guess at a computed one", () => {
        assert.deepEqual(
            findings(SG, (p) => delete p.name),
            [],
        );
        assert.deepEqual(
            findings(SG, (p) => (p.description = UNKNOWN)),
            [],
        );
        assert.deepEqual(
            findings(SG, (p) => (p.ingress = UNKNOWN)),
            [],
        );
        assert.deepEqual(
            findings(SG, (p) => (p.ingress = [UNKNOWN, { description: "it's" }])),
            [{ path: "ingress[1].description", problems: [{ kind: "characters", refused: ["'"], allowed: EC2_CHARACTERS }] }],
        );
        assert.deepEqual(
            findings(VPC, (p) => (p.tags = { Name: UNKNOWN, "aws:x": "y" })).map((f) => f.path),
            ['tags key "aws:x"'],
        );
        assert.deepEqual(
            findings(VPC, (p) => (p.tags = UNKNOWN)),
            [],
        );
    });

    it("leave a value of another kind to the provider's schema", () => {
        assert.deepEqual(
            findings(HEALTH_CHECK, (p) => (p.requestInterval = "10")),
            [],
        );
        assert.deepEqual(
            findings(SG, (p) => (p.description = 42)),
            [],
        );
    });

    it("report every problem of one value at once", () => {
        assert.deepEqual(
            findings("aws:lb/loadBalancer:LoadBalancer", (p) => (p.name = `-${many(32)}_`)),
            [
                {
                    path: "name",
                    problems: [
                        { kind: "too-long", length: 34, max: 32 },
                        { kind: "characters", refused: ["_"], allowed: "letters, digits and hyphens" },
                        { kind: "first", character: "-", allowed: "a letter or a digit" },
                        { kind: "last", character: "_", allowed: "a letter or a digit" },
                    ],
                },
            ],
        );
    });
});

describe("dr-preflight", () => {
    it("names the resource, the input, the character, the allowed set, the AWS page and the fix", () => {
        const { violations } = judged(SG, "db", { description: "Database: only from the cell's service" });
        assert.deepEqual(violations, [
            'aws:ec2/securityGroup:SecurityGroup "db": description "Database: only from the cell\'s service" contains the character \' ' +
                `(allowed: ${EC2_CHARACTERS}). AWS refuses it (CreateSecurityGroup's GroupDescription: ` +
                "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html), so the deployment fails at this resource. " +
                `Fix: set description on this resource so that it uses only ${EC2_CHARACTERS}.`,
        ]);
    });

    it("names the stack-config key where the DR program derives the input, and shows invisible characters by code point", () => {
        const [message] = judged("aws:dynamodb/table:Table", "users", { name: "eu users\t" }).violations;
        assert.match(message, /name "eu users\\t" contains the characters U\+0020 U\+0009 \(allowed: letters, digits and _\.-\)/);
        assert.match(message, /; the DR program derives it from dr:tables\[\]\.name\.$/);
    });

    it("counts the provider's default tags with the resource's", () => {
        const { violations } = judged(VPC, "main", { tags: tags(45) }, { defaultTags: { tags: { ...tags(50), extra: "x" } } });
        assert.equal(violations.length, 1);
        assert.match(violations[0], /^aws:ec2\/vpc:Vpc "main": tags \(with its provider's defaultTags\) has 51 entries \(at most 50\)\./);
    });

    it("does not apply to a type the table does not know, and says so", () => {
        const random = judged("random:index/randomId:RandomId", "suffix", {});
        assert.deepEqual(random.violations, []);
        assert.equal(random.notApplicable, "no input of random:index/randomId:RandomId is in the pre-flight table");
        assert.equal(judged("aws:ec2/eip:Eip", "nat", { tags: {} }).notApplicable, undefined);
    });

    it("reports rather than throws on malformed input", () => {
        assert.deepEqual(judged(SG, "web", { ingress: "all", tags: ["a"] }).violations, []);
        assert.deepEqual(judged(SG, "web", { tags: null, description: null }).violations, []);
    });
});

describe("dr-preflight through the real program and pack", () => {
    it("passes every shipped stack: each security group's description and name, each name and tag the program sets", async () => {
        for (const s of await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)))) {
            assert.equal(of(s, "dr-preflight").length, 0, mandatory(s));
            // Not vacuous: the program sets what is judged.
            const groups = s.resources.filter((r) => r.type === SG);
            assert.ok(groups.length >= 3, s.stack.stack);
            for (const group of groups) {
                assert.equal(typeof group.inputs.description, "string", group.name);
                assert.ok(Object.keys(group.inputs.tags ?? {}).length > 0, group.name);
            }
        }
    });

    it("passes the names the provider generates for the program's unnamed resources: its logical name, a hyphen, 7 random characters", async () => {
        // Pulumi's default autonaming, which a real preview hands the pack: https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming
        const generated = (name: string) => `${name}-1a2b3c4`;
        let judged = 0;
        for (const s of await Promise.all(["tokyo", "us", "eu"].map((stack) => lab.plan(stack)))) {
            for (const r of s.resources) {
                for (const rule of PREFLIGHT_RULES.filter(
                    (x) => x.type === r.type && x.prefixProperty && r.inputs[x.property] === undefined,
                )) {
                    judged++;
                    assert.deepEqual(preflightFindings(r.type, { [rule.property]: generated(r.name) }), [], `${r.type} ${r.name}`);
                }
            }
        }
        assert.ok(judged > 50, `${judged} generated names`);
    });

    it("rejects a stack whose database security group's description holds an apostrophe, naming it", async () => {
        const { context, resources } = await lab.preview("eu");
        const s = await lab.scenario(
            context,
            varied(resources, SG, "projects-eu-west-1", (p) => (p.description = "Database: only from the cell's service")),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-preflight");
        assert.match(v.urn, /securityGroup:SecurityGroup::projects-eu-west-1$/);
        assert.match(v.message, /description "Database: only from the cell's service" contains the character '/);
    });
});

describe("dr-preflight on a user's plain @pulumi/aws program", () => {
    const fixture = path.join(ROOT, "tests", "fixtures", "preflight");
    const user = new Lab(fixture, path.join(ROOT, "dist", "tests", "fixtures", "preflight", "program.js"));

    it("rejects the security group whose description holds an apostrophe, naming it, the character and the allowed set", async () => {
        const { context, resources } = await user.preview("fixture");
        const verdict = await user.judge(context, resources);
        assert.equal(verdict.rejected, true);
        const preflight = verdict.violations.filter((v) => v.policy === "dr-preflight");
        assert.equal(preflight.length, 1);
        assert.equal(preflight[0].enforcementLevel, "mandatory");
        assert.match(preflight[0].urn, /::web$/);
        assert.ok(
            preflight[0].message.includes(
                `aws:ec2/securityGroup:SecurityGroup "web": description "Web server's traffic" contains the character ' (allowed: ${EC2_CHARACTERS})`,
            ),
            preflight[0].message,
        );
        assert.match(preflight[0].message, /API_CreateSecurityGroup\.html/);
        assert.match(preflight[0].message, /Fix: set description on this resource so that it uses only/);
    });
});
