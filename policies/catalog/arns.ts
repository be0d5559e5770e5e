import { isAwsRegion } from "./regions";

// arn:<partition>:backup:<region>:<account>:backup-vault:<name>, vault names as AWS Backup allows them.
const VAULT_ARN = /^arn:aws(?:-cn|-us-gov)?:backup:([a-z0-9-]+):(\d{12}):backup-vault:([A-Za-z0-9_.-]{2,50})$/;

/** The parts of an AWS Backup vault ARN, or undefined when the text is not one (or names no AWS region). */
export function parseVaultArn(arn: unknown): { region: string; account: string; name: string } | undefined {
    const match = typeof arn === "string" ? VAULT_ARN.exec(arn) : null;
    return match && isAwsRegion(match[1]) ? { region: match[1], account: match[2], name: match[3] } : undefined;
}
