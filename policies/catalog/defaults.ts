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

/** A default that depends on the resource's other properties (its engine, its membership), read once the plain defaults hold. */
export class DerivedDefault {
    constructor(readonly derive: (props: Record<string, any>) => unknown) {}
}

/**
 * A membership a program did not ask for: a property such as `globalReplicationGroupId` reads as computed at preview, yet
 * unset it joins the resource to nothing.
 */
const NOT_A_MEMBER = undefined;

/** A global datastore's secondary takes the datastore's encryption settings, which its primary's own guards judge. */
const memberOrOwn = (own: (props: Record<string, any>) => boolean) =>
    new DerivedDefault((props) => (props.globalReplicationGroupId !== undefined ? true : own(props)));

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
    // CreateCluster: AutomatedSnapshotRetentionPeriod "Default: 1"; "your database is encrypted by default".
    // https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html
    // https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
    "aws:redshift/cluster:Cluster": { automatedSnapshotRetentionPeriod: 1, encrypted: true },
    // CreateReplicationGroup: Engine redis, SnapshotRetentionLimit "Default: 0", TransitEncryptionEnabled "Default: false";
    // at rest, a redis group is unencrypted unless asked, a valkey group encrypted (the provider's documented defaults).
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        engine: "redis",
        snapshotRetentionLimit: 0,
        globalReplicationGroupId: NOT_A_MEMBER,
        atRestEncryptionEnabled: memberOrOwn((props) => props.engine === "valkey"),
        transitEncryptionEnabled: memberOrOwn(() => false),
    },
    // CreateCacheCluster: SnapshotRetentionLimit "Default: 0", TransitEncryptionEnabled false; unset, the node joins no group.
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html
    "aws:elasticache/cluster:Cluster": { snapshotRetentionLimit: 0, transitEncryptionEnabled: false, replicationGroupId: NOT_A_MEMBER },
    // Encryption at rest and node-to-node encryption are off unless their blocks turn them on.
    // https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_CreateDomain.html
    "aws:opensearch/domain:Domain": { encryptAtRest: { enabled: false }, nodeToNodeEncryption: { enabled: false } },
    // CreateDBCluster: BackupRetentionPeriod "Default: 1"; StorageEncrypted and DeletionProtection false unless set.
    // https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateDBCluster.html
    "aws:docdb/cluster:Cluster": { backupRetentionPeriod: 1, storageEncrypted: false, deletionProtection: false },
    // https://docs.aws.amazon.com/neptune/latest/apiref/API_CreateDBCluster.html
    "aws:neptune/cluster:Cluster": { backupRetentionPeriod: 1, storageEncrypted: false, deletionProtection: false },
    // CreateCluster: TLSEnabled true, SnapshotRetentionLimit 0 (automatic snapshots off). https://docs.aws.amazon.com/memorydb/latest/APIReference/API_CreateCluster.html
    "aws:memorydb/cluster:Cluster": { tlsEnabled: true, snapshotRetentionLimit: 0 },
    // AutomaticBackupRetentionDays: Lustre "The default is 0"; Windows 7 and SINGLE_AZ_1 (the provider's defaults); ONTAP and
    // OpenZFS "The default is 30". A final backup is skipped on Lustre unless asked (the provider's default), taken on
    // Windows and OpenZFS (node_modules/@pulumi/aws/fsx/*FileSystem.d.ts).
    // https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemLustreConfiguration.html
    // https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemOntapConfiguration.html
    // https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystemOpenZFSConfiguration.html
    "aws:fsx/lustreFileSystem:LustreFileSystem": { automaticBackupRetentionDays: 0, skipFinalBackup: true },
    "aws:fsx/windowsFileSystem:WindowsFileSystem": {
        automaticBackupRetentionDays: 7,
        skipFinalBackup: false,
        deploymentType: "SINGLE_AZ_1",
    },
    "aws:fsx/ontapFileSystem:OntapFileSystem": { automaticBackupRetentionDays: 30 },
    "aws:fsx/openZfsFileSystem:OpenZfsFileSystem": { automaticBackupRetentionDays: 30, skipFinalBackup: false },
    // CreateFileSystem encrypts only when Encrypted is true (the console turns it on, the API does not).
    // https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html
    "aws:efs/fileSystem:FileSystem": { encrypted: false },
    // A stream is unencrypted (encryptionType NONE) and keeps records 24 hours unless asked.
    // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html
    "aws:kinesis/stream:Stream": { encryptionType: "NONE", retentionPeriod: 24 },
    // "When you create a new queue, it will be encrypted by SSE-SQS by default." https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
    "aws:sqs/queue:Queue": { sqsManagedSseEnabled: true },
};
