import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { DR_TAG_KEYS } from "../../policies/catalog";
import { builtByDrComponents, cellIntent, StackModel } from "../../policies/catalog/model";
import { classificationProblems, requiredTags } from "../../policies/rules/dr-classification";
import { ROOT } from "../helpers";
import { Lab, mandatory, of } from "../support/lab";
import { euTable } from "../model/build";

/** A team's program without the DR components: intent in stack config, classification in aws:defaultTags. */
const lab = new Lab(
    path.join(ROOT, "tests", "fixtures", "declared"),
    path.join(ROOT, "dist", "tests", "fixtures", "declared", "program.js"),
);

/** Our stack config keys a foreign program cannot act on: findings on it must not name them. */
const OUR_KEYS = /dr:(tables|buckets|databases|backup|routing|capacity|oncall)|DR components/;

describe("a program without the DR components, judged by what its stack config declares", () => {
    it("reads tier, targets and residency from stack config and classification from aws:defaultTags", async () => {
        const { context, resources } = await lab.preview("fixture");
        const s = await lab.scenario(context, resources);
        assert.equal(of(s, "dr-classification").length, 0, mandatory(s));
        assert.equal(of(s, "data-residency").length, 0, mandatory(s));
        // eu holds one region and the stack names no DR region: dr:rto/dr:rpo are judged for a lost account.
        assert.equal(s.stack.posture.rto.targetSeconds, 24 * 3600);
        assert.equal(s.stack.posture.rpo.targetSeconds, 4 * 3600);
        assert.equal(s.stack.posture.judgedScope, "account");
    });

    it("tells every fix on its resources in its own terms, never through our stack config", async () => {
        const { context, resources } = await lab.preview("fixture");
        const s = await lab.scenario(context, resources);
        assert.equal(s.code, 1, "a table with no backup anywhere cannot pass");
        const findings = s.verdict.violations.map((v) => v.message);
        assert.ok(findings.length >= 4, findings.join("\n"));
        for (const message of findings) {
            assert.doesNotMatch(message, OUR_KEYS, message);
        }
        assert.match(of(s, "backup-3-2-1")[0].message, /aws\.backup\.Selection that selects it/);
        assert.match(of(s, "backup-3-2-1-vault-lock", "advisory")[0].message, /aws\.backup\.VaultLockConfiguration/);
    });

    it("a stack that declares targets but holds nothing the pack can see is a finding, not a pass", async () => {
        const { context, resources } = await lab.preview("fixture");
        const s = await lab.scenario(
            context,
            resources.filter((r) => r.type !== "aws:dynamodb/table:Table"),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-rto-target");
        assert.match(v.message, /declares dr:tier, dr:rto, dr:rpo but holds no DR cell, no stateful store and no ECS service/);
        assert.match(v.message, /pulumi preview --policy-pack/);
    });
});

describe("declared intent rules", () => {
    it("a store needs only the tags its stack config does not declare", () => {
        assert.deepEqual(requiredTags({}), DR_TAG_KEYS);
        assert.deepEqual(requiredTags({ tier: "backup-restore", rto: "4h", rpo: "1h", residency: "eu" }), ["dr:classification"]);
        assert.deepEqual(
            requiredTags({ rto: "4h" }),
            DR_TAG_KEYS.filter((k) => k !== "dr:rto"),
        );
        assert.deepEqual(classificationProblems({ "dr:classification": "internal" }, ["dr:classification"]), []);
        assert.deepEqual(classificationProblems({}, ["dr:classification"]), ["missing tags dr:classification"]);
        assert.deepEqual(classificationProblems({ "dr:classification": "internal", "dr:tier": "gold" }, ["dr:classification"]), [
            'dr:tier is "gold", expected one of backup-restore, pilot-light, warm-standby, active-active',
        ]);
    });

    it("stack config wins over the stores' tags; tags fill what it leaves out", () => {
        const table = euTable("users", {}, { "dr:tier": "pilot-light", "dr:rto": "1h", "dr:rpo": "15m" });
        const declared = new StackModel([table], "eu-west-1", { tier: "warm-standby", rto: "30m" });
        const intent = cellIntent(declared);
        assert.equal(intent.tier, "warm-standby");
        assert.equal(intent.targetRto, 30 * 60);
        assert.equal(intent.targetRpo, 15 * 60);
        assert.equal(cellIntent(new StackModel([table], "eu-west-1")).tier, "pilot-light");
    });

    it("tells what the DR components built by the parent chain in its URN", () => {
        assert.equal(builtByDrComponents("urn:pulumi:eu::dr::dr:data:ReplicatedTable$aws:dynamodb/table:Table::users"), true);
        assert.equal(builtByDrComponents("urn:pulumi:eu::orders::pulumi:pulumi:Stack$aws:dynamodb/table:Table::orders"), false);
        assert.equal(builtByDrComponents("urn:pulumi:eu::orders::aws:dynamodb/table:Table::orders"), false);
        assert.equal(
            builtByDrComponents("urn:pulumi:eu::dr::dr:cell:RegionalCell::eu-primary"),
            false,
            "the component itself was built by the program",
        );
    });
});
