import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DatabaseEngine, Tier } from "../policies/catalog";
import { RegionalCell } from "./components/regionalCell";
import { awsName } from "./names";

/**
 * What both database components share: where a database sits in a cell (private subnets, a security group
 * that admits only the service), its credentials in Secrets Manager, and the service's right to read them.
 */

/**
 * Engine versions that every region the stacks use offers for Aurora global databases, pinned so a primary
 * and its secondaries run exactly the same one (a managed failover needs the same major, minor and patch).
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html
 */
export const ENGINE_VERSIONS: Record<DatabaseEngine, string> = {
    "aurora-postgresql": "16.4",
    "aurora-mysql": "8.0.mysql_aurora.3.05.2",
    postgres: "16.4",
    mysql: "8.0.39",
};

export const PORTS: Record<DatabaseEngine, number> = { "aurora-postgresql": 5432, postgres: 5432, "aurora-mysql": 3306, mysql: 3306 };

/** The master user: the same name on every engine (`admin` and `postgres` are reserved on some). */
export const MASTER_USERNAME = "dr_admin";

/** What either database component is given: where it runs, how long it keeps backups, its keys and tags. */
export interface DatabaseArgs {
    /** Stack name, part of every identifier. */
    cell: string;
    /** The engine: Aurora for AuroraDatabase, postgres or mysql for RdsDatabase. */
    engine: DatabaseEngine;
    /** The instances' class; an Aurora global database needs a memory-optimized one. */
    instanceClass: string;
    /** The cell's tier: what runs in the replica regions (readers, a read replica, or nothing). */
    tier: Tier;
    /** Home region, where the database takes writes. */
    region: string;
    /** Regions of its secondaries or read replicas: none makes it regional. */
    replicaRegions: string[];
    /** Days of automated backups (point-in-time restore), 1-35. */
    backupRetentionDays: number;
    /** The cell's region by region: its private subnets, its service. */
    cells: ReadonlyMap<string, RegionalCell>;
    /** The data key of each region. */
    keyArn: (region: string) => pulumi.Input<string>;
    /** The DR tags (and classification) of the database. */
    tags: Record<string, string>;
}

/** The cell's network in `region`, which a database there needs. */
export function cellIn(component: string, args: DatabaseArgs, region: string): RegionalCell {
    const cell = args.cells.get(region);
    if (!cell) {
        throw new Error(`${component}: the cell has no network in ${region} to put a database in`);
    }
    return cell;
}

/** A database's place in one region of its cell. */
export interface Placement {
    subnetGroup: aws.rds.SubnetGroup;
    securityGroup: aws.ec2.SecurityGroup;
}

/**
 * A DB subnet group over the cell's private subnets, and a security group that admits only the cell's
 * service, on the engine's port (and lets the service reach it: its own egress is HTTPS only otherwise).
 */
export function placeIn(
    name: string,
    cell: RegionalCell,
    engine: DatabaseEngine,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): Placement {
    const region = cell.region;
    const opts = { parent };
    const port = PORTS[engine];
    const subnetGroup = new aws.rds.SubnetGroup(
        name,
        {
            region,
            name: awsName([name], { max: 255, allowed: /[a-z0-9-]/, separator: "-", lowerCase: true }),
            subnetIds: cell.privateSubnetIds,
            tags,
        },
        opts,
    );
    const securityGroup = serviceOnlySecurityGroup(name, cell, {
        port,
        description: "Database: only from the service of its cell",
        egressName: `${name}-service-to-db`,
        tags,
        parent,
    });
    return { subnetGroup, securityGroup };
}

/**
 * A security group in the cell's VPC that admits only the cell's service on `port`, and the service's egress rule to
 * it (the service's own egress is HTTPS only otherwise): a data store's, reachable by nothing else.
 */
export function serviceOnlySecurityGroup(
    name: string,
    cell: RegionalCell,
    args: { port: number; description: string; egressName: string; tags: Record<string, string>; parent: pulumi.Resource },
): aws.ec2.SecurityGroup {
    const region = cell.region;
    const opts = { parent: args.parent };
    const securityGroup = new aws.ec2.SecurityGroup(
        name,
        { region, vpcId: cell.vpcId, description: args.description, tags: args.tags },
        opts,
    );
    if (cell.serviceSecurityGroup) {
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-from-service`,
            {
                region,
                securityGroupId: securityGroup.id,
                ipProtocol: "tcp",
                fromPort: args.port,
                toPort: args.port,
                referencedSecurityGroupId: cell.serviceSecurityGroup.id,
            },
            opts,
        );
        new aws.vpc.SecurityGroupEgressRule(
            args.egressName,
            {
                region,
                securityGroupId: cell.serviceSecurityGroup.id,
                ipProtocol: "tcp",
                fromPort: args.port,
                toPort: args.port,
                referencedSecurityGroupId: securityGroup.id,
            },
            opts,
        );
    }
    return securityGroup;
}

/**
 * A generated master password, a Pulumi secret (so state holds it encrypted), kept in a Secrets Manager
 * secret under the home data key and replicated, each copy under its region's key, to where the service
 * runs after a failover. For what AWS cannot manage itself: a cluster in a global database, or an instance
 * that feeds a read replica. https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html
 */
export function generatedCredentials(
    name: string,
    args: {
        region: string;
        replicaRegions: string[];
        engine: DatabaseEngine;
        keyArn: (region: string) => pulumi.Input<string>;
        tags: Record<string, string>;
    },
    parent: pulumi.Resource,
): { password: pulumi.Output<string>; secret: aws.secretsmanager.Secret } {
    const opts = { parent };
    // RDS master passwords may not hold /, ", @ or a space.
    const password = new random.RandomPassword(
        `${name}-master`,
        { length: 32, special: true, overrideSpecial: "!#$%^&*()-_=+[]{}<>:?" },
        opts,
    );
    const secret = new aws.secretsmanager.Secret(
        `${name}-master`,
        {
            region: args.region,
            description: `Master credentials of database ${name}`,
            kmsKeyId: args.keyArn(args.region),
            replicas: args.replicaRegions.map((region) => ({ region, kmsKeyId: args.keyArn(region) })),
            recoveryWindowInDays: 30,
            tags: args.tags,
        },
        opts,
    );
    new aws.secretsmanager.SecretVersion(
        `${name}-master`,
        {
            region: args.region,
            secretId: secret.id,
            secretString: pulumi.jsonStringify({
                username: MASTER_USERNAME,
                password: password.result,
                engine: args.engine,
                port: PORTS[args.engine],
            }),
        },
        opts,
    );
    return { password: password.result, secret };
}

/** A replica of a Secrets Manager secret keeps the primary's name: its ARN differs only in the region. */
export function secretArnIn(primaryArn: pulumi.Input<string>, home: string, region: string): pulumi.Output<string> {
    return pulumi.output(primaryArn).apply((arn) => arn.replace(`:secretsmanager:${home}:`, `:secretsmanager:${region}:`));
}

/** Lets the cell's service read the database's secret in its region, and decrypt it. */
export function grantSecret(
    name: string,
    cell: RegionalCell,
    secretArn: pulumi.Input<string>,
    keyArn: pulumi.Input<string>,
    parent: pulumi.Resource,
): void {
    if (!cell.taskRole) {
        return;
    }
    new aws.iam.RolePolicy(
        name,
        {
            role: cell.taskRole.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "DatabaseSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secretArn },
                    { Sid: "DatabaseSecretKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: keyArn },
                ],
            }),
        },
        { parent },
    );
}
