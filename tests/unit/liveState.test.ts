import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { analyzedFromState, readDigest, readExport, refreshSteps, revealed, stackOf, statesOf, urnParts } from "../../cli/src/engine/state";
import { SECRET_SIG, SIG } from "../../cli/src/engine/values";
import { InputError } from "../../cli/src/errors";
import { tempDir } from "../helpers";

const URN = (name: string, type = "aws:dynamodb/table:Table") => `urn:pulumi:eu::dr::dr:data:ReplicatedTable$${type}::${name}`;

function file(name: string, text: string): string {
    const target = path.join(tempDir("dr-state-"), name);
    writeFileSync(target, text);
    return target;
}

const inputError = (pattern: RegExp) => (e: unknown) => e instanceof InputError && pattern.test(e.message) && !e.message.includes("\n");

describe("reading a refresh digest as the Pulumi CLI prints it", () => {
    const digest = {
        config: { "aws:region": "eu-west-1" },
        steps: [
            {
                op: "refresh",
                urn: URN("users"),
                oldState: { urn: URN("users"), custom: true, type: "aws:dynamodb/table:Table" },
                detailedDiff: null,
            },
        ],
        changeSummary: { same: 1 },
    };

    it("skips the text older CLIs print before the JSON", () => {
        const read = readDigest(
            file("d.json", `Previewing refresh (eu):\n\n    pulumi:pulumi:Stack dr-eu  {\n${JSON.stringify(digest, null, 4)}\n`),
        );
        assert.equal(read.steps.length, 1);
        assert.deepEqual(read.changeSummary, { same: 1 });
    });

    it("keeps detailedDiff null as null, and steps absent as none", () => {
        assert.equal(readDigest(file("d.json", JSON.stringify(digest))).steps[0].detailedDiff, null);
        assert.deepEqual(readDigest(file("d.json", JSON.stringify({ changeSummary: {} }))).steps, []);
    });

    it("refuses, in one line naming the file, what is not a digest: not JSON, an export, a step without op", () => {
        assert.throws(
            () => readDigest(file("d.json", "error: no stack selected\n")),
            inputError(/d\.json: not JSON .*; expected the output of pulumi refresh --preview-only --expect-no-changes --json\.$/),
        );
        assert.throws(
            () => readDigest(file("d.json", JSON.stringify({ version: 3, deployment: {} }))),
            inputError(/a stack export, not a refresh digest; run dr analyze --state/),
        );
        assert.throws(
            () => readDigest(file("d.json", JSON.stringify({ changeSummary: {}, steps: [{ urn: URN("x") }] }))),
            inputError(/steps\[0\] is \{"urn":.*; expected a step with op and urn\.$/),
        );
        assert.throws(
            () => readDigest(file("d.json", JSON.stringify({ changeSummary: { update: "2" } }))),
            inputError(/changeSummary\.update is "2"; expected a count\./),
        );
        assert.throws(() => readDigest(path.join(tempDir(), "missing.json")), inputError(/missing\.json: no such file\./));
        assert.throws(() => readDigest(tempDir()), inputError(/a folder, not a file\./));
    });

    it("takes each resource's first step: preview --refresh lists it again with the program's plan", () => {
        const first = { op: "update", urn: URN("users"), detailedDiff: null };
        const planned = { op: "update", urn: URN("users"), detailedDiff: null };
        assert.deepEqual(refreshSteps({ config: {}, steps: [first, planned], changeSummary: {}, diagnostics: [] }), [first]);
    });

    it("reads the state before the refresh as deployed and after it as live, without what the refresh found gone", () => {
        const old = { urn: URN("users"), custom: true, type: "t", outputs: { a: 1 } };
        const now = { ...old, outputs: { a: 2 } };
        const gone = { urn: URN("old"), custom: true, type: "t" };
        const { deployed, live } = statesOf([
            { op: "update", urn: old.urn, oldState: old, newState: now, detailedDiff: null },
            { op: "delete", urn: gone.urn, oldState: gone, detailedDiff: null },
        ]);
        assert.deepEqual([deployed, live], [[old, gone], [now]]);
    });
});

describe("reading a stack export", () => {
    const exported = (version: unknown, resources: unknown[] = []) =>
        JSON.stringify({ version, deployment: { manifest: { time: "t", magic: "m", version: "v3" }, resources } });

    it("takes deployment versions 3 and 4, and refuses others and digests", () => {
        assert.equal(readExport(file("e.json", exported(3))).version, 3);
        assert.equal(readExport(file("e.json", exported(4))).version, 4);
        assert.throws(() => readExport(file("e.json", exported(2))), inputError(/deployment version 2; expected 3 or 4/));
        assert.throws(
            () => readExport(file("e.json", JSON.stringify({ changeSummary: {} }))),
            inputError(/a refresh digest, not a stack export; run dr drift/),
        );
        assert.throws(
            () => readExport(file("e.json", exported(3, [{ urn: 5 }]))),
            inputError(/deployment\.resources\[0\] is \{"urn":5\}; expected a resource with urn and type/),
        );
    });
});

describe("live state as analyzers see it", () => {
    it("reveals a secret held in plaintext, and leaves one held encrypted as [secret]", () => {
        assert.deepEqual(revealed({ a: { [SIG]: SECRET_SIG, plaintext: '"s3cret"' }, b: [{ [SIG]: SECRET_SIG, ciphertext: "AAAB" }] }), {
            a: "s3cret",
            b: ["[secret]"],
        });
    });

    it("resolves each resource's provider from its reference, and leaves default providers out as dr plan does", () => {
        const provider = {
            urn: "urn:pulumi:eu::dr::pulumi:providers:aws::default_7_48_0",
            custom: true,
            id: "p1",
            type: "pulumi:providers:aws",
            inputs: { region: "eu-west-1" },
        };
        const table = {
            urn: URN("users"),
            custom: true,
            id: "users",
            type: "aws:dynamodb/table:Table",
            provider: `${provider.urn}::p1`,
            protect: true,
            inputs: { name: "users" },
            outputs: { name: "users", arn: "arn" },
        };
        const [analyzed, ...rest] = analyzedFromState([provider, table]);
        assert.deepEqual(rest, []);
        assert.equal(analyzed.name, "users");
        assert.deepEqual(analyzed.provider?.properties, { region: "eu-west-1" });
        assert.equal(analyzed.options.protect, true);
    });

    it("names the one stack of the state, and refuses another --stack, several stacks or none", () => {
        const r = (urn: string) => ({ urn, custom: true, type: "t" });
        assert.deepEqual(stackOf("f", [r(URN("a"))], undefined), { stack: "eu", project: "dr" });
        assert.throws(() => stackOf("f", [r(URN("a"))], "us"), inputError(/--stack us: f is the state of stack eu/));
        assert.throws(
            () => stackOf("f", [r(URN("a")), r(URN("a").replace(":eu::", ":us::"))], undefined),
            inputError(/holds resources of stacks eu, us; expected one stack/),
        );
        assert.throws(() => stackOf("f", [], undefined), inputError(/holds no resource/));
        assert.throws(() => stackOf("f", [r("users")], undefined), inputError(/"users" is not a Pulumi URN/));
    });

    it("reads a URN's stack, project, type and name, the type without its parents", () => {
        assert.deepEqual(urnParts(URN("users")), { stack: "eu", project: "dr", type: "aws:dynamodb/table:Table", name: "users" });
    });
});
