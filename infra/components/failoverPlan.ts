import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FIGURES, Tier } from "../../policies/catalog";
import { AUTOMATIC_FAILOVER_TIERS, PROMOTES_TAG } from "../../policies/catalog/model";
import { serviceTrustPolicy } from "../iam";
import { LAMBDA_RUNTIME, awsName } from "../names";

/** The ECS service of one region of the cell, which the plan scales. */
export interface PlanService {
    region: string;
    clusterArn: pulumi.Input<string>;
    serviceArn: pulumi.Input<string>;
}

/** An Aurora global database the plan fails over: its global cluster and every member cluster. */
export interface PlanGlobalDatabase {
    globalClusterIdentifier: pulumi.Input<string>;
    globalClusterArn: pulumi.Input<string>;
    clusterArns: pulumi.Input<string>[];
}

/** A global datastore the plan promotes: its suffix (what its functions' tag names) and its member in each of the plan's regions. */
export interface PlanGlobalDatastore {
    suffix: string;
    globalReplicationGroupId: pulumi.Input<string>;
    members: { region: string; replicationGroupId: pulumi.Input<string>; arn: pulumi.Input<string> }[];
}

/** An RDS instance the plan promotes a read replica of. */
export interface PlanReadReplica {
    /** The source instance's identifier, the key ARC maps to the replica to promote. */
    sourceIdentifier: pulumi.Input<string>;
    replicaArn: pulumi.Input<string>;
}

export interface FailoverPlanArgs {
    /** Stack name: the plan's name and tags. */
    cell: string;
    /** The cell's tier: active-active plans deactivate the failed region, standby tiers activate the DR region. */
    tier: Tier;
    /** The cell's RTO target in seconds: the plan's recovery time objective, and whether a person fits in it. */
    rtoSeconds: number;
    homeRegion: string;
    drRegion: string;
    /** The cell's services, one per region (ARC's ECS block takes exactly two); empty where a region runs none. */
    services: PlanService[];
    /** Aurora global databases whose DR secondary runs instances (ARC's evaluation requires them). */
    globalDatabases: PlanGlobalDatabase[];
    /** RDS instances with a read replica in the DR region. */
    readReplicas: PlanReadReplica[];
    /** ElastiCache global datastores with a secondary in the DR region; default: none. */
    globalDatastores?: PlanGlobalDatastore[];
    /** The alarm that turns red when the home region is lost, seen from outside it (HomeLossDetector): it starts the plan. */
    triggerAlarm?: aws.cloudwatch.MetricAlarm;
    /** Whether the DR region runs below full capacity at night (dr:nightMode): then an active-active plan scales it too. */
    nightMode?: boolean;
    tags: Record<string, string>;
}

/**
 * What promotes a global datastore's member in the function's own region, unless it is already the primary (a retry, or
 * a return): ARC has no ElastiCache block, so a custom action Lambda calls FailoverGlobalReplicationGroup, naming the
 * member that becomes primary and its region. Node.js runtimes carry the AWS SDK for JavaScript v3.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_FailoverGlobalReplicationGroup.html
 * https://docs.aws.amazon.com/r53recovery/latest/dg/custom-action-lambda-block.html
 */
const PROMOTE = `
const { ElastiCacheClient, DescribeGlobalReplicationGroupsCommand, FailoverGlobalReplicationGroupCommand } = require("@aws-sdk/client-elasticache");
exports.handler = async () => {
    const client = new ElastiCacheClient({});
    const id = process.env.GLOBAL_REPLICATION_GROUP_ID;
    const described = await client.send(new DescribeGlobalReplicationGroupsCommand({ GlobalReplicationGroupId: id, ShowMemberInfo: true }));
    const group = described.GlobalReplicationGroups?.[0];
    const here = group?.Members?.find((m) => m.ReplicationGroupRegion === process.env.AWS_REGION);
    if (here?.Role === "PRIMARY") {
        return { promoted: false, primary: here.ReplicationGroupId };
    }
    // A failover already under way (a retry after a call that timed out): ARC retries this step until it is done.
    if (group?.Status !== "available") {
        throw new Error("global datastore " + id + " is " + group?.Status + ", not yet primary here: a failover is under way");
    }
    await client.send(new FailoverGlobalReplicationGroupCommand({
        GlobalReplicationGroupId: id, PrimaryRegion: process.env.AWS_REGION, PrimaryReplicationGroupId: process.env.REPLICATION_GROUP_ID,
    }));
    return { promoted: true, primary: process.env.REPLICATION_GROUP_ID };
};
`;

/** The shortest RTO that leaves room for a person's reaction on top of the plan's own steps. */
export const MANUAL_APPROVAL_MIN_RTO = FIGURES.operatorReaction + FIGURES.auroraPromotion + FIGURES.scaleOut;

/**
 * Whether a person approves a failover: only where the tier does not promise to fail over faster than a person
 * reacts (active-active and warm standby do) and the RTO leaves room for them.
 */
export function personApproves(tier: Tier, rtoSeconds: number): boolean {
    return !AUTOMATIC_FAILOVER_TIERS.includes(tier) && rtoSeconds >= MANUAL_APPROVAL_MIN_RTO;
}

/**
 * An ARC Region switch plan that executes the recovery the model credits, in order: a manual approval where the
 * tier's RTO allows a person, scaling the DR region's service to the home region's capacity, failing the Aurora
 * global databases over (allowing data loss: a switchover needs a healthy primary), promoting ElastiCache global
 * datastores' secondaries (a function per region, ARC having no ElastiCache block) and promoting RDS read replicas. Traffic moves by the cell's health-checked Route 53 records, in Route 53's data plane, with no
 * person and no plan step: ARC's Route53HealthCheck block would need its own health checks on the records,
 * which ARC allocates only after the plan exists, so a first `pulumi up` could not attach them.
 * A trigger on the alarm that sees the home region's loss from outside it (HomeLossDetector) starts the plan
 * without a person; the approval step, where the tier has one, then waits for on-call, whom the same alarm pages.
 * https://docs.aws.amazon.com/r53recovery/latest/dg/region-switch.html
 * https://docs.aws.amazon.com/r53recovery/latest/dg/route53-health-check-block.html
 */
export class FailoverPlan extends pulumi.ComponentResource {
    readonly plan: aws.arcregionswitch.Plan;
    /** Whether a person must approve an execution before it recovers anything. */
    readonly approval: boolean;
    /** The alarm whose red state starts the plan. */
    readonly triggerAlarm?: aws.cloudwatch.MetricAlarm;

    constructor(name: string, args: FailoverPlanArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:recovery:FailoverPlan", name, {}, opts);
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent).partition;
        const planName = awsName([args.cell, "failover"], { max: 32, allowed: /[a-zA-Z0-9-]/, separator: "-" });
        // The plan's ARN has no region: arn:<partition>:arc-region-switch::<account>:plan/<name>:<suffix>.
        const planArns = pulumi.interpolate`arn:${partition}:arc-region-switch::${account}:plan/${planName}*`;
        this.approval = personApproves(args.tier, args.rtoSeconds);
        const activeActive = args.tier === "active-active";
        const scales = scalesServices(args);

        this.triggerAlarm = args.triggerAlarm;

        // One function per region of the plan and datastore: ARC's custom action block takes one for each region.
        const datastores = args.globalDatastores ?? [];
        const promoters = datastores.map((datastore) => this.promoters(name, args, datastore, account, partition));
        const executionRole = new aws.iam.Role(
            `${name}-execution`,
            {
                description: `Runs the ARC Region switch plan of DR cell ${args.cell}`,
                assumeRolePolicy: serviceTrustPolicy("arc-region-switch.amazonaws.com", account),
                tags: args.tags,
            },
            parent,
        );
        new aws.iam.RolePolicy(
            `${name}-execution`,
            { role: executionRole.id, policy: executionPolicy(args, executionRole.arn, planArns, this.triggerAlarm?.arn, promoters) },
            parent,
        );
        const approvalRole = this.approval
            ? new aws.iam.Role(
                  `${name}-approval`,
                  {
                      description: `On-call approves the failover of DR cell ${args.cell}`,
                      assumeRolePolicy: pulumi.jsonStringify({
                          Version: "2012-10-17",
                          Statement: [
                              {
                                  Effect: "Allow",
                                  Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${account}:root` },
                                  Action: "sts:AssumeRole",
                              },
                          ],
                      }),
                      tags: args.tags,
                  },
                  parent,
              )
            : undefined;
        if (approvalRole) {
            // The approver needs arc-region-switch:ApprovePlanExecutionStep. https://docs.aws.amazon.com/r53recovery/latest/dg/manual-approval-block.html
            new aws.iam.RolePolicy(
                `${name}-approval`,
                {
                    role: approvalRole.id,
                    policy: pulumi.jsonStringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Action: [
                                    "arc-region-switch:ApprovePlanExecutionStep",
                                    "arc-region-switch:GetPlanExecution",
                                    "arc-region-switch:ListPlanExecutions",
                                    "arc-region-switch:ListPlanExecutionEvents",
                                ],
                                Resource: planArns,
                            },
                        ],
                    }),
                },
                parent,
            );
        }

        const steps: aws.types.input.arcregionswitch.PlanWorkflowStep[] = [];
        if (approvalRole) {
            steps.push({
                name: "approve",
                description: `A person confirms ${args.homeRegion} is lost and accepts a failover that may lose the last seconds of writes.`,
                executionBlockType: "ManualApproval",
                executionApprovalConfigs: [{ approvalRole: approvalRole.arn, timeoutMinutes: 60 }],
            });
        }
        // ARC's ECS block takes one service per region of the plan, and scales the one it activates (or keeps, when it
        // deactivates the other) to the other's capacity. https://docs.aws.amazon.com/r53recovery/latest/dg/ecs-service-scaling-block.html
        const scaleService: aws.types.input.arcregionswitch.PlanWorkflowStep = {
            name: "scale-service",
            executionBlockType: "ECSServiceScaling",
            ecsCapacityIncreaseConfigs: [
                {
                    capacityMonitoringApproach: "sampledMaxInLast24Hours",
                    targetPercent: 100,
                    services: args.services.map((s) => ({ clusterArn: s.clusterArn, serviceArn: s.serviceArn })),
                    ungraceful: { minimumSuccessPercentage: 90 },
                },
            ],
        };
        if (scales && !activeActive) {
            steps.push(scaleService);
        }
        // Every store's copy in the DR region fails over side by side, in one Parallel block: the slowest sets the time.
        // https://docs.aws.amazon.com/r53recovery/latest/dg/working-with-rs-execution-blocks.html
        const data: aws.types.input.arcregionswitch.PlanWorkflowStepParallelConfigStep[] = [];
        // The function of the region ARC activates runs; it promotes that region's member, so whichever region survives
        // becomes primary. No ungraceful skip: a region loss is exactly when it must run. Unverified for an active-active
        // plan's deactivate workflow: AWS does not say which region activatingRegion names there (docs/recovery.md).
        // https://docs.aws.amazon.com/arc-region-switch/latest/api/API_CustomActionLambdaConfiguration.html
        promoters.forEach((functions, i) =>
            data.push({
                name: `promote-cache-${i}`,
                description: `Promote the global datastore ${datastores[i].suffix} in the activated region.`,
                executionBlockType: "CustomActionLambda",
                customActionLambdaConfigs: [
                    {
                        lambdas: functions.map((f) => ({ arn: f.arn })),
                        regionToRun: "activatingRegion",
                        retryIntervalMinutes: 1,
                        timeoutMinutes: 10,
                    },
                ],
            }),
        );
        // A trigger-started execution's mode is not documented: a plan a trigger starts fails over in any mode; one a
        // person starts switches over when both regions are healthy (no data loss) and fails over when run ungraceful.
        // https://docs.aws.amazon.com/arc-region-switch/latest/api/API_GlobalAuroraConfiguration.html
        args.globalDatabases.forEach((db, i) =>
            data.push({
                name: `fail-over-database-${i}`,
                executionBlockType: "AuroraGlobalDatabase",
                globalAuroraConfigs: [
                    {
                        globalClusterIdentifier: db.globalClusterIdentifier,
                        databaseClusterArns: db.clusterArns,
                        behavior: this.triggerAlarm ? "failover" : "switchoverOnly",
                        ungracefuls: [{ ungraceful: "failover" }],
                    },
                ],
            }),
        );
        if (args.readReplicas.length > 0) {
            data.push({
                name: "promote-replicas",
                executionBlockType: "RdsPromoteReadReplica",
                rdsPromoteReadReplicaConfigs: [
                    {
                        dbInstanceArnMap: pulumi
                            .all(args.readReplicas.map((r) => pulumi.all([r.sourceIdentifier, r.replicaArn])))
                            .apply((pairs) => Object.fromEntries(pairs)),
                    },
                ],
            });
        }
        if (data.length > 1) {
            steps.push({ name: "fail-over-data", executionBlockType: "Parallel", parallelConfigs: [{ steps: data }] });
        } else {
            steps.push(...data);
        }

        // An active-active peer that runs below capacity at night already takes traffic by itself, and auto scales:
        // the plan scales it after the databases, which its writes need first.
        if (scales && activeActive) {
            steps.push(scaleService);
        }

        const workflows: aws.types.input.arcregionswitch.PlanWorkflow[] = activeActive
            ? [
                  { workflowTargetAction: "deactivate", workflowDescription: "Move every writer out of the failed region.", steps },
                  // A region returns to serve only once a person has confirmed it is healthy again.
                  ...(approvalRole
                      ? [
                            {
                                workflowTargetAction: "activate",
                                steps: [
                                    {
                                        name: "approve-return",
                                        executionBlockType: "ManualApproval",
                                        executionApprovalConfigs: [{ approvalRole: approvalRole.arn, timeoutMinutes: 60 }],
                                    },
                                ],
                            },
                        ]
                      : []),
              ]
            : [{ workflowTargetAction: "activate", workflowDescription: "Serve from the activated region.", steps }];

        const trigger = this.triggerAlarm
            ? {
                  associatedAlarms: [{ mapBlockKey: "home-lost", alarmType: "trigger", resourceIdentifier: this.triggerAlarm.arn }],
                  triggers: [
                      {
                          action: activeActive ? "deactivate" : "activate",
                          targetRegion: activeActive ? args.homeRegion : args.drRegion,
                          description: `${args.homeRegion} is lost, seen from outside it`,
                          conditions: [{ associatedAlarmName: "home-lost", condition: "red" }],
                          // One automatic failover an hour at most: a flapping check must not bounce the writer.
                          minDelayMinutesBetweenExecutions: 60,
                      },
                  ],
              }
            : {};

        // The plan is global: its control plane lives in us-east-1 (create, update, delete), its executions run in each
        // region's own data plane, so a region loss does not stop them. Exactly two regions.
        // https://docs.aws.amazon.com/r53recovery/latest/dg/data-and-control-planes-rs.html
        this.plan = new aws.arcregionswitch.Plan(
            name,
            {
                name: planName,
                description: `Recovery of DR cell ${args.cell} from a loss of ${args.homeRegion}`,
                executionRole: executionRole.arn,
                recoveryApproach: activeActive ? "activeActive" : "activePassive",
                regions: [args.homeRegion, args.drRegion],
                ...(activeActive ? {} : { primaryRegion: args.homeRegion }),
                recoveryTimeObjectiveMinutes: Math.max(1, Math.floor(args.rtoSeconds / 60)),
                workflows,
                ...trigger,
                tags: args.tags,
            },
            parent,
        );
        this.registerOutputs({ planArn: this.plan.arn, approval: this.approval, triggerAlarmArn: this.triggerAlarm?.arn });
    }

    /** A function in each member's region that promotes that member, allowed to fail the datastore over and nothing else. */
    private promoters(
        name: string,
        args: FailoverPlanArgs,
        datastore: PlanGlobalDatastore,
        account: pulumi.Output<string>,
        partition: pulumi.Output<string>,
    ): aws.lambda.Function[] {
        const parent = { parent: this };
        const id = `${name}-promote-${datastore.suffix}`;
        const role = new aws.iam.Role(
            id,
            {
                description: `Promotes the global datastore ${datastore.suffix} of DR cell ${args.cell}`,
                assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", account),
                tags: args.tags,
            },
            parent,
        );
        return datastore.members.map((member) => {
            const region = member.region;
            const logGroup = new aws.cloudwatch.LogGroup(`${id}-${region}`, { region, retentionInDays: 30, tags: args.tags }, parent);
            // A global datastore's ARN has no region. https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticache.html
            const datastoreArn = pulumi.interpolate`arn:${partition}:elasticache::${account}:globalreplicationgroup:${datastore.globalReplicationGroupId}`;
            const policy = new aws.iam.RolePolicy(
                `${id}-${region}`,
                {
                    role: role.id,
                    policy: pulumi.jsonStringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Effect: "Allow", Action: "elasticache:DescribeGlobalReplicationGroups", Resource: "*" },
                            {
                                Effect: "Allow",
                                Action: "elasticache:FailoverGlobalReplicationGroup",
                                Resource: [datastoreArn, ...datastore.members.map((m) => m.arn)],
                            },
                            {
                                Effect: "Allow",
                                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                                Resource: pulumi.interpolate`${logGroup.arn}:*`,
                            },
                        ],
                    }),
                },
                parent,
            );
            return new aws.lambda.Function(
                `${id}-${region}`,
                {
                    region,
                    description: `Promotes the ${region} member of the global datastore ${datastore.suffix} (DR cell ${args.cell})`,
                    runtime: LAMBDA_RUNTIME,
                    handler: "index.handler",
                    role: role.arn,
                    timeout: 60,
                    memorySize: 128,
                    code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(PROMOTE) }),
                    environment: {
                        variables: {
                            GLOBAL_REPLICATION_GROUP_ID: datastore.globalReplicationGroupId,
                            REPLICATION_GROUP_ID: member.replicationGroupId,
                        },
                    },
                    loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
                    // The model cannot read what a function does: the tag says which global datastore it promotes.
                    tags: { ...args.tags, [PROMOTES_TAG]: datastore.suffix },
                },
                { parent: this, dependsOn: [policy] },
            );
        });
    }
}

/** Whether the plan scales the DR region's service: a standby's always, an active-active peer's where it runs smaller at night. */
function scalesServices(args: FailoverPlanArgs): boolean {
    return args.services.length === 2 && (args.tier !== "active-active" || args.nightMode === true);
}

/**
 * What the plan's execution role may do: evaluate itself, read its plan, start it from its trigger's alarm, scale
 * the cell's two services, fail over its global databases and promote its replicas — nothing else.
 * https://docs.aws.amazon.com/r53recovery/latest/dg/security_iam_region_switch_complete_policy.html
 */
function executionPolicy(
    args: FailoverPlanArgs,
    roleArn: pulumi.Input<string>,
    planArns: pulumi.Input<string>,
    triggerAlarmArn: pulumi.Input<string> | undefined,
    promoters: aws.lambda.Function[][],
): pulumi.Output<string> {
    const statements: unknown[] = [
        { Sid: "Evaluate", Effect: "Allow", Action: ["iam:SimulatePrincipalPolicy"], Resource: roleArn },
        {
            Sid: "Plan",
            Effect: "Allow",
            Action: [
                "arc-region-switch:GetPlan",
                "arc-region-switch:GetPlanExecution",
                "arc-region-switch:ListPlanExecutions",
                "arc-region-switch:StartPlanExecution",
            ],
            Resource: planArns,
        },
    ];
    if (triggerAlarmArn) {
        // https://docs.aws.amazon.com/r53recovery/latest/dg/security_iam_region_switch_cloudwatch.html
        statements.push({
            Sid: "Trigger",
            Effect: "Allow",
            Action: ["cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"],
            Resource: triggerAlarmArn,
        });
    }
    if (scalesServices(args)) {
        // https://docs.aws.amazon.com/r53recovery/latest/dg/security_iam_region_switch_ecs.html
        statements.push(
            {
                Sid: "Services",
                Effect: "Allow",
                Action: ["ecs:DescribeServices", "ecs:UpdateService"],
                Resource: args.services.map((s) => s.serviceArn),
            },
            {
                Sid: "Clusters",
                Effect: "Allow",
                Action: ["ecs:DescribeClusters", "ecs:ListServices"],
                Resource: args.services.map((s) => s.clusterArn),
            },
            // Application Auto Scaling and CloudWatch metric reads take no resource-level permissions.
            {
                Sid: "Scaling",
                Effect: "Allow",
                Action: [
                    "application-autoscaling:DescribeScalableTargets",
                    "application-autoscaling:RegisterScalableTarget",
                    "cloudwatch:GetMetricStatistics",
                ],
                Resource: "*",
            },
        );
    }
    if (args.globalDatabases.length > 0) {
        // https://docs.aws.amazon.com/r53recovery/latest/dg/security_iam_region_switch_aurora.html
        statements.push(
            { Sid: "DescribeDatabases", Effect: "Allow", Action: ["rds:DescribeGlobalClusters", "rds:DescribeDBClusters"], Resource: "*" },
            {
                Sid: "FailOverDatabases",
                Effect: "Allow",
                Action: ["rds:FailoverGlobalCluster", "rds:SwitchoverGlobalCluster"],
                Resource: args.globalDatabases.flatMap((d) => [d.globalClusterArn, ...d.clusterArns]),
            },
        );
    }
    if (args.readReplicas.length > 0) {
        statements.push(
            { Sid: "DescribeInstances", Effect: "Allow", Action: ["rds:DescribeDBInstances"], Resource: "*" },
            {
                Sid: "PromoteReplicas",
                Effect: "Allow",
                Action: ["rds:PromoteReadReplica"],
                Resource: args.readReplicas.map((r) => r.replicaArn),
            },
        );
    }
    if (promoters.length > 0) {
        // https://docs.aws.amazon.com/r53recovery/latest/dg/security_iam_region_switch_lambda.html
        statements.push({
            Sid: "PromoteCaches",
            Effect: "Allow",
            Action: ["lambda:GetFunction", "lambda:InvokeFunction"],
            Resource: promoters.flat().map((f) => f.arn),
        });
    }
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}
