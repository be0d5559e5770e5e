/**
 * The parts of Pulumi.yaml and docs/config.md that restate the stack config's schema (policies/catalog/config/schema.ts):
 * Pulumi.yaml's `config:` block and docs/config.md's "Stack config reference" table, written from the schema.
 * `npm run gen:config` rewrites them; tests/unit/configReference.test.ts fails while they differ.
 */
import { z } from "zod";
import { DR_NAMESPACE, Declaration, HOME_REGION, declarations } from "../policies/catalog";

const PULUMI_MARKER = "# Generated from policies/catalog/config/schema.ts by `npm run gen:config`: edit the schema, not this block.";
/** Where the stack config reference lives, from the repository root. */
export const CONFIG_DOC = "docs/config.md";
const REFERENCE_MARKER =
    "<!-- Generated from policies/catalog/config/schema.ts by `npm run gen:config`: edit the schema, not this table. -->";

/** A key the Pulumi CLI need not find on a stack: optional, with no default to declare. */
function optional(declaration: Declaration): boolean {
    return !declaration.required && declaration.default === undefined;
}

/**
 * Pulumi.yaml's `config:` block: each key of the namespace with its type, default and description. An optional key
 * without a default is left out, since the Pulumi CLI requires every key declared without a default.
 */
export function pulumiConfigBlock(namespace: z.ZodObject = DR_NAMESPACE): string {
    const lines = [PULUMI_MARKER, "config:"];
    for (const [key, declaration] of declarations(namespace)) {
        if (optional(declaration)) {
            continue;
        }
        const description = declaration.schema.meta()?.description;
        if (description === undefined) {
            throw new Error(`dr:${key}: Pulumi.yaml declares it, so its docs need a description`);
        }
        lines.push(`  dr:${key}:`, `    type: ${declaration.type}`);
        if (declaration.items !== undefined) {
            lines.push("    items:", `      type: ${declaration.items}`);
        }
        if (declaration.default !== undefined) {
            lines.push(`    default: ${JSON.stringify(declaration.default.value)}`);
        }
        // JSON strings are YAML double-quoted scalars.
        lines.push(`    description: ${JSON.stringify(description)}`);
    }
    return `${lines.join("\n")}\n`;
}

const TYPE_WORDS: Record<Declaration["type"], string> = { string: "text", integer: "integer", object: "mapping", array: "list" };

function referenceRow(key: string, declaration: Declaration): string {
    const reference = declaration.schema.meta()?.reference;
    if (reference === undefined) {
        throw new Error(`${key}: docs/config.md's reference table needs its docs`);
    }
    const type =
        reference.type ??
        (declaration.values ? declaration.values.map((value) => `\`${value}\``).join(" \\| ") : TYPE_WORDS[declaration.type]);
    return `| \`${key}\` | ${type}${optional(declaration) ? ", optional" : ""} | ${reference.meaning} |`;
}

/** docs/config.md's reference table: the home region, then each key of the namespace. */
export function referenceTable(namespace: z.ZodObject = DR_NAMESPACE): string {
    const home = declarations(z.object({ "aws:region": HOME_REGION }));
    const rows = [
        ...[...home].map(([key, declaration]) => referenceRow(key, declaration)),
        ...[...declarations(namespace)].map(([key, declaration]) => referenceRow(`dr:${key}`, declaration)),
    ];
    return [REFERENCE_MARKER, "| key | type | meaning |", "|---|---|---|", ...rows].join("\n") + "\n";
}

/** `text` with the lines from `marker` through the last line `continues` holds replaced by `generated`. */
function replaceGenerated(text: string, file: string, marker: string, continues: (line: string) => boolean, generated: string): string {
    const lines = text.split("\n");
    const start = lines.indexOf(marker);
    if (start < 0) {
        throw new Error(`${file}: no line ${marker}, where the generated part starts`);
    }
    let end = start + 1;
    while (end < lines.length && continues(lines[end])) {
        end++;
    }
    return [...lines.slice(0, start), generated.trimEnd(), ...lines.slice(end)].join("\n");
}

/** Pulumi.yaml with its `config:` block, the file's last, written from the schema. */
export function pulumiYamlFromSchema(text: string): string {
    return replaceGenerated(text, "Pulumi.yaml", PULUMI_MARKER, () => true, pulumiConfigBlock()) + "\n";
}

/** docs/config.md with its stack config reference table written from the schema; the prose around it is kept. */
export function configDocFromSchema(text: string): string {
    return replaceGenerated(text, CONFIG_DOC, REFERENCE_MARKER, (line) => line.startsWith("|"), referenceTable());
}
