import { readFileSync } from "node:fs";
import { AnalyzerInfo, EnforcementLevel, PolicyConfig } from "./analyzer";
import { clip, quote } from "../text";
import { InputError } from "../errors";

/** The CLI's `--policy-pack-config` file: `{"all": level, "<policy>": level | {enforcementLevel, ...properties}}`. */
export type PolicyPackConfigFile = Record<string, EnforcementLevel | Record<string, unknown>>;

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function isLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (LEVELS as string[]).includes(value);
}

/** Reads and checks the form of a policy pack config file. */
export function readPolicyPackConfig(file: string): PolicyPackConfigFile {
    let doc: unknown;
    try {
        doc = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
        throw new InputError(`--policy-pack-config ${file}: cannot be read as JSON (${clip((e as Error).message, 160)}).`);
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        throw new InputError(`--policy-pack-config ${file}: is ${quote(doc)}; expected a JSON object of policy names.`);
    }
    for (const [policy, value] of Object.entries(doc)) {
        const levelText = `one of ${LEVELS.join(", ")}`;
        if (policy === "all") {
            if (!isLevel(value)) {
                throw new InputError(`--policy-pack-config ${file}: "all" is ${quote(value)}; expected ${levelText}.`);
            }
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const level = (value as Record<string, unknown>).enforcementLevel;
            if (level !== undefined && !isLevel(level)) {
                throw new InputError(
                    `--policy-pack-config ${file}: ${quote(policy)}.enforcementLevel is ${quote(level)}; expected ${levelText}.`,
                );
            }
        } else if (!isLevel(value)) {
            throw new InputError(
                `--policy-pack-config ${file}: ${quote(policy)} is ${quote(value)}; expected ${levelText} or an object of settings.`,
            );
        }
    }
    return doc as PolicyPackConfigFile;
}

/**
 * Each policy's config as the engine sends it in `configure`: the schema's defaults, then the pack's
 * initial config, then the user's file ("all" sets every policy's level). Every entry sets both the
 * level and the properties — an unset level would read as advisory.
 */
export function effectivePolicyConfig(info: AnalyzerInfo, file?: PolicyPackConfigFile, fileName = "config"): Record<string, PolicyConfig> {
    const names = new Set(info.policies.map((p) => p.name));
    for (const policy of Object.keys(file ?? {})) {
        if (policy !== "all" && !names.has(policy)) {
            throw new InputError(
                `--policy-pack-config ${fileName}: names policy ${quote(policy)}, which pack ${info.name} does not have; its policies are ${[...names].join(", ")}.`,
            );
        }
    }
    const result: Record<string, PolicyConfig> = {};
    for (const policy of info.policies) {
        let level = policy.enforcementLevel;
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && typeof schema === "object" && "default" in schema) {
                properties[key] = schema.default;
            }
        }
        for (const layer of [info.initialConfig.all, info.initialConfig[policy.name]]) {
            if (layer) {
                level = layer.enforcementLevel ?? level;
                Object.assign(properties, layer.properties);
            }
        }
        if (file) {
            if (isLevel(file.all)) {
                level = file.all;
            }
            const own = file[policy.name];
            if (isLevel(own)) {
                level = own;
            } else if (own && typeof own === "object") {
                const { enforcementLevel, ...rest } = own as Record<string, unknown>;
                level = isLevel(enforcementLevel) ? enforcementLevel : level;
                Object.assign(properties, rest);
            }
        }
        checkProperties(policy.name, properties, policy.configSchema, fileName);
        result[policy.name] = { enforcementLevel: level, properties };
    }
    return result;
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === "string",
    number: (v) => typeof v === "number",
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === "boolean",
    array: (v) => Array.isArray(v),
    object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
    null: (v) => v === null,
};

/** The first place `value` breaks `schema` (type, enum, items, properties, additionalProperties), as `path: found; expected …`. */
function schemaError(value: unknown, schema: any, path: string): string | undefined {
    if (!schema || typeof schema !== "object") {
        return undefined;
    }
    const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (types.length > 0 && !types.some((t) => JSON_TYPES[t]?.(value))) {
        return `${path} is ${quote(value)}; expected ${types.join(" or ")}`;
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) {
        return `${path} is ${quote(value)}; expected one of ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(", ")}`;
    }
    if (Array.isArray(value) && schema.items && !Array.isArray(schema.items)) {
        for (const [i, item] of value.entries()) {
            const error = schemaError(item, schema.items, `${path}[${i}]`);
            if (error) {
                return error;
            }
        }
    }
    if (JSON_TYPES.object(value)) {
        for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
            const own = schema.properties?.[key];
            if (own === undefined && schema.additionalProperties === false) {
                return `${path}.${clip(key)} is not allowed; expected only ${Object.keys(schema.properties ?? {}).join(", ")}`;
            }
            const error = schemaError(inner, own ?? schema.additionalProperties, `${path}.${clip(key)}`);
            if (error) {
                return error;
            }
        }
    }
    return undefined;
}

/** The engine rejects config that breaks a policy's schema; so does the plan, with the first place it breaks. */
function checkProperties(
    policy: string,
    properties: Record<string, unknown>,
    schema: { properties: Record<string, any>; required: string[] } | undefined,
    fileName: string,
): void {
    if (!schema) {
        return;
    }
    for (const key of schema.required ?? []) {
        if (!(key in properties)) {
            throw new InputError(`--policy-pack-config ${fileName}: policy "${policy}" needs "${key}", which is not set.`);
        }
    }
    for (const [key, value] of Object.entries(properties)) {
        const error = schemaError(value, schema.properties[key], `"${policy}".${clip(key)}`);
        if (error) {
            throw new InputError(`--policy-pack-config ${fileName}: ${error}.`);
        }
    }
}
