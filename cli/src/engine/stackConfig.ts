import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { quote } from "../../../policies/catalog/quote";
import { InputError } from "../errors";

export interface Project {
    name: string;
    /** Config keys the project declares with a default (Pulumi.yaml `config:`). */
    defaults: Record<string, unknown>;
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
    for (const [key, decl] of Object.entries(doc.config ?? {})) {
        if (decl && typeof decl === "object" && "default" in decl) {
            defaults[namespaced(key, doc.name)] = (decl as Record<string, unknown>).default;
        }
    }
    return { name: doc.name, defaults };
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
    for (const [key, value] of Object.entries(values)) {
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
