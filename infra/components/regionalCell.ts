import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CellOutputs, CellRole, Tier } from "../../policies/catalog";
import { serviceTrustPolicy } from "../iam";
import { Registered } from "../registered";
import { ComputeSize, computeSize } from "../sizing";
import { FAULT_TARGET_TAGS, faultTargetTags } from "../tags";

/** What the service may touch in this region. */
export interface CellData {
    /** DynamoDB table names, as outputs of the tables, so the role's policy records which tables it may write (a global table has the same name in every replica region). */
    tableNames: pulumi.Input<string>[];
    /** ARNs of the buckets that live in this region. */
    bucketArns: pulumi.Input<string>[];
    /** The customer-managed key of the data in this region. */
    keyArn: pulumi.Input<string>;
}

/** The cell's DR intent (the fields of its contract with the pack), and how to build this region of it. */
export interface RegionalCellArgs extends Pick<CellOutputs, "cell" | "region" | "role" | "tier" | "rto" | "rpo" | "residency"> {
    /** Tasks at full capacity. */
    capacity: number;
    /** The tier a DR region drops to at night (dr:nightMode): its auto scaling bounds then belong to the night mode's schedules. */
    nightTier?: Tier;
    /** Container image, serving GET /health on port 8080; absent: a placeholder that does. */
    image?: string;
    /** VPC address range, distinct per region of the cell. */
    cidrBlock: string;
    /** TLS certificate of the host name in this region; required when the region runs a service. */
    certificateArn?: pulumi.Input<string>;
    /** The data the service reads and writes here. */
    data: CellData;
    /** The stack's alarm topic in this region (see OnCall). */
    alarmTopicArn: pulumi.Input<string>;
    /** Tags for every resource of the cell. */
    tags: Record<string, string>;
}

const CONTAINER_PORT = 8080;

/** Until a team sets dr:image: a tiny web server that answers GET /health on the container port, so a fresh deployment is healthy. */
const PLACEHOLDER = {
    image: "public.ecr.aws/docker/library/busybox:1.36",
    command: ["sh", "-c", `mkdir -p /tmp/www && echo ok > /tmp/www/health && exec httpd -f -p ${CONTAINER_PORT} -h /tmp/www`],
};
const AZ_COUNT = 2;

/**
 * One region of a regional cell: a network across two availability zones, and — unless the tier keeps
 * no compute here — a TLS load balancer in front of a Fargate service sized by tier and role. Every
 * resource sets its `region` input, so the policy pack can always tell where it lives.
 */
export class RegionalCell extends pulumi.ComponentResource {
    readonly region: string;
    readonly role: CellRole;
    readonly size: ComputeSize;
    readonly loadBalancer?: aws.lb.LoadBalancer;
    readonly service?: aws.ecs.Service;
    /** The cell's network here: where its databases go (private subnets, two zones). */
    readonly vpcId: pulumi.Output<string>;
    readonly privateSubnetIds: pulumi.Output<string>[];
    /** The availability zones the network spans, one public and one private subnet in each. */
    readonly zoneNames: pulumi.Output<string>[];
    /** The service's security group and task role, where it runs: what a database admits and whom it lets read its secret. */
    readonly serviceSecurityGroup?: aws.ec2.SecurityGroup;
    readonly taskRole?: aws.iam.Role;
    /** Where the service scales by itself: the bounds auto scaling keeps its tasks in. */
    readonly scalingTarget?: aws.appautoscaling.Target;
    readonly cluster?: aws.ecs.Cluster;

    constructor(name: string, args: RegionalCellArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:cell:RegionalCell", name, {}, opts);
        this.region = args.region;
        this.role = args.role;
        this.size = computeSize(args.tier, args.role, args.capacity, args.nightTier);
        const region = args.region;
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent);
        const partition = aws.getPartitionOutput({}, parent);

        const network = this.network(name, args);
        this.vpcId = network.vpc.id;
        this.privateSubnetIds = network.privateSubnets.map((s) => s.id);
        this.zoneNames = network.zoneNames;
        if (this.size.kind !== "none") {
            if (!args.certificateArn) {
                throw new Error(`RegionalCell ${name} runs a service in ${region} and needs a TLS certificate there`);
            }
            const albSecurityGroup = new aws.ec2.SecurityGroup(
                `${name}-alb`,
                { region, vpcId: network.vpc.id, description: "Load balancer: HTTPS from anywhere", tags: args.tags },
                parent,
            );
            const serviceSecurityGroup = new aws.ec2.SecurityGroup(
                `${name}-service`,
                { region, vpcId: network.vpc.id, description: "Service: only from its load balancer", tags: args.tags },
                parent,
            );
            this.serviceSecurityGroup = serviceSecurityGroup;
            for (const [cidr, suffix] of [
                ["0.0.0.0/0", "ipv4"],
                ["::/0", "ipv6"],
            ] as const) {
                const source = suffix === "ipv4" ? { cidrIpv4: cidr } : { cidrIpv6: cidr };
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-alb-https-${suffix}`,
                    { region, securityGroupId: albSecurityGroup.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, ...source },
                    parent,
                );
                // Port 80 only answers with a redirect to HTTPS.
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-alb-http-${suffix}`,
                    { region, securityGroupId: albSecurityGroup.id, ipProtocol: "tcp", fromPort: 80, toPort: 80, ...source },
                    parent,
                );
            }
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-alb-to-service`,
                {
                    region,
                    securityGroupId: albSecurityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: CONTAINER_PORT,
                    toPort: CONTAINER_PORT,
                    referencedSecurityGroupId: serviceSecurityGroup.id,
                },
                parent,
            );
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-service-from-alb`,
                {
                    region,
                    securityGroupId: serviceSecurityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: CONTAINER_PORT,
                    toPort: CONTAINER_PORT,
                    referencedSecurityGroupId: albSecurityGroup.id,
                },
                parent,
            );
            // Tasks reach AWS APIs and the image registry over HTTPS only.
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-service-https-out`,
                { region, securityGroupId: serviceSecurityGroup.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
                parent,
            );

            this.loadBalancer = new aws.lb.LoadBalancer(
                name,
                {
                    region,
                    loadBalancerType: "application",
                    internal: false,
                    securityGroups: [albSecurityGroup.id],
                    subnets: network.publicSubnets.map((s) => s.id),
                    dropInvalidHeaderFields: true,
                    tags: args.tags,
                },
                // An internet-facing load balancer in a VPC whose gateway is not attached yet fails (see network()).
                { parent: this, dependsOn: [network.gateway] },
            );
            const targetGroup = new aws.lb.TargetGroup(
                name,
                {
                    region,
                    vpcId: network.vpc.id,
                    targetType: "ip",
                    port: CONTAINER_PORT,
                    protocol: "HTTP",
                    deregistrationDelay: 30,
                    healthCheck: { path: "/health", matcher: "200", interval: 15, healthyThreshold: 2, unhealthyThreshold: 3, timeout: 5 },
                    tags: args.tags,
                },
                parent,
            );
            const https = new aws.lb.Listener(
                `${name}-https`,
                {
                    region,
                    loadBalancerArn: this.loadBalancer.arn,
                    port: 443,
                    protocol: "HTTPS",
                    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                    certificateArn: args.certificateArn,
                    defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
                    tags: args.tags,
                },
                parent,
            );
            new aws.lb.Listener(
                `${name}-http`,
                {
                    region,
                    loadBalancerArn: this.loadBalancer.arn,
                    port: 80,
                    protocol: "HTTP",
                    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
                    tags: args.tags,
                },
                parent,
            );
            [this.service, this.taskRole, this.cluster, this.scalingTarget] = this.fargateService(name, args, {
                subnets: network.privateSubnets.map((s) => s.id),
                securityGroup: serviceSecurityGroup.id,
                targetGroupArn: targetGroup.arn,
                listener: https,
                accountId: account.accountId,
                partition: partition.partition,
            });
        }

        const outputs: Registered<CellOutputs> = {
            cell: args.cell,
            region,
            role: args.role,
            tier: args.tier,
            rto: args.rto,
            rpo: args.rpo,
            residency: args.residency,
            compute: this.size.kind,
            desiredCount: this.size.desired,
            maxCount: this.size.max,
            loadBalancerDnsName: this.loadBalancer?.dnsName,
            loadBalancerZoneId: this.loadBalancer?.zoneId,
            alarmTopicArn: args.alarmTopicArn,
        };
        this.registerOutputs(outputs);
    }

    /** VPC with a public and a private subnet in each of two zones; NAT per zone only where tasks run. */
    private network(name: string, args: RegionalCellArgs) {
        const region = args.region;
        const parent = { parent: this };
        const zones = aws.getAvailabilityZonesOutput({ region, state: "available" }, parent);
        const vpc = new aws.ec2.Vpc(
            name,
            { region, cidrBlock: args.cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...args.tags, Name: name } },
            parent,
        );
        const gateway = new aws.ec2.InternetGateway(name, { region, vpcId: vpc.id, tags: args.tags }, parent);
        // An Elastic IP, a NAT gateway and an internet-facing load balancer need the gateway attached first:
        // "EIP may require IGW to exist prior to association" (https://www.pulumi.com/registry/packages/aws/api-docs/ec2/eip/);
        // a NAT gateway created too early goes to Failed, "Network vpc-… has no Internet gateway attached", and is not retried
        // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html); an ALB fails "InvalidSubnet: VPC … has no internet gateway".
        const afterGateway = { parent: this, dependsOn: [gateway] };
        const publicRoutes = new aws.ec2.RouteTable(
            `${name}-public`,
            { region, vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }], tags: args.tags },
            parent,
        );
        const [a, b] = args.cidrBlock.split(".");
        const publicSubnets: aws.ec2.Subnet[] = [];
        const privateSubnets: aws.ec2.Subnet[] = [];
        const zoneNames: pulumi.Output<string>[] = [];
        // Every subnet is a game day's target: a zone's power interruption and a cut from the other region (GameDays).
        const faultTargets = faultTargetTags(FAULT_TARGET_TAGS.zoneSubnet, FAULT_TARGET_TAGS.regionSubnet);
        for (let i = 0; i < AZ_COUNT; i++) {
            const availabilityZone = zones.names.apply((names) => names[i]);
            zoneNames.push(availabilityZone);
            const publicSubnet = new aws.ec2.Subnet(
                `${name}-public-${i}`,
                {
                    region,
                    vpcId: vpc.id,
                    availabilityZone,
                    cidrBlock: `${a}.${b}.${i}.0/24`,
                    tags: { ...args.tags, ...faultTargets, Name: `${name}-public-${i}` },
                },
                parent,
            );
            new aws.ec2.RouteTableAssociation(
                `${name}-public-${i}`,
                { region, subnetId: publicSubnet.id, routeTableId: publicRoutes.id },
                parent,
            );
            const privateSubnet = new aws.ec2.Subnet(
                `${name}-private-${i}`,
                {
                    region,
                    vpcId: vpc.id,
                    availabilityZone,
                    cidrBlock: `${a}.${b}.${10 + i}.0/24`,
                    tags: { ...args.tags, ...faultTargets, Name: `${name}-private-${i}` },
                },
                parent,
            );
            const privateRoutes: aws.types.input.ec2.RouteTableRoute[] = [];
            if (this.size.kind !== "none") {
                const ip = new aws.ec2.Eip(`${name}-nat-${i}`, { region, domain: "vpc", tags: args.tags }, afterGateway);
                const nat = new aws.ec2.NatGateway(
                    `${name}-nat-${i}`,
                    { region, allocationId: ip.id, subnetId: publicSubnet.id, tags: args.tags },
                    afterGateway,
                );
                privateRoutes.push({ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
            }
            const routes = new aws.ec2.RouteTable(
                `${name}-private-${i}`,
                { region, vpcId: vpc.id, routes: privateRoutes, tags: args.tags },
                parent,
            );
            new aws.ec2.RouteTableAssociation(
                `${name}-private-${i}`,
                { region, subnetId: privateSubnet.id, routeTableId: routes.id },
                parent,
            );
            publicSubnets.push(publicSubnet);
            privateSubnets.push(privateSubnet);
        }
        return { vpc, gateway, publicSubnets, privateSubnets, zoneNames };
    }

    private fargateService(
        name: string,
        args: RegionalCellArgs,
        net: {
            subnets: pulumi.Input<string>[];
            securityGroup: pulumi.Input<string>;
            targetGroupArn: pulumi.Input<string>;
            listener: aws.lb.Listener;
            accountId: pulumi.Output<string>;
            partition: pulumi.Output<string>;
        },
    ): [aws.ecs.Service, aws.iam.Role, aws.ecs.Cluster, aws.appautoscaling.Target | undefined] {
        const region = args.region;
        const parent = { parent: this };
        const assumeByTasks = serviceTrustPolicy("ecs-tasks.amazonaws.com", net.accountId);
        const executionRole = new aws.iam.Role(
            `${name}-execution`,
            { description: `ECS task execution, ${name}`, assumeRolePolicy: assumeByTasks, tags: args.tags },
            parent,
        );
        new aws.iam.RolePolicyAttachment(
            `${name}-execution`,
            {
                role: executionRole.name,
                policyArn: pulumi.interpolate`arn:${net.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
            },
            parent,
        );
        const taskRole = new aws.iam.Role(
            `${name}-task`,
            { description: `The service's own permissions, ${name}`, assumeRolePolicy: assumeByTasks, tags: args.tags },
            parent,
        );
        const tableArns = args.data.tableNames.map(
            (table) => pulumi.interpolate`arn:${net.partition}:dynamodb:${region}:${net.accountId}:table/${table}`,
        );
        const statements: unknown[] = [];
        if (tableArns.length > 0) {
            statements.push({
                Sid: "Tables",
                Effect: "Allow",
                Action: [
                    "dynamodb:GetItem",
                    "dynamodb:BatchGetItem",
                    "dynamodb:Query",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem",
                    "dynamodb:BatchWriteItem",
                    "dynamodb:ConditionCheckItem",
                ],
                Resource: [...tableArns, ...tableArns.map((arn) => pulumi.interpolate`${arn}/index/*`)],
            });
        }
        if (args.data.bucketArns.length > 0) {
            statements.push({
                Sid: "Objects",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                Resource: args.data.bucketArns.map((arn) => pulumi.interpolate`${arn}/*`),
            });
        }
        if (statements.length > 0) {
            statements.push({
                Sid: "DataKey",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
                Resource: args.data.keyArn,
            });
            new aws.iam.RolePolicy(
                `${name}-task`,
                { role: taskRole.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }) },
                parent,
            );
        }

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-app`, { region, retentionInDays: 30, tags: args.tags }, parent);
        const cluster = new aws.ecs.Cluster(
            name,
            { region, settings: [{ name: "containerInsights", value: "enabled" }], tags: args.tags },
            parent,
        );
        const taskDefinition = new aws.ecs.TaskDefinition(
            name,
            {
                region,
                family: `${args.cell}-app`,
                cpu: "512",
                memory: "1024",
                networkMode: "awsvpc",
                requiresCompatibilities: ["FARGATE"],
                runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
                executionRoleArn: executionRole.arn,
                taskRoleArn: taskRole.arn,
                // The root file system is read-only; /tmp is the task's own scratch space.
                volumes: [{ name: "tmp" }],
                containerDefinitions: pulumi.jsonStringify([
                    {
                        name: "app",
                        ...(args.image ? { image: args.image } : PLACEHOLDER),
                        essential: true,
                        readonlyRootFilesystem: true,
                        mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }],
                        portMappings: [{ containerPort: CONTAINER_PORT, protocol: "tcp" }],
                        environment: [
                            { name: "DR_CELL", value: args.cell },
                            { name: "DR_REGION", value: region },
                            { name: "DR_ROLE", value: args.role },
                        ],
                        logConfiguration: {
                            logDriver: "awslogs",
                            options: { "awslogs-group": logGroup.name, "awslogs-region": region, "awslogs-stream-prefix": "app" },
                        },
                    },
                ]),
                tags: args.tags,
            },
            parent,
        );
        const service = new aws.ecs.Service(
            name,
            {
                region,
                cluster: cluster.arn,
                taskDefinition: taskDefinition.arn,
                launchType: "FARGATE",
                desiredCount: this.size.desired,
                networkConfiguration: { subnets: net.subnets, securityGroups: [net.securityGroup], assignPublicIp: false },
                loadBalancers: [{ targetGroupArn: net.targetGroupArn, containerName: "app", containerPort: CONTAINER_PORT }],
                healthCheckGracePeriodSeconds: 60,
                deploymentCircuitBreaker: { enable: true, rollback: true },
                propagateTags: "SERVICE",
                tags: args.tags,
            },
            // Auto scaling owns the task count of a scalable standby; a deployment must not reset it mid-failover.
            { parent: this, dependsOn: [net.listener], ignoreChanges: this.size.kind === "scalable" ? ["desiredCount"] : [] },
        );
        let target: aws.appautoscaling.Target | undefined;
        if (this.size.kind === "scalable") {
            target = new aws.appautoscaling.Target(
                name,
                {
                    region,
                    serviceNamespace: "ecs",
                    scalableDimension: "ecs:service:DesiredCount",
                    resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,
                    minCapacity: this.size.min,
                    maxCapacity: this.size.max,
                },
                // The night mode's schedules move the bounds twice a day: an update at night must not put the day's back.
                args.nightTier !== undefined ? { parent: this, ignoreChanges: ["minCapacity", "maxCapacity"] } : parent,
            );
            // Target tracking needs running tasks to measure; a pilot light is scaled up by raising its minimum.
            if (this.size.min > 0) {
                new aws.appautoscaling.Policy(
                    `${name}-cpu`,
                    {
                        region,
                        policyType: "TargetTrackingScaling",
                        serviceNamespace: target.serviceNamespace,
                        scalableDimension: target.scalableDimension,
                        resourceId: target.resourceId,
                        targetTrackingScalingPolicyConfiguration: {
                            targetValue: 60,
                            predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                            scaleOutCooldown: 60,
                            scaleInCooldown: 300,
                        },
                    },
                    parent,
                );
            }
        }
        return [service, taskRole, cluster, target];
    }
}
