import { UNKNOWN, record } from "./model/values";

/**
 * What AWS's APIs refuse, as data: each row one input of one resource type, the constraint AWS states for
 * it, and the page that states it. `dr-preflight` judges every resource's inputs against the rows for its
 * type, so a deployment AWS would refuse half-way (a character EC2 does not take in a security group's
 * description, a name one character too long) is rejected before it starts. Where sources disagree, a row
 * keeps the stricter rule; a figure AWS does not state (a quota that can be raised, a limit seen only in
 * notes) has no row. Sources are the API references, read as botocore models at commit 0e6e2404 unless the
 * row says otherwise.
 */

/** Characters AWS allows in a field: a test of one character, and AWS's words for the set. */
export interface CharacterSet {
    test: RegExp;
    words: string;
}

/** A string input: its length in characters, the characters it may hold, and what it may not start, end or be. */
export interface TextConstraint {
    kind: "text";
    min?: number;
    max?: number;
    characters?: CharacterSet;
    first?: CharacterSet;
    last?: CharacterSet;
    /** A prefix the value must have. */
    prefix?: string;
    /** Prefixes AWS reserves. */
    reservedPrefixes?: readonly string[];
    /** Suffixes AWS reserves. */
    reservedSuffixes?: readonly string[];
    /** Sequences the value may not contain. */
    forbidden?: readonly string[];
    /** Values AWS reserves. */
    reserved?: readonly string[];
    /** Whether the reserved prefixes and values are reserved in any case (AWS stores the value lower-cased, or says so). */
    anyCase?: boolean;
    /** A suffix AWS accepts outside the character set (`.fifo` of a FIFO topic). */
    allowedSuffix?: string;
    /** Whether AWS refuses a value formatted as an IPv4 address. */
    notIpAddress?: boolean;
}

/** A number AWS takes from a list of values. */
export interface OneOfConstraint {
    kind: "one-of";
    values: readonly (string | number)[];
}

/** A number AWS takes within bounds. */
export interface RangeConstraint {
    kind: "range";
    min?: number;
    max?: number;
}

/** How many items a list, or entries a map, may hold. */
export interface CountConstraint {
    kind: "count";
    min?: number;
    max: number;
}

export type Constraint = TextConstraint | OneOfConstraint | RangeConstraint | CountConstraint;

/** One input AWS constrains. */
export interface PreflightRule {
    /** The resource type token, or `ANY_AWS_TYPE` for every AWS resource that takes the input. */
    type: string;
    /**
     * The input's path: property names joined by dots, `[]` after a list for each of its items, `{}` after a map
     * for each of its values and `{key}` for each of its keys, e.g. `rules[].ruleName`, `tags{key}`.
     */
    property: string;
    constraint: Constraint;
    /** The operation and field AWS's page names, as "Operation's Field". */
    awsField: string;
    /** The AWS page that states the constraint. */
    source: string;
    /**
     * The input that sets the same name as a prefix the provider completes with a unique suffix: its characters,
     * first character, reserved prefixes and forbidden sequences are the name's (its length depends on the suffix,
     * which AWS does not state).
     */
    prefixProperty?: string;
    /** The stack-config key the DR program derives the input from, where one does. */
    configKey?: string;
}

/** The type of rows that hold for every AWS resource taking the input, unless a row for its own type replaces them. */
export const ANY_AWS_TYPE = "aws:*";

const set = (test: RegExp, words: string): CharacterSet => ({ test, words });

/** EC2 security group names and descriptions, and rule descriptions. */
const EC2_TEXT = set(/^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]$/, "a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*");
/** IAM names: `[\w+=,.@-]`. */
const IAM_NAME = set(/^[\w+=,.@-]$/, "letters, digits and _+=,.@-");
const IAM_TEXT = set(
    /^[\t\n\r\u0020-\u007E\u00A1-\u00FF]$/,
    "printable ASCII, tab, line breaks and the Latin-1 characters U+00A1 to U+00FF",
);
const IAM_PATH = set(/^[\u0021-\u007E]$/, "printable ASCII but spaces");
const IAM_DOCUMENT = set(/^[\t\n\r\u0020-\u00FF]$/, "ASCII and Latin-1 text (U+0020 to U+00FF, tab, line breaks)");
const KMS_ALIAS = set(/^[A-Za-z0-9/_-]$/, "letters, digits and /_-");
const SNS_NAME = set(/^[A-Za-z0-9_-]$/, "ASCII letters, digits, underscores and hyphens");
// Control characters are what this set excludes: matching them is the point.
// eslint-disable-next-line no-control-regex
const NOT_CONTROL = set(/^[^\u0000-\u001F\u007F]$/u, "any UTF-8 character but ASCII control characters");
const PRINTABLE_ASCII = set(/^[\u0020-\u007E]$/, "printable ASCII");
const EVENTS_NAME = set(/^[.\-_A-Za-z0-9]$/, "letters, digits and .-_");
const LOG_GROUP = set(/^[.\-_/#A-Za-z0-9]$/, "letters, digits and .-_/#");
const DYNAMODB_NAME = set(/^[a-zA-Z0-9_.-]$/, "letters, digits and _.-");
const S3_NAME = set(/^[a-z0-9.-]$/, "lower-case letters, digits, dots and hyphens");
const LOWER_ALNUM = set(/^[a-z0-9]$/, "a lower-case letter or a digit");
const LETTER = set(/^[A-Za-z]$/, "a letter");
const ALNUM = set(/^[A-Za-z0-9]$/, "a letter or a digit");
const RDS_ID = set(/^[A-Za-z0-9-]$/, "letters, digits and hyphens");
const GLOBAL_CLUSTER_ID = set(/^[0-9A-Za-z\-:._]$/, "letters, digits and -:._");
const SUBNET_GROUP = set(/^[A-Za-z0-9._ -]$/, "letters, digits, periods, underscores, spaces and hyphens");
const SECRET_NAME = set(/^[A-Za-z0-9/_+=.@-]$/, "ASCII letters, digits and /_+=.@-");
const ECS_NAME = set(/^[A-Za-z0-9_-]$/, "letters, digits, underscores and hyphens");
const ELB_NAME = set(/^[A-Za-z0-9-]$/, "letters, digits and hyphens");
const BACKUP_VAULT = set(/^[a-zA-Z0-9_-]$/, "letters, digits, hyphens and underscores");
const BACKUP_NAME = set(/^[a-zA-Z0-9_.-]$/, "letters, digits and -_.");
const RESTORE_TESTING = set(/^[A-Za-z0-9_]$/, "letters, digits and underscores");
const LAMBDA_NAME = set(/^[a-zA-Z0-9_-]$/, "letters, digits, hyphens and underscores");
const CANARY_NAME = set(/^[0-9a-z_-]$/, "lower-case letters, digits, underscores and hyphens");
const TAG_TEXT = set(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]$/u, "letters, digits and spaces representable in UTF-8, and + - = . _ : / @");

const EC2_API = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html";
const EC2_RULE_API = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html";
const IAM_ROLE_API = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html";
const IAM_POLICY_API = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html";
const ALARM_API = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html";
const HEALTH_CHECK_API = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html";
const RECORD_API = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html";
const RDS_CLUSTER_API = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html";
const RDS_INSTANCE_API = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html";
const GLOBAL_CLUSTER_API = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateGlobalCluster.html";
const SECRET_API = "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html";
const ELB_API = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html";
const TARGET_GROUP_API = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html";
const BACKUP_RULE_API = "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html";
const EVENTS_API = "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html";
const TAGS_PAGE = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html";

/** An RDS cluster or instance identifier: "1 to 63 letters, numbers, or hyphens. First character must be a letter. Can't end with a hyphen or contain two consecutive hyphens." */
const RDS_IDENTIFIER: TextConstraint = { kind: "text", min: 1, max: 63, characters: RDS_ID, first: LETTER, last: ALNUM, forbidden: ["--"] };

/** An ALB/NLB or target group name: "a maximum of 32 characters, … only alphanumeric characters or hyphens, must not begin or end with a hyphen". */
const ELB_NAME_RULE: TextConstraint = { kind: "text", min: 1, max: 32, characters: ELB_NAME, first: ALNUM, last: ALNUM };

/** An ECS cluster, service or task family: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens". */
const ECS_NAME_RULE: TextConstraint = { kind: "text", min: 1, max: 255, characters: ECS_NAME };

/** The rows. Grouped by service; within one, by resource type. */
export const PREFLIGHT_RULES: readonly PreflightRule[] = [
    // Tags, on every AWS resource: "Maximum number of tags per resource - 50 … Maximum key length - 128 Unicode
    // characters … Maximum value length - 256 … Do not use aws:, AWS:, or any upper or lowercase combination of such
    // as a prefix for either keys or values". Services that allow more (Backup's TagMap takes 200) keep the general 50.
    {
        type: ANY_AWS_TYPE,
        property: "tags",
        constraint: { kind: "count", max: 50 },
        awsField: "tag restrictions: tags per resource",
        source: TAGS_PAGE,
    },
    {
        type: ANY_AWS_TYPE,
        property: "tags{key}",
        constraint: { kind: "text", min: 1, max: 128, characters: TAG_TEXT, reservedPrefixes: ["aws:"], anyCase: true },
        awsField: "tag restrictions: tag key",
        source: TAGS_PAGE,
    },
    {
        type: ANY_AWS_TYPE,
        property: "tags{}",
        constraint: { kind: "text", max: 256, characters: TAG_TEXT, reservedPrefixes: ["aws:"], anyCase: true },
        awsField: "tag restrictions: tag value",
        source: TAGS_PAGE,
    },

    // EC2: "Up to 255 characters in length. Can't start with sg- . Valid characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*".
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 255, characters: EC2_TEXT, reservedPrefixes: ["sg-"] },
        awsField: "CreateSecurityGroup's GroupName",
        source: EC2_API,
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        property: "description",
        constraint: { kind: "text", max: 255, characters: EC2_TEXT },
        awsField: "CreateSecurityGroup's GroupDescription",
        source: EC2_API,
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        property: "ingress[].description",
        constraint: { kind: "text", max: 255, characters: EC2_TEXT },
        awsField: "IpRange's Description of a security group rule",
        source: EC2_RULE_API,
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        property: "egress[].description",
        constraint: { kind: "text", max: 255, characters: EC2_TEXT },
        awsField: "IpRange's Description of a security group rule",
        source: EC2_RULE_API,
    },
    {
        type: "aws:ec2/securityGroupRule:SecurityGroupRule",
        property: "description",
        constraint: { kind: "text", max: 255, characters: EC2_TEXT },
        awsField: "IpRange's Description of a security group rule",
        source: EC2_RULE_API,
    },
    {
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        property: "description",
        constraint: { kind: "text", max: 255, characters: EC2_TEXT },
        awsField: "IpRange's Description of a security group rule",
        source: EC2_RULE_API,
    },
    {
        type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        property: "description",
        constraint: { kind: "text", max: 255, characters: EC2_TEXT },
        awsField: "IpRange's Description of a security group rule",
        source: EC2_RULE_API,
    },

    // IAM.
    {
        type: "aws:iam/role:Role",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 64, characters: IAM_NAME },
        awsField: "CreateRole's RoleName",
        source: IAM_ROLE_API,
    },
    {
        type: "aws:iam/role:Role",
        property: "path",
        constraint: { kind: "text", min: 1, max: 512, characters: IAM_PATH, prefix: "/", last: set(/^\/$/, "/") },
        awsField: "CreateRole's Path",
        source: IAM_ROLE_API,
    },
    {
        type: "aws:iam/role:Role",
        property: "description",
        constraint: { kind: "text", max: 1000, characters: IAM_TEXT },
        awsField: "CreateRole's Description",
        source: IAM_ROLE_API,
    },
    {
        type: "aws:iam/role:Role",
        property: "maxSessionDuration",
        constraint: { kind: "range", min: 3600, max: 43200 },
        awsField: "CreateRole's MaxSessionDuration (seconds)",
        source: IAM_ROLE_API,
    },
    {
        type: "aws:iam/rolePolicy:RolePolicy",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 128, characters: IAM_NAME },
        awsField: "PutRolePolicy's PolicyName",
        source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html",
    },
    {
        type: "aws:iam/rolePolicy:RolePolicy",
        property: "policy",
        constraint: { kind: "text", min: 1, max: 131072, characters: IAM_DOCUMENT },
        awsField: "PutRolePolicy's PolicyDocument",
        source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html",
    },
    {
        type: "aws:iam/policy:Policy",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 128, characters: IAM_NAME },
        awsField: "CreatePolicy's PolicyName",
        source: IAM_POLICY_API,
    },
    {
        type: "aws:iam/policy:Policy",
        property: "path",
        constraint: { kind: "text", min: 1, max: 512, characters: IAM_PATH, prefix: "/", last: set(/^\/$/, "/") },
        awsField: "CreatePolicy's Path",
        source: IAM_POLICY_API,
    },
    {
        type: "aws:iam/policy:Policy",
        property: "description",
        constraint: { kind: "text", max: 1000, characters: IAM_TEXT },
        awsField: "CreatePolicy's Description",
        source: IAM_POLICY_API,
    },
    {
        type: "aws:iam/policy:Policy",
        property: "policy",
        constraint: { kind: "text", min: 1, max: 131072, characters: IAM_DOCUMENT },
        awsField: "CreatePolicy's PolicyDocument",
        source: IAM_POLICY_API,
    },

    // KMS.
    {
        type: "aws:kms/key:Key",
        property: "description",
        constraint: { kind: "text", max: 8192 },
        awsField: "CreateKey's Description",
        source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html",
    },
    {
        type: "aws:kms/replicaKey:ReplicaKey",
        property: "description",
        constraint: { kind: "text", max: 8192 },
        awsField: "ReplicateKey's Description",
        source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html",
    },
    {
        // The API's pattern also admits ":", its text does not: the stricter text holds.
        type: "aws:kms/alias:Alias",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 256, characters: KMS_ALIAS, prefix: "alias/", reservedPrefixes: ["alias/aws/"] },
        awsField: "CreateAlias's AliasName",
        source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
    },

    // SNS: "only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long"; FIFO topics end in .fifo.
    {
        type: "aws:sns/topic:Topic",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 256, characters: SNS_NAME, allowedSuffix: ".fifo" },
        awsField: "CreateTopic's Name",
        source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
    },

    // CloudWatch and EventBridge.
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "name",
        constraint: { kind: "text", min: 1, max: 255, characters: NOT_CONTROL },
        awsField: "PutMetricAlarm's AlarmName",
        source: ALARM_API,
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "alarmDescription",
        constraint: { kind: "text", max: 1024 },
        awsField: "PutMetricAlarm's AlarmDescription",
        source: ALARM_API,
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "alarmActions",
        constraint: { kind: "count", max: 5 },
        awsField: "PutMetricAlarm's AlarmActions",
        source: ALARM_API,
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "okActions",
        constraint: { kind: "count", max: 5 },
        awsField: "PutMetricAlarm's OKActions",
        source: ALARM_API,
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "insufficientDataActions",
        constraint: { kind: "count", max: 5 },
        awsField: "PutMetricAlarm's InsufficientDataActions",
        source: ALARM_API,
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "dimensions",
        constraint: { kind: "count", max: 30 },
        awsField: "PutMetricAlarm's Dimensions",
        source: ALARM_API,
    },
    {
        type: "aws:cloudwatch/eventRule:EventRule",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 64, characters: EVENTS_NAME },
        awsField: "PutRule's Name",
        source: EVENTS_API,
    },
    {
        type: "aws:cloudwatch/eventRule:EventRule",
        property: "description",
        constraint: { kind: "text", max: 512 },
        awsField: "PutRule's Description",
        source: EVENTS_API,
    },
    {
        type: "aws:cloudwatch/eventRule:EventRule",
        property: "scheduleExpression",
        constraint: { kind: "text", max: 256 },
        awsField: "PutRule's ScheduleExpression",
        source: EVENTS_API,
    },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 512, characters: LOG_GROUP },
        awsField: "CreateLogGroup's logGroupName",
        source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
    },
    {
        // 0 is the provider's "never expire": it then sets no retention policy.
        type: "aws:cloudwatch/logGroup:LogGroup",
        property: "retentionInDays",
        constraint: {
            kind: "one-of",
            values: [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
        },
        awsField: "PutRetentionPolicy's retentionInDays",
        source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
    },

    // Route 53.
    {
        type: "aws:route53/healthCheck:HealthCheck",
        property: "requestInterval",
        constraint: { kind: "one-of", values: [10, 30] },
        awsField: "HealthCheckConfig's RequestInterval (seconds)",
        source: HEALTH_CHECK_API,
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        property: "failureThreshold",
        constraint: { kind: "range", min: 1, max: 10 },
        awsField: "HealthCheckConfig's FailureThreshold",
        source: HEALTH_CHECK_API,
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        property: "resourcePath",
        constraint: { kind: "text", max: 255 },
        awsField: "HealthCheckConfig's ResourcePath",
        source: HEALTH_CHECK_API,
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        property: "fqdn",
        constraint: { kind: "text", max: 255 },
        awsField: "HealthCheckConfig's FullyQualifiedDomainName",
        source: HEALTH_CHECK_API,
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        property: "searchString",
        constraint: { kind: "text", max: 255 },
        awsField: "HealthCheckConfig's SearchString",
        source: HEALTH_CHECK_API,
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        property: "regions",
        constraint: { kind: "count", min: 3, max: 64 },
        awsField: "HealthCheckConfig's Regions",
        source: HEALTH_CHECK_API,
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        property: "childHealthchecks",
        constraint: { kind: "count", max: 256 },
        awsField: "HealthCheckConfig's ChildHealthChecks",
        source: HEALTH_CHECK_API,
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        property: "childHealthThreshold",
        constraint: { kind: "range", min: 0, max: 256 },
        awsField: "HealthCheckConfig's HealthThreshold",
        source: HEALTH_CHECK_API,
    },
    {
        // "You can add a maximum of 10 tags to a health check or a hosted zone."
        type: "aws:route53/healthCheck:HealthCheck",
        property: "tags",
        constraint: { kind: "count", max: 10 },
        awsField: "ChangeTagsForResource's AddTags",
        source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeTagsForResource.html",
    },
    {
        type: "aws:route53/record:Record",
        property: "name",
        constraint: { kind: "text", max: 1024 },
        awsField: "ResourceRecordSet's Name",
        source: RECORD_API,
        configKey: "dr:routing.hostName",
    },
    {
        type: "aws:route53/record:Record",
        property: "setIdentifier",
        constraint: { kind: "text", min: 1, max: 128 },
        awsField: "ResourceRecordSet's SetIdentifier",
        source: RECORD_API,
    },
    {
        type: "aws:route53/record:Record",
        property: "ttl",
        constraint: { kind: "range", min: 0, max: 2147483647 },
        awsField: "ResourceRecordSet's TTL (seconds)",
        source: RECORD_API,
    },
    {
        type: "aws:route53/record:Record",
        property: "weightedRoutingPolicies[].weight",
        constraint: { kind: "range", min: 0, max: 255 },
        awsField: "ResourceRecordSet's Weight",
        source: RECORD_API,
    },

    // DynamoDB: table names are "3–255 characters … a-z, A-Z, 0-9, _ (underscore), - (dash), . (dot)".
    {
        type: "aws:dynamodb/table:Table",
        property: "name",
        constraint: { kind: "text", min: 3, max: 255, characters: DYNAMODB_NAME },
        awsField: "CreateTable's TableName",
        source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html",
        configKey: "dr:tables[].name",
    },

    // S3 general purpose bucket naming rules.
    {
        type: "aws:s3/bucket:Bucket",
        property: "bucket",
        prefixProperty: "bucketPrefix",
        constraint: {
            kind: "text",
            min: 3,
            max: 63,
            characters: S3_NAME,
            first: LOWER_ALNUM,
            last: LOWER_ALNUM,
            forbidden: [".."],
            notIpAddress: true,
            reservedPrefixes: ["xn--", "sthree-", "amzn-s3-demo-"],
            reservedSuffixes: ["-s3alias", "--ol-s3", ".mrap", "--x-s3"],
        },
        awsField: "CreateBucket's Bucket",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
        configKey: "dr:buckets[].name",
    },

    // RDS and Aurora: identifiers are stored lower-cased, so reserved values hold in any case.
    {
        type: "aws:rds/cluster:Cluster",
        property: "clusterIdentifier",
        prefixProperty: "clusterIdentifierPrefix",
        constraint: RDS_IDENTIFIER,
        awsField: "CreateDBCluster's DBClusterIdentifier",
        source: RDS_CLUSTER_API,
        configKey: "dr:databases[].name",
    },
    {
        type: "aws:rds/clusterInstance:ClusterInstance",
        property: "identifier",
        prefixProperty: "identifierPrefix",
        constraint: RDS_IDENTIFIER,
        awsField: "CreateDBInstance's DBInstanceIdentifier",
        source: RDS_INSTANCE_API,
        configKey: "dr:databases[].name",
    },
    {
        type: "aws:rds/instance:Instance",
        property: "identifier",
        prefixProperty: "identifierPrefix",
        constraint: RDS_IDENTIFIER,
        awsField: "CreateDBInstance's DBInstanceIdentifier",
        source: RDS_INSTANCE_API,
        configKey: "dr:databases[].name",
    },
    {
        type: "aws:rds/globalCluster:GlobalCluster",
        property: "globalClusterIdentifier",
        constraint: { kind: "text", min: 1, max: 255, characters: GLOBAL_CLUSTER_ID, first: LETTER },
        awsField: "CreateGlobalCluster's GlobalClusterIdentifier",
        source: GLOBAL_CLUSTER_API,
        configKey: "dr:databases[].name",
    },
    {
        type: "aws:rds/globalCluster:GlobalCluster",
        property: "engine",
        constraint: { kind: "one-of", values: ["aurora-mysql", "aurora-postgresql"] },
        awsField: "CreateGlobalCluster's Engine",
        source: GLOBAL_CLUSTER_API,
        configKey: "dr:databases[].engine",
    },
    {
        type: "aws:rds/subnetGroup:SubnetGroup",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 255, characters: SUBNET_GROUP, first: LETTER, reserved: ["default"], anyCase: true },
        awsField: "CreateDBSubnetGroup's DBSubnetGroupName",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html",
        configKey: "dr:databases[].name",
    },

    // Secrets Manager.
    {
        type: "aws:secretsmanager/secret:Secret",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { kind: "text", min: 1, max: 512, characters: SECRET_NAME },
        awsField: "CreateSecret's Name",
        source: SECRET_API,
    },
    {
        type: "aws:secretsmanager/secret:Secret",
        property: "description",
        constraint: { kind: "text", max: 2048 },
        awsField: "CreateSecret's Description",
        source: SECRET_API,
    },
    {
        type: "aws:secretsmanager/secretVersion:SecretVersion",
        property: "secretString",
        constraint: { kind: "text", min: 1, max: 65536 },
        awsField: "PutSecretValue's SecretString",
        source: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html",
    },

    // ECS.
    {
        type: "aws:ecs/cluster:Cluster",
        property: "name",
        constraint: ECS_NAME_RULE,
        awsField: "CreateCluster's clusterName",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html",
    },
    {
        type: "aws:ecs/service:Service",
        property: "name",
        constraint: ECS_NAME_RULE,
        awsField: "CreateService's serviceName",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    },
    {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        property: "family",
        constraint: ECS_NAME_RULE,
        awsField: "RegisterTaskDefinition's family",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    },

    // Elastic Load Balancing.
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: { ...ELB_NAME_RULE, reservedPrefixes: ["internal-"] },
        awsField: "CreateLoadBalancer's Name",
        source: ELB_API,
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        property: "name",
        prefixProperty: "namePrefix",
        constraint: ELB_NAME_RULE,
        awsField: "CreateTargetGroup's Name",
        source: TARGET_GROUP_API,
    },

    // AWS Backup.
    {
        type: "aws:backup/vault:Vault",
        property: "name",
        constraint: { kind: "text", min: 2, max: 50, characters: BACKUP_VAULT },
        awsField: "CreateBackupVault's BackupVaultName",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html",
    },
    {
        type: "aws:backup/plan:Plan",
        property: "name",
        constraint: { kind: "text", min: 1, max: 50, characters: BACKUP_NAME },
        awsField: "BackupPlanInput's BackupPlanName",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlanInput.html",
    },
    {
        type: "aws:backup/plan:Plan",
        property: "rules[].ruleName",
        constraint: { kind: "text", min: 1, max: 50, characters: BACKUP_NAME },
        awsField: "BackupRuleInput's RuleName",
        source: BACKUP_RULE_API,
    },
    {
        // "If this value is included, it must be at least 60 minutes … a maximum value of 100 years (52,560,000 minutes)."
        type: "aws:backup/plan:Plan",
        property: "rules[].startWindow",
        constraint: { kind: "range", min: 60, max: 52_560_000 },
        awsField: "BackupRuleInput's StartWindowMinutes",
        source: BACKUP_RULE_API,
    },
    {
        type: "aws:backup/selection:Selection",
        property: "name",
        constraint: { kind: "text", min: 1, max: 50, characters: BACKUP_NAME },
        awsField: "BackupSelection's SelectionName",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html",
    },
    {
        // The API allows only letters, digits and underscores; the quota page caps the name at 50.
        type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        property: "name",
        constraint: { kind: "text", min: 1, max: 50, characters: RESTORE_TESTING },
        awsField: "CreateRestoreTestingPlan's RestoreTestingPlanName",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingPlanForCreate.html",
    },
    {
        type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        property: "startWindowHours",
        constraint: { kind: "range", max: 168 },
        awsField: "CreateRestoreTestingPlan's StartWindowHours",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingPlanForCreate.html",
    },
    {
        // The user guide says 1-256 letters, digits, hyphens and underscores; the API model is stricter and holds.
        type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        property: "name",
        constraint: { kind: "text", min: 1, max: 50, characters: RESTORE_TESTING },
        awsField: "CreateRestoreTestingSelection's RestoreTestingSelectionName",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html",
    },
    {
        type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        property: "validationWindowHours",
        constraint: { kind: "range", min: 0, max: 168 },
        awsField: "CreateRestoreTestingSelection's ValidationWindowHours",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html",
    },

    // Application Auto Scaling: PolicyName is 1-256 characters of `\p{Print}` (printable ASCII).
    {
        type: "aws:appautoscaling/policy:Policy",
        property: "name",
        constraint: { kind: "text", min: 1, max: 256, characters: PRINTABLE_ASCII },
        awsField: "PutScalingPolicy's PolicyName",
        source: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html",
    },

    // Types the DR program does not create, which DR programs commonly hold.
    {
        type: "aws:lambda/function:Function",
        property: "name",
        constraint: { kind: "text", min: 1, max: 64, characters: LAMBDA_NAME },
        awsField: "CreateFunction's FunctionName",
        source: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
    },
    {
        type: "aws:lambda/function:Function",
        property: "description",
        constraint: { kind: "text", max: 256 },
        awsField: "CreateFunction's Description",
        source: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
    },
    {
        type: "aws:synthetics/canary:Canary",
        property: "name",
        constraint: { kind: "text", min: 1, max: 255, characters: CANARY_NAME },
        awsField: "CreateCanary's Name",
        source: "https://docs.aws.amazon.com/AmazonSynthetics/latest/APIReference/API_CreateCanary.html",
    },
    {
        type: "aws:arcregionswitch/plan:Plan",
        property: "name",
        constraint: { kind: "text", min: 1, max: 32, characters: ELB_NAME, first: ALNUM, last: ALNUM },
        awsField: "CreatePlan's name",
        source: "https://docs.aws.amazon.com/arc-region-switch/latest/api/API_CreatePlan.html",
    },
    {
        // "Array Members: Fixed number of 2 items" (the provider's doc says "at least 2"; the API holds).
        type: "aws:arcregionswitch/plan:Plan",
        property: "regions",
        constraint: { kind: "count", min: 2, max: 2 },
        awsField: "CreatePlan's regions",
        source: "https://docs.aws.amazon.com/arc-region-switch/latest/api/API_CreatePlan.html",
    },
];

/** Every row, by type. */
const BY_TYPE = new Map<string, PreflightRule[]>();
for (const rule of PREFLIGHT_RULES) {
    BY_TYPE.set(rule.type, [...(BY_TYPE.get(rule.type) ?? []), rule]);
}

/** The rows a resource of `type` is judged by: its own, and the rows for any AWS type whose input no row of its own replaces. */
export function preflightRulesFor(type: string): PreflightRule[] {
    const own = BY_TYPE.get(type) ?? [];
    const general = type.startsWith("aws:") ? (BY_TYPE.get(ANY_AWS_TYPE) ?? []) : [];
    return [...own, ...general.filter((g) => !own.some((r) => r.property === g.property))];
}

/** What is wrong with one value, as data: `dr-preflight` puts it into words. */
export type PreflightProblem =
    | { kind: "characters"; refused: string[]; allowed: string }
    | { kind: "too-long"; length: number; max: number }
    | { kind: "too-short"; length: number; min: number }
    | { kind: "first"; character: string; allowed: string }
    | { kind: "last"; character: string; allowed: string }
    | { kind: "missing-prefix"; prefix: string }
    | { kind: "reserved-prefix"; prefix: string }
    | { kind: "reserved-suffix"; suffix: string }
    | { kind: "forbidden"; sequence: string }
    | { kind: "reserved"; value: string }
    | { kind: "ip-address" }
    | { kind: "not-one-of"; value: string | number; values: readonly (string | number)[] }
    | { kind: "out-of-range"; value: number; min?: number; max?: number }
    | { kind: "too-many"; count: number; max: number }
    | { kind: "too-few"; count: number; min: number };

/** A value AWS would refuse: the row, where the value is (`rules[0].ruleName`), the value, and what is wrong with it. */
export interface PreflightFinding {
    rule: PreflightRule;
    /** The input holding the value: the row's property, or its prefix property. */
    property: string;
    path: string;
    value: unknown;
    problems: PreflightProblem[];
}

/**
 * What AWS would refuse of a resource's inputs (plain values, `UNKNOWN` where computed). An input that is
 * unset is left to AWS's default or the provider's generated name; one computed at preview cannot be
 * known, and is not guessed at.
 */
export function preflightFindings(type: string, inputs: Record<string, unknown>): PreflightFinding[] {
    const findings: PreflightFinding[] = [];
    for (const rule of preflightRulesFor(type)) {
        const judged = [{ property: rule.property, constraint: rule.constraint }];
        if (rule.prefixProperty && rule.constraint.kind === "text") {
            judged.push({ property: rule.prefixProperty, constraint: asPrefix(rule.constraint) });
        }
        for (const { property, constraint } of judged) {
            for (const { path, value } of valuesAt(inputs, property.split("."), "")) {
                const problems = problemsOf(value, constraint);
                if (problems.length > 0) {
                    findings.push({ rule, property, path, value, problems });
                }
            }
        }
    }
    return findings;
}

/** What of a name's rule holds for a prefix the provider completes: its characters, first character, reserved prefixes and forbidden sequences. */
function asPrefix(name: TextConstraint): TextConstraint {
    return {
        kind: "text",
        min: 1,
        characters: name.characters,
        first: name.first,
        prefix: name.prefix,
        reservedPrefixes: name.reservedPrefixes,
        forbidden: name.forbidden,
        anyCase: name.anyCase,
    };
}

/** The known values at a path of `value`: unset values and values computed at preview are left out. */
function* valuesAt(value: unknown, segments: string[], at: string): Generator<{ path: string; value: unknown }> {
    if (value === UNKNOWN || value === undefined || value === null) {
        return;
    }
    if (segments.length === 0) {
        yield { path: at, value };
        return;
    }
    const [segment, ...rest] = segments;
    const [, name, each] = /^(\w+)(\[\]|\{\}|\{key\})?$/.exec(segment) ?? [];
    const child = record(value)[name];
    const path = at === "" ? name : `${at}.${name}`;
    if (child === UNKNOWN || child === undefined || child === null) {
        return;
    }
    if (each === "[]") {
        if (Array.isArray(child)) {
            for (const [i, item] of child.entries()) {
                yield* valuesAt(item, rest, `${path}[${i}]`);
            }
        }
    } else if (each === "{}") {
        for (const [key, item] of Object.entries(record(child))) {
            yield* valuesAt(item, rest, `${path}[${JSON.stringify(key)}]`);
        }
    } else if (each === "{key}") {
        for (const key of Object.keys(record(child))) {
            yield { path: `${path} key ${JSON.stringify(key)}`, value: key };
        }
    } else {
        yield* valuesAt(child, rest, path);
    }
}

/** What AWS would refuse of one known value; nothing for a value of another kind than the constraint's, which the provider's schema refuses. */
export function problemsOf(value: unknown, constraint: Constraint): PreflightProblem[] {
    switch (constraint.kind) {
        case "text":
            return typeof value === "string" ? textProblems(value, constraint) : [];
        case "one-of":
            return constraint.values.some((v) => typeof v === typeof value) && !constraint.values.includes(value as string | number)
                ? [{ kind: "not-one-of", value: value as string | number, values: constraint.values }]
                : [];
        case "range": {
            const { min, max } = constraint;
            return typeof value === "number" && ((min !== undefined && value < min) || (max !== undefined && value > max))
                ? [{ kind: "out-of-range", value, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }]
                : [];
        }
        case "count": {
            const count = Array.isArray(value) ? value.length : typeof value === "object" ? Object.keys(record(value)).length : undefined;
            if (count === undefined) {
                return [];
            }
            if (count > constraint.max) {
                return [{ kind: "too-many", count, max: constraint.max }];
            }
            return constraint.min !== undefined && count < constraint.min ? [{ kind: "too-few", count, min: constraint.min }] : [];
        }
    }
}

function textProblems(value: string, c: TextConstraint): PreflightProblem[] {
    const problems: PreflightProblem[] = [];
    // AWS counts Unicode characters, not UTF-16 code units.
    const characters = [...value];
    const compared = c.anyCase ? value.toLowerCase() : value;
    if (c.max !== undefined && characters.length > c.max) {
        problems.push({ kind: "too-long", length: characters.length, max: c.max });
    }
    if (c.min !== undefined && characters.length < c.min) {
        problems.push({ kind: "too-short", length: characters.length, min: c.min });
    }
    if (c.characters) {
        const body = c.allowedSuffix && value.endsWith(c.allowedSuffix) ? [...value.slice(0, -c.allowedSuffix.length)] : characters;
        const refused = [...new Set(body.filter((ch) => !c.characters!.test.test(ch)))];
        if (refused.length > 0) {
            problems.push({ kind: "characters", refused, allowed: c.characters.words });
        }
    }
    if (c.prefix !== undefined && !value.startsWith(c.prefix)) {
        problems.push({ kind: "missing-prefix", prefix: c.prefix });
    } else if (c.first && characters.length > 0 && !c.first.test.test(characters[0])) {
        problems.push({ kind: "first", character: characters[0], allowed: c.first.words });
    }
    if (c.last && characters.length > 0 && !c.last.test.test(characters[characters.length - 1])) {
        problems.push({ kind: "last", character: characters[characters.length - 1], allowed: c.last.words });
    }
    for (const prefix of c.reservedPrefixes ?? []) {
        if (compared.startsWith(prefix)) {
            problems.push({ kind: "reserved-prefix", prefix });
        }
    }
    for (const suffix of c.reservedSuffixes ?? []) {
        if (value.endsWith(suffix)) {
            problems.push({ kind: "reserved-suffix", suffix });
        }
    }
    for (const sequence of c.forbidden ?? []) {
        if (value.includes(sequence)) {
            problems.push({ kind: "forbidden", sequence });
        }
    }
    if ((c.reserved ?? []).includes(compared)) {
        problems.push({ kind: "reserved", value });
    }
    if (c.notIpAddress && /^\d{1,3}(\.\d{1,3}){3}$/.test(value)) {
        problems.push({ kind: "ip-address" });
    }
    return problems;
}
