import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { CapturedResource } from "../../cli/src/engine/capture";
import { captureStack } from "../../cli/src/engine/captureStack";
import { readInvokeAnswers } from "../../cli/src/engine/invokes";
import { AnalyzedResource, fromCapture } from "../../cli/src/engine/resources";
import { readProject, readStackConfig } from "../../cli/src/engine/stackConfig";
import { UNKNOWN_SENTINEL } from "../../cli/src/engine/values";
import { ROOT } from "../helpers";
import { sharedLab } from "../support/lab";

async function capture(dir: string, stack: string, programPath: string, answersFile?: string) {
    const project = readProject(dir);
    const { config, secretKeys } = readStackConfig(dir, project, stack);
    const answers = answersFile ? readInvokeAnswers(answersFile) : undefined;
    const resources = await captureStack({ programPath, project: project.name, stack, config, secretKeys, answers });
    const context = { project: project.name, stack, organization: "organization", dryRun: true, config, secretKeys };
    return { resources, analyzed: fromCapture(resources, context, path.dirname(programPath)) };
}

function named(resources: CapturedResource[], type: string, name: string): CapturedResource {
    const found = resources.find((r) => r.type === type && r.name === name);
    assert.ok(found, `no ${type} ${name} among ${resources.map((r) => r.name).join(", ")}`);
    return found;
}

const lab = sharedLab();

describe("capture of the shipped tokyo stack", () => {
    // Read in a hook, so the tests are declared while the suite is built: node:test (Node 20) finds a test's suite
    // from the async context, which after an await in the suite's body can be another, already built suite's.
    let resources: CapturedResource[] = [];
    let analyzed: AnalyzedResource[] = [];
    before(async () => {
        const preview = await lab.preview("tokyo");
        analyzed = preview.resources;
        resources = await lab.captured(preview.context);
    });

    it("parents each table to its component, and the components to the stack", () => {
        const stack = named(resources, "pulumi:pulumi:Stack", "dr-tokyo");
        const component = named(resources, "dr:data:ReplicatedTable", "users");
        assert.equal(component.parent, stack.urn);
        assert.equal(named(resources, "aws:dynamodb/table:Table", "users").parent, component.urn);
        assert.equal(named(resources, "dr:cell:RegionalCell", "tokyo-ap-northeast-1").parent, stack.urn);
    });

    it("records the cell's registered outputs as plain values", () => {
        const cell = named(resources, "dr:cell:RegionalCell", "tokyo-ap-northeast-3");
        assert.equal(cell.outputs?.region, "ap-northeast-3");
        assert.equal(cell.outputs?.role, "standby");
        assert.equal(cell.outputs?.tier, "active-active");
    });

    it("gives a table its DR tags and protect, as the pack will see them", () => {
        const users = analyzed.find((r) => r.type === "aws:dynamodb/table:Table" && r.name === "users")!;
        assert.deepEqual(users.inputs.tags, {
            "dr:cell": "tokyo",
            "dr:classification": "personal",
            "dr:residency": "jp",
            "dr:rpo": "5m",
            "dr:rto": "15m",
            "dr:tier": "active-active",
        });
        assert.equal(users.options.protect, true);
        assert.equal(users.options.parent, users.parent);
    });

    it("synthesizes the default aws provider from the stack's aws:* config", () => {
        const users = analyzed.find((r) => r.type === "aws:dynamodb/table:Table" && r.name === "users")!;
        assert.equal(users.provider?.type, "pulumi:providers:aws");
        assert.equal(users.provider?.properties.region, "ap-northeast-1");
        assert.match(users.provider!.name, /^default_7_\d+_\d+$/);
        assert.equal(users.provider?.urn, `urn:pulumi:tokyo::dr::pulumi:providers:aws::${users.provider!.name}`);
    });
});

describe("capture of explicit providers, components and computed values", async () => {
    const dir = path.join(ROOT, "tests", "fixtures", "providers");
    const { resources, analyzed } = await capture(dir, "fixture", path.join(ROOT, "dist", "tests", "fixtures", "providers", "program.js"));

    it("resolves an explicit provider to its own inputs", () => {
        const alarms = analyzed.find((r) => r.name === "alarms")!;
        assert.equal(alarms.provider?.name, "frankfurt");
        assert.equal(alarms.provider?.properties.region, "eu-central-1");
    });

    it("parses structured provider config such as aws:defaultTags", () => {
        const defaults = analyzed.find((r) => r.name === "defaults")!;
        assert.deepEqual(defaults.provider?.properties.defaultTags, { tags: { owner: "platform" } });
    });

    it("keeps a value computed by another resource unknown, with the property dependency that names it", () => {
        const pager = named(resources, "aws:sns/topicSubscription:TopicSubscription", "pager");
        const alarms = named(resources, "aws:sns/topic:Topic", "alarms");
        assert.equal(pager.inputs.topic, UNKNOWN_SENTINEL);
        assert.deepEqual(pager.propertyDependencies.topic, [alarms.urn]);
        assert.ok(pager.dependencies.includes(alarms.urn));
    });

    it("keeps a secret marked as a secret", () => {
        const pager = named(resources, "aws:sns/topicSubscription:TopicSubscription", "pager");
        assert.deepEqual(pager.inputs.endpoint, {
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            value: "oncall@example.com",
        });
    });

    it("plans outputs as a preview that creates the resource: computed ones unknown, optional ones absent, region from the provider", () => {
        const alarms = analyzed.find((r) => r.name === "alarms")!;
        assert.equal(alarms.outputs.id, UNKNOWN_SENTINEL);
        assert.equal(alarms.outputs.arn, UNKNOWN_SENTINEL);
        assert.equal("displayName" in alarms.outputs, false, "an optional output the program left unset stays absent");
        assert.equal(alarms.outputs.region, "eu-central-1");
        assert.equal(alarms.inputs.arn, undefined, "analyze still receives the inputs alone");
        const pager = analyzed.find((r) => r.name === "pager")!;
        assert.equal(pager.outputs.region, "eu-central-1", "a region input is kept");
    });

    it("records a component with its outputs and no provider", () => {
        const holder = analyzed.find((r) => r.type === "test:index:Holder")!;
        assert.equal(holder.provider, undefined);
        assert.deepEqual(holder.outputs, { purpose: "holds" });
    });
});

describe("capture of a program's provider functions, components built elsewhere, and where it declared each resource", async () => {
    const fixture = (name: string) => path.join(ROOT, "tests", "fixtures", name);
    const program = (name: string) => path.join(ROOT, "dist", "tests", "fixtures", name, "program.js");
    const functions = fixture("functions");
    const { resources } = await capture(functions, "fixture", program("functions"), path.join(functions, "dr-answers.json"));

    it("hands a resource the document getPolicyDocumentOutput computes", () => {
        const policy = named(resources, "aws:iam/policy:Policy", "archive-read");
        assert.deepEqual(JSON.parse(policy.inputs.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ReadArchive",
                    Effect: "Allow",
                    Action: ["s3:ListBucket", "s3:GetObject"],
                    Resource: ["arn:aws:s3:::orders-archive/*", "arn:aws:s3:::orders-archive"],
                    Principal: { Service: "backup.amazonaws.com" },
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                },
            ],
        });
    });

    it("hands resources the user's answers, in the direct and the Output form", () => {
        const table = named(resources, "aws:dynamodb/table:Table", "orders");
        assert.equal(table.inputs.name, "orders-prod");
        assert.equal(
            table.inputs.serverSideEncryption.kmsKeyArn,
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        );
    });

    it("records where the program declared each resource, in its TypeScript source", () => {
        const table = named(resources, "aws:dynamodb/table:Table", "orders");
        assert.equal(table.source?.file, path.join(functions, "program.ts"));
        const line = readFileSync(table.source!.file, "utf8").split("\n")[table.source!.line - 1];
        assert.match(line.slice(table.source!.column - 1), /^new aws\.dynamodb\.Table\("orders"/);
    });

    it("marks a component its provider plugin builds as remote, and a component of the program's own as not", async () => {
        const remote = await capture(fixture("component-provider"), "fixture", program("component-provider"));
        assert.equal(named(remote.resources, "awsx:ec2:Vpc", "network").remote, true);
        const own = await capture(fixture("providers"), "fixture", program("providers"));
        assert.equal(named(own.resources, "test:index:Holder", "holder").remote, false);
    });
});
