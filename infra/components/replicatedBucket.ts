import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { serviceTrustPolicy } from "../iam";

export interface ReplicatedBucketArgs {
    /** Stack name, part of the bucket names. */
    cell: string;
    /** Region of the bucket itself. */
    region: string;
    /** Region of the replica bucket; absent for no replication. */
    replicationRegion?: string;
    /** Whether replication uses S3 Replication Time Control (99.99 % of objects within 15 minutes). */
    rtc: boolean;
    /** The customer-managed key for data in a region. */
    keyArn: (region: string) => pulumi.Input<string>;
    /** The six DR tags, on the bucket and its replica. */
    tags: Record<string, string>;
}

/** Id of the one replication rule: S3's replication metrics carry it as the RuleId dimension. */
export const REPLICATION_RULE_ID = "everything";

/** A bucket and the resources that make it safe: versioned, encrypted with a customer key, private, TLS only. */
interface SecureBucket {
    bucket: aws.s3.Bucket;
    versioning: aws.s3.BucketVersioning;
}

/**
 * An S3 bucket, secure by default, replicating every object to a bucket of the same stack in the
 * replication region — with Replication Time Control when asked — through a role that can touch
 * only those two buckets and their two keys.
 */
export class ReplicatedBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly replica?: aws.s3.Bucket;
    private readonly byRegion = new Map<string, aws.s3.Bucket>();

    constructor(name: string, args: ReplicatedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:data:ReplicatedBucket", name, {}, opts);
        // S3 names are global: a random suffix keeps them unique; protected, since a new suffix means a new bucket.
        const suffix = new random.RandomId(`${name}-suffix`, { byteLength: 4 }, { parent: this, protect: true });
        const source = this.secureBucket(name, name, args.region, args, suffix);
        this.bucket = source.bucket;
        this.byRegion.set(args.region, source.bucket);

        if (args.replicationRegion) {
            const replica = this.secureBucket(`${name}-replica`, name, args.replicationRegion, args, suffix);
            this.replica = replica.bucket;
            this.byRegion.set(args.replicationRegion, replica.bucket);
            const role = this.replicationRole(name, source.bucket, replica.bucket, args);
            new aws.s3.BucketReplicationConfig(
                `${name}-replication`,
                {
                    region: args.region,
                    bucket: source.bucket.id,
                    role: role.arn,
                    rules: [
                        {
                            id: REPLICATION_RULE_ID,
                            status: "Enabled",
                            priority: 1,
                            filter: {},
                            deleteMarkerReplication: { status: "Enabled" },
                            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
                            destination: {
                                bucket: replica.bucket.arn,
                                storageClass: "STANDARD",
                                encryptionConfiguration: { replicaKmsKeyId: args.keyArn(args.replicationRegion) },
                                ...(args.rtc
                                    ? {
                                          replicationTime: { status: "Enabled", time: { minutes: 15 } },
                                          metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
                                      }
                                    : {}),
                            },
                        },
                    ],
                },
                // Replication needs versioning on both sides first.
                { parent: this, dependsOn: [source.versioning, replica.versioning] },
            );
        }
        this.registerOutputs({
            bucketName: this.bucket.bucket,
            region: args.region,
            replicaBucketName: this.replica?.bucket,
            replicationRegion: args.replicationRegion,
            rtc: args.replicationRegion ? args.rtc : undefined,
        });
    }

    /** ARNs of this store's buckets in `region`: the bucket, its replica, or none. */
    arnsIn(region: string): pulumi.Output<string>[] {
        const bucket = this.byRegion.get(region);
        return bucket ? [bucket.arn] : [];
    }

    /** `base` is the configured bucket name; the physical name adds stack, region and the random suffix. */
    private secureBucket(name: string, base: string, region: string, args: ReplicatedBucketArgs, suffix: random.RandomId): SecureBucket {
        const opts = { parent: this };
        const bucket = new aws.s3.Bucket(
            name,
            { region, bucket: pulumi.interpolate`${args.cell}-${base}-${region}-${suffix.hex}`, forceDestroy: false, tags: args.tags },
            { parent: this, protect: true },
        );
        new aws.s3.BucketOwnershipControls(`${name}-ownership`, { region, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
        new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access`,
            { region, bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            opts,
        );
        const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { region, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                region,
                bucket: bucket.id,
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.keyArn(region) }, bucketKeyEnabled: true }],
            },
            opts,
        );
        new aws.s3.BucketPolicy(
            `${name}-tls-only`,
            {
                region,
                bucket: bucket.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "DenyInsecureTransport",
                            Effect: "Deny",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                    ],
                }),
            },
            opts,
        );
        return { bucket, versioning };
    }

    private replicationRole(name: string, source: aws.s3.Bucket, replica: aws.s3.Bucket, args: ReplicatedBucketArgs): aws.iam.Role {
        const role = new aws.iam.Role(
            `${name}-replication`,
            {
                description: `S3 replication of ${name} (${args.cell}) to ${args.replicationRegion}`,
                assumeRolePolicy: serviceTrustPolicy("s3.amazonaws.com", aws.getCallerIdentityOutput({}, { parent: this }).accountId),
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-replication`,
            {
                role: role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Sid: "ReadSourceConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: source.arn },
                        {
                            Sid: "ReadSourceVersions",
                            Effect: "Allow",
                            Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                            Resource: pulumi.interpolate`${source.arn}/*`,
                        },
                        {
                            Sid: "WriteReplica",
                            Effect: "Allow",
                            Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                            Resource: pulumi.interpolate`${replica.arn}/*`,
                        },
                        { Sid: "DecryptSource", Effect: "Allow", Action: ["kms:Decrypt"], Resource: args.keyArn(args.region) },
                        { Sid: "EncryptReplica", Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: args.keyArn(args.replicationRegion!) },
                    ],
                }),
            },
            { parent: this },
        );
        return role;
    }
}
