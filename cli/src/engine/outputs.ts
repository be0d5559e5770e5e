import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Properties } from "./capture";
import { UNKNOWN_SENTINEL } from "./values";

/**
 * What a preview that creates a resource hands `analyzeStack` as its outputs. The engine sends the
 * provider's planned state: the program's inputs, with every property the provider computes unknown
 * (`id`, ARNs, names it assigns). Without provider plugins, `dr` reads which properties those are from
 * the resource's SDK declaration: an output typed `Output<T>` is always present (required or computed),
 * one typed `Output<T | undefined>` is optional and stays absent when unset. See docs/architecture.md.
 */
export function plannedOutputs(type: string, inputs: Properties, providerRegion: unknown, resolveFrom: string): Properties {
    const outputs: Properties = { ...inputs };
    for (const property of ["id", ...computedProperties(type, resolveFrom)]) {
        if (outputs[property] === undefined) {
            outputs[property] = UNKNOWN_SENTINEL;
        }
    }
    // AWS provider v7: `region` "Defaults to the Region set in the provider configuration", known at plan time.
    // https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support (and each resource's region doc)
    if (type.startsWith("aws:") && inputs.region === undefined && typeof providerRegion === "string") {
        outputs.region = providerRegion;
    }
    return outputs;
}

const declared = new Map<string, string[]>();

/** The properties the resource class of `type` declares as always present, from its `.d.ts`; none when it cannot be found. */
export function computedProperties(type: string, resolveFrom: string): string[] {
    const key = `${resolveFrom}\0${type}`;
    let properties = declared.get(key);
    if (!properties) {
        properties = readDeclaration(type, resolveFrom);
        declared.set(key, properties);
    }
    return properties;
}

/** `aws:dynamodb/table:Table` → `@pulumi/aws/dynamodb/table.d.ts`, class Table; `random:index/randomId:RandomId` → `@pulumi/random/randomId.d.ts`. */
function declarationFile(type: string, resolveFrom: string): { file: string; className: string } | undefined {
    const [pkg, module, className] = type.split(":");
    if (!pkg || !module || !className || pkg === "pulumi") {
        return undefined;
    }
    let root: string;
    try {
        root = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`, { paths: [resolveFrom] }));
    } catch {
        return undefined;
    }
    const [dir, file] = module.split("/");
    const candidates = [path.join(root, ...(dir === "index" ? [] : [dir]), `${file ?? dir}.d.ts`)];
    const found = candidates.find((c) => existsSync(c));
    return found ? { file: found, className } : undefined;
}

function readDeclaration(type: string, resolveFrom: string): string[] {
    const location = declarationFile(type, resolveFrom);
    if (!location) {
        return [];
    }
    const source = readFileSync(location.file, "utf8");
    const start = source.indexOf(`export declare class ${location.className} extends pulumi.CustomResource`);
    if (start < 0) {
        return [];
    }
    const body = source.slice(start, source.indexOf("\n}", start));
    const result: string[] = [];
    const member = /\n\s+readonly (\w+)!?: pulumi\.Output<([\s\S]*?)>;\n/g;
    for (const match of body.matchAll(member)) {
        if (!topLevelUnion(match[2]).includes("undefined")) {
            result.push(match[1]);
        }
    }
    return result;
}

/** The members of a type's top-level union: `{ a: string; } | undefined` → [`{ a: string; }`, `undefined`]. */
function topLevelUnion(typeText: string): string[] {
    const members: string[] = [];
    let depth = 0;
    let current = "";
    for (const char of typeText) {
        if ("<{([".includes(char)) {
            depth++;
        } else if (">})]".includes(char)) {
            depth--;
        }
        if (char === "|" && depth === 0) {
            members.push(current.trim());
            current = "";
        } else {
            current += char;
        }
    }
    members.push(current.trim());
    return members;
}
