/**
 * The DR tags every stateful resource carries: the contract between the program and the policy pack,
 * also real AWS tags used by Backup selections and drift runs.
 */
export const DR_TAGS = {
    cell: "dr:cell",
    tier: "dr:tier",
    rto: "dr:rto",
    rpo: "dr:rpo",
    classification: "dr:classification",
    residency: "dr:residency",
} as const;

export const DR_TAG_KEYS: readonly string[] = Object.values(DR_TAGS);

/** Resource types that hold data: each must be classified before its recovery can be judged. */
export const STATEFUL_TYPES: readonly string[] = [
    "aws:dynamodb/table:Table",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:rds/cluster:Cluster",
    "aws:rds/instance:Instance",
    "aws:ebs/volume:Volume",
    "aws:efs/fileSystem:FileSystem",
];

export function isStatefulType(type: string): boolean {
    return STATEFUL_TYPES.includes(type);
}
