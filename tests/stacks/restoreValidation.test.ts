import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { PLAN_ACCOUNT_ID } from "../../cli/src/engine/invokes";
import { DR_TAGS, preflightFindings } from "../../policies/catalog";
import { DRILL_DAYS, DRILL_START_WINDOW_HOURS, RESTORE_WATCH_DAYS, VALIDATOR } from "../../infra/components/restoreValidation";
import { shippedStack } from "../helpers";
import { outputsOf } from "../support/deployedOutputs";
import { StackView, runStack } from "./stack";

const COMPONENT = "dr:backup:RestoreValidation";
const DRILL = "aws:backup/restoreTestingPlan:RestoreTestingPlan";
const DRILL_SELECTION = "aws:backup/restoreTestingSelection:RestoreTestingSelection";
const VAULT = "aws:backup/vault:Vault";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const FUNCTION = "aws:lambda/function:Function";
const PERMISSION = "aws:lambda/permission:Permission";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";

const DAY = 24 * 3600;
/** "Period multiplied by EvaluationPeriods can't be more than 604,800 seconds." https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html */
const MAX_ALARM_RANGE = 604_800;

/** The IAM action each AWS SDK command the validator sends needs, and the one call it signs itself. */
const ACTION_OF_COMMAND: Record<string, string> = {
    DescribeRestoreJobCommand: "backup:DescribeRestoreJob",
    DescribeTableCommand: "dynamodb:DescribeTable",
    ScanCommand: "dynamodb:Scan",
    ListObjectsV2Command: "s3:ListBucket",
    DescribeDBClustersCommand: "rds:DescribeDBClusters",
    DescribeDBInstancesCommand: "rds:DescribeDBInstances",
};

/** The resources a property of `r` depends on, of `type`: how the policy pack follows references. */
function referenced(view: StackView, r: CapturedResource, property: string, type: string): CapturedResource[] {
    return (r.propertyDependencies[property] ?? []).map((urn) => view.byUrn(urn)).filter((d): d is CapturedResource => d?.type === type);
}

/** The longest wait, in days, between two drills of a week running on `days`. */
function longestGapDays(days: readonly string[]): number {
    const week = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    const sorted = days.map((d) => week.indexOf(d)).sort((a, b) => a - b);
    return Math.max(...sorted.map((d, i) => (i + 1 < sorted.length ? sorted[i + 1] : sorted[0] + 7) - d));
}

describe("RestoreValidation in each shipped stack", async () => {
    const stacks = await Promise.all(["tokyo", "us", "eu"].map(async (name) => [name, await runStack(name)] as const));

    for (const [name, view] of stacks) {
        const component = view.one(COMPONENT, `${name}-restore-validation`);
        const parts = view.within(component);
        const inRegion = (type: string, region: string) => parts.filter((r) => r.type === type && r.inputs.region === region);
        const drills = view.ofType(DRILL);
        const regions = [...new Set(drills.map((d) => d.inputs.region as string))].sort();
        const oncallTopics = view.within(view.one("dr:monitoring:OnCall", `${name}-oncall`)).filter((r) => r.type === TOPIC);

        it(`${name}: a validator in each region where a drill runs (${regions.join(", ")}), and nowhere else`, () => {
            assert.ok(regions.length > 0);
            assert.deepEqual([...new Set(parts.filter((r) => r.type === FUNCTION).map((f) => f.inputs.region))].sort(), regions);
            assert.deepEqual([...(component.outputs?.regions ?? [])].sort(), regions);
        });

        for (const region of regions) {
            const plans = drills.filter((d) => d.inputs.region === region);
            const [rule, ...moreRules] = inRegion(RULE, region);
            const [fn, ...moreFunctions] = inRegion(FUNCTION, region);

            it(`${name} ${region}: a rule hands the completed restore jobs of the stack's plans there, and only those, to the validator`, () => {
                assert.deepEqual([moreRules, moreFunctions], [[], []]);
                assert.deepEqual(JSON.parse(rule.inputs.eventPattern), {
                    source: ["aws.backup"],
                    "detail-type": ["Restore Job State Change"],
                    detail: {
                        status: ["COMPLETED"],
                        restoreTestingPlanArn: plans.map((p) => outputsOf(DRILL, p.name, p.inputs, region).arn),
                    },
                });
                assert.deepEqual(referenced(view, rule, "eventPattern", DRILL), plans, "the pattern is built from the plans");
                assert.notEqual(rule.inputs.state, "DISABLED");
                assert.equal(rule.inputs.eventBusName, undefined, "AWS service events reach the default bus only");
                const targets = inRegion(TARGET, region).filter((t) => referenced(view, t, "rule", RULE)[0] === rule);
                assert.deepEqual(
                    targets.map((t) => referenced(view, t, "arn", FUNCTION)),
                    [[fn]],
                );
                const [permission] = inRegion(PERMISSION, region);
                assert.deepEqual(
                    [permission.inputs.action, permission.inputs.principal, permission.inputs.function],
                    ["lambda:InvokeFunction", "events.amazonaws.com", fn.inputs.name],
                );
                assert.deepEqual(referenced(view, permission, "sourceArn", RULE), [rule], "only this rule may invoke it");
            });

            it(`${name} ${region}: the validator runs the shipped source on Node.js 20, logs for 30 days, and reports to AWS Backup in its region`, () => {
                assert.deepEqual([fn.inputs.runtime, fn.inputs.handler], ["nodejs22.x", "index.handler"]);
                assert.equal(fn.inputs.code.assets["index.js"].text, VALIDATOR);
                assert.match(fn.inputs.name, /^[A-Za-z0-9_-]{1,64}$/);
                assert.equal(fn.inputs.environment.variables.BACKUP_ENDPOINT, `backup.${region}.amazonaws.com`);
                const [logGroup] = referenced(view, fn, "loggingConfig", LOG_GROUP);
                assert.deepEqual(
                    [logGroup?.inputs.region, logGroup?.inputs.name, logGroup?.inputs.retentionInDays],
                    [region, `/aws/lambda/${fn.inputs.name}`, 30],
                );
            });

            it(`${name} ${region}: the validator's role may make only the calls it makes, on restored resources of its region`, () => {
                const [role] = referenced(view, fn, "role", ROLE);
                assert.ok(parts.includes(role), "the validator has a role of its own");
                const trust = JSON.parse(role.inputs.assumeRolePolicy).Statement;
                assert.deepEqual(
                    trust.map((s: any) => [s.Principal.Service, s.Condition.StringEquals["aws:SourceAccount"]]),
                    [["lambda.amazonaws.com", PLAN_ACCOUNT_ID]],
                );
                assert.deepEqual(
                    view.ofType(ATTACHMENT).filter((a) => referenced(view, a, "role", ROLE)[0] === role),
                    [],
                    "no managed policy",
                );
                const policies = view.ofType(ROLE_POLICY).filter((p) => referenced(view, p, "role", ROLE)[0] === role);
                assert.equal(policies.length, 1);
                const statements: any[] = JSON.parse(policies[0].inputs.policy).Statement;
                assert.ok(statements.every((s) => s.Effect === "Allow"));
                const granted = statements.flatMap((s) => [s.Action].flat()).sort();
                const called = [...VALIDATOR.matchAll(/new (\w+Command)\(/g)].map((m) => ACTION_OF_COMMAND[m[1]]);
                assert.ok(!called.includes(undefined as unknown as string), "a command the table does not know");
                assert.deepEqual(
                    granted,
                    [...new Set([...called, "backup:PutRestoreValidationResult", "logs:CreateLogStream", "logs:PutLogEvents"])].sort(),
                );
                for (const statement of statements) {
                    const resources: string[] = [statement.Resource].flat();
                    if (resources.includes("*")) {
                        assert.deepEqual([statement.Action].flat().sort(), [
                            "backup:DescribeRestoreJob",
                            "backup:PutRestoreValidationResult",
                        ]);
                        assert.deepEqual(statement.Condition, { StringEquals: { "aws:RequestedRegion": region } });
                    } else if ([statement.Action].flat()[0].startsWith("logs:")) {
                        assert.deepEqual(resources, [
                            `arn:aws:logs:${region}:${PLAN_ACCOUNT_ID}:log-group:/aws/lambda/${fn.inputs.name}:*`,
                        ]);
                    } else {
                        for (const resource of resources) {
                            assert.match(
                                resource,
                                new RegExp(
                                    `^arn:aws:(s3:::|\\w+:${region}:${PLAN_ACCOUNT_ID}:(table/|cluster:|db:))awsbackup-restore-test`,
                                ),
                            );
                        }
                    }
                }
            });

            it(`${name} ${region}: a failed validation, or a validator that cannot run, pages on-call there`, () => {
                const [failed, ...more] = inRegion(ALARM, region).filter((a) => a.inputs.namespace === "AWS/Lambda");
                assert.deepEqual(more, []);
                assert.deepEqual(
                    [
                        failed.inputs.metricName,
                        failed.inputs.dimensions,
                        failed.inputs.statistic,
                        failed.inputs.comparisonOperator,
                        failed.inputs.threshold,
                    ],
                    ["Errors", { FunctionName: fn.inputs.name }, "Sum", "GreaterThanOrEqualToThreshold", 1],
                );
                assert.deepEqual(
                    [failed.inputs.period, failed.inputs.evaluationPeriods, failed.inputs.treatMissingData],
                    [300, 1, "notBreaching"],
                );
                const [topic] = referenced(view, failed, "alarmActions", TOPIC);
                assert.ok(oncallTopics.includes(topic) && topic.inputs.region === region);
            });

            it(`${name} ${region}: a week without a completed restore job from the drilled vault pages on-call there, missing data counting as none`, () => {
                const [watch, ...more] = inRegion(ALARM, region).filter((a) => a.inputs.metricQueries);
                assert.deepEqual(more, []);
                const [expression, ...metrics] = watch.inputs.metricQueries;
                assert.deepEqual([expression.expression, expression.returnData], ["SUM(METRICS())", true]);
                const expected = plans.flatMap((plan) => {
                    const [vault] = referenced(view, plan, "recoveryPointSelection", VAULT);
                    return view
                        .ofType(DRILL_SELECTION)
                        .filter((s) => referenced(view, s, "restoreTestingPlanName", DRILL)[0] === plan)
                        .map((s) => ({ BackupVaultName: vault.inputs.name, ResourceType: s.inputs.protectedResourceType }));
                });
                assert.deepEqual(
                    metrics.map((m: any) => m.metric.dimensions),
                    expected,
                );
                for (const m of metrics) {
                    assert.deepEqual(
                        [m.metric.namespace, m.metric.metricName, m.metric.stat, m.metric.period, m.returnData],
                        ["AWS/Backup", "NumberOfRestoreJobsCompleted", "Sum", DAY, false],
                    );
                }
                assert.deepEqual(
                    [watch.inputs.comparisonOperator, watch.inputs.threshold, watch.inputs.treatMissingData],
                    ["LessThanThreshold", 1, "breaching"],
                );
                assert.deepEqual(
                    [watch.inputs.evaluationPeriods, watch.inputs.datapointsToAlarm],
                    [RESTORE_WATCH_DAYS, RESTORE_WATCH_DAYS],
                );
                const range = DAY * watch.inputs.evaluationPeriods;
                assert.ok(range <= MAX_ALARM_RANGE, "CloudWatch refuses a longer range");
                const latest = longestGapDays(DRILL_DAYS) * DAY + DRILL_START_WINDOW_HOURS * 3600 + DAY;
                assert.ok(latest < range, "a drill that runs, however late in its window, keeps the alarm quiet");
                const [topic] = referenced(view, watch, "alarmActions", TOPIC);
                assert.ok(oncallTopics.includes(topic) && topic.inputs.region === region);
            });
        }

        it(`${name}: every part sets its region (IAM is global), uses no explicit provider, and carries the stack's tags`, () => {
            const tags = { [DR_TAGS.cell]: name, [DR_TAGS.tier]: shippedStack(name).config["dr:tier"] };
            for (const r of parts) {
                assert.equal(r.parent, component.urn, `${r.name} is not the component's child`);
                assert.equal(r.provider, "", `${r.name} has an explicit provider`);
                if (!r.type.startsWith("aws:iam/")) {
                    assert.ok(regions.includes(r.inputs.region), `${r.type} ${r.name} is in no drill region`);
                }
                if ([ROLE, LOG_GROUP, FUNCTION, RULE, ALARM].includes(r.type)) {
                    assert.deepEqual(r.inputs.tags, tags, r.name);
                }
            }
        });

        it(`${name}: AWS would accept every input of it (dr-preflight's rows)`, () => {
            assert.deepEqual(
                parts.flatMap((r) => preflightFindings(r.type, r.inputs)),
                [],
            );
        });
    }
});
