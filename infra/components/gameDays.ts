import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DR_TAGS, GAME_DAY_TAG, GameDayName, faultSeconds, isoDuration } from "../../policies/catalog";
import { serviceTrustPolicy } from "../iam";
import { FAULT_TARGET_TAGS, FaultTargetTag } from "../tags";

/** A database of the home region whose writer a game day fails over to another zone. */
export interface GameDayDatabase {
    /** An Aurora cluster, or a Multi-AZ RDS instance. */
    kind: "cluster" | "instance";
    /** The cluster or instance identifier, which the targets filter on. */
    identifier: pulumi.Input<string>;
    arn: pulumi.Input<string>;
}

export interface GameDaysArgs {
    /** Stack name: every target must also carry its `dr:cell` tag, so no experiment reaches another cell. */
    cell: string;
    /** Where every experiment runs: the home region. */
    homeRegion: string;
    /** The cell's other region, which the region-cut game day isolates the home region from; absent: no such game day. */
    drRegion?: string;
    /** The zones of the home region's network: a power-interruption game day for each. */
    zones: pulumi.Input<string>[];
    /** The home region's service (its cluster ARN and service name), whose tasks the task-loss game day stops; absent where none runs. */
    service?: { clusterArn: pulumi.Input<string>; serviceName: pulumi.Input<string> };
    /** The home region's databases. */
    databases: GameDayDatabase[];
    /** The home region's load balancer (its `arnSuffix`), whose errors stop every game day. */
    loadBalancerArnSuffix: pulumi.Input<string>;
    /** The region scope's RTO target, in seconds: the region cut lasts twice as long. */
    regionRtoSeconds?: number;
    /** The zone scope's RTO target, in seconds: a zone's outage lasts twice as long, and errors this long stop a game day. */
    zoneRtoSeconds?: number;
    /** Where the home region's alarms go (`OnCall.destinations`). */
    destinations: pulumi.Input<string>[];
    tags: Record<string, string>;
}

/** One experiment template as built: its parts, before the role and stop condition every template shares. */
interface Experiment {
    name: GameDayName;
    /** A suffix for templates of one game day, e.g. the zone. */
    variant?: string;
    description: string;
    targets: aws.types.input.fis.ExperimentTemplateTarget[];
    actions: aws.types.input.fis.ExperimentTemplateAction[];
    /** Whether an action that finds no target is skipped rather than failing the experiment (a writer in another zone). */
    skipEmptyTargets?: boolean;
    /** What the experiment's role may do: the permissions AWS FIS lists for its actions, no more. */
    statements: (scope: Scope) => unknown[];
}

/** The region and account every permission is scoped to. */
interface Scope {
    arn: (service: string, resource: string) => pulumi.Output<string>;
}

/** AWS FIS's experiment role trust: the service, for this account only. https://docs.aws.amazon.com/fis/latest/userguide/getting-started-iam-service-role.html */
const FIS_SERVICE = "fis.amazonaws.com";

/** Tag key and value, as FIS targets take them. */
function targetTags(cell: string, ...tags: FaultTargetTag[]): aws.types.input.fis.ExperimentTemplateTargetResourceTag[] {
    return [{ key: DR_TAGS.cell, value: cell }, ...tags];
}

/**
 * What FIS may do to cut subnets off: AWS's policy for the Cross-Region: Connectivity scenario's subnet action, scoped to the
 * home region and account. Resources FIS creates for the experiment carry `managedByFIS=true`, and only those it may change.
 * https://docs.aws.amazon.com/fis/latest/userguide/cross-region-scenario.html
 * https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#route-table-disrupt-cross-region-connectivity
 */
function regionCutStatements({ arn }: Scope): unknown[] {
    const byFis = { StringEquals: { "aws:RequestTag/managedByFIS": "true" } };
    const fisOwned = { StringEquals: { "ec2:ResourceTag/managedByFIS": "true" } };
    const tagOnCreate = (action: string) => ({ StringEquals: { "ec2:CreateAction": action, "aws:RequestTag/managedByFIS": "true" } });
    const allow = (Sid: string, Action: string | string[], Resource: unknown, Condition?: object) => ({
        Sid,
        Effect: "Allow",
        Action,
        Resource,
        ...(Condition ? { Condition } : {}),
    });
    return [
        allow("CreateRouteTable", "ec2:CreateRouteTable", arn("ec2", "route-table/*"), byFis),
        allow("CreateRouteTableInVpc", "ec2:CreateRouteTable", arn("ec2", "vpc/*")),
        allow("TagRouteTable", "ec2:CreateTags", arn("ec2", "route-table/*"), tagOnCreate("CreateRouteTable")),
        allow("TagNetworkInterface", "ec2:CreateTags", arn("ec2", "network-interface/*"), tagOnCreate("CreateNetworkInterface")),
        allow("TagPrefixList", "ec2:CreateTags", arn("ec2", "prefix-list/*"), tagOnCreate("CreateManagedPrefixList")),
        allow("DeleteRouteTable", "ec2:DeleteRouteTable", [arn("ec2", "route-table/*"), arn("ec2", "vpc/*")], fisOwned),
        allow("CreateRoute", "ec2:CreateRoute", arn("ec2", "route-table/*"), fisOwned),
        allow("CreateNetworkInterface", "ec2:CreateNetworkInterface", arn("ec2", "network-interface/*"), byFis),
        allow("CreateNetworkInterfaceInSubnet", "ec2:CreateNetworkInterface", [arn("ec2", "subnet/*"), arn("ec2", "security-group/*")]),
        allow("DeleteNetworkInterface", "ec2:DeleteNetworkInterface", arn("ec2", "network-interface/*"), fisOwned),
        allow("CreatePrefixList", "ec2:CreateManagedPrefixList", arn("ec2", "prefix-list/*"), byFis),
        allow("ChangeFisPrefixLists", ["ec2:DeleteManagedPrefixList", "ec2:ModifyManagedPrefixList"], arn("ec2", "prefix-list/*"), {
            StringEquals: { "aws:ResourceTag/managedByFIS": "true" },
        }),
        allow("ReadPrefixLists", "ec2:GetManagedPrefixListEntries", arn("ec2", "prefix-list/*")),
        allow(
            "SwapRouteTables",
            ["ec2:AssociateRouteTable", "ec2:ReplaceRouteTableAssociation"],
            [arn("ec2", "subnet/*"), arn("ec2", "route-table/*")],
        ),
        allow("RestoreRouteTables", "ec2:DisassociateRouteTable", arn("ec2", "route-table/*"), fisOwned),
        allow("RestoreRouteTablesOnSubnet", "ec2:DisassociateRouteTable", arn("ec2", "subnet/*")),
        allow("MoveEndpointsToFisRouteTables", "ec2:ModifyVpcEndpoint", arn("ec2", "route-table/*"), fisOwned),
        allow("ModifyVpcEndpoints", "ec2:ModifyVpcEndpoint", arn("ec2", "vpc-endpoint/*")),
        // Describe calls take no resource-level permissions.
        allow(
            "Describe",
            [
                "ec2:DescribeManagedPrefixLists",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeRouteTables",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSubnets",
                "ec2:DescribeVpcEndpoints",
                "ec2:DescribeVpcPeeringConnections",
                "ec2:DescribeVpcs",
            ],
            "*",
        ),
    ];
}

/**
 * What FIS may do to cut a zone's subnets off: AWS's managed policy for aws:network:disrupt-connectivity, scoped to the home
 * region and account; it may change only the network ACLs it created (`managedByFIS=true`).
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSFaultInjectionSimulatorNetworkAccess.html
 */
function zoneCutStatements({ arn }: Scope): unknown[] {
    return [
        {
            Sid: "CreateNetworkAcl",
            Effect: "Allow",
            Action: "ec2:CreateNetworkAcl",
            Resource: arn("ec2", "network-acl/*"),
            Condition: { StringEquals: { "aws:RequestTag/managedByFIS": "true" } },
        },
        { Sid: "CreateNetworkAclInVpc", Effect: "Allow", Action: "ec2:CreateNetworkAcl", Resource: arn("ec2", "vpc/*") },
        {
            Sid: "TagNetworkAcl",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: arn("ec2", "network-acl/*"),
            Condition: { StringEquals: { "ec2:CreateAction": "CreateNetworkAcl", "aws:RequestTag/managedByFIS": "true" } },
        },
        {
            Sid: "ChangeFisNetworkAcls",
            Effect: "Allow",
            Action: ["ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"],
            Resource: [arn("ec2", "network-acl/*"), arn("ec2", "vpc/*")],
            Condition: { StringEquals: { "ec2:ResourceTag/managedByFIS": "true" } },
        },
        {
            Sid: "SwapNetworkAcls",
            Effect: "Allow",
            Action: "ec2:ReplaceNetworkAclAssociation",
            Resource: [arn("ec2", "subnet/*"), arn("ec2", "network-acl/*")],
        },
        { Sid: "ReadPrefixLists", Effect: "Allow", Action: "ec2:GetManagedPrefixListEntries", Resource: arn("ec2", "prefix-list/*") },
        {
            Sid: "Describe",
            Effect: "Allow",
            Action: ["ec2:DescribeManagedPrefixLists", "ec2:DescribeNetworkAcls", "ec2:DescribeSubnets", "ec2:DescribeVpcs"],
            Resource: "*",
        },
    ];
}

/**
 * What FIS may do to fail databases over: aws:rds:failover-db-cluster (FailoverDBCluster) on the cell's clusters and
 * aws:rds:reboot-db-instances (RebootDBInstance) on its instances; describing and tag look-ups take no resource.
 * https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#rds-actions-reference
 */
function databaseStatements(databases: GameDayDatabase[]): unknown[] {
    const clusters = databases.filter((d) => d.kind === "cluster").map((d) => d.arn);
    const instances = databases.filter((d) => d.kind === "instance").map((d) => d.arn);
    return [
        ...(clusters.length > 0 ? [{ Sid: "FailOverClusters", Effect: "Allow", Action: "rds:FailoverDBCluster", Resource: clusters }] : []),
        ...(instances.length > 0
            ? [{ Sid: "FailOverInstances", Effect: "Allow", Action: "rds:RebootDBInstance", Resource: instances }]
            : []),
        {
            Sid: "Describe",
            Effect: "Allow",
            Action: ["rds:DescribeDBClusters", "rds:DescribeDBInstances", "tag:GetResources"],
            Resource: "*",
        },
    ];
}

/** FIS targets and actions that fail the databases' writers over; in `zone`, only those whose writer is there. */
function databaseFailover(
    cell: string,
    databases: GameDayDatabase[],
    zone?: pulumi.Input<string>,
): Pick<Experiment, "targets" | "actions"> {
    const targets: aws.types.input.fis.ExperimentTemplateTarget[] = [];
    const actions: aws.types.input.fis.ExperimentTemplateAction[] = [];
    const clusters = databases.filter((d) => d.kind === "cluster");
    const instances = databases.filter((d) => d.kind === "instance");
    // Targets resolve by the cell's tag and the databases' identifiers (a target takes tags or ARNs, not both, and
    // filters go with tags); in a zone, only a writer there. https://docs.aws.amazon.com/fis/latest/userguide/targets.html
    if (clusters.length > 0) {
        targets.push({
            name: "writer-clusters",
            resourceType: "aws:rds:cluster",
            resourceTags: targetTags(cell),
            filters: [{ path: "DBClusterIdentifier", values: clusters.map((d) => d.identifier) }],
            ...(zone ? { parameters: { writerAvailabilityZoneIdentifiers: zone } } : {}),
            selectionMode: "ALL",
        });
        actions.push({
            name: "fail-over-clusters",
            actionId: "aws:rds:failover-db-cluster",
            target: { key: "Clusters", value: "writer-clusters" },
        });
    }
    if (instances.length > 0) {
        targets.push({
            name: "multi-az-instances",
            resourceType: "aws:rds:db",
            resourceTags: targetTags(cell),
            filters: [{ path: "DBInstanceIdentifier", values: instances.map((d) => d.identifier) }],
            ...(zone ? { parameters: { availabilityZoneIdentifiers: zone } } : {}),
            selectionMode: "ALL",
        });
        actions.push({
            name: "fail-over-instances",
            actionId: "aws:rds:reboot-db-instances",
            parameters: [{ key: "forceFailover", value: "true" }],
            target: { key: "DBInstances", value: "multi-az-instances" },
        });
    }
    return { targets, actions };
}

/**
 * The cell's game days (the DR whitepaper's "test your DR"): one AWS FIS experiment template for each disaster AWS can
 * inject into the home region — a cut from the DR region, each zone's power interruption, the loss of half the tasks,
 * the databases failing over to another zone — each run by a role that may do only what its actions do, to the cell's
 * resources only, and stopped when users have seen load-balancer errors for the zone scope's RTO target. The README's
 * game-day runbooks say how to run each and what it proves; `dr evidence` reads their results.
 * https://docs.aws.amazon.com/fis/latest/userguide/experiment-templates.html
 */
export class GameDays extends pulumi.ComponentResource {
    /** The templates, by game day (and variant): what a runbook starts. */
    readonly templates: Record<string, aws.fis.ExperimentTemplate> = {};
    /** The alarm whose ALARM state stops every game day. */
    readonly guardrail: aws.cloudwatch.MetricAlarm;

    constructor(name: string, args: GameDaysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:resilience:GameDays", name, {}, opts);
        const parent = { parent: this };
        const region = args.homeRegion;
        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent).partition;
        const scope: Scope = {
            arn: (service, resource) => pulumi.interpolate`arn:${partition}:${service}:${region}:${account}:${resource}`,
        };

        // Errors for as long as the zone scope may take to recover: the game day has found a real outage, and ends.
        const minutes = Math.max(1, Math.ceil((args.zoneRtoSeconds ?? 10 * 60) / 60));
        this.guardrail = new aws.cloudwatch.MetricAlarm(
            `${name}-guardrail`,
            {
                region,
                alarmDescription: `DR cell ${args.cell}: users have seen load-balancer errors in ${region} for ${minutes} minutes straight; any running game day stops.`,
                namespace: "AWS/ApplicationELB",
                metricName: "HTTPCode_ELB_5XX_Count",
                dimensions: { LoadBalancer: args.loadBalancerArnSuffix },
                statistic: "Sum",
                period: 60,
                evaluationPeriods: minutes,
                datapointsToAlarm: minutes,
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                // No errors, no datapoints: quiet.
                treatMissingData: "notBreaching",
                alarmActions: args.destinations,
                okActions: args.destinations,
                tags: args.tags,
            },
            parent,
        );

        const experiments: Experiment[] = [];
        if (args.drRegion) {
            const duration = isoDuration(faultSeconds(args.regionRtoSeconds));
            experiments.push({
                name: "region-cut",
                description: `DR cell ${args.cell}: ${region} cut off from ${args.drRegion} for ${duration}. Replication alarms fire; traffic and writes keep being served.`,
                targets: [
                    {
                        name: "cell-subnets",
                        resourceType: "aws:ec2:subnet",
                        resourceTags: targetTags(args.cell, FAULT_TARGET_TAGS.regionSubnet),
                        selectionMode: "ALL",
                    },
                ],
                actions: [
                    {
                        name: "cut-region",
                        actionId: "aws:network:route-table-disrupt-cross-region-connectivity",
                        parameters: [
                            { key: "region", value: args.drRegion },
                            { key: "duration", value: duration },
                        ],
                        target: { key: "Subnets", value: "cell-subnets" },
                    },
                ],
                statements: regionCutStatements,
            });
        }
        const outage = isoDuration(faultSeconds(args.zoneRtoSeconds));
        args.zones.forEach((zone, i) => {
            const databases = databaseFailover(args.cell, args.databases, zone);
            experiments.push({
                name: "zone-power",
                variant: String.fromCharCode("a".charCodeAt(0) + i),
                description: `DR cell ${args.cell}: power lost in zone ${i + 1} of ${region} for ${outage}: its subnets go dark, a writer there fails over. The other zone serves.`,
                targets: [
                    {
                        name: "zone-subnets",
                        resourceType: "aws:ec2:subnet",
                        resourceTags: targetTags(args.cell, FAULT_TARGET_TAGS.zoneSubnet),
                        parameters: { availabilityZoneIdentifier: zone },
                        selectionMode: "ALL",
                    },
                    ...databases.targets,
                ],
                actions: [
                    {
                        name: "power-off-zone",
                        actionId: "aws:network:disrupt-connectivity",
                        parameters: [
                            { key: "scope", value: "all" },
                            { key: "duration", value: outage },
                        ],
                        target: { key: "Subnets", value: "zone-subnets" },
                    },
                    ...databases.actions,
                ],
                // AWS's AZ Availability: Power Interruption scenario skips what the zone does not hold (a writer elsewhere).
                // https://docs.aws.amazon.com/fis/latest/userguide/az-availability-scenario.html
                skipEmptyTargets: true,
                statements: (s) => [...zoneCutStatements(s), ...(args.databases.length > 0 ? databaseStatements(args.databases) : [])],
            });
        });
        const service = args.service;
        if (service) {
            experiments.push({
                name: "task-loss",
                description: `DR cell ${args.cell}: half the service's tasks in ${region} stop at once. ECS replaces them; the load balancer keeps serving.`,
                targets: [
                    {
                        name: "service-tasks",
                        resourceType: "aws:ecs:task",
                        // The service propagates its tags, the cell's among them, to its tasks.
                        resourceTags: targetTags(args.cell),
                        parameters: { cluster: service.clusterArn, service: service.serviceName },
                        selectionMode: "PERCENT(50)",
                    },
                ],
                actions: [{ name: "stop-tasks", actionId: "aws:ecs:stop-task", target: { key: "Tasks", value: "service-tasks" } }],
                // https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#stop-task
                statements: ({ arn }) => [
                    {
                        Sid: "StopTasks",
                        Effect: "Allow",
                        Action: ["ecs:DescribeTasks", "ecs:StopTask"],
                        Resource: arn("ecs", "task/*"),
                        Condition: { ArnEquals: { "ecs:cluster": service.clusterArn } },
                    },
                    { Sid: "Find", Effect: "Allow", Action: ["ecs:ListTasks", "tag:GetResources"], Resource: "*" },
                ],
            });
        }
        if (args.databases.length > 0) {
            experiments.push({
                name: "database-failover",
                description: `DR cell ${args.cell}: every database in ${region} fails over to its standby in another zone. Writes resume within the zone scope's target.`,
                ...databaseFailover(args.cell, args.databases),
                statements: () => databaseStatements(args.databases),
            });
        }

        for (const experiment of experiments) {
            const id = experiment.variant ? `${experiment.name}-${experiment.variant}` : experiment.name;
            this.templates[id] = this.template(`${name}-${id}`, experiment, scope, account, args);
        }
        this.registerOutputs({
            guardrailAlarmArn: this.guardrail.arn,
            templateIds: Object.fromEntries(Object.entries(this.templates).map(([id, t]) => [id, t.id])),
        });
    }

    /** The template and the role it runs as, which may do only what its actions do. */
    private template(
        name: string,
        experiment: Experiment,
        scope: Scope,
        account: pulumi.Output<string>,
        args: GameDaysArgs,
    ): aws.fis.ExperimentTemplate {
        const parent = { parent: this };
        const role = new aws.iam.Role(
            name,
            {
                description: `Runs the ${experiment.name} game day of DR cell ${args.cell}`,
                assumeRolePolicy: serviceTrustPolicy(FIS_SERVICE, account),
                tags: args.tags,
            },
            parent,
        );
        const permissions = new aws.iam.RolePolicy(
            name,
            { role: role.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: experiment.statements(scope) }) },
            parent,
        );
        return new aws.fis.ExperimentTemplate(
            name,
            {
                region: args.homeRegion,
                description: experiment.description,
                roleArn: role.arn,
                targets: experiment.targets,
                actions: experiment.actions,
                stopConditions: [{ source: "aws:cloudwatch:alarm", value: this.guardrail.arn }],
                experimentOptions: {
                    accountTargeting: "single-account",
                    emptyTargetResolutionMode: experiment.skipEmptyTargets ? "skip" : "fail",
                },
                tags: { ...args.tags, [GAME_DAY_TAG]: experiment.name, Name: name },
            },
            // An experiment started before its role holds its permissions fails.
            { parent: this, dependsOn: [permissions] },
        );
    }
}
