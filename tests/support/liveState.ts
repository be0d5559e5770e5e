import { createHash } from "node:crypto";
import { CapturedResource } from "../../cli/src/engine/capture";
import { StackContext, defaultProvider } from "../../cli/src/engine/resources";
import type { DigestStep, RefreshDigest, StateResource } from "../../cli/src/engine/state";
import { SECRET_SIG, SIG, UNKNOWN_SENTINEL } from "../../cli/src/engine/values";
import { outputsOf } from "./deployedOutputs";
import type { Edit } from "./lab";

/**
 * Live state as the Pulumi CLI writes it, made from a shipped stack's first update on the mock runtime: a
 * `pulumi stack export` (apitype.UntypedDeployment, deployment version 3) and the digest of
 * `pulumi refresh --preview-only --expect-no-changes --json` (display.PreviewDigest), with drift applied.
 * Field names and omissions follow pulumi/pulumi's apitype.ResourceV3 and display.PreviewStep.
 */

/** When the fixtures say the stack was deployed: fixed, so files regenerate byte for byte. */
const DEPLOYED_AT = "2026-11-01T09:00:00.000000000Z";

/** A stable uuid-shaped id from text, as Pulumi gives providers. */
function uuidOf(text: string): string {
    const h = createHash("sha256").update(text).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** ResourceV3 leaves out empty optional fields (omitempty); urn, custom and type are always there. */
function compact(resource: Record<string, unknown>): StateResource {
    const always = new Set(["urn", "custom", "type"]);
    const empty = (v: unknown) =>
        v === undefined ||
        v === false ||
        (Array.isArray(v) && v.length === 0) ||
        (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
    return Object.fromEntries(Object.entries(resource).filter(([k, v]) => always.has(k) || !empty(v))) as unknown as StateResource;
}

/** The resources a first `pulumi up` leaves in state: default providers first, then each registration with its outputs. */
export function stateOf(captured: CapturedResource[], context: StackContext): StateResource[] {
    const providers = new Map<string, StateResource>();
    const providerRef = (r: CapturedResource): string => {
        const provider = defaultProvider(r.type.split(":")[0], r.packageVersion, context);
        if (!providers.has(provider.urn)) {
            providers.set(
                provider.urn,
                compact({
                    urn: provider.urn,
                    custom: true,
                    id: uuidOf(provider.urn),
                    type: provider.type,
                    inputs: provider.properties,
                    outputs: provider.properties,
                    created: DEPLOYED_AT,
                    modified: DEPLOYED_AT,
                }),
            );
        }
        return `${provider.urn}::${providers.get(provider.urn)!.id}`;
    };
    const region = context.config["aws:region"];
    const resources = captured.map((r) =>
        compact({
            urn: r.urn,
            custom: r.custom,
            id: r.custom ? `${r.name}-id` : undefined,
            type: r.type,
            inputs: r.custom ? r.inputs : {},
            outputs: r.custom ? { id: `${r.name}-id`, ...outputsOf(r.type, r.name, r.inputs, region) } : (r.outputs ?? {}),
            parent: r.parent || undefined,
            protect: r.options.protect,
            retainOnDelete: r.options.retainOnDelete,
            provider: r.custom && !r.type.startsWith("pulumi:providers:") ? providerRef(r) : undefined,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
            created: DEPLOYED_AT,
            modified: DEPLOYED_AT,
        }),
    );
    return [...providers.values(), ...resources];
}

/** `pulumi stack export` of the state: without --show-secrets, a secret's value is ciphertext. */
export function stackExport(resources: StateResource[], secretOutputs: { type: string; key: string }[] = []): object {
    const sealed = resources.map((r) => {
        const secret = secretOutputs.find((s) => s.type === r.type && r.outputs && s.key in r.outputs);
        if (!secret) {
            return r;
        }
        const ciphertext = Buffer.from(JSON.stringify(r.outputs![secret.key])).toString("base64");
        return { ...r, outputs: { ...r.outputs, [secret.key]: { [SIG]: SECRET_SIG, ciphertext } } };
    });
    return {
        version: 3,
        deployment: {
            manifest: { time: DEPLOYED_AT, magic: "dr-fixture", version: "v3.270.0" },
            secrets_providers: { type: "passphrase", state: { salt: "v1:fixture" } },
            resources: sealed,
        },
    };
}

/** A change made outside Pulumi to one resource, as a refresh reports it. */
export interface Drift {
    type: string;
    name: string;
    /** Applied to the refreshed inputs and outputs alike; absent: the resource is gone. */
    change?: (props: Record<string, any>) => void;
    /**
     * How the digest says it: a detailed diff of the changed input paths (the usual case), diff reasons only,
     * or nothing — the step left at op "refresh" with detailedDiff null and its state from before the refresh,
     * as the CLI writes a drift whose diff has no detail: only the change summary counts it.
     */
    reported?: "detailed" | "reasons" | "none";
}

/** The changed leaf paths between two values, as Pulumi writes property paths. */
function changedPaths(before: unknown, after: unknown, prefix = ""): { path: string; kind: string }[] {
    if (JSON.stringify(before) === JSON.stringify(after)) {
        return [];
    }
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
    if (isObject(before) && isObject(after)) {
        return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((k) =>
            changedPaths(
                before[k],
                after[k],
                /^[A-Za-z_]\w*$/.test(k) ? (prefix ? `${prefix}.${k}` : k) : `${prefix}[${JSON.stringify(k)}]`,
            ),
        );
    }
    if (Array.isArray(before) && Array.isArray(after)) {
        return Array.from({ length: Math.max(before.length, after.length) }, (_, i) =>
            changedPaths(before[i], after[i], `${prefix}[${i}]`),
        ).flat();
    }
    return [{ path: prefix, kind: before === undefined ? "add" : after === undefined ? "delete" : "update" }];
}

export interface DigestOptions {
    /** Stack config as the CLI prints it: secrets "[secret]". */
    config: Record<string, string>;
    /**
     * Written by `pulumi preview --refresh`: each drifted resource's refresh step is followed by the program's
     * planned step for it (back to what was deployed, computed outputs unknown) under the same URN.
     */
    previewRefresh?: boolean;
}

/** The refresh digest of `state` once `drifts` happened. */
export function refreshDigest(state: StateResource[], drifts: Drift[], options: DigestOptions): RefreshDigest {
    const steps: DigestStep[] = [];
    const summary: Record<string, number> = {};
    const count = (op: string) => (summary[op] = (summary[op] ?? 0) + 1);
    for (const old of state) {
        const name = old.urn.split("::").pop();
        const drift = drifts.find((d) => d.type === old.type && d.name === name);
        const base = { urn: old.urn, provider: old.provider, oldState: old };
        if (!drift) {
            steps.push({ op: "refresh", ...base, newState: old, detailedDiff: null });
            count("same");
            continue;
        }
        if (!drift.change) {
            steps.push({ op: "delete", ...base, detailedDiff: null });
            count("delete");
            continue;
        }
        const inputs = structuredClone(old.inputs ?? {});
        const outputs = structuredClone(old.outputs ?? {});
        drift.change(inputs);
        drift.change(outputs);
        const newState = { ...old, inputs, outputs, modified: "2026-11-21T03:00:00.000000000Z" };
        const changed = changedPaths(old.inputs, inputs);
        const reported = drift.reported ?? "detailed";
        if (reported === "none") {
            // The CLI swaps a refresh step only for an update with a detailed diff: this one keeps the state from before.
            steps.push({ op: "refresh", ...base, newState: old, detailedDiff: null });
        } else {
            steps.push({
                op: "update",
                ...base,
                newState,
                diffReasons: [...new Set(changed.map((c) => c.path.split(/[.[]/)[0]))],
                detailedDiff:
                    reported === "detailed" ? Object.fromEntries(changed.map((c) => [c.path, { kind: c.kind, inputDiff: true }])) : null,
            });
        }
        count("update");
    }
    if (options.previewRefresh) {
        for (const step of steps.filter((s) => s.op === "update")) {
            const planned = { ...step.oldState!, outputs: { ...step.oldState!.outputs, arn: UNKNOWN_SENTINEL } };
            steps.push({
                op: "update",
                urn: step.urn,
                provider: step.provider,
                oldState: step.newState,
                newState: planned,
                diffReasons: step.diffReasons,
                detailedDiff: step.detailedDiff,
            });
            count("update");
        }
    }
    return { config: options.config, steps, diagnostics: [], duration: 41_500_000_000, changeSummary: summary };
}

/** A digest as the CLI prints it: pretty JSON, after the text older CLIs print first. */
export function printedDigest(digest: RefreshDigest, leadingText = ""): string {
    return `${leadingText}${JSON.stringify(digest, null, 4)}\n`;
}

/** Where deployed stacks come from: the test lab, or the examples' generator with a capture worker of its own (tools/genExamples.ts). */
export interface StackSource {
    /** A stack's config as the Pulumi CLI hands it over, from its stack file changed by `edit`. */
    context(stack: string, edit?: Edit): StackContext;
    /** The program's registrations as its first `pulumi up` makes them (outputs from deployedOutputs.ts). */
    captured(context: StackContext, mode: "update"): Promise<CapturedResource[]>;
}

/** A shipped stack (changed by `edit`) as its first `pulumi up` left it: the state and the config it ran with. */
export async function deployedStack(
    source: StackSource,
    stack: string,
    edit?: Edit,
): Promise<{ context: StackContext; state: StateResource[] }> {
    const context = { ...source.context(stack, edit), dryRun: false };
    return { context, state: stateOf(await source.captured(context, "update"), context) };
}
