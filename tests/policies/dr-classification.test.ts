import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { classificationProblems, drClassification } from "../../policies/rules/dr-classification";
import { ROOT, jsonFile, runDr } from "../helpers";

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
        assert.match(message, /aws:dynamodb\/table:Table "users" is not classified for DR: missing tags dr:cell, dr:tier, dr:rto, dr:rpo, dr:classification, dr:residency/);
        assert.match(message, /Fix: set the tags/);
    });

    for (const type of ["aws:s3/bucket:Bucket", "aws:rds/cluster:Cluster", "aws:rds/instance:Instance", "aws:ebs/volume:Volume", "aws:efs/fileSystem:FileSystem"]) {
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
            'dr:classification is "secret", expected one of personal, internal, public',
            'dr:rto is "1 day", expected a duration such as 15m or 4h',
        ]);
    });

    it("reports rather than throws on malformed input", () => {
        assert.equal(violations("aws:dynamodb/table:Table", { tags: "personal" }).length, 1);
        assert.equal(violations("aws:dynamodb/table:Table", { tags: null }).length, 1);
    });
});

describe("dr-classification through the spawned pack", () => {
    const fixture = path.join(ROOT, "tests", "fixtures", "untagged");
    const program = path.join(ROOT, "dist", "tests", "fixtures", "untagged", "program.js");

    it("rejects the untagged table as mandatory and passes the tagged one", async () => {
        const run = await runDr(["plan", "--stack", "fixture", "--json", "--program", program], fixture);
        assert.equal(run.code, 1, run.stderr);
        const [stack] = JSON.parse(run.stdout).stacks;
        assert.equal(stack.rejected, true);
        const classification = stack.violations.filter((v: any) => v.policy === "dr-classification");
        assert.equal(classification.length, 1);
        assert.equal(classification[0].enforcementLevel, "mandatory");
        assert.equal(classification[0].policyPack, "dr");
        assert.match(classification[0].urn, /::untagged$/);
    });

    it("all: advisory in a policy pack config file downgrades it and the plan passes", async () => {
        const config = jsonFile("advisory.json", { all: "advisory" });
        const run = await runDr(["plan", "--stack", "fixture", "--json", "--program", program, "--policy-pack-config", config], fixture);
        assert.equal(run.code, 0, run.stderr);
        const [stack] = JSON.parse(run.stdout).stacks;
        assert.equal(stack.rejected, false);
        const untagged = stack.violations.find((v: any) => v.policy === "dr-classification");
        assert.equal(untagged.enforcementLevel, "advisory");
    });

    it("a per-policy level overrides the pack's", async () => {
        const config = jsonFile("disabled.json", { "dr-classification": { enforcementLevel: "disabled" } });
        const run = await runDr(["plan", "--stack", "fixture", "--json", "--program", program, "--policy-pack-config", config], fixture);
        const [stack] = JSON.parse(run.stdout).stacks;
        assert.equal(stack.violations.filter((v: any) => v.policy === "dr-classification").length, 0);
    });
});
