/**
 * Reads stack config as the Pulumi CLI hands it to a program (every value text, mappings and lists as JSON) into the
 * typed config, or reports the first bad value in one line: the key, the value, and what is allowed.
 */
import { z } from "zod";
import { DeclaredType, declarations } from "./declaration";
import { ConfigFail } from "./form";
import { DrConfig, settle } from "./rules";
import { DR_NAMESPACE, DrNamespace, HOME_REGION } from "./schema";

const DECLARATIONS = declarations();
const NAMESPACE_KEYS = [...DECLARATIONS.keys()];

const JSON_FORM = "a YAML mapping or list (see the config reference in docs/config.md)";

/**
 * Reads the stack's `dr:*` config and `aws:region` into one typed object: the form of each key (schema.ts), then the
 * rules across keys and the defaults that depend on another key (rules.ts). Form only: policy is the pack's job.
 */
export function readDrConfig(config: Readonly<Record<string, string | undefined>>, cell: string, fail: ConfigFail): DrConfig {
    rejectUnknownKeys(config, fail);
    const homeRegion = readValue(HOME_REGION, config["aws:region"], "aws:region", fail);
    return settle(readNamespace(config, fail), cell, homeRegion, fail);
}

/** Reads one value of `schema`, the value of `key`; its first issue, if any, is reported naming where in it. */
export function readValue<T extends z.ZodType>(schema: T, value: unknown, key: string, fail: ConfigFail): z.output<T> {
    const result = schema.safeParse(value);
    if (!result.success) {
        report(schema, value, firstIssue(result.error.issues), key, fail);
    }
    return result.data;
}

/** A misspelt key is no key of the namespace: the program would never read it. */
function rejectUnknownKeys(config: Readonly<Record<string, string | undefined>>, fail: ConfigFail): void {
    for (const key of Object.keys(config).sort()) {
        if (key.startsWith("dr:") && !NAMESPACE_KEYS.includes(key.slice(3))) {
            fail(key, config[key], `no such key; the dr namespace has ${NAMESPACE_KEYS.map((k) => `dr:${k}`).join(", ")}`);
        }
    }
}

/** A value as the program gets it from the CLI, back to its declared type; undefined when its JSON does not parse. */
function decode(text: string, type: DeclaredType): { value: unknown } | undefined {
    switch (type) {
        case "string":
            return { value: text };
        case "integer":
            // Anything but digits stays text, for the schema to reject with its own message.
            return { value: /^[0-9]+$/.test(text) ? Number(text) : text };
        case "object":
        case "array":
            try {
                return { value: JSON.parse(text) };
            } catch {
                return undefined;
            }
    }
}

/** The namespace's keys checked in its order; a message quotes a scalar key's value as written. */
function readNamespace(config: Readonly<Record<string, string | undefined>>, fail: ConfigFail): DrNamespace {
    const values: Record<string, unknown> = {};
    const undecodable = new Set<string>();
    for (const [key, { type }] of DECLARATIONS) {
        const text = config[`dr:${key}`];
        const decoded = text === undefined ? { value: undefined } : decode(text, type);
        if (decoded === undefined) {
            undecodable.add(key);
        } else if (decoded.value !== undefined) {
            values[key] = decoded.value;
        }
    }
    const result = DR_NAMESPACE.safeParse(values);
    const issues = result.success ? [] : result.error.issues;
    for (const [key, { type, schema }] of DECLARATIONS) {
        const text = config[`dr:${key}`];
        if (undecodable.has(key)) {
            fail(`dr:${key}`, text, JSON_FORM);
        }
        const keyIssues = issues.filter((i) => i.path[0] === key).map((i) => ({ ...i, path: i.path.slice(1) }));
        if (keyIssues.length > 0) {
            const scalar = type === "string" || type === "integer";
            report(schema, scalar ? text : values[key], firstIssue(keyIssues), `dr:${key}`, fail);
        }
    }
    if (!result.success) {
        throw result.error;
    }
    return result.data;
}

/**
 * The issue to report: zod's first, unless a mapping around it has a key it does not know. That one comes first: a
 * misspelt key is the likelier cause of a field reported missing beside it.
 */
function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
    const [first] = issues;
    const around = issues.filter((issue) => issue.code === "unrecognized_keys" && issue.path.every((part, i) => first.path[i] === part));
    return around.sort((a, b) => a.path.length - b.path.length)[0] ?? first;
}

/** `key` followed by `path`, as messages write it: `dr:tables[0].name`. */
function where(key: string, path: readonly PropertyKey[]): string {
    return key + path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
}

/**
 * One line for `issue`, found in `value` (of `schema`), the value of `key`. It quotes the value at the issue's path,
 * as written, unless the issue names what it quotes (eachOnce: the entry listed twice).
 */
function report(schema: z.core.$ZodType, value: unknown, issue: z.core.$ZodIssue, key: string, fail: ConfigFail): never {
    if (issue.code === "unrecognized_keys") {
        const [unknown] = issue.keys;
        const mapping = mappingAt(schema, issue.path);
        const known = mapping ? Object.keys(mapping.shape).join(", ") : "";
        const owner = mapping?.meta()?.title ?? where(key, issue.path);
        return fail(where(key, [...issue.path, unknown]), valueAt(value, [...issue.path, unknown]), `no such key; ${owner} has ${known}`);
    }
    const quoted =
        issue.code === "custom" && issue.params !== undefined && "quoted" in issue.params
            ? issue.params.quoted
            : valueAt(value, issue.path);
    return fail(where(key, issue.path), quoted, issue.message);
}

/** What `value` holds at `path`; undefined where it holds nothing. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
    return path.reduce<unknown>(
        (at, part) => (typeof at === "object" && at !== null ? Object.entries(at).find(([name]) => name === String(part))?.[1] : undefined),
        value,
    );
}

/** The mapping at `path` in `schema`, through lists, optional and default values, and transforms. */
function mappingAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.ZodObject | undefined {
    if (
        schema instanceof z.ZodOptional ||
        schema instanceof z.ZodNullable ||
        schema instanceof z.ZodDefault ||
        schema instanceof z.ZodPrefault
    ) {
        return mappingAt(schema.unwrap(), path);
    }
    if (schema instanceof z.ZodPipe) {
        return mappingAt(schema.in, path);
    }
    if (schema instanceof z.ZodUnion) {
        // The options of dr:backup differ in what their keys take, not in which keys they have.
        return schema.options.map((option: z.core.$ZodType) => mappingAt(option, path)).find((mapping) => mapping !== undefined);
    }
    const [head, ...rest] = path;
    if (schema instanceof z.ZodArray && typeof head === "number") {
        return mappingAt(schema.element, rest);
    }
    if (schema instanceof z.ZodObject) {
        if (head === undefined) {
            return schema;
        }
        const field = typeof head === "string" ? schema.shape[head] : undefined;
        return field === undefined ? undefined : mappingAt(field, rest);
    }
    return undefined;
}
