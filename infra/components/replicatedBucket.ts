import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { serviceTrustPolicy } from "../iam";
import { bucketNamePrefix } from "../names";

export interface ReplicatedBucketArgs {
    /** Stack name, part of the bucket names. */
    cell: string;
    /** Region of the bucket itself. */
    region: string;
    /** Region of the replica bucket; absent for no replication. */
    replicationRegion?: string;
    /** Whether the replica is written too (a service runs there), so objects replicate back as well. */
    twoWay: boolean;
    /** Whether replication uses S3 Replication Time Control (99.99 % of objects within 15 minutes). */
    rtc: boolean;
    /** Days a noncurrent object version is kept: the backup retention, so versions never outlive their purpose nor grow without bound. */
    noncurrentVersionDays: number;
    /** The customer-managed key for data in a region; absent: S3-managed keys (SSE-S3), for a writer no key policy names. */
    keyArn?: (region: string) => pulumi.Input<string>;
    /** The source's and the replica's names; absent: the stack's, the bucket's and the region's, and a random suffix. */
    bucketNames?: { source: pulumi.Input<string>; replica: pulumi.Input<string> };
    /** Statements the source bucket's policy grants (a service that writes it). */
    grants?: (bucketArn: pulumi.Output<string>) => unknown[];
    /** The six DR tags, on the bucket and its replica. */
    tags: Record<string, string>;
}

/** Id of each replication rule: S3's replication metrics carry it as the RuleId dimension. */
export const REPLICATION_RULE_ID = "everything";

/** Characters of the random suffix that keeps S3's global names unique. */
const SUFFIX_BYTES = 4;

/** A bucket and the resources that make it safe: versioned, encrypted, private, TLS only. */
export interface SecureBucket {
    bucket: aws.s3.Bucket;
    /** The last of its settings: replication may start once the bucket is fully set up. */
    ready: pulumi.Resource;
}

/**
 * An S3 bucket, secure by default, replicating every object to a bucket of the same stack in the
 * replication region — with Replication Time Control when asked, and back again when the replica is
 * written too — through roles that can touch only those two buckets and their two keys.
 */
export class ReplicatedBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly replica?: aws.s3.Bucket;
    private readonly byRegion = new Map<string, aws.s3.Bucket>();

    constructor(name: string, args: ReplicatedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:data:ReplicatedBucket", name, {}, opts);
        // S3 names are global: a random suffix keeps them unique; protected, since a new suffix means a new bucket.
        const suffix = args.bucketNames
            ? undefined
            : new random.RandomId(`${name}-suffix`, { byteLength: SUFFIX_BYTES }, { parent: this, protect: true });
        const bucketName = (parts: string[]) => pulumi.interpolate`${bucketNamePrefix(parts, SUFFIX_BYTES * 2)}-${suffix!.hex}`;
        const settings = { noncurrentVersionDays: args.noncurrentVersionDays, tags: args.tags };
        const source = secureBucket(this, name, args.bucketNames?.source ?? bucketName([args.cell, name, args.region]), args.region, {
            ...settings,
            kmsKeyId: args.keyArn?.(args.region),
            grants: args.grants,
        });
        this.bucket = source.bucket;
        this.byRegion.set(args.region, source.bucket);

        if (args.replicationRegion) {
            // The replica's name says it is one, so a same-region replica (valid S3) never takes the source's name.
            const replica = secureBucket(
                this,
                `${name}-replica`,
                args.bucketNames?.replica ?? bucketName([args.cell, name, args.replicationRegion, "replica"]),
                args.replicationRegion,
                {
                    ...settings,
                    kmsKeyId: args.keyArn?.(args.replicationRegion),
                },
            );
            this.replica = replica.bucket;
            // Services write the source where it lives; a same-region replica only receives.
            if (!this.byRegion.has(args.replicationRegion)) {
                this.byRegion.set(args.replicationRegion, replica.bucket);
            }
            this.replicate(`${name}-replication`, source, replica, args.region, args.replicationRegion, args);
            if (args.twoWay) {
                // Objects written where the replica lives must leave that region too: replication both ways, each rule
                // syncing replica modifications. https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-for-metadata-changes.html
                this.replicate(`${name}-replication-back`, replica, source, args.replicationRegion, args.region, args);
            }
        }
        this.registerOutputs({
            bucketName: this.bucket.bucket,
            region: args.region,
            replicaBucketName: this.replica?.bucket,
            replicationRegion: args.replicationRegion,
            twoWay: args.replicationRegion ? args.twoWay : undefined,
            rtc: args.replicationRegion ? args.rtc : undefined,
        });
    }

    /** ARNs of the bucket services in `region` use: the bucket in its region, the replica in another, or none. */
    arnsIn(region: string): pulumi.Output<string>[] {
        const bucket = this.byRegion.get(region);
        return bucket ? [bucket.arn] : [];
    }

    /** Replication of every object from `from` to `to`, once both are versioned and set up. */
    private replicate(
        name: string,
        from: SecureBucket,
        to: SecureBucket,
        fromRegion: string,
        toRegion: string,
        args: ReplicatedBucketArgs,
    ): void {
        const { role, permissions } = this.replicationRole(name, from.bucket, to.bucket, fromRegion, toRegion, args);
        new aws.s3.BucketReplicationConfig(
            name,
            {
                region: fromRegion,
                bucket: from.bucket.id,
                role: role.arn,
                rules: [
                    {
                        id: REPLICATION_RULE_ID,
                        status: "Enabled",
                        priority: 1,
                        filter: {},
                        deleteMarkerReplication: { status: "Enabled" },
                        ...(args.keyArn || args.twoWay
                            ? {
                                  sourceSelectionCriteria: {
                                      ...(args.keyArn ? { sseKmsEncryptedObjects: { status: "Enabled" } } : {}),
                                      // Two-way: changes made to replicas flow back as well.
                                      ...(args.twoWay ? { replicaModifications: { status: "Enabled" } } : {}),
                                  },
                              }
                            : {}),
                        destination: {
                            bucket: to.bucket.arn,
                            storageClass: "STANDARD",
                            ...(args.keyArn ? { encryptionConfiguration: { replicaKmsKeyId: args.keyArn(toRegion) } } : {}),
                            // RTC must be used with its metrics; 15 minutes is the one value S3 takes.
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
            // Replication needs versioning on both sides first; waiting for every setting keeps S3 from a 409. Its role must
            // hold its permissions before the first object is written: an object that fails replication is not retried
            // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-status.html, FAILED).
            { parent: this, dependsOn: [from.ready, to.ready, permissions] },
        );
    }

    private replicationRole(
        name: string,
        source: aws.s3.Bucket,
        destination: aws.s3.Bucket,
        fromRegion: string,
        toRegion: string,
        args: ReplicatedBucketArgs,
    ): { role: aws.iam.Role; permissions: aws.iam.RolePolicy } {
        const role = new aws.iam.Role(
            name,
            {
                description: `S3 replication ${args.cell}: ${fromRegion} to ${toRegion}`,
                assumeRolePolicy: serviceTrustPolicy("s3.amazonaws.com", aws.getCallerIdentityOutput({}, { parent: this }).accountId),
                tags: args.tags,
            },
            { parent: this },
        );
        const permissions = new aws.iam.RolePolicy(
            name,
            {
                role: role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "ReadSourceConfiguration",
                            Effect: "Allow",
                            Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                            Resource: source.arn,
                        },
                        {
                            Sid: "ReadSourceVersions",
                            Effect: "Allow",
                            Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                            Resource: pulumi.interpolate`${source.arn}/*`,
                        },
                        {
                            Sid: "WriteDestination",
                            Effect: "Allow",
                            Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                            Resource: pulumi.interpolate`${destination.arn}/*`,
                        },
                        ...(args.keyArn
                            ? [
                                  { Sid: "DecryptSource", Effect: "Allow", Action: ["kms:Decrypt"], Resource: args.keyArn(fromRegion) },
                                  {
                                      Sid: "EncryptDestination",
                                      Effect: "Allow",
                                      Action: ["kms:Encrypt", "kms:GenerateDataKey"],
                                      Resource: args.keyArn(toRegion),
                                  },
                              ]
                            : []),
                    ],
                }),
            },
            { parent: this },
        );
        return { role, permissions };
    }
}

/** How a secure bucket keeps its objects. */
export interface SecureBucketSettings {
    /** The customer-managed key that encrypts its objects; absent: S3-managed keys (SSE-S3). */
    kmsKeyId?: pulumi.Input<string>;
    /** Days a noncurrent object version is kept. */
    noncurrentVersionDays: number;
    /** Statements the bucket policy grants beside denying insecure transport. */
    grants?: (bucketArn: pulumi.Output<string>) => unknown[];
    tags: Record<string, string>;
}

/**
 * A bucket and its settings, applied one after another: S3 answers 409 OperationAborted ("A conflicting
 * conditional operation is currently in progress") to concurrent changes of one bucket's configuration.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
export function secureBucket(
    parent: pulumi.Resource,
    name: string,
    bucketName: pulumi.Input<string>,
    region: string,
    settings: SecureBucketSettings,
): SecureBucket {
    const bucket = new aws.s3.Bucket(
        name,
        { region, bucket: bucketName, forceDestroy: false, tags: settings.tags },
        { parent, protect: true },
    );
    let previous: pulumi.Resource = bucket;
    const next = <R extends pulumi.Resource>(create: (opts: pulumi.CustomResourceOptions) => R): R => {
        previous = create({ parent, dependsOn: [previous] });
        return previous as R;
    };
    next(
        (o) =>
            new aws.s3.BucketOwnershipControls(
                `${name}-ownership`,
                { region, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
                o,
            ),
    );
    next(
        (o) =>
            new aws.s3.BucketPublicAccessBlock(
                `${name}-public-access`,
                {
                    region,
                    bucket: bucket.id,
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                },
                o,
            ),
    );
    next(
        (o) =>
            new aws.s3.BucketVersioning(
                `${name}-versioning`,
                { region, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
                o,
            ),
    );
    next(
        (o) =>
            new aws.s3.BucketServerSideEncryptionConfiguration(
                `${name}-encryption`,
                {
                    region,
                    bucket: bucket.id,
                    rules: [
                        settings.kmsKeyId
                            ? {
                                  applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: settings.kmsKeyId },
                                  bucketKeyEnabled: true,
                              }
                            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                    ],
                },
                o,
            ),
    );
    next(
        (o) =>
            new aws.s3.BucketLifecycleConfiguration(
                `${name}-lifecycle`,
                {
                    region,
                    bucket: bucket.id,
                    rules: [
                        {
                            // A version overwritten or deleted is kept as long as the backups keep their recovery points.
                            // https://docs.aws.amazon.com/AmazonS3/latest/API/API_NoncurrentVersionExpiration.html
                            id: "noncurrent-versions",
                            status: "Enabled",
                            filter: {},
                            noncurrentVersionExpiration: { noncurrentDays: settings.noncurrentVersionDays },
                            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                        },
                    ],
                },
                o,
            ),
    );
    next(
        (o) =>
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
                            ...(settings.grants?.(bucket.arn) ?? []),
                        ],
                    }),
                },
                o,
            ),
    );
    return { bucket, ready: previous };
}
