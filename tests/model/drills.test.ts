import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ModelResource, UNKNOWN, drillValidations, drills, validatesStore } from "../../policies/catalog/model";
import { T, bucket, euTable, model, resource } from "./build";

const REGION = "eu-central-1";
const PLAN_ARN = "arn:aws:backup:eu-central-1:123456789012:restore-testing-plan:drill_eu-4f2a";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const FUNCTION = "aws:lambda/function:Function";

/** A restore testing plan in REGION; its ARN unknown, as at preview, unless given. */
const drillPlan = (arn: unknown = UNKNOWN) =>
    resource(T.restoreTestingPlan, "drill", { region: REGION, name: "drill_eu", arn, scheduleExpression: "cron(0 3 ? * MON,THU *)" });

/** An IAM policy document of `statements`. */
const document = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const REPORT = { Effect: "Allow", Action: "backup:PutRestoreValidationResult", Resource: "*" };

/** The pattern the restore testing validation page describes, with `detail` fields added or replaced. */
const completedJobs = (detail: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
    JSON.stringify({
        source: ["aws.backup"],
        "detail-type": ["Restore Job State Change"],
        detail: { status: ["COMPLETED"], ...detail },
        ...top,
    });

interface Parts {
    rule?: Record<string, unknown>;
    /** What the rule's pattern was built from: the plan, unless given. */
    patternFrom?: ModelResource[];
    fn?: Record<string, unknown>;
    policy?: unknown;
}

/** A validation of `plan` as the DR program builds one: rule → target → function → role ← policy, every reference a property dependency. */
function validator(plan: ModelResource, parts: Parts = {}) {
    const role = resource(T.role, "validator", {});
    const policy = resource(T.rolePolicy, "validator", { role: UNKNOWN, policy: parts.policy ?? document(REPORT) }, { role: [role] });
    const fn = resource(FUNCTION, "validator", { region: REGION, arn: UNKNOWN, role: UNKNOWN, ...parts.fn }, { role: [role] });
    const rule = resource(
        RULE,
        "completed",
        { region: REGION, name: UNKNOWN, eventPattern: UNKNOWN, ...parts.rule },
        { eventPattern: parts.patternFrom ?? [plan] },
    );
    const target = resource(T.eventTarget, "completed", { region: REGION, rule: UNKNOWN, arn: UNKNOWN }, { rule: [rule], arn: [fn] });
    return { rule, target, fn, role, policy, all: [rule, target, fn, role, policy] };
}

/** The validations of the one drill of a stack holding `plan` and `resources`, of restores of `type`. */
function validations(plan: ModelResource, resources: ModelResource[], type = "DynamoDB") {
    const m = model(plan, ...resources);
    return drillValidations(m, drills(m)[0], type);
}

const validated = (plan: ModelResource, resources: ModelResource[], type = "DynamoDB") => validations(plan, resources, type).length > 0;

describe("which drills are validated", () => {
    it("one whose completed restore jobs a rule in its region hands to a function there whose role may report the verdict", () => {
        const plan = drillPlan();
        const v = validator(plan);
        assert.deepEqual(validations(plan, v.all), [{ rule: v.rule, function: v.fn }]);
        const m = model(plan, ...v.all);
        assert.equal(validatesStore(m, drills(m)[0], euTable()), true);
    });

    it("not one without such a rule, nor one whose rule invokes no function (an SNS topic is an alert, not a check)", () => {
        const plan = drillPlan();
        const v = validator(plan);
        assert.equal(validated(plan, []), false);
        assert.equal(validated(plan, [v.rule, v.fn, v.role, v.policy]), false);
        const topic = resource(T.topic, "alarms", { region: REGION });
        const toTopic = resource(T.eventTarget, "to-topic", { region: REGION, arn: UNKNOWN }, { rule: [v.rule], arn: [topic] });
        assert.equal(validated(plan, [v.rule, toTopic, topic]), false);
    });

    it("reads a known pattern: AWS Backup's restore job completions, of this plan and this resource type when it names them", () => {
        const plan = drillPlan(PLAN_ARN);
        const withPattern = (eventPattern: string) => validator(plan, { rule: { eventPattern }, patternFrom: [] }).all;
        assert.equal(validated(plan, withPattern(completedJobs())), true, "every completed restore job of the region");
        assert.equal(validated(plan, withPattern(completedJobs({ restoreTestingPlanArn: [PLAN_ARN] }))), true);
        assert.equal(validated(plan, withPattern(completedJobs({ restoreTestingPlanArn: [`${PLAN_ARN}-other`] }))), false);
        assert.equal(validated(plan, withPattern(completedJobs({ status: ["FAILED", "ABORTED"] }))), false, "failures are alerts");
        assert.equal(validated(plan, withPattern(completedJobs({}, { "detail-type": ["Backup Job State Change"] }))), false);
        assert.equal(validated(plan, withPattern(completedJobs({}, { source: ["aws.s3"] }))), false);
        const s3Only = withPattern(completedJobs({ resourceType: ["S3"] }));
        assert.equal(validated(plan, s3Only, "DynamoDB"), false);
        assert.equal(validated(plan, s3Only, "S3"), true);
        assert.equal(
            validated(plan, withPattern(completedJobs({ status: [{ "anything-but": "FAILED" }] }))),
            false,
            "a matcher it does not read",
        );
        assert.equal(validated(plan, withPattern(completedJobs({ restoreJobId: ["job-1"] }))), false, "a field it does not read");
        assert.equal(validated(plan, withPattern("{not json")), false);
    });

    it("takes a pattern unknown before deployment as the plan's when it was built from the plan, and only then", () => {
        const plan = drillPlan();
        assert.equal(validated(plan, validator(plan).all), true);
        assert.equal(validated(plan, validator(plan, { patternFrom: [] }).all), false);
        const known = completedJobs({ restoreTestingPlanArn: ["arn:aws:backup:eu-central-1:123456789012:restore-testing-plan:x"] });
        assert.equal(validated(plan, validator(plan, { rule: { eventPattern: known }, patternFrom: [] }).all), false);
    });

    it("only in the drill's region, from a rule that sees AWS events: enabled, on the default bus", () => {
        const plan = drillPlan();
        assert.equal(validated(plan, validator(plan, { rule: { region: "eu-west-1" } }).all), false);
        assert.equal(validated(plan, validator(plan, { fn: { region: "eu-west-1" } }).all), false);
        assert.equal(validated(plan, validator(plan, { rule: { state: "DISABLED" } }).all), false);
        assert.equal(validated(plan, validator(plan, { rule: { eventBusName: "custom" } }).all), false);
        assert.equal(validated(plan, validator(plan, { rule: { eventBusName: "default", state: "ENABLED" } }).all), true);
    });

    it("only when the function's role may report the verdict on every resource, and nothing denies it", () => {
        const plan = drillPlan();
        const withPolicy = (policy: unknown) => validated(plan, validator(plan, { policy }).all);
        assert.equal(withPolicy(document({ Effect: "Allow", Action: ["backup:Put*"], Resource: ["*"] })), true);
        assert.equal(withPolicy(document({ Effect: "Allow", Action: "BACKUP:*", Resource: "*" })), true, "actions match in any case");
        assert.equal(withPolicy(document({ Effect: "Allow", Action: "backup:DescribeRestoreJob", Resource: "*" })), false);
        assert.equal(
            withPolicy(document({ ...REPORT, Resource: "arn:aws:backup:eu-central-1:123456789012:restore-job:*" })),
            false,
            "the action takes no resource: only * grants it",
        );
        assert.equal(withPolicy(document(REPORT, { Effect: "Deny", Action: "backup:*", Resource: "*" })), false);
        assert.equal(withPolicy(UNKNOWN), true, "a policy unknown before deployment may grant it");
        assert.equal(withPolicy("not json"), false);
    });

    it("follows a target that names the rule and the function by their names and ARNs, as live state does", () => {
        const plan = drillPlan(PLAN_ARN);
        const v = validator(plan);
        const fnArn = "arn:aws:lambda:eu-central-1:123456789012:function:dr-eu-restore-validation";
        const rule = resource(RULE, "completed", {
            region: REGION,
            name: "completed-1f2e",
            eventPattern: completedJobs({ restoreTestingPlanArn: [PLAN_ARN] }),
        });
        const fn = resource(FUNCTION, "validator", { region: REGION, arn: fnArn }, { role: [v.role] });
        const target = resource(T.eventTarget, "completed", { region: REGION, rule: "completed-1f2e", arn: fnArn });
        assert.deepEqual(validations(plan, [rule, fn, target, v.role, v.policy]), [{ rule, function: fn }]);
        const elsewhere = resource(T.eventTarget, "completed", { region: "eu-west-1", rule: "completed-1f2e", arn: fnArn });
        assert.deepEqual(validations(plan, [rule, fn, elsewhere, v.role, v.policy]), [], "a rule's name is unique only in its region");
    });

    it("for the store's restore testing type: a bucket's restores are S3's", () => {
        const plan = drillPlan(PLAN_ARN);
        const v = validator(plan, { rule: { eventPattern: completedJobs({ resourceType: ["S3"] }) }, patternFrom: [] });
        const m = model(plan, ...v.all);
        assert.equal(validatesStore(m, drills(m)[0], bucket("uploads")), true);
        assert.equal(validatesStore(m, drills(m)[0], euTable()), false);
    });
});
