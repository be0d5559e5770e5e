/** Rewrites Pulumi.yaml's `config:` block and docs/config.md's stack config reference from the schema (`npm run gen:config`). */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { CONFIG_DOC, configDocFromSchema, pulumiYamlFromSchema } from "./configReference";

const ROOT = path.resolve(__dirname, "..", "..");

const GENERATED: [string, (text: string) => string][] = [
    ["Pulumi.yaml", pulumiYamlFromSchema],
    [CONFIG_DOC, configDocFromSchema],
];

for (const [file, fromSchema] of GENERATED) {
    const full = path.join(ROOT, file);
    const text = readFileSync(full, "utf8");
    const generated = fromSchema(text);
    if (generated !== text) {
        writeFileSync(full, generated);
    }
    console.log(`${file}: ${generated === text ? "already as the schema has it" : "rewritten from the schema"}`);
}
