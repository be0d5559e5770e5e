import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { storeRecovery } from "../../policies/catalog/model";
import { restoreTestFinding } from "../../policies/rules/dr-restore-tested";
import { T, euTable, model, plan, resource, selection, vault } from "../model/build";
import { mandatory, of, sharedLab, varied } from "../support/lab";

const lab = sharedLab();

describe("dr-restore-tested through the real program and pack", () => {
    it("passes tokyo and us, whose monthly drills restore the off-site copies where they are", async () => {
        for (const s of await Promise.all(["tokyo", "us"].map((stack) => lab.plan(stack)))) {
            assert.equal(of(s, "dr-restore-tested").length, 0, mandatory(s));
            assert.equal(of(s, "dr-restore-tested-account-copies", "advisory").length, 0);
        }
    });

    it("advises eu, whose off-site copies are in the backup account: that account must run the drill", async () => {
        const s = await lab.plan("eu");
        assert.equal(of(s, "dr-restore-tested").length, 0, mandatory(s));
        const advisories = of(s, "dr-restore-tested-account-copies", "advisory");
        assert.deepEqual(advisories.map((v) => v.urn.split("::").pop()).sort(), ["projects", "sessions", "uploads", "users"]);
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
        assert.deepEqual(found.map((v) => v.urn.split("::").pop()).sort(), ["projects", "sessions", "uploads", "users"]);
        const users = found.find((v) => v.urn.endsWith("::users"))!;
        assert.match(
            users.message,
            /\naws:dynamodb\/table:Table "users": its off-site copy \(copy of the every 1h \(\+1h to start, 1h to finish\) backup to vault us-backup-offsite in us-west-2\) is what a loss of us-east-1 leaves to restore, but no restore testing plan restores it\. Fix: a restore testing plan in us-west-2/,
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
            ["projects", "sessions", "uploads", "uploads-replica", "users"],
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

    it("passes a monthly drill of the off-site vault, in its region, of the store's type", () => {
        const d = drill("eu-central-1");
        assert.equal(finding(d, drillSelection(d)), undefined);
    });

    it("fails a drill of the home vault: it restores what a region loss takes with it", () => {
        const d = drill("eu-west-1", {}, home);
        assert.match(finding(d, drillSelection(d))!, /no restore testing plan restores it\. Fix: a restore testing plan in eu-central-1/);
    });

    it("fails a drill that selects another store type, another tag, or continuous recovery points only", () => {
        const d = drill("eu-central-1");
        assert.ok(finding(d, drillSelection(d, { protectedResourceType: "S3" })));
        assert.ok(
            finding(
                d,
                drillSelection(d, { protectedResourceConditions: { stringEquals: [{ key: "aws:ResourceTag/dr:cell", value: "other" }] } }),
            ),
        );
        const continuous = drill("eu-central-1", { recoveryPointSelection: { includeVaults: ["x"], recoveryPointTypes: ["CONTINUOUS"] } });
        assert.ok(finding(continuous, drillSelection(continuous)));
    });

    it("passes a store with no off-site backup in the stack: dr-rpo-target and backup-3-2-1 judge that", () => {
        const m = model(table);
        assert.equal(restoreTestFinding(m, storeRecovery(m, table)), undefined);
    });
});
