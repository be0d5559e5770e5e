import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FIGURES, NightModeOutputs, Tier, clockMinutes } from "../../policies/catalog";
import { serviceTrustPolicy } from "../iam";
import { awsName } from "../names";
import { Registered } from "../registered";
import { computeSize } from "../sizing";
import { GATE_NIGHT, GATE_OPEN } from "./globalRouting";

export interface NightModeArgs {
    cell: string;
    /** The DR region, which drops to `tier` at night. */
    region: string;
    /** The window, local times HH:MM in the IANA `timeZone`; it may cross midnight. */
    from: string;
    to: string;
    timeZone: string;
    /** The tier the DR region runs at night, the one it runs by day, and the cell's full capacity. */
    tier: Tier;
    dayTier: Tier;
    capacity: number;
    /** The DR region's service and the auto scaling bounds the night moves. */
    service: aws.ecs.Service;
    scalingTarget: aws.appautoscaling.Target;
    /** The gate of the DR region's latency record, for a cell whose DR region serves by day (active-active). */
    gate?: aws.route53.HealthCheck;
    /** The night's own RTO target as written, when the stack declares one. */
    rto?: string;
    /** Where the DR region's alarms go (OnCall.destinations). */
    destinations: pulumi.Input<string>[];
    tags: Record<string, string>;
}

/** A daily cron expression of EventBridge Scheduler at `minute` minutes after midnight. https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html */
function daily(minute: number): string {
    const at = (minute + 24 * 60) % (24 * 60);
    return `cron(${at % 60} ${Math.floor(at / 60)} * * ? *)`;
}

/**
 * Night mode: EventBridge Scheduler schedules in the DR region that drop it to a cheaper tier at night and bring it
 * back by day, each a universal target — one AWS API call, made with a role allowed that call on these resources only.
 *
 * - At `from`: the gate of the DR region's latency record closes (Route 53 UpdateHealthCheck, threshold 2), so the
 *   region takes no traffic while the home region is healthy; and its auto scaling minimum drops to the night tier's
 *   (Application Auto Scaling RegisterScalableTarget), so its idle tasks drain by target tracking. A disaster at night
 *   keeps them: the gate opens by itself when home fails, and a loaded service does not scale in.
 * - At `to` less a lead: the bounds return to the day tier's, which Application Auto Scaling applies at once; at
 *   `to` the gate reopens, so the region takes traffic only once it can carry it.
 *
 * The schedules run without a flexible window, so each switch happens within the minute it is due, and retry for at
 * most five minutes; a switch that still fails is dropped and pages on-call. They live in the DR region, whose
 * services they scale, so a loss of the home region leaves them running.
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html
 * https://docs.aws.amazon.com/autoscaling/application/userguide/getting-started.html
 */
export class NightMode extends pulumi.ComponentResource {
    /** The commands that put the DR region back to its day tier now, in an emergency: capacity first, then traffic. */
    readonly backToDayNow: pulumi.Output<string[]>;

    constructor(name: string, args: NightModeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:cell:NightMode", name, {}, opts);
        const parent = { parent: this };
        const region = args.region;
        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent).partition;
        const night = computeSize(args.tier, "standby", args.capacity);
        const day = computeSize(args.dayTier, "standby", args.capacity, args.tier);

        const group = new aws.scheduler.ScheduleGroup(
            name,
            { region, name: awsName([args.cell, "night-mode"], { max: 64, allowed: /[A-Za-z0-9_.-]/, separator: "-" }), tags: args.tags },
            parent,
        );
        const role = new aws.iam.Role(
            `${name}-switch`,
            {
                description: `Switches DR cell ${args.cell} between its day and night tiers`,
                assumeRolePolicy: serviceTrustPolicy("scheduler.amazonaws.com", account),
                tags: args.tags,
            },
            parent,
        );
        // RegisterScalableTarget on an ECS service also needs ecs:DescribeServices and ecs:UpdateService on it.
        // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/auto-scaling-IAM.html
        const statements: unknown[] = [
            {
                Sid: "Capacity",
                Effect: "Allow",
                Action: ["application-autoscaling:RegisterScalableTarget", "application-autoscaling:DescribeScalableTargets"],
                Resource: args.scalingTarget.arn,
            },
            { Sid: "Service", Effect: "Allow", Action: ["ecs:DescribeServices", "ecs:UpdateService"], Resource: args.service.id },
        ];
        if (args.gate) {
            statements.push({
                Sid: "Routing",
                Effect: "Allow",
                Action: "route53:UpdateHealthCheck",
                Resource: pulumi.interpolate`arn:${partition}:route53:::healthcheck/${args.gate.id}`,
            });
        }
        new aws.iam.RolePolicy(
            `${name}-switch`,
            { role: role.id, policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }) },
            parent,
        );

        const target = (api: string, input: pulumi.Input<Record<string, unknown>>) => ({
            arn: pulumi.interpolate`arn:${partition}:scheduler:::aws-sdk:${api}`,
            roleArn: role.arn,
            input: pulumi.jsonStringify(input),
            retryPolicy: { maximumEventAgeInSeconds: 300, maximumRetryAttempts: 5 },
        });
        const capacity = (min: number, max: number) =>
            target("applicationautoscaling:registerScalableTarget", {
                ServiceNamespace: "ecs",
                ScalableDimension: "ecs:service:DesiredCount",
                ResourceId: args.scalingTarget.resourceId,
                MinCapacity: min,
                MaxCapacity: max,
            });
        const threshold = (value: number) => target("route53:updateHealthCheck", { HealthCheckId: args.gate!.id, HealthThreshold: value });
        const schedule = (suffix: string, at: number, description: string, scheduleTarget: ReturnType<typeof target>) =>
            new aws.scheduler.Schedule(
                `${name}-${suffix}`,
                {
                    region,
                    groupName: group.name,
                    description,
                    scheduleExpression: daily(at),
                    scheduleExpressionTimezone: args.timeZone,
                    flexibleTimeWindow: { mode: "OFF" },
                    target: scheduleTarget,
                },
                parent,
            );
        const from = clockMinutes(args.from)!;
        const to = clockMinutes(args.to)!;
        const lead = FIGURES.nightScaleUpLead / 60;
        schedule(
            "night-capacity",
            from,
            `${args.from} ${args.timeZone}: ${region} drops to ${args.tier}`,
            capacity(night.min, args.capacity),
        );
        schedule(
            "day-capacity",
            to - lead,
            `${lead} minutes before ${args.to}: ${region} back to ${args.dayTier}`,
            capacity(day.min, day.max),
        );
        if (args.gate) {
            schedule("night-routing", from, `${args.from} ${args.timeZone}: ${region} leaves the latency records`, threshold(GATE_NIGHT));
            schedule("day-routing", to, `${args.to} ${args.timeZone}: ${region} serves again`, threshold(GATE_OPEN));
        }

        // A switch that gave up after its retries is a night (or a day) the cell did not get: on-call hears of it.
        // https://docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html
        new aws.cloudwatch.MetricAlarm(
            `${name}-switch-failed`,
            {
                region,
                alarmDescription: `DR cell ${args.cell}: a night-mode switch in ${region} failed after its retries; run the commands in the stack output nightMode.backToDayNow.`,
                namespace: "AWS/Scheduler",
                metricName: "InvocationDroppedCount",
                dimensions: { ScheduleGroup: group.name },
                statistic: "Sum",
                period: 300,
                evaluationPeriods: 1,
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                treatMissingData: "notBreaching",
                alarmActions: args.destinations,
                tags: args.tags,
            },
            parent,
        );

        this.backToDayNow = pulumi
            .all([args.scalingTarget.resourceId, args.gate?.id])
            .apply(([resourceId, gateId]) => [
                `aws application-autoscaling register-scalable-target --region ${region} --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id ${resourceId} --min-capacity ${day.min} --max-capacity ${day.max}`,
                ...(gateId ? [`aws route53 update-health-check --health-check-id ${gateId} --health-threshold ${GATE_OPEN}`] : []),
            ]);

        const outputs: Registered<NightModeOutputs> = {
            cell: args.cell,
            region,
            from: args.from,
            to: args.to,
            timeZone: args.timeZone,
            tier: args.tier,
            desiredCount: night.desired,
            minCount: night.min,
            maxCount: args.capacity,
            rto: args.rto,
        };
        this.registerOutputs(outputs);
    }
}
