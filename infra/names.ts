import { createHash } from "node:crypto";

/** What an AWS name may hold, and how long it may be. */
export interface NameRule {
    /** Most characters the name may have. */
    max: number;
    /** Characters allowed; others become the separator. */
    allowed: RegExp;
    separator: "-" | "_";
    /** Whether the name must be lower case (S3 bucket names). */
    lowerCase?: boolean;
}

/**
 * A name AWS accepts, built from its parts (a stack name may hold upper case, dots and underscores):
 * other characters become the separator, runs of it collapse, and a name too long keeps a readable
 * prefix and a hash of the whole, so two long names that share a prefix stay distinct.
 */
export function awsName(parts: string[], rule: NameRule): string {
    const whole = parts.join(rule.separator);
    const text = rule.lowerCase ? whole.toLowerCase() : whole;
    const clean = [...text]
        .map((c) => (rule.allowed.test(c) ? c : rule.separator))
        .join("")
        .replace(new RegExp(`\\${rule.separator}+`, "g"), rule.separator)
        .replace(new RegExp(`^\\${rule.separator}|\\${rule.separator}$`, "g"), "");
    if (clean.length <= rule.max) {
        return clean;
    }
    const hash = createHash("sha256").update(whole).digest("hex").slice(0, 6);
    return `${clean.slice(0, rule.max - hash.length - 1).replace(new RegExp(`\\${rule.separator}+$`), "")}${rule.separator}${hash}`;
}

/** Prefixes S3 reserves: a bucket name may not start with them. */
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];

/**
 * S3 bucket names: 3-63 lower-case letters, digits and hyphens (no dots: they break TLS to virtual-hosted URLs),
 * not starting with a reserved prefix. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function bucketNamePrefix(parts: string[], suffixLength: number): string {
    const rule: NameRule = { max: 63 - suffixLength - 1, allowed: /[a-z0-9-]/, separator: "-", lowerCase: true };
    const name = awsName(parts, rule);
    return RESERVED_BUCKET_PREFIXES.some((p) => name.startsWith(p)) ? awsName(["dr", ...parts], rule) : name;
}

/** AWS Backup vault, plan and selection names: up to 50 letters, digits, hyphens, underscores. https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html */
export function backupName(parts: string[]): string {
    return awsName(parts, { max: 50, allowed: /[A-Za-z0-9_-]/, separator: "-" });
}

/** Restore testing plan and selection names: up to 50 letters, digits and underscores. https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingPlanForCreate.html */
export function restoreTestingName(parts: string[]): string {
    return awsName(parts, { max: 50, allowed: /[A-Za-z0-9_]/, separator: "_" });
}

/** DynamoDB table names: 3-255 letters, digits, underscores, hyphens, dots. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html */
export function tableName(parts: string[]): string {
    return awsName(parts, { max: 255, allowed: /[A-Za-z0-9_.-]/, separator: "-" });
}

/** RDS cluster, instance and global cluster identifiers: 1-63 lower-case letters, digits and single hyphens, starting with a letter. https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/CHAP_Limits.html#RDS_Limits.Constraints */
export function dbIdentifier(parts: string[]): string {
    const name = awsName(parts, { max: 63, allowed: /[a-z0-9-]/, separator: "-", lowerCase: true });
    return /^[a-z]/.test(name) ? name : awsName(["db", ...parts], { max: 63, allowed: /[a-z0-9-]/, separator: "-", lowerCase: true });
}

/**
 * ElastiCache replication group identifiers (and a global datastore's suffix): 1-40 lower-case letters, digits and
 * single hyphens, starting with a letter. https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html
 */
export function cacheGroupId(parts: string[]): string {
    const rule: NameRule = { max: 40, allowed: /[a-z0-9-]/, separator: "-", lowerCase: true };
    const name = awsName(parts, rule);
    return /^[a-z]/.test(name) ? name : awsName(["cache", ...parts], rule);
}

/**
 * The runtime of every function the program ships: Node.js 22, supported by Lambda until 30 April 2027 (Node.js 20
 * left support on 30 April 2026, and Lambda then blocks creating functions on it), bundling the AWS SDK v3 the
 * functions import. https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export const LAMBDA_RUNTIME = "nodejs22.x";
