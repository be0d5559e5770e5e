import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { grantSecret, secretArnIn, serviceOnlySecurityGroup } from "../databases";
import { cacheGroupId } from "../names";
import { RegionalCell } from "./regionalCell";

export interface SessionCacheArgs {
    /** Stack name, part of every identifier. */
    cell: string;
    /** Home region: the primary replication group, which takes writes. */
    region: string;
    /** Region of the global datastore's secondary; absent: a regional replication group alone. */
    secondaryRegion?: string;
    /** Node type of every node, in every region: a global datastore's members share it. */
    nodeType: string;
    /** Read replicas beside the primary node, in each region (at least 1: Multi-AZ fails over to one). */
    replicas: number;
    /** Days of daily automatic snapshots, 1-35. */
    snapshotRetentionDays: number;
    /** The cell's region by region: its private subnets, its service. */
    cells: ReadonlyMap<string, RegionalCell>;
    /** The data key of each region. */
    keyArn: (region: string) => pulumi.Input<string>;
    /** The DR tags (and classification) of the cache. */
    tags: Record<string, string>;
}

/** Valkey's port, and the version pinned on every member (a global datastore takes Valkey 7.2 or later). */
const PORT = 6379;
const ENGINE_VERSION = "7.2";

/**
 * The cell's session cache: a Valkey replication group in the home region — encrypted at rest with the region's data
 * key and in transit, AUTH token required, a replica in another zone with automatic failover (Multi-AZ), in the cell's
 * private subnets behind a security group that admits only the cell's service — and, with a secondary region, a global
 * datastore whose read-only secondary there replicates asynchronously. A region loss needs the secondary promoted
 * (FailoverGlobalReplicationGroup): the cell's FailoverPlan does it. A global datastore's members share node type,
 * engine and version, take Valkey 7.2+ or Redis OSS 5.0.6+ on M5, M6g, M7g, R5, R6g, R6gd, R7g or C7gn nodes, large or
 * bigger (dr:sessionCache.nodeType's rule), and a secondary inherits Multi-AZ and automatic failover from the primary.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html
 */
export class SessionCache extends pulumi.ComponentResource {
    readonly primary: aws.elasticache.ReplicationGroup;
    readonly globalDatastore?: aws.elasticache.GlobalReplicationGroup;
    /** The secondary in `secondaryRegion`, when there is one. */
    readonly secondary?: aws.elasticache.ReplicationGroup;
    /** The global datastore's suffix, known before deployment: how the failover plan names what it promotes. */
    readonly datastoreSuffix: string;

    constructor(name: string, args: SessionCacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:data:SessionCache", name, {}, opts);
        const home = args.region;
        // Sessions are state: protected and retained like every store.
        const keep = { parent: this, protect: true, retainOnDelete: true };
        this.datastoreSuffix = cacheGroupId([args.cell, name]);

        // AUTH: one token for every member (the secondary answers with the primary's data), a Pulumi secret kept in
        // Secrets Manager and replicated to where the service runs after a failover. Letters and digits only: AUTH
        // takes 16-128 printable characters but @, " and /. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html
        const token = new random.RandomPassword(`${name}-auth`, { length: 64, special: false }, { parent: this });
        const secret = new aws.secretsmanager.Secret(
            `${name}-auth`,
            {
                region: home,
                description: `AUTH token of the session cache of DR cell ${args.cell}`,
                kmsKeyId: args.keyArn(home),
                replicas: args.secondaryRegion ? [{ region: args.secondaryRegion, kmsKeyId: args.keyArn(args.secondaryRegion) }] : [],
                recoveryWindowInDays: 30,
                tags: args.tags,
            },
            // Kept with the cache it opens: a destroy retains the cache, and its token with it.
            { parent: this, retainOnDelete: true },
        );
        new aws.secretsmanager.SecretVersion(
            `${name}-auth`,
            { region: home, secretId: secret.id, secretString: pulumi.jsonStringify({ authToken: token.result, port: PORT }) },
            { parent: this },
        );

        const common = {
            description: `Sessions of DR cell ${args.cell}`,
            port: PORT,
            numCacheClusters: args.replicas + 1,
            tags: args.tags,
        };
        const homePlace = this.placeIn(`${name}-${home}`, args, home);
        this.primary = new aws.elasticache.ReplicationGroup(
            name,
            {
                ...common,
                region: home,
                replicationGroupId: cacheGroupId([args.cell, name, home]),
                engine: "valkey",
                engineVersion: ENGINE_VERSION,
                nodeType: args.nodeType,
                // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
                atRestEncryptionEnabled: true,
                // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
                transitEncryptionEnabled: true,
                authToken: token.result,
                kmsKeyId: args.keyArn(home),
                // A replica in another zone takes over when the primary node's zone fails.
                // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html
                automaticFailoverEnabled: true,
                multiAzEnabled: true,
                subnetGroupName: homePlace.subnetGroup.name,
                securityGroupIds: [homePlace.securityGroup.id],
                snapshotRetentionLimit: args.snapshotRetentionDays,
                finalSnapshotIdentifier: cacheGroupId([args.cell, name, home, "final"]),
            },
            keep,
        );

        if (args.secondaryRegion) {
            const region = args.secondaryRegion;
            this.globalDatastore = new aws.elasticache.GlobalReplicationGroup(
                name,
                {
                    region: home,
                    globalReplicationGroupIdSuffix: this.datastoreSuffix,
                    globalReplicationGroupDescription: `Sessions of DR cell ${args.cell}, replicated to ${region}`,
                    // Built from the primary's id: the global datastore waits for the primary, the secondary for it.
                    primaryReplicationGroupId: this.primary.id,
                },
                keep,
            );
            const place = this.placeIn(`${name}-${region}`, args, region);
            // A secondary takes engine, version, node type, encryption in transit and at rest (and so AUTH) from the
            // global datastore: the provider refuses those inputs beside globalReplicationGroupId (its schema's
            // ConflictsWith, terraform-provider-aws internal/service/elasticache/replication_group.go). It inherits
            // Multi-AZ and automatic failover from the primary, set here too so that no update turns them off; it
            // takes its own region's key.
            // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html
            // https://www.pulumi.com/registry/packages/aws/api-docs/elasticache/globalreplicationgroup/
            this.secondary = new aws.elasticache.ReplicationGroup(
                `${name}-${region}`,
                {
                    ...common,
                    region,
                    replicationGroupId: cacheGroupId([args.cell, name, region]),
                    globalReplicationGroupId: this.globalDatastore.globalReplicationGroupId,
                    kmsKeyId: args.keyArn(region),
                    automaticFailoverEnabled: true,
                    multiAzEnabled: true,
                    subnetGroupName: place.subnetGroup.name,
                    securityGroupIds: [place.securityGroup.id],
                    // Taken if the secondary is ever deleted on its own, once disassociated (then it is a store of its own).
                    finalSnapshotIdentifier: cacheGroupId([args.cell, name, region, "final"]),
                },
                keep,
            );
        }

        for (const region of [home, args.secondaryRegion].filter((r): r is string => r !== undefined)) {
            const cell = args.cells.get(region)!;
            grantSecret(
                `${name}-${region}-auth`,
                cell,
                region === home ? secret.arn : secretArnIn(secret.arn, home, region),
                args.keyArn(region),
                this,
            );
        }

        this.registerOutputs({
            primaryReplicationGroupId: this.primary.replicationGroupId,
            globalReplicationGroupId: this.globalDatastore?.globalReplicationGroupId,
            secondaryReplicationGroupId: this.secondary?.replicationGroupId,
            secretArn: secret.arn,
        });
    }

    /** The cache's subnet group over the cell's private subnets of `region`, and a security group admitting only the cell's service there. */
    private placeIn(name: string, args: SessionCacheArgs, region: string) {
        const cell = args.cells.get(region);
        if (!cell) {
            throw new Error(`SessionCache ${name}: the cell has no network in ${region} to put a cache in`);
        }
        const parent = { parent: this };
        const subnetGroup = new aws.elasticache.SubnetGroup(
            name,
            {
                region,
                name: cacheGroupId([name]),
                description: "The cell's private subnets",
                subnetIds: cell.privateSubnetIds,
                tags: args.tags,
            },
            parent,
        );
        const securityGroup = serviceOnlySecurityGroup(name, cell, {
            port: PORT,
            description: "Session cache: only from the service of its cell",
            egressName: `${name}-service-to-cache`,
            tags: args.tags,
            parent: this,
        });
        return { subnetGroup, securityGroup };
    }
}
