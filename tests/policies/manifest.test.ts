import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { StackFileLines } from "../../cli/src/commands/plan/configLines";
import { GEOLOCATION_POLICY } from "../../cli/src/assess/crossStack";
import { POLICIES } from "../../policies/rules";
import { policyUrl } from "../../policies/rules/docs";
import { PACK_POLICY_NAMES, POLICY_MANIFEST } from "../../policies/rules/manifest";
import { policyReference, readmeWithPolicyList } from "../../tools/policyDocs";
import { ROOT, tempDir } from "../helpers";
import { sharedLab } from "../support/lab";

const lab = sharedLab();
const STALE = "run npm run gen:policies and commit what it writes";

describe("the policy manifest", () => {
    it("is what the pack registers, in the order it reports", () => {
        assert.deepEqual(
            POLICIES.map((p) => p.name),
            PACK_POLICY_NAMES,
        );
    });

    it("is what the running pack tells the engine of each policy, which SARIF rules and JUnit cases are made from", async () => {
        const { verdict } = await lab.plan("eu");
        const told = verdict.packs
            .find((p) => p.name === "dr")!
            .policies.map((p) => ({
                name: p.name,
                enforcementLevel: p.enforcementLevel,
                severity: p.severity,
                description: p.description,
                remediationSteps: p.remediationSteps,
                url: p.url,
                config: p.configSchema?.properties,
            }));
        const stated = POLICY_MANIFEST.filter((p) => p.judgedBy === "pack").map((p) => ({
            name: p.name,
            enforcementLevel: p.enforcementLevel,
            severity: p.severity,
            description: p.description,
            remediationSteps: p.remediation,
            url: policyUrl(p.name),
            config: p.configSchema?.properties,
        }));
        assert.deepEqual(told, stated);
    });

    it("holds dr plan's own cross-stack check, which the pack does not register", () => {
        const entry = POLICY_MANIFEST.find((p) => p.name === GEOLOCATION_POLICY.policy);
        assert.equal(entry?.judgedBy, "dr plan");
        assert.ok(!POLICIES.some((p) => p.name === GEOLOCATION_POLICY.policy));
    });

    it("is data: reading it loads no package, so dr reads it without the policy SDK", () => {
        const manifest = require.resolve("../../policies/rules/manifest");
        const script = `require(${JSON.stringify(manifest)}); console.log(JSON.stringify(Object.keys(require.cache)));`;
        const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(
            (JSON.parse(run.stdout) as string[]).filter((file) => file.includes(`${path.sep}node_modules${path.sep}`)),
            [],
        );
    });
});

describe("the policy docs", () => {
    it("docs/policies.md is what the manifest generates: a section per policy", () => {
        assert.equal(
            readFileSync(path.join(ROOT, "docs", "policies.md"), "utf8"),
            policyReference(),
            `docs/policies.md is stale: ${STALE}`,
        );
    });

    it("the README's list of policies is what the manifest generates, every policy named once", () => {
        const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
        assert.equal(readme, readmeWithPolicyList(readme), `the README's list of policies is stale: ${STALE}`);
        for (const { name } of POLICY_MANIFEST) {
            assert.equal(readme.split(`[\`${name}\`](docs/policies.md#${name})`).length, 2, name);
        }
    });

    it("has a heading for the anchor every policy's url points at", () => {
        // GitHub's anchor for a heading: its text in lower case, without code marks, spaces as hyphens.
        const anchors = readFileSync(path.join(ROOT, "docs", "policies.md"), "utf8")
            .split("\n")
            .filter((line) => line.startsWith("## "))
            .map((line) => line.slice(3).replace(/`/g, "").toLowerCase().replace(/ /g, "-"));
        for (const { name } of POLICY_MANIFEST) {
            const [page, anchor] = policyUrl(name).split("#");
            assert.ok(page.endsWith("/docs/policies.md"), page);
            assert.ok(anchors.includes(anchor), `docs/policies.md has no heading for #${anchor}`);
        }
    });
});

/** Every test source under tests/. */
function testSources(dir = path.join(ROOT, "tests")): string[] {
    return readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        return statSync(full).isDirectory() ? testSources(full) : entry.endsWith(".test.ts") ? [full] : [];
    });
}

describe("every policy is tested", () => {
    it("by a test that selects its findings by name: of(scenario, name) or a violation's policy === name", () => {
        const sources = testSources().map((file) => readFileSync(file, "utf8"));
        const untested = POLICY_MANIFEST.map((p) => p.name).filter((name) => {
            const quoted = JSON.stringify(name);
            return !sources.some(
                (source) =>
                    source.includes(`policy === ${quoted}`) ||
                    new RegExp(`\\bof\\(\\w+, ${quoted.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).test(source),
            );
        });
        assert.deepEqual(untested, [], `no test selects the findings of ${untested.join(", ")}`);
    });
});

describe("SARIF's line for a finding no store entry is behind", () => {
    it("is its policy's config key in the stack file, else line 1", () => {
        // A stack file holding every policy's key, each on a line of its own, and where each key is.
        const lines = ["config:"];
        const lineOf = new Map<string, number>();
        const keys = [...new Set(POLICY_MANIFEST.flatMap((p) => (p.configKey ? [p.configKey] : [])))].sort();
        for (const key of keys) {
            key.split(".").forEach((part, depth, parts) => {
                const at = parts.slice(0, depth + 1).join(".");
                if (!lineOf.has(at)) {
                    lines.push(
                        `${"  ".repeat(depth + 1)}${part}:${depth === parts.length - 1 && !keys.some((k) => k.startsWith(`${at}.`)) ? " x" : ""}`,
                    );
                    lineOf.set(at, lines.length);
                }
            });
        }
        const file = path.join(tempDir(), "Pulumi.test.yaml");
        writeFileSync(file, `${lines.join("\n")}\n`);
        const stackFile = new StackFileLines(file);
        for (const { name, configKey } of POLICY_MANIFEST) {
            assert.equal(stackFile.lineFor(name, "", ""), configKey ? lineOf.get(configKey) : 1, name);
        }
        assert.equal(stackFile.lineFor("another-pack-policy", "", ""), 1);
    });
});
