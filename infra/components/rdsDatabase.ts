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

export type RdsDatabaseArgs = DatabaseArgs;

/** Tiers that keep the data live in the DR region: a read replica there to promote. */
const REPLICA_TIERS: readonly Tier[] = ["active-active", "warm-standby", "pilot-light"];

const ALLOCATED_GB = 100;

/**
 * An RDS database (PostgreSQL or MySQL): a multi-AZ instance (a synchronous standby in another zone),
 * encrypted with the region's data key, deletion-protected, with automated backups, IAM authentication
 * and no public access, in the cell's private subnets; a cross-region read replica in each replica region
 * for the tiers that keep one, promoted on disaster; and its automated backups (snapshots and transaction
 * logs) replicated to those regions, restorable to a point in time there.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html
 */
export class RdsDatabase extends pulumi.ComponentResource {
    readonly primary: aws.rds.Instance;
    readonly replicas: aws.rds.Instance[] = [];
    /** Its subnet group and security group in each of its regions. */
    readonly placements = new Map<string, Placement>();

    constructor(name: string, args: RdsDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:data:RdsDatabase", name, {}, opts);
        const home = args.region;
        const cellOf = (region: string) => cellIn(`RdsDatabase ${name}`, args, region);
        const keep = { parent: this, protect: true, retainOnDelete: true };
        const engineVersion = ENGINE_VERSIONS[args.engine];
        const replicaRegions = REPLICA_TIERS.includes(args.tier) ? args.replicaRegions : [];
        const common = {
            engine: args.engine,
            engineVersion,
            instanceClass: args.instanceClass,
            storageEncrypted: true,
            deletionProtection: true,
            backupRetentionPeriod: args.backupRetentionDays,
            copyTagsToSnapshot: true,
            iamDatabaseAuthenticationEnabled: true,
            publiclyAccessible: false,
            tags: args.tags,
        };
        const homePlace = placeIn(`${name}-${home}`, cellOf(home), args.engine, args.tags, this);
        this.placements.set(home, homePlace);

        // RDS manages no master password for an instance that feeds a read replica (except SQL Server): generated then.
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
        const credentials =
            replicaRegions.length > 0
                ? generatedCredentials(
                      name,
                      { region: home, replicaRegions, engine: args.engine, keyArn: args.keyArn, tags: args.tags },
                      this,
                  )
                : undefined;
        this.primary = new aws.rds.Instance(
            name,
            {
                ...common,
                region: home,
                identifier: dbIdentifier([args.cell, name, home]),
                allocatedStorage: ALLOCATED_GB,
                storageType: "gp3",
                multiAz: true,
                kmsKeyId: args.keyArn(home),
                username: MASTER_USERNAME,
                ...(credentials
                    ? { password: credentials.password }
                    : { manageMasterUserPassword: true, masterUserSecretKmsKeyId: args.keyArn(home) }),
                dbSubnetGroupName: homePlace.subnetGroup.name,
                vpcSecurityGroupIds: [homePlace.securityGroup.id],
                finalSnapshotIdentifier: dbIdentifier([args.cell, name, home, "final"]),
            },
            keep,
        );
        const secretArn = credentials
            ? credentials.secret.arn
            : this.primary.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn ?? "");
        grantSecret(`${name}-${home}-secret`, cellOf(home), secretArn, args.keyArn(home), this);

        for (const region of replicaRegions) {
            const place = placeIn(`${name}-${region}`, cellOf(region), args.engine, args.tags, this);
            this.placements.set(region, place);
            this.replicas.push(
                new aws.rds.Instance(
                    `${name}-${region}`,
                    {
                        ...common,
                        region,
                        identifier: dbIdentifier([args.cell, name, region]),
                        // A cross-region replica names its source by ARN, and is encrypted with a key of its own region.
                        replicateSourceDb: this.primary.arn,
                        kmsKeyId: args.keyArn(region),
                        dbSubnetGroupName: place.subnetGroup.name,
                        vpcSecurityGroupIds: [place.securityGroup.id],
                        skipFinalSnapshot: true,
                    },
                    keep,
                ),
            );
            if (credentials) {
                grantSecret(
                    `${name}-${region}-secret`,
                    cellOf(region),
                    secretArnIn(credentials.secret.arn, home, region),
                    args.keyArn(region),
                    this,
                );
            }
        }
        for (const region of args.replicaRegions) {
            // Created in the destination region, under its key.
            new aws.rds.InstanceAutomatedBackupsReplication(
                `${name}-backups-${region}`,
                { region, sourceDbInstanceArn: this.primary.arn, kmsKeyId: args.keyArn(region), retentionPeriod: args.backupRetentionDays },
                { parent: this },
            );
        }

        this.registerOutputs({
            primaryIdentifier: this.primary.identifier,
            replicaIdentifiers: this.replicas.map((r) => r.identifier),
            secretArn,
        });
    }
}
