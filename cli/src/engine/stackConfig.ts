import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { quote } from "../text";
import { InputError } from "../errors";

/** A config key's declared type (Pulumi.yaml `config:`): string, integer, boolean, array (with items) or object. */
export interface ConfigType {
    type: string;
    items?: ConfigType;
}

export interface Project {
    name: string;
    /** Config keys the project declares with a default (Pulumi.yaml `config:`). */
    defaults: Record<string, unknown>;
    /** Config keys the project declares with a type, which the Pulumi CLI checks before the program runs. */
    types: Record<string, ConfigType>;
    /** Config keys the project declares without a default, which the Pulumi CLI requires, with their descriptions. */
    required: Record<string, string>;
}

export interface StackConfig {
    /** Every value a string, objects and lists as JSON: the form the Pulumi CLI hands a program. */
    config: Record<string, string>;
    secretKeys: string[];
}

/** A value `dr plan` cannot decrypt stands in for a `secure:` one; programs see it as a secret. */
export const SECRET_PLACEHOLDER = "[secret]";

function readYaml(file: string): unknown {
    try {
        return parse(readFileSync(file, "utf8"));
    } catch (e) {
        throw new InputError(`${file}: not valid YAML (${(e as Error).message.split("\n")[0]}).`);
    }
}

/** The project in `dir`: its name and config defaults from Pulumi.yaml. */
export function readProject(dir: string): Project {
    const file = path.join(dir, "Pulumi.yaml");
    if (!existsSync(file)) {
        throw new InputError(`${file}: not found; run dr plan in the folder of a Pulumi project (Pulumi.yaml and Pulumi.<stack>.yaml).`);
    }
    const doc = readYaml(file) as Record<string, any> | null;
    if (!doc || typeof doc.name !== "string") {
        throw new InputError(`${file}: has no project name; expected a top-level name: key.`);
    }
    const defaults: Record<string, unknown> = {};
    const types: Record<string, ConfigType> = {};
    const required: Record<string, string> = {};
    for (const [key, decl] of Object.entries(doc.config ?? {})) {
        // A key declared as a mapping with no default must be set on every stack (a bare value is its default) (pulumi/pulumi sdk/go/common/workspace/config.go,
        // mergeConfig: "Stack '…' is missing configuration value …").
        if (decl && typeof decl === "object" && !("default" in decl) && !("value" in decl)) {
            required[namespaced(key, doc.name)] =
                decl && typeof decl === "object" && typeof (decl as { description?: unknown }).description === "string"
                    ? (decl as { description: string }).description
                    : "a value";
        }
        if (decl && typeof decl === "object" && "default" in decl) {
            defaults[namespaced(key, doc.name)] = (decl as Record<string, unknown>).default;
        } else if (decl === null || typeof decl !== "object") {
            defaults[namespaced(key, doc.name)] = decl;
        }
        if (decl && typeof decl === "object" && typeof (decl as ConfigType).type === "string") {
            types[namespaced(key, doc.name)] = decl as ConfigType;
        }
    }
    return { name: doc.name, defaults, types, required };
}

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === "string",
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === "boolean",
    array: (v) => Array.isArray(v),
    object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
};

/** Where `value` breaks its declared type, as the Pulumi CLI checks project config, or undefined. */
function typeError(value: unknown, type: ConfigType, key: string): string | undefined {
    const check = TYPE_CHECKS[type.type];
    if (check && !check(value)) {
        return `${key} is ${quote(value)}; expected ${type.type === "integer" || type.type === "array" || type.type === "object" ? `an ${type.type}` : `a ${type.type}`}`;
    }
    if (type.type === "array" && type.items && Array.isArray(value)) {
        for (const [i, item] of value.entries()) {
            const error = typeError(item, type.items, `${key}[${i}]`);
            if (error) {
                return error;
            }
        }
    }
    return undefined;
}

/** Stack names with a Pulumi.<stack>.yaml in `dir`, alphabetically. */
export function listStacks(dir: string): string[] {
    return readdirSync(dir)
        .map((file) => /^Pulumi\.([^.]+)\.ya?ml$/.exec(file)?.[1])
        .filter((name): name is string => name !== undefined)
        .sort();
}

/** Reads Pulumi.<stack>.yaml as the Pulumi CLI does: project-namespaced keys, typed values as strings, secrets marked. */
export function readStackConfig(dir: string, project: Project, stack: string): StackConfig {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    return stackConfigOf(readYaml(file), project, file);
}

/** A parsed stack file's config as the Pulumi CLI hands it to a program; `file` names it in errors. */
export function stackConfigOf(document: unknown, project: Project, file: string): StackConfig {
    const doc = document as Record<string, unknown> | null;
    const raw = doc?.config ?? {};
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw new InputError(`${file}: config is ${quote(raw)}; expected a mapping of config keys to values.`);
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const values = { ...project.defaults, ...Object.fromEntries(Object.entries(raw).map(([k, v]) => [namespaced(k, project.name), v])) };
    for (const [key, description] of Object.entries(project.required)) {
        if (!(key in values)) {
            throw new InputError(
                `${path.basename(file)}: ${key} is missing; expected ${description} (Pulumi.yaml declares ${key} with no default, so the Pulumi CLI requires it).`,
            );
        }
    }
    for (const [key, value] of Object.entries(values)) {
        const declared = project.types[key];
        const error = declared && !isSecure(value) ? typeError(value, declared, key) : undefined;
        if (error) {
            throw new InputError(`${path.basename(file)}: ${error} (Pulumi.yaml declares ${key} as ${declared.type}).`);
        }
        if (isSecure(value)) {
            config[key] = SECRET_PLACEHOLDER;
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config, secretKeys };
}

function namespaced(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "secure" in value;
}
