import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Tier } from "../../policies/catalog";
import {
    DatabaseArgs,
    ENGINE_VERSIONS,
    MASTER_USERNAME,
    Placement,
    cellIn,
    generatedCredentials,
    grantSecret,
    placeIn,
    secretArnIn,
} from "../databases";
import { dbIdentifier } from "../names";

export type AuroraDatabaseArgs = DatabaseArgs;

/** Readers a secondary runs: enough to serve reads where its cell serves, none (headless) where it waits. */
const SECONDARY_READERS: Record<Tier, number> = { "active-active": 2, "warm-standby": 1, "pilot-light": 0, "backup-restore": 0 };

/**
 * An Aurora database: a global database — a global cluster, the primary cluster in the home region
 * (writer and reader in two zones) and a secondary cluster in each replica region, readers per the tier or
 * headless — or, with no replica region, a regional cluster. Encrypted with each region's data key,
 * deletion-protected, with automated backups, IAM authentication, no public access, in the cell's private
 * subnets behind a security group that admits only the service. Secondaries replicate "with latency
 * typically under a second"; a region loss needs a managed failover (FailoverGlobalCluster).
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
 */
export class AuroraDatabase extends pulumi.ComponentResource {
    readonly primary: aws.rds.Cluster;
    readonly secondaries: aws.rds.Cluster[] = [];
    /** The global cluster, when the database has secondaries. */
    readonly globalCluster?: aws.rds.GlobalCluster;
    /** DB instances each secondary runs: none is headless (an instance must be added before it can take over). */
    readonly secondaryReaders: number;
    /** Whether services in a secondary's region write through it (global write forwarding): an active-active peer writes. */
    readonly writeForwarding: boolean;
    /** Its subnet group and security group in each of its regions. */
    readonly placements = new Map<string, Placement>();

    constructor(name: string, args: AuroraDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:data:AuroraDatabase", name, {}, opts);
        const home = args.region;
        const id = dbIdentifier([args.cell, name]);
        const cellOf = (region: string) => cellIn(`AuroraDatabase ${name}`, args, region);
        // Losing the database loses the data: protected and retained, and deletion-protected in AWS.
        const keep = { parent: this, protect: true, retainOnDelete: true };
        const engineVersion = ENGINE_VERSIONS[args.engine];
        const common = {
            engine: args.engine,
            engineVersion,
            storageEncrypted: true,
            deletionProtection: true,
            backupRetentionPeriod: args.backupRetentionDays,
            copyTagsToSnapshot: true,
            iamDatabaseAuthenticationEnabled: true,
            tags: args.tags,
        };
        const homePlace = placeIn(`${name}-${home}`, cellOf(home), args.engine, args.tags, this);
        this.placements.set(home, homePlace);
        const global = args.replicaRegions.length > 0;
        this.secondaryReaders = SECONDARY_READERS[args.tier];
        this.writeForwarding = args.tier === "active-active" && this.secondaryReaders > 0;

        let globalCluster: aws.rds.GlobalCluster | undefined;
        let secretArn: pulumi.Input<string>;
        if (global) {
            this.globalCluster = globalCluster = new aws.rds.GlobalCluster(
                name,
                {
                    region: home,
                    globalClusterIdentifier: id,
                    engine: args.engine,
                    engineVersion,
                    storageEncrypted: true,
                    deletionProtection: true,
                },
                keep,
            );
            // AWS manages no master password for a cluster in a global database: generated, in Secrets Manager.
            const credentials = generatedCredentials(
                name,
                { region: home, replicaRegions: args.replicaRegions, engine: args.engine, keyArn: args.keyArn, tags: args.tags },
                this,
            );
            secretArn = credentials.secret.arn;
            this.primary = new aws.rds.Cluster(
                name,
                {
                    ...common,
                    region: home,
                    clusterIdentifier: dbIdentifier([args.cell, name, home]),
                    globalClusterIdentifier: globalCluster.id,
                    masterUsername: MASTER_USERNAME,
                    masterPassword: credentials.password,
                    kmsKeyId: args.keyArn(home),
                    dbSubnetGroupName: homePlace.subnetGroup.name,
                    vpcSecurityGroupIds: [homePlace.securityGroup.id],
                    finalSnapshotIdentifier: dbIdentifier([args.cell, name, home, "final"]),
                },
                keep,
            );
        } else {
            this.primary = new aws.rds.Cluster(
                name,
                {
                    ...common,
                    region: home,
                    clusterIdentifier: dbIdentifier([args.cell, name, home]),
                    masterUsername: MASTER_USERNAME,
                    // A standalone cluster: RDS keeps and rotates the password in Secrets Manager, under the data key.
                    manageMasterUserPassword: true,
                    masterUserSecretKmsKeyId: args.keyArn(home),
                    kmsKeyId: args.keyArn(home),
                    dbSubnetGroupName: homePlace.subnetGroup.name,
                    vpcSecurityGroupIds: [homePlace.securityGroup.id],
                    finalSnapshotIdentifier: dbIdentifier([args.cell, name, home, "final"]),
                },
                keep,
            );
            secretArn = this.primary.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn ?? "");
        }
        // Writer and reader: Aurora places them in the subnet group's two zones and fails over to the reader.
        const primaryInstances = [1, 2].map(
            (n) =>
                new aws.rds.ClusterInstance(
                    `${name}-${home}-${n}`,
                    {
                        region: home,
                        identifier: dbIdentifier([args.cell, name, home, String(n)]),
                        clusterIdentifier: this.primary.id,
                        instanceClass: args.instanceClass,
                        engine: args.engine,
                        engineVersion,
                        publiclyAccessible: false,
                        dbSubnetGroupName: homePlace.subnetGroup.name,
                        tags: args.tags,
                    },
                    { parent: this },
                ),
        );
        grantSecret(`${name}-${home}-secret`, cellOf(home), secretArn, args.keyArn(home), this);

        for (const region of args.replicaRegions) {
            const place = placeIn(`${name}-${region}`, cellOf(region), args.engine, args.tags, this);
            this.placements.set(region, place);
            // Aurora MySQL forwards writes only once aurora_replica_read_consistency is set ("If you don't, then Aurora doesn't
            // forward writes"); Aurora PostgreSQL's apg_write_forward.consistency_mode defaults to SESSION.
            // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-ams.html
            const forwardingParameters =
                this.writeForwarding && args.engine === "aurora-mysql"
                    ? new aws.rds.ClusterParameterGroup(
                          `${name}-${region}-forwarding`,
                          {
                              region,
                              family: "aurora-mysql8.0",
                              description: "Global write forwarding with session consistency",
                              parameters: [{ name: "aurora_replica_read_consistency", value: "SESSION" }],
                              tags: args.tags,
                          },
                          { parent: this },
                      )
                    : undefined;
            const secondary = new aws.rds.Cluster(
                `${name}-${region}`,
                {
                    ...common,
                    region,
                    clusterIdentifier: dbIdentifier([args.cell, name, region]),
                    globalClusterIdentifier: globalCluster!.id,
                    // No credentials: a secondary takes the primary's ("Cannot specify password for cross region replication cluster").
                    sourceRegion: home,
                    kmsKeyId: args.keyArn(region),
                    dbSubnetGroupName: place.subnetGroup.name,
                    vpcSecurityGroupIds: [place.securityGroup.id],
                    // A secondary takes no final snapshot of its own: the primary's is the data's.
                    skipFinalSnapshot: true,
                    // An active-active peer's service writes here: forwarded to the primary, which Aurora PostgreSQL 16 (all
                    // minor versions) and Aurora MySQL 2.08.1+ support.
                    // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html
                    enableGlobalWriteForwarding: this.writeForwarding,
                    dbClusterParameterGroupName: forwardingParameters?.name,
                },
                // AWS's documented order, and the provider's: a secondary joins once the primary has an instance; it sets
                // replicationSourceIdentifier itself, which Pulumi must not undo (that would promote it).
                // https://www.pulumi.com/registry/packages/aws/api-docs/rds/globalcluster/
                { ...keep, dependsOn: primaryInstances, ignoreChanges: ["replicationSourceIdentifier"] },
            );
            this.secondaries.push(secondary);
            for (let n = 1; n <= this.secondaryReaders; n++) {
                new aws.rds.ClusterInstance(
                    `${name}-${region}-${n}`,
                    {
                        region,
                        identifier: dbIdentifier([args.cell, name, region, String(n)]),
                        clusterIdentifier: secondary.id,
                        instanceClass: args.instanceClass,
                        engine: args.engine,
                        engineVersion,
                        publiclyAccessible: false,
                        dbSubnetGroupName: place.subnetGroup.name,
                        tags: args.tags,
                    },
                    { parent: this },
                );
            }
            grantSecret(`${name}-${region}-secret`, cellOf(region), secretArnIn(secretArn, home, region), args.keyArn(region), this);
        }

        this.registerOutputs({
            globalClusterIdentifier: globalCluster?.id,
            primaryClusterIdentifier: this.primary.clusterIdentifier,
            secondaryClusterIdentifiers: this.secondaries.map((s) => s.clusterIdentifier),
            secretArn,
        });
    }
}
