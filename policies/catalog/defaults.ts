/**
 * Knowable is not unknown (DESIGN §16): what AWS applies when a program leaves an input unset, by type and property.
 * In a preview that creates a resource, a property the provider computes reads as unknown; when the program set no
 * value for it (nothing it was built from), AWS's documented default is what will run, and the model judges that.
 * One table, applied once where resources become the model (`model/adapter.ts`), so every policy sees the same.
 */

/**
 * The key policy KMS gives a key created without one: the account may use and manage it through IAM — nothing denies
 * disabling it or scheduling its deletion. https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export const DEFAULT_KEY_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Id: "key-default-1",
    Statement: [
        {
            Sid: "Enable IAM User Permissions",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:root" },
            Action: "kms:*",
            Resource: "*",
        },
    ],
});

export const AWS_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
    "aws:kms/key:Key": { policy: DEFAULT_KEY_POLICY },
    // CreateDBInstance: BackupRetentionPeriod "Default: 1", MultiAZ and StorageEncrypted false, DeletionProtection false.
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
    "aws:rds/instance:Instance": { backupRetentionPeriod: 1, multiAz: false, storageEncrypted: false, deletionProtection: false },
    // CreateDBCluster: BackupRetentionPeriod "Default: 1", StorageEncrypted false for a provisioned cluster, DeletionProtection false.
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html
    "aws:rds/cluster:Cluster": { backupRetentionPeriod: 1, storageEncrypted: false, deletionProtection: false },
    // CreateTable: deletion protection off; point-in-time recovery is off until UpdateContinuousBackups turns it on.
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
    "aws:dynamodb/table:Table": { deletionProtectionEnabled: false, pointInTimeRecovery: { enabled: false } },
};
