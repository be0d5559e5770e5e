import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ReplicatedTableArgs {
    /** Physical table name, the same in every replica region. */
    tableName: string;
    /** Region of the table itself. */
    region: string;
    /** Regions of the global table's replicas; empty for a single-region table. */
    replicaRegions: string[];
    /** The customer-managed key for the table's data in a region. */
    keyArn: (region: string) => pulumi.Input<string>;
    /** The six DR tags, propagated to every replica. */
    tags: Record<string, string>;
}

/**
 * A DynamoDB table with point-in-time recovery, customer-key encryption and deletion protection,
 * replicated as a global table (version 2019.11.21) to each replica region with the same guarantees.
 */
export class ReplicatedTable extends pulumi.ComponentResource {
    readonly table: aws.dynamodb.Table;
    /** Physical name, the same in every region. */
    readonly tableName: string;
    /** The table's region and its replicas'. */
    readonly regions: string[];

    constructor(name: string, args: ReplicatedTableArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:data:ReplicatedTable", name, {}, opts);
        this.tableName = args.tableName;
        this.regions = [args.region, ...args.replicaRegions];
        this.table = new aws.dynamodb.Table(
            name,
            {
                region: args.region,
                name: args.tableName,
                billingMode: "PAY_PER_REQUEST",
                hashKey: "id",
                attributes: [{ name: "id", type: "S" }],
                pointInTimeRecovery: { enabled: true },
                serverSideEncryption: { enabled: true, kmsKeyArn: args.keyArn(args.region) },
                deletionProtectionEnabled: true,
                // Global tables replicate through the table's stream.
                streamEnabled: args.replicaRegions.length > 0,
                streamViewType: args.replicaRegions.length > 0 ? "NEW_AND_OLD_IMAGES" : undefined,
                replicas: args.replicaRegions.map((region) => ({
                    regionName: region,
                    kmsKeyArn: args.keyArn(region),
                    pointInTimeRecovery: true,
                    deletionProtectionEnabled: true,
                    propagateTags: true,
                })),
                tags: args.tags,
            },
            { parent: this, protect: true },
        );
        this.registerOutputs({ tableName: args.tableName, region: args.region, replicaRegions: args.replicaRegions });
    }
}
