import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { classificationProblems, drClassification } from "../../policies/rules/dr-classification";
import { ROOT } from "../helpers";
import { DR_PACK, Lab } from "../support/lab";

const TAGS = {
    "dr:cell": "eu",
    "dr:tier": "backup-restore",
    "dr:rto": "24h",
    "dr:rpo": "4h",
    "dr:classification": "personal",
    "dr:residency": "eu",
};

/** Runs the resource policy as the analyzer does: what it reported, and why it does not apply if it says so. */
function judged(type: string, props: Record<string, unknown>): { violations: string[]; notApplicable?: string } {
    const violations: string[] = [];
    let notApplicable: string | undefined;
    const validate = drClassification.validateResource as (args: any, report: (m: string) => void) => void;
    const args = {
        type,
        name: "users",
        urn: `urn:pulumi:eu::dr::${type}::users`,
        props,
        opts: {},
        notApplicable: (reason: string) => {
            notApplicable = reason;
        },
    };
    validate(args, (m) => violations.push(m));
    return { violations, notApplicable };
}

function violations(type: string, props: Record<string, unknown>): string[] {
    return judged(type, props).violations;
}

describe("dr-classification", () => {
    it("passes a table with the six DR tags", () => {
        assert.deepEqual(violations("aws:dynamodb/table:Table", { tags: TAGS }), []);
    });

    it("does not apply to resources that hold no data, and says so", () => {
        const topic = judged("aws:sns/topic:Topic", {});
        assert.deepEqual(topic.violations, []);
        assert.match(topic.notApplicable ?? "", /^only stateful resources \(aws:dynamodb\/table:Table, .*\) must be classified$/);
        assert.equal(judged("aws:dynamodb/table:Table", {}).notApplicable, undefined);
    });

    it("fails a table with no tags, naming every missing tag and the fix", () => {
        const [message] = violations("aws:dynamodb/table:Table", {});
        assert.match(
            message,
            /aws:dynamodb\/table:Table "users" is not classified for DR: missing tags dr:cell, dr:tier, dr:rto, dr:rpo, dr:classification, dr:residency/,
        );
        assert.match(message, /Fix: set the tags/);
    });

    for (const type of [
        "aws:s3/bucket:Bucket",
        "aws:rds/cluster:Cluster",
        "aws:rds/instance:Instance",
        "aws:ebs/volume:Volume",
        "aws:efs/fileSystem:FileSystem",
    ]) {
        it(`fails an untagged ${type}`, () => {
            assert.equal(violations(type, { tags: {} }).length, 1);
        });
    }

    it("fails a missing tag", () => {
        const { ["dr:rpo"]: _rpo, ...rest } = TAGS;
        assert.deepEqual(classificationProblems(rest), ["missing tags dr:rpo"]);
    });

    it("fails an unknown tier, classification or malformed duration", () => {
        assert.deepEqual(classificationProblems({ ...TAGS, "dr:tier": "gold", "dr:classification": "secret", "dr:rto": "1 day" }), [
            'dr:tier is "gold", expected one of backup-restore, pilot-light, warm-standby, active-active',
            'dr:classification is "secret", expected one of personal, internal, public, reproducible',
            'dr:rto is "1 day", expected a duration such as 15m or 4h',
        ]);
    });

    it("reports rather than throws on malformed input", () => {
        assert.equal(violations("aws:dynamodb/table:Table", { tags: "personal" }).length, 1);
        assert.equal(violations("aws:dynamodb/table:Table", { tags: null }).length, 1);
    });
});

describe("dr-classification through the real analyzer protocol", () => {
    const fixture = path.join(ROOT, "tests", "fixtures", "untagged");
    const lab = new Lab(fixture, path.join(ROOT, "dist", "tests", "fixtures", "untagged", "program.js"));

    it("rejects the untagged table as mandatory and passes the tagged one", async () => {
        const { context, resources } = await lab.preview("fixture");
        const verdict = await lab.judge(context, resources);
        assert.equal(verdict.rejected, true);
        const classification = verdict.violations.filter((v) => v.policy === "dr-classification");
        assert.equal(classification.length, 1);
        assert.equal(classification[0].enforcementLevel, "mandatory");
        assert.equal(classification[0].policyPack, "dr");
        assert.match(classification[0].urn, /::untagged$/);
    });

    it("a policy pack config's all sets every level, and a policy's own entry wins over it", async () => {
        const { context, resources } = await lab.preview("fixture");
        const verdict = await lab.judge(context, resources, [
            { dir: DR_PACK, config: { all: "advisory", "dr-classification": { enforcementLevel: "disabled" } } },
        ]);
        assert.equal(verdict.rejected, false, "all: advisory leaves nothing mandatory");
        assert.ok(verdict.violations.some((v) => v.policy === "dr-rpo-target" && v.enforcementLevel === "advisory"));
        assert.equal(verdict.violations.filter((v) => v.policy === "dr-classification").length, 0, "its own entry disabled it");
    });
});
