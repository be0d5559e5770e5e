import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The key policy statement id the pack looks for: deletion and disabling are denied to all but one principal. */
export const DENY_KEY_DELETION_SID = "DenyDeletionExceptBreakGlass";

/**
 * A key policy for a key whose loss loses data: the account administers the key through IAM (AWS's
 * default statement, so the key can never become unmanageable), and nobody but the break-glass principal
 * may disable it or schedule its deletion — an explicit Deny, since admins with kms:* could otherwise.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-adding-permission.html
 * The Deny names no backup or restore action, so AWS Backup's jobs are unaffected
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html).
 */
export function protectedKeyPolicy(
    breakGlassPrincipal: string | undefined,
    parent: pulumi.Resource,
    sharedWithAccount?: string,
): pulumi.Output<string> {
    const account = aws.getCallerIdentityOutput({}, { parent }).accountId;
    const partition = aws.getPartitionOutput({}, { parent }).partition;
    const root = pulumi.interpolate`arn:${partition}:iam::${account}:root`;
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            ...(sharedWithAccount ? backupAccountStatements(pulumi.interpolate`arn:${partition}:iam::${sharedWithAccount}:root`) : []),
            { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" },
            {
                Sid: DENY_KEY_DELETION_SID,
                Effect: "Deny",
                Principal: "*",
                Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
                Resource: "*",
                Condition: { ArnNotEquals: { "aws:PrincipalArn": breakGlassPrincipal ?? root } },
            },
        ],
    });
}

/**
 * What a backup account needs of a source key to copy the recovery points AWS Backup does not re-encrypt
 * (RDS and Aurora snapshots keep the source key): use of the key, and grants for AWS resources only; never
 * encrypting new data, never administering it.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
function backupAccountStatements(backupAccountRoot: pulumi.Output<string>): object[] {
    return [
        {
            Sid: "BackupAccountCopies",
            Effect: "Allow",
            Principal: { AWS: backupAccountRoot },
            Action: [
                "kms:Decrypt",
                "kms:DescribeKey",
                "kms:ReEncryptFrom",
                "kms:ReEncryptTo",
                "kms:GenerateDataKey",
                "kms:GenerateDataKeyWithoutPlaintext",
            ],
            Resource: "*",
        },
        {
            Sid: "BackupAccountGrants",
            Effect: "Allow",
            Principal: { AWS: backupAccountRoot },
            Action: "kms:CreateGrant",
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
    ];
}
