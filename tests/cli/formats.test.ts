import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import Ajv from "ajv-draft-04";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { costOf } from "../../cli/src/assess";
import { renderJunit } from "../../cli/src/commands/plan/junit";
import { renderMarkdown } from "../../cli/src/commands/plan/markdown";
import { StackPlan } from "../../cli/src/commands/plan/run";
import { renderSarif } from "../../cli/src/commands/plan/sarif";
import { homepage } from "../../cli/src/paths";
import { todayUtc } from "../../policies/catalog/waivers";
import { SCOPES } from "../../policies/catalog/model";
import { isScoped } from "../../policies/rules/manifest";
import { ROOT, projectWithStack, runDr } from "../helpers";
import { Edit, Scenario, sharedLab } from "../support/lab";

const lab = sharedLab();

/** The SARIF 2.1.0 schema (2.1.0-rtm.5, the published 2.1.0 schema, JSON Schema draft-04), as @microsoft/jest-sarif ships it. */
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));

/** A validator for the schema: draft-04, its one pattern written for non-unicode regular expressions (`…{2}]?$`). */
function sarifValidator() {
    return new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(SARIF_SCHEMA);
}

/** dr as a SARIF log names it: a fixed version, the project's homepage. */
const TOOL = { version: "0.1.0", informationUri: homepage() };

function asPlan(s: Scenario): StackPlan {
    return {
        stack: s.context.stack,
        context: s.context,
        resources: s.resources,
        verdict: s.verdict,
        posture: s.stack.posture,
        zones: s.zones,
        cost: costOf(s.resources, s.context, `Pulumi.${s.context.stack}.yaml`),
    };
}

const inAMonth = todayUtc(new Date(Date.now() + 30 * 86_400_000));
const WAIVED = {
    policy: "data-residency",
    resource: "users",
    reason: "DPA with the processor, ticket SEC-1234",
    approvedBy: "ciso@example.com",
    expires: inAMonth,
};
/** eu with users replicated to us-east-1 (data-residency rejects it), optionally waived. */
const replicated =
    (waivers: object[] = []): Edit =>
    (c) => {
        c["dr:tables"][0].replicaRegions = ["us-east-1"];
        if (waivers.length > 0) {
            c["dr:waivers"] = waivers;
        }
    };

describe("dr plan --format sarif", () => {
    it("is valid SARIF 2.1.0: a rule per policy, a result per violation at the stack file's line behind it, stable fingerprints", async () => {
        const s = await lab.plan("eu", replicated());
        const dir = projectWithStack("eu", replicated());
        const log = JSON.parse(renderSarif([asPlan(s)], dir, TOOL));
        const validate = sarifValidator();
        assert.ok(validate({ ...log }), JSON.stringify(validate.errors?.slice(0, 3)));

        const [run] = log.runs;
        const ruleIds = run.tool.driver.rules.map((r: any) => r.id);
        assert.deepEqual(new Set(ruleIds).size, ruleIds.length);
        assert.ok(ruleIds.includes("data-residency") && ruleIds.includes("dr-rpo-target"));
        const dataResidency = run.tool.driver.rules.find((r: any) => r.id === "data-residency");
        assert.match(dataResidency.help.text, /\w/);
        assert.equal(
            dataResidency.helpUri,
            new URL("docs/policies.md#data-residency", run.tool.driver.informationUri).href,
            "the pack documents its policies in docs/policies.md beside dr's homepage",
        );
        assert.equal(run.results.length, s.verdict.violations.length);

        const residency = run.results.find((r: any) => r.ruleId === "data-residency");
        assert.equal(residency.level, "error");
        assert.equal(run.tool.driver.rules[residency.ruleIndex].id, "data-residency");
        const { uri } = residency.locations[0].physicalLocation.artifactLocation;
        assert.equal(uri, "Pulumi.eu.yaml");
        const line = readFileSync(path.join(dir, uri), "utf8").split("\n")[residency.locations[0].physicalLocation.region.startLine - 1];
        assert.match(line, /^\s*replicaRegions:/, "the result points at the users table's replicaRegions");

        const again = JSON.parse(renderSarif([asPlan(await lab.plan("eu", replicated()))], dir, TOOL));
        assert.deepEqual(
            again.runs[0].results.map((r: any) => r.partialFingerprints),
            run.results.map((r: any) => r.partialFingerprints),
        );
        assert.equal(new Set(run.results.map((r: any) => r.partialFingerprints["drFinding/v1"])).size, run.results.length);
    });

    it("places a database's finding at its dr:databases entry, where the store-type vocabulary says it is declared", async () => {
        // eu's copies leave its account at best 4h behind: a 1h target for the database is missed.
        const tightDatabase: Edit = (c) => {
            c["dr:databases"][0].rpo = "1h";
        };
        const s = await lab.plan("eu", tightDatabase);
        const dir = projectWithStack("eu", tightDatabase);
        const log = JSON.parse(renderSarif([asPlan(s)], dir, TOOL));
        const rpo = log.runs[0].results.find(
            (r: any) => r.ruleId === "dr-rpo-target" && r.locations[0].logicalLocations?.[0].name === "projects",
        );
        assert.ok(rpo, "dr-rpo-target rejects the database's 1h target");
        assert.equal(rpo.properties.scope, "account", "eu's targets are judged for a loss of its account");
        const lines = readFileSync(path.join(dir, "Pulumi.eu.yaml"), "utf8").split("\n");
        const at = rpo.locations[0].physicalLocation.region.startLine - 1;
        assert.match(lines[at], /^\s*rpo: "?1h"?/);
        assert.ok(
            lines.slice(0, at).some((l) => /^\s*dr:databases:/.test(l)),
            "the line lies in the dr:databases list",
        );
    });

    it("marks a waived violation with an accepted suppression carrying the waiver", async () => {
        const s = await lab.plan("eu", replicated([WAIVED]));
        const log = JSON.parse(renderSarif([asPlan(s)], ROOT, TOOL));
        assert.ok(sarifValidator()({ ...log }));
        const residency = log.runs[0].results.find((r: any) => r.ruleId === "data-residency");
        assert.deepEqual(residency.suppressions, [
            {
                kind: "external",
                status: "accepted",
                justification: `DPA with the processor, ticket SEC-1234 (approved by ciso@example.com, until ${inAMonth})`,
            },
        ]);
    });
});

describe("dr plan --format junit", () => {
    const parser = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: "",
        isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
    });

    it("a suite per stack, a case per policy; a mandatory violation fails its case with the messages, a waived one passes and says so", async () => {
        const [rejected, waived, tokyo] = await Promise.all([
            lab.plan("eu", replicated()),
            lab.plan("eu", replicated([WAIVED])),
            lab.plan("tokyo"),
        ]);
        const xml = renderJunit([asPlan(rejected), asPlan(tokyo)]);
        assert.equal(XMLValidator.validate(xml), true);
        const doc = parser.parse(xml);
        assert.deepEqual(
            doc.testsuites.testsuite.map((s: any) => s.name),
            ["eu", "tokyo"],
        );
        const eu = doc.testsuites.testsuite[0];
        // A policy judged per failure scope is a case per scope.
        const policies = rejected.verdict.packs.flatMap((p) =>
            p.policies.flatMap((q) => (isScoped(q.name) ? SCOPES.map((scope) => `${q.name} [${scope}]`) : [q.name])),
        );
        assert.deepEqual(eu.testcase.map((c: any) => c.name).sort(), [...policies].sort());
        assert.equal(Number(eu.failures), eu.testcase.filter((c: any) => c.failure).length);
        const residency = eu.testcase.find((c: any) => c.name === "data-residency");
        assert.equal(residency.failure.type, "mandatory");
        assert.match(residency.failure["#text"], /global table replica lives in us-east-1/);
        assert.equal(Number(doc.testsuites.testsuite[1].failures), 0);

        // A store missing its corruption target fails that scope's case alone.
        const corrupt = await lab.plan("tokyo", (c) => (c["dr:targets"].corruption = { rto: "4h", rpo: "1m" }));
        const cases = parser.parse(renderJunit([asPlan(corrupt)])).testsuites.testsuite[0].testcase;
        const failing = cases.filter((c: any) => c.failure).map((c: any) => c.name);
        assert.deepEqual(failing, ["dr-rpo-target [corruption]"]);

        const passed = parser
            .parse(renderJunit([asPlan(waived)]))
            .testsuites.testsuite[0].testcase.find((c: any) => c.name === "data-residency");
        assert.equal(passed.failure, undefined);
        assert.match(passed["system-out"], new RegExp(`waived until ${inAMonth} by ciso@example\\.com`));
    });
});

describe("dr plan --format markdown", () => {
    it("has each stack's verdict, posture and findings with their fixes, and the topology as Mermaid", async () => {
        const [eu, tokyo] = await Promise.all([lab.plan("eu", replicated()), lab.plan("tokyo")]);
        const md = renderMarkdown([asPlan(eu), asPlan(tokyo)]);
        assert.match(md, /^# dr plan: 2 stacks, 1 passed, 1 rejected$/m);
        assert.match(md, /^## Stack `eu`: rejected \(1 mandatory violation\)$/m);
        assert.match(
            md,
            /^- \*\*mandatory\*\* `data-residency` \(dr\) on `aws:dynamodb\/table:Table "users"`: .*us-east-1.*\n {2}\*\*Fix:\*\* /m,
        );
        const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(md)![1];
        // eu's replica in us-east-1 is drawn where it is: in zone us, outside eu's.
        assert.match(
            diagram,
            /subgraph zone_us\["residency zone us"\]\n {4}subgraph r_us_east_1\["us-east-1"\]\n {6}eu_replica_users_us_east_1\[\("users replica"\)\]/,
        );
        assert.match(diagram, /^ {2}eu_store_users -->\|"replica ≤1s"\| eu_replica_users_us_east_1$/m);
        assert.match(diagram, /^ {2}tokyo_cell_ap_northeast_1 ==>\|"latency, health-checked"\| tokyo_cell_ap_northeast_3$/m);
        assert.match(
            diagram,
            /^ {2}eu_vault_eu_backup_home -\.->\|"copy to account 210987654321 ≤4h"\| eu_vault_210987654321_dr_eu_offsite$/m,
        );
    });

    it("is a diagram Mermaid can read: every subgraph closed, node ids unique, every label quoted", async () => {
        const plans = (await Promise.all(["eu", "tokyo", "us"].map((stack) => lab.plan(stack)))).map(asPlan);
        const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(renderMarkdown(plans))![1].split("\n");
        assert.equal(diagram.filter((l) => /^\s*subgraph /.test(l)).length, diagram.filter((l) => /^\s*end$/.test(l)).length);
        const ids = diagram.map((l) => /^\s+(\w+)[[(]/.exec(l)?.[1]).filter((id): id is string => id !== undefined);
        assert.equal(new Set(ids).size, ids.length);
        for (const line of diagram.slice(1).filter((l) => !/^\s*end$/.test(l))) {
            assert.match(line, /"[^"]*"/, `an unquoted label: ${line}`);
            assert.doesNotMatch(line.replace(/"[^"]*"/g, ""), /[^\w\s[\]()|>.=-]/, `a character outside a quoted label: ${line}`);
        }
    });

    it("is the diagram the README shows for the three shipped stacks", async () => {
        const plans = (await Promise.all(["eu", "tokyo", "us"].map((stack) => lab.plan(stack)))).map(asPlan);
        const generated = /```mermaid\n([\s\S]*?)\n```/.exec(renderMarkdown(plans))![1];
        const readme = /```mermaid\n([\s\S]*?)\n```/.exec(readFileSync(path.join(ROOT, "README.md"), "utf8"))?.[1];
        assert.equal(readme, generated, "the README's diagram is stale: paste the one dr plan --format markdown prints");
    });
});

describe("dr plan --format and --output, end to end", () => {
    it("writes the report to --output and nothing to stdout", async () => {
        const out = path.join(
            projectWithStack("eu", () => undefined),
            "dr.sarif",
        );
        const run = await runDr(["plan", "--stack", "eu", "--format", "sarif", "--output", out]);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stdout, "");
        assert.equal(JSON.parse(readFileSync(out, "utf8")).version, "2.1.0");
    });

    it("refuses a format it does not print, and --json beside another format", async () => {
        const unknown = await runDr(["plan", "--format", "html"]);
        assert.equal(unknown.code, 2);
        assert.equal(unknown.stderr, "dr: dr plan: --format html; expected one of human, json, markdown, sarif, junit.\n");
        const both = await runDr(["plan", "--json", "--format", "markdown"]);
        assert.equal(both.code, 2);
        assert.match(both.stderr, /--json and --format markdown disagree/);
    });
});
