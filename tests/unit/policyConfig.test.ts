import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { readPacks } from "../../cli/src/args";
import { AnalyzerInfo } from "../../cli/src/engine/analyzer";
import { InputError } from "../../cli/src/errors";
import { effectivePolicyConfig } from "../../cli/src/engine/policyConfig";
import { listStacks, readProject, readStackConfig } from "../../cli/src/engine/stackConfig";
import { DEFAULT_PACK, PACK_CONFIG_FILE } from "../../cli/src/paths";
import { zonesFromConfig } from "../../policies/catalog";
import { ROOT, tempDir } from "../helpers";

const INFO: AnalyzerInfo = {
    name: "dr",
    version: "0.1.0",
    policies: [
        {
            name: "data-residency",
            description: "",
            enforcementLevel: "mandatory",
            configSchema: {
                properties: {
                    zones: {
                        type: "object",
                        additionalProperties: { type: "array", items: { type: "string" } },
                        default: { eu: ["eu-west-1"] },
                    },
                },
                required: [],
            },
        },
        { name: "backup-3-2-1-vault-lock", description: "", enforcementLevel: "advisory" },
    ],
    initialConfig: {},
};

describe("policy config, merged as the engine merges it", () => {
    it("starts from each policy's level and its schema's defaults, setting both for every policy", () => {
        assert.deepEqual(effectivePolicyConfig(INFO), {
            "data-residency": { enforcementLevel: "mandatory", properties: { zones: { eu: ["eu-west-1"] } } },
            "backup-3-2-1-vault-lock": { enforcementLevel: "advisory", properties: {} },
        });
    });

    it("applies the pack's initial config over the defaults", () => {
        const info = {
            ...INFO,
            initialConfig: { "data-residency": { enforcementLevel: "advisory" as const, properties: { zones: { eu: ["eu-central-1"] } } } },
        };
        assert.deepEqual(effectivePolicyConfig(info)["data-residency"], {
            enforcementLevel: "advisory",
            properties: { zones: { eu: ["eu-central-1"] } },
        });
    });

    it("lets the user's all set every level, and a policy's own entry win over all", () => {
        const config = effectivePolicyConfig(INFO, {
            all: "disabled",
            "data-residency": { enforcementLevel: "advisory", zones: { eu: ["eu-west-1", "eu-central-1"] } },
        });
        assert.deepEqual(config["data-residency"], {
            enforcementLevel: "advisory",
            properties: { zones: { eu: ["eu-west-1", "eu-central-1"] } },
        });
        assert.equal(config["backup-3-2-1-vault-lock"].enforcementLevel, "disabled");
    });

    it("rejects a policy the pack does not have, naming those it has", () => {
        assert.throws(
            () => effectivePolicyConfig(INFO, { "data-residence": "advisory" }, "c.json"),
            (e: unknown) =>
                e instanceof InputError &&
                e.message ===
                    '--policy-pack-config c.json: names policy "data-residence", which pack dr does not have; its policies are data-residency, backup-3-2-1-vault-lock.',
        );
    });

    it("rejects a property of the wrong type for the policy's schema", () => {
        assert.throws(
            () => effectivePolicyConfig(INFO, { "data-residency": { zones: ["eu-west-1"] } }, "c.json"),
            /"data-residency".zones is \["eu-west-1"\]; expected object/,
        );
    });

    it("rejects a value deep inside a property that breaks the schema, naming where", () => {
        assert.throws(
            () => effectivePolicyConfig(INFO, { "data-residency": { zones: { eu: "eu-central-1" } } }, "c.json"),
            /"data-residency".zones.eu is "eu-central-1"; expected array/,
        );
        assert.throws(
            () => effectivePolicyConfig(INFO, { "data-residency": { zones: { eu: ["eu-west-1", 3] } } }, "c.json"),
            /"data-residency".zones.eu\[1\] is 3; expected string/,
        );
    });
});

describe("the DR pack's config in the project folder (policy-pack-config.json)", () => {
    const project = (config?: object) => {
        const dir = tempDir("dr-pack-config-");
        if (config) {
            writeFileSync(path.join(dir, PACK_CONFIG_FILE), JSON.stringify(config));
        }
        return dir;
    };
    const sg = { "data-residency": { zones: { sg: ["ap-southeast-1", "ap-southeast-2"] } } };

    it("is the DR pack's config when the command line gives none", () => {
        const [pack] = readPacks({}, project(sg));
        assert.deepEqual(pack.config, sg);
        assert.equal(path.basename(pack.configFile!), PACK_CONFIG_FILE);
    });

    it("gives way to a --policy-pack-config, goes to no other pack, and is no requirement", () => {
        const dir = project(sg);
        const given = path.join(dir, "relaxed.json");
        writeFileSync(given, JSON.stringify({ all: "advisory" }));
        assert.deepEqual(readPacks({ "policy-pack-config": [given] }, dir)[0].config, { all: "advisory" });
        const other = path.join(ROOT, "tests", "fixtures", "third-party-pack");
        assert.deepEqual(
            readPacks({ "policy-pack": [other, DEFAULT_PACK] }, dir).map((p) => p.config),
            [undefined, sg],
        );
        assert.equal(readPacks({}, project())[0].config, undefined);
    });

    it("defines the residency zone of every stack of the project, as the workflows pass it to pulumi preview and pulumi up", () => {
        const [pack] = readPacks({}, ROOT);
        const zones = zonesFromConfig(pack.config!["data-residency"]);
        for (const stack of listStacks(ROOT)) {
            const zone = readStackConfig(ROOT, readProject(ROOT), stack).config["dr:residency"];
            assert.ok(zone in zones, `Pulumi.${stack}.yaml: zone ${zone} is not in ${PACK_CONFIG_FILE}`);
        }
    });
});
