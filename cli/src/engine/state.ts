import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { clip, quote } from "../text";
import { InputError } from "../errors";
import type { Properties } from "./capture";
import type { AnalyzedResource, StackContext } from "./resources";
import { SECRET_PLACEHOLDER, readProject, readStackConfig } from "./stackConfig";
import { SECRET_SIG, SIG } from "./values";

/**
 * Live state, as the Pulumi CLI writes it: a refresh digest (`pulumi refresh --preview-only --json`) and a
 * stack export (`pulumi stack export`). Reading only: each file becomes resources as analyzers see them,
 * so `dr drift` and `dr analyze` enter the engine's path where `dr plan` hands over its capture.
 */

/** A resource as state records it (apitype.ResourceV3): the fields `dr` reads. */
export interface StateResource {
    urn: string;
    custom: boolean;
    type: string;
    id?: string;
    delete?: boolean;
    inputs?: Properties;
    outputs?: Properties;
    parent?: string;
    /** Provider reference: the provider resource's URN and id, `urn::id`. */
    provider?: string;
    protect?: boolean;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    additionalSecretOutputs?: string[];
    ignoreChanges?: string[];
    customTimeouts?: { create?: string; update?: string; delete?: string };
}

/** One entry of a digest's `detailedDiff`: what changed at a property path, and whether in inputs. */
export interface PropertyDiff {
    kind: string;
    inputDiff: boolean;
}

/** A step of a preview digest (display.PreviewStep). */
export interface DigestStep {
    op: string;
    urn: string;
    provider?: string;
    oldState?: StateResource;
    newState?: StateResource;
    diffReasons?: string[];
    replaceReasons?: string[];
    /** Null when the engine has no detailed diff: a drifted resource may then stay at op "refresh". */
    detailedDiff: Record<string, PropertyDiff> | null;
}

/** `pulumi refresh --preview-only --json` (display.PreviewDigest). */
export interface RefreshDigest {
    /** Stack config; secrets read "[secret]". */
    config: Record<string, string>;
    steps: DigestStep[];
    /** Count per operation; the engine's signal for changes. */
    changeSummary: Record<string, number>;
    diagnostics: { urn?: string; message?: string; severity?: string }[];
    /** Nanoseconds. */
    duration?: number;
}

/** `pulumi stack export`: deployment version 3, or 4 when the stack uses a newer feature. */
export interface StackExport {
    version: 3 | 4;
    resources: StateResource[];
}

/** One stack's live resources and the context the packs get for them. */
export interface LiveState {
    context: StackContext;
    resources: AnalyzedResource[];
}

/** Ops that change nothing: `--expect-no-changes` counts every other one. */
export const NO_CHANGE_OPS = ["same", "read", "discard", "read-replacement"];

function readText(file: string): string {
    try {
        return readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(
            `${clip(file)}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not a file" : `cannot be read (${code ?? (e as Error).message})`}.`,
        );
    }
}

/**
 * The JSON document in a CLI's output: older CLIs print text ("Previewing refresh (eu):") before it.
 * Tries each line that opens an object, first to last, so leading text never hides the document.
 */
function parseCliJson(file: string, text: string, expected: string): unknown {
    const starts = [0, ...[...text.matchAll(/\n(?=\{)/g)].map((m) => m.index! + 1)];
    let firstError: string | undefined;
    for (const start of starts) {
        try {
            return JSON.parse(text.slice(start));
        } catch (e) {
            firstError ??= (e as Error).message;
        }
    }
    throw new InputError(`${clip(file)}: not JSON (${clip(firstError ?? "empty", 100)}); expected ${expected}.`);
}

function isObject(value: unknown): value is Record<string, any> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

const DIGEST = "the output of pulumi refresh --preview-only --expect-no-changes --json";
const EXPORT = "the output of pulumi stack export";

/** A state resource, checked for the fields every ResourceV3 has. */
function stateResource(file: string, where: string, value: unknown): StateResource {
    if (!isObject(value) || typeof value.urn !== "string" || typeof value.type !== "string") {
        throw new InputError(
            `${clip(file)}: ${where} is ${quote(value)}; expected a resource with urn and type, as Pulumi state records it.`,
        );
    }
    return value as StateResource;
}

/** Reads a refresh digest, with the quirks of the CLIs that write it. */
export function readDigest(file: string): RefreshDigest {
    const doc = parseCliJson(file, readText(file), DIGEST);
    if (isObject(doc) && isObject(doc.deployment)) {
        throw new InputError(
            `${clip(file)}: a stack export, not a refresh digest; run dr analyze --state ${clip(file)}, or give dr drift ${DIGEST}.`,
        );
    }
    if (!isObject(doc) || !isObject(doc.changeSummary) || (doc.steps !== undefined && !Array.isArray(doc.steps))) {
        throw new InputError(
            `${clip(file)}: not a refresh digest (found ${quote(doc)}); expected ${DIGEST}: an object with steps and changeSummary.`,
        );
    }
    const steps = (doc.steps ?? []).map((step: unknown, i: number): DigestStep => {
        if (!isObject(step) || typeof step.op !== "string" || typeof step.urn !== "string") {
            throw new InputError(`${clip(file)}: steps[${i}] is ${quote(step)}; expected a step with op and urn.`);
        }
        return {
            ...(step as DigestStep),
            oldState: step.oldState === undefined ? undefined : stateResource(file, `steps[${i}].oldState`, step.oldState),
            newState: step.newState === undefined ? undefined : stateResource(file, `steps[${i}].newState`, step.newState),
            detailedDiff: isObject(step.detailedDiff) ? step.detailedDiff : null,
        };
    });
    for (const [op, count] of Object.entries(doc.changeSummary)) {
        if (typeof count !== "number") {
            throw new InputError(`${clip(file)}: changeSummary.${clip(op)} is ${quote(count)}; expected a count.`);
        }
    }
    const config = isObject(doc.config) ? Object.fromEntries(Object.entries(doc.config).filter(([, v]) => typeof v === "string")) : {};
    return {
        config: config as Record<string, string>,
        steps,
        changeSummary: doc.changeSummary,
        diagnostics: Array.isArray(doc.diagnostics) ? doc.diagnostics : [],
        duration: doc.duration,
    };
}

/** Reads a stack export (deployment version 3 or 4). */
export function readExport(file: string): StackExport {
    const doc = parseCliJson(file, readText(file), EXPORT);
    if (isObject(doc) && isObject(doc.changeSummary)) {
        throw new InputError(
            `${clip(file)}: a refresh digest, not a stack export; run dr drift ${clip(file)}, or give dr analyze --state ${EXPORT}.`,
        );
    }
    if (!isObject(doc) || !isObject(doc.deployment)) {
        throw new InputError(
            `${clip(file)}: not a stack export (found ${quote(doc)}); expected ${EXPORT}: {version, deployment: {manifest, resources}}.`,
        );
    }
    if (doc.version !== 3 && doc.version !== 4) {
        throw new InputError(
            `${clip(file)}: deployment version ${quote(doc.version)}; expected 3 or 4 (pulumi stack export from Pulumi 3).`,
        );
    }
    const resources = doc.deployment.resources ?? [];
    if (!Array.isArray(resources)) {
        throw new InputError(`${clip(file)}: deployment.resources is ${quote(resources)}; expected a list of resources.`);
    }
    return {
        version: doc.version,
        resources: resources.map((r: unknown, i: number) => stateResource(file, `deployment.resources[${i}]`, r)),
    };
}

/**
 * A value as packs see it from live state: a secret the file holds in plaintext (`stack export
 * --show-secrets`) is its value; one it holds encrypted, "[secret]", as the digest already writes it.
 */
export function revealed(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(revealed);
    }
    if (!isObject(value)) {
        return value;
    }
    if (value[SIG] === SECRET_SIG) {
        if (typeof value.plaintext === "string") {
            try {
                return revealed(JSON.parse(value.plaintext));
            } catch {
                return value.plaintext;
            }
        }
        return SECRET_PLACEHOLDER;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealed(v)]));
}

/** The stack and project a URN names: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function urnParts(urn: string): { stack: string; project: string; type: string; name: string } | undefined {
    const match = /^urn:pulumi:([^:]+)::([^:]+)::(.+)::([^:]*)$/.exec(urn);
    if (!match) {
        return undefined;
    }
    const [, stack, project, qualifiedType, name] = match;
    return { stack, project, type: qualifiedType.split("$").pop()!, name };
}

/** The one stack the resources belong to, checked against `--stack` when given. */
export function stackOf(file: string, resources: StateResource[], named: string | undefined): { stack: string; project: string } {
    const found = new Map<string, string>();
    for (const r of resources) {
        const parts = urnParts(r.urn);
        if (!parts) {
            throw new InputError(
                `${clip(file)}: resource URN ${quote(r.urn)} is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>).`,
            );
        }
        found.set(parts.stack, parts.project);
    }
    if (found.size === 0) {
        throw new InputError(`${clip(file)}: holds no resource; expected a deployed stack's state.`);
    }
    if (found.size > 1) {
        throw new InputError(
            `${clip(file)}: holds resources of stacks ${[...found.keys()].map((s) => clip(s)).join(", ")}; expected one stack.`,
        );
    }
    const [[stack, project]] = [...found];
    if (named !== undefined && named !== stack) {
        throw new InputError(
            `--stack ${clip(named)}: ${clip(file)} is the state of stack ${clip(stack)}; give --stack ${clip(stack)} or that stack's file.`,
        );
    }
    return { stack, project };
}

const isProvider = (type: string) => type.startsWith("pulumi:providers:");

/**
 * State resources as the engine hands them to analyzers: providers resolved from their references,
 * secrets revealed where the file allows, and default providers left out (the engine creates them; a
 * program never registers them), as in `dr plan`.
 */
export function analyzedFromState(resources: StateResource[]): AnalyzedResource[] {
    const providers = new Map(resources.filter((r) => isProvider(r.type)).map((r) => [`${r.urn}::${r.id ?? ""}`, r]));
    return resources
        .filter((r) => !r.delete && !(isProvider(r.type) && /^default(_\d+)*$/.test(urnParts(r.urn)?.name ?? "")))
        .map((r) => {
            const provider = r.provider ? providers.get(r.provider) : undefined;
            const parent = r.parent ?? "";
            return {
                urn: r.urn,
                type: r.type,
                name: urnParts(r.urn)?.name ?? r.urn,
                custom: r.custom,
                inputs: revealed(r.inputs ?? {}) as Properties,
                outputs: revealed(r.outputs ?? {}) as Properties,
                options: {
                    protect: r.protect === true,
                    ignoreChanges: r.ignoreChanges ?? [],
                    deleteBeforeReplace: false,
                    additionalSecretOutputs: r.additionalSecretOutputs ?? [],
                    aliases: [],
                    parent,
                    customTimeouts: r.customTimeouts
                        ? {
                              create: r.customTimeouts.create ?? "",
                              update: r.customTimeouts.update ?? "",
                              delete: r.customTimeouts.delete ?? "",
                          }
                        : undefined,
                },
                provider: provider && {
                    urn: provider.urn,
                    type: provider.type,
                    name: urnParts(provider.urn)?.name ?? "",
                    properties: revealed(provider.outputs ?? provider.inputs ?? {}) as Properties,
                },
                parent,
                dependencies: r.dependencies ?? [],
                propertyDependencies: r.propertyDependencies ?? {},
            };
        });
}

/** The region default providers were configured with: the stack's `aws:region` as state records it. */
export function providerRegion(resources: StateResource[]): string | undefined {
    const provider = resources.find((r) => r.type === "pulumi:providers:aws" && typeof (r.inputs ?? r.outputs)?.region === "string");
    return (provider?.inputs ?? provider?.outputs)?.region;
}

/**
 * The refresh's own step for each resource. `pulumi preview --refresh` lists a resource twice: first the
 * refresh (its live state), then the program's planned change; only the first says what runs.
 */
export function refreshSteps(digest: RefreshDigest): DigestStep[] {
    // A resource pending deletion (a replaced one) shares its URN with the live one: it is not what runs.
    const live = digest.steps.filter((step) => step.oldState?.delete !== true);
    const seen = new Set<string>();
    return live.filter((step) => !seen.has(step.urn) && seen.add(step.urn));
}

/** The state before the refresh (what Pulumi last deployed) and after it (what runs), per resource. */
export function statesOf(steps: DigestStep[]): { deployed: StateResource[]; live: StateResource[] } {
    const deployed = steps.flatMap((s) => (s.oldState ? [s.oldState] : s.newState ? [s.newState] : []));
    // A resource the refresh found gone is no longer live.
    const live = steps.flatMap((s) => (s.op === "delete" ? [] : s.newState ? [s.newState] : s.oldState ? [s.oldState] : []));
    return { deployed, live };
}

/** The context packs get for a stack's live state: config as the file gives it, less secrets it cannot reveal. */
export function liveContext(stack: { stack: string; project: string }, config: Record<string, string>, organization: string): StackContext {
    const known = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== SECRET_PLACEHOLDER));
    return { project: stack.project, stack: stack.stack, organization, dryRun: false, config: known, secretKeys: [] };
}

/**
 * The stack config for a state read on its own: the project's Pulumi.<stack>.yaml in `dir` when it is this
 * stack's, as the Pulumi CLI would hand it over; else only the region the state's default provider had.
 */
export function configForState(dir: string, stack: { stack: string; project: string }, resources: StateResource[]): Record<string, string> {
    const file = path.join(dir, `Pulumi.${stack.stack}.yaml`);
    if (existsSync(path.join(dir, "Pulumi.yaml")) && existsSync(file)) {
        const project = readProject(dir);
        if (project.name === stack.project) {
            return readStackConfig(dir, project, stack.stack).config;
        }
    }
    const region = providerRegion(resources);
    return region ? { "aws:region": region } : {};
}
