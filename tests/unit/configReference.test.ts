import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { z } from "zod";
import { readProject } from "../../cli/src/engine/stackConfig";
import { CONFIG_DOC, configDocFromSchema, pulumiConfigBlock, pulumiYamlFromSchema, referenceTable } from "../../tools/configReference";
import { ROOT, tempDir } from "../helpers";

function read(file: string): string {
    return readFileSync(path.join(ROOT, file), "utf8");
}

describe("Pulumi.yaml and docs/config.md restate the stack config's schema, as npm run gen:config writes them", () => {
    it("Pulumi.yaml's config block is the schema's", () => {
        assert.equal(read("Pulumi.yaml"), pulumiYamlFromSchema(read("Pulumi.yaml")), "run npm run gen:config");
    });

    it("docs/config.md's stack config reference table is the schema's, and the prose around it is kept", () => {
        const reference = read(CONFIG_DOC);
        assert.equal(reference, configDocFromSchema(reference), "run npm run gen:config");
        assert.match(reference, /## Stack config reference\n\nNamespace `dr`;[^]*\n\| `dr:tier` \|[^]*\n\n`classification` is /);
    });
});

describe("what a key of the schema becomes in Pulumi.yaml and docs/config.md", () => {
    const namespace = z.object({
        zone: z.enum(["eu", "us"]).meta({ description: "the zone, eu or us", reference: { meaning: "the zone" } }),
        size: z
            .int()
            .min(1)
            .meta({ description: "the size", reference: { type: "integer ≥ 1", meaning: "how many" } }),
        stores: z
            .array(z.object({ name: z.string() }))
            .prefault([])
            .meta({ description: "the stores: {name}", reference: { meaning: "`{name}` — stores" } }),
        image: z
            .string()
            .optional()
            .meta({ reference: { type: "image reference", meaning: "the image" } }),
    });

    it("declares a required key without a default, a list with its default, and leaves an optional one out (the CLI would require it)", () => {
        assert.equal(
            pulumiConfigBlock(namespace).split("\n").slice(1).join("\n"),
            [
                "config:",
                "  dr:zone:",
                "    type: string",
                '    description: "the zone, eu or us"',
                "  dr:size:",
                "    type: integer",
                '    description: "the size"',
                "  dr:stores:",
                "    type: array",
                "    items:",
                "      type: object",
                "    default: []",
                '    description: "the stores: {name}"',
                "",
            ].join("\n"),
        );
    });

    it("is required by the Pulumi CLI exactly when the schema requires it", () => {
        const dir = tempDir("dr-schema-");
        writeFileSync(path.join(dir, "Pulumi.yaml"), `name: dr\nruntime: nodejs\n${pulumiConfigBlock(namespace)}`);
        const project = readProject(dir);
        assert.deepEqual(Object.keys(project.required), ["dr:zone", "dr:size"]);
        assert.deepEqual(project.defaults, { "dr:stores": [] });
    });

    it("gets a docs/config.md row: the enumeration or the documented type, optional when it may be absent", () => {
        const rows = referenceTable(namespace).split("\n").slice(4, -1);
        assert.deepEqual(rows, [
            "| `dr:zone` | `eu` \\| `us` | the zone |",
            "| `dr:size` | integer ≥ 1 | how many |",
            "| `dr:stores` | list | `{name}` — stores |",
            "| `dr:image` | image reference, optional | the image |",
        ]);
    });

    it("refuses a key Pulumi.yaml declares without a description, naming it", () => {
        assert.throws(
            () => pulumiConfigBlock(z.object({ tier: z.string().meta({ reference: { meaning: "m" } }) })),
            /dr:tier: .*description/,
        );
    });
});
