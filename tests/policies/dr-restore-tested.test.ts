import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UNKNOWN, storeRecovery } from "../../policies/catalog/model";
import { restoreTestFinding } from "../../policies/rules/dr-restore-tested";
import { T, euTable, model, plan, resource, selection, vault } from "../model/build";
import { analyzedFromState } from "../../cli/src/engine/state";
import { mandatory, of, sharedLab, varied } from "../support/lab";
import { deployedStack } from "../support/liveState";

const lab = sharedLab();

describe("dr-restore-tested through the real program and pack", () => {
    it("passes tokyo and us, whose validated drills restore the off-site copies where they are, twice a week", async () => {
        for (const s of await Promise.all(["tokyo", "us"].map((stack) => lab.plan(stack)))) {
            assert.equal(of(s, "dr-restore-tested").length, 0, mandatory(s));
            assert.equal(of(s, "dr-restore-tested-account-copies", "advisory").length, 0);
        }
    });

    it("advises eu, whose off-site copies are in the backup account: that account must run the drill", async () => {
        const s = await lab.plan("eu");
        assert.equal(of(s, "dr-restore-tested").length, 0, mandatory(s));
        const advisories = of(s, "dr-restore-tested-account-copies", "advisory");
        assert.deepEqual(advisories.map((v) => v.urn.split("::").pop()).sort(), [
            "eu-audit-reports",
            "projects",
            "sessions",
            "uploads",
            "users",
        ]);
        assert.match(
            advisories[0].message,
            /its off-site copy is in account 210987654321, where this stack cannot test restoring it\. Fix: run a restore testing plan in that account/,
        );
    });

    it("rejects us when the drill restores only the home vault: after losing us-east-1, the copy in us-west-2 is untested", async () => {
        const { context, resources } = await lab.preview("us");
        const homeOnly = resources.filter(
            (r) => !(r.type === T.restoreTestingPlan || r.type === T.restoreTestingSelection) || r.inputs.region !== "us-west-2",
        );
        const s = await lab.scenario(context, homeOnly);
        assert.equal(s.code, 1);
        const found = of(s, "dr-restore-tested");
        assert.deepEqual(found.map((v) => v.urn.split("::").pop()).sort(), [
            "projects",
            "sessions",
            "uploads",
            "us-audit-reports",
            "users",
        ]);
        const users = found.find((v) => v.urn.endsWith("::users"))!;
        assert.match(
            users.message,
            /\naws:dynamodb\/table:Table "users": its off-site copy \(copy of the every 1h \(\+1h to start, 1h to finish\) backup to vault us-backup-offsite in us-west-2\) is what a loss of us-east-1 leaves to restore, but no restore testing plan restores it\. Fix: a restore testing plan in us-west-2/,
        );
    });

    it("rejects tokyo without its restore validators: its drills still run, but nothing checks what they restore", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const withoutValidators = resources.filter((r) => r.type !== "aws:lambda/function:Function");
        assert.ok(withoutValidators.length < resources.length, "tokyo has validators to take away");
        const s = await lab.scenario(context, withoutValidators);
        assert.equal(s.code, 1);
        const found = of(s, "dr-restore-tested");
        assert.deepEqual(found.map((v) => v.urn.split("::").pop()).sort(), [
            "projects",
            "sessions",
            "tokyo-audit-reports",
            "uploads",
            "uploads-replica",
            "users",
        ]);
        const users = found.find((v) => v.urn.endsWith("::users"))!;
        assert.match(
            users.message,
            /"users": its off-site copy \(.*in ap-northeast-3\) is what a loss of ap-northeast-1 leaves to restore, but none of its drills that run at least every 93d is validated: no EventBridge rule in ap-northeast-3 hands their completed restore jobs to a Lambda function there whose role may report the verdict \(backup:PutRestoreValidationResult\)/,
        );
        assert.match(
            users.message,
            /Fix: an EventBridge rule in ap-northeast-3 on AWS Backup's "Restore Job State Change" events with status COMPLETED/,
        );
    });

    it("rejects us when its validators' role may not report a verdict", async () => {
        const { context, resources } = await lab.preview("us");
        let mute = resources;
        for (const r of resources.filter((r) => r.type === T.rolePolicy && r.name.startsWith("us-restore-validation-"))) {
            mute = varied(mute, T.rolePolicy, r.name, (p) => {
                const policy = JSON.parse(p.policy);
                policy.Statement[0].Action = ["backup:DescribeRestoreJob"];
                p.policy = JSON.stringify(policy);
            });
        }
        const s = await lab.scenario(context, mute);
        assert.equal(s.code, 1);
        assert.match(of(s, "dr-restore-tested")[0].message, /none of its drills that run at least every 93d is validated/);
    });

    it("passes tokyo's deployed state, whose rules name the plans by the ARNs AWS gave them; rejects one naming another plan", async () => {
        const { context, state } = await deployedStack(lab, "tokyo");
        const deployed = analyzedFromState(state);
        const rule = "tokyo-restore-validation-ap-northeast-3";
        const [pattern] = deployed
            .filter((r) => r.type === "aws:cloudwatch/eventRule:EventRule" && r.name === rule)
            .map((r) => r.outputs.eventPattern);
        assert.match(pattern, /"restoreTestingPlanArn":\["arn:aws:backup:ap-northeast-3:\d{12}:/, "the pattern is known in state");
        const s = await lab.scenario(context, deployed);
        assert.equal(of(s, "dr-restore-tested").length, 0, mandatory(s));
        const elsewhere = varied(deployed, "aws:cloudwatch/eventRule:EventRule", rule, (p) => {
            const parsed = JSON.parse(p.eventPattern);
            parsed.detail.restoreTestingPlanArn = ["arn:aws:backup:ap-northeast-3:123456789012:restore-testing-plan:someone_elses"];
            p.eventPattern = JSON.stringify(parsed);
        });
        const rejected = await lab.scenario(context, elsewhere);
        assert.deepEqual(
            of(rejected, "dr-restore-tested")
                .map((v) => v.urn.split("::").pop())
                .sort(),
            ["projects", "sessions", "tokyo-audit-reports", "uploads", "users"],
            "the stores whose off-site copy is drilled in ap-northeast-3",
        );
        assert.match(
            of(rejected, "dr-restore-tested")[0].message,
            /none of its drills that run at least every 93d is validated: no EventBridge rule in ap-northeast-3/,
        );
    });

    it("rejects tokyo when its drills run yearly, past the quarter", async () => {
        const { context, resources } = await lab.preview("tokyo");
        let yearly = resources;
        for (const r of resources.filter((r) => r.type === T.restoreTestingPlan)) {
            yearly = varied(yearly, T.restoreTestingPlan, r.name, (p) => (p.scheduleExpression = "cron(0 3 1 1 ? *)"));
        }
        const s = await lab.scenario(context, yearly);
        assert.equal(s.code, 1);
        assert.deepEqual(
            of(s, "dr-restore-tested")
                .map((v) => v.urn.split("::").pop())
                .sort(),
            ["projects", "sessions", "tokyo-audit-reports", "uploads", "uploads-replica", "users"],
        );
        assert.match(of(s, "dr-restore-tested")[0].message, /but its drills run less often than every 93d/);
    });
});

describe("dr-restore-tested rule", () => {
    const home = vault("home");
    const offsite = vault("offsite", "eu-central-1");
    const table = euTable();
    const backup = plan("hourly", home, [`arn:aws:backup:eu-central-1:123456789012:backup-vault:offsite`], [offsite]);
    const drill = (region: string, props: Record<string, any> = {}, from = offsite) =>
        resource(
            T.restoreTestingPlan,
            `drill-${region}`,
            {
                region,
                name: `drill_${region}`,
                scheduleExpression: "cron(0 3 1 * ? *)",
                recoveryPointSelection: { includeVaults: ["x"], recoveryPointTypes: ["SNAPSHOT"] },
                ...props,
            },
            { recoveryPointSelection: [from] },
        );
    const drillSelection = (of: ReturnType<typeof resource>, props: Record<string, any> = {}) =>
        resource(T.restoreTestingSelection, `${of.name}-ddb`, {
            region: of.props.region,
            restoreTestingPlanName: of.props.name,
            protectedResourceType: "DynamoDB",
            protectedResourceArns: ["*"],
            ...props,
        });
    const finding = (...extra: ReturnType<typeof resource>[]) => {
        const m = model(table, home, offsite, backup, selection("all", backup), ...extra);
        return restoreTestFinding(m, storeRecovery(m, table));
    };
    /** What validates a drill's restores: a rule on its completed restore jobs invoking, in its region, a function whose role may report the verdict. */
    const validation = (
        of: ReturnType<typeof resource>,
        policy = '{"Statement":[{"Effect":"Allow","Action":"backup:PutRestoreValidationResult","Resource":"*"}]}',
    ) => {
        const region = of.props.region;
        const role = resource(T.role, `${of.name}-validator`);
        const fn = resource("aws:lambda/function:Function", `${of.name}-validator`, { region }, { role: [role] });
        const rule = resource(
            "aws:cloudwatch/eventRule:EventRule",
            `${of.name}-completed`,
            { region, eventPattern: UNKNOWN },
            { eventPattern: [of] },
        );
        return [
            role,
            fn,
            rule,
            resource(T.eventTarget, `${of.name}-completed`, { region }, { rule: [rule], arn: [fn] }),
            resource(T.rolePolicy, `${of.name}-validator`, { policy }, { role: [role] }),
        ];
    };

    it("passes a drill, at least quarterly, of the off-site vault, in its region, of the store's type, whose restores are validated", () => {
        const d = drill("eu-central-1");
        assert.equal(finding(d, drillSelection(d), ...validation(d)), undefined);
    });

    it("fails a drill whose restores nothing validates, saying what would, for any program", () => {
        const d = drill("eu-central-1");
        const expected = new RegExp(
            "but none of its drills that run at least every 93d is validated: no EventBridge rule in eu-central-1 hands their completed restore jobs " +
                "to a Lambda function there whose role may report the verdict \\(backup:PutRestoreValidationResult\\), so a restore that brings back " +
                'nothing passes unseen\\. Fix: an EventBridge rule in eu-central-1 on AWS Backup\'s "Restore Job State Change" events with status COMPLETED ' +
                "for that plan, targeting a Lambda function there that checks the restored resource and reports the verdict with " +
                "backup:PutRestoreValidationResult, which its role must allow \\(the DR program's Backup321 drills twice a week, and its " +
                "RestoreValidation validates every drill\\)\\.$",
        );
        assert.match(finding(d, drillSelection(d))!, expected);
        const cannotReport = validation(d, '{"Statement":[{"Effect":"Allow","Action":"backup:DescribeRestoreJob","Resource":"*"}]}');
        assert.match(finding(d, drillSelection(d), ...cannotReport)!, expected);
        const elsewhere = validation(drill("eu-west-1", {}, home));
        assert.match(finding(d, drillSelection(d), ...elsewhere)!, expected, "a validation of another region's drill");
    });

    it("fails a drill that runs less often than quarterly, and says when it is not validated either", () => {
        const yearly = drill("eu-central-1", { scheduleExpression: "cron(0 3 1 1 ? *)" });
        assert.match(
            finding(yearly, drillSelection(yearly), ...validation(yearly))!,
            /but its drills run less often than every 93d\. Fix: a restore testing plan in eu-central-1 including that vault \(snapshots\), scheduled at least quarterly, with a selection of this store's type and tags \(/,
        );
        assert.match(
            finding(yearly, drillSelection(yearly))!,
            /but its drills run less often than every 93d, and nothing validates what they restore: no EventBridge rule in eu-central-1 .* Fix: a restore testing plan in eu-central-1 .*; and an EventBridge rule in eu-central-1/,
        );
    });

    it("fails a drill of the home vault: it restores what a region loss takes with it", () => {
        const d = drill("eu-west-1", {}, home);
        assert.match(finding(d, drillSelection(d))!, /no restore testing plan restores it\. Fix: a restore testing plan in eu-central-1/);
    });

    it("fails a validated drill that selects another store type, another tag, or continuous recovery points only", () => {
        const d = drill("eu-central-1");
        const unrestored = /but no restore testing plan restores it\./;
        assert.match(finding(d, drillSelection(d, { protectedResourceType: "S3" }), ...validation(d))!, unrestored);
        const otherCell = { protectedResourceConditions: { stringEquals: [{ key: "aws:ResourceTag/dr:cell", value: "other" }] } };
        assert.match(finding(d, drillSelection(d, otherCell), ...validation(d))!, unrestored);
        const continuous = drill("eu-central-1", { recoveryPointSelection: { includeVaults: ["x"], recoveryPointTypes: ["CONTINUOUS"] } });
        assert.match(finding(continuous, drillSelection(continuous), ...validation(continuous))!, unrestored);
    });

    it("passes a store with no off-site backup in the stack: dr-rpo-target and backup-3-2-1 judge that", () => {
        const m = model(table);
        assert.equal(restoreTestFinding(m, storeRecovery(m, table)), undefined);
    });
});
