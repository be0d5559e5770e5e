import * as pulumi from "@pulumi/pulumi";
import { MockCallArgs, MockMonitor, MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { InvokeAnswers, InvokeError, answerInvoke } from "./invokes";
import { SourcePosition, originalPosition } from "./sourceMaps";
import { RESOURCE_SIG, SIG, UNKNOWN_SENTINEL } from "./values";

/** Property values as they travel to an analyzer: plain JSON, with Pulumi's secret and unknown markers kept. */
export type Properties = Record<string, any>;

/** One resource registration, as the engine would see it. */
export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** A component its provider plugin builds (awsx's, any multi-language component): its children never reach the program. */
    remote: boolean;
    /** Where the program declared it (the TypeScript source where a source map leads there), when the SDK says. */
    source?: SourcePosition;
    /** URN of the parent resource; empty for the stack itself. */
    parent: string;
    /** Provider reference `urn::id` for an explicit provider; empty for the package's default provider. */
    provider: string;
    /** Version of the resource's package, which names its default provider. */
    packageVersion: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    options: {
        protect: boolean;
        retainOnDelete: boolean;
        ignoreChanges: string[];
        deleteBeforeReplace: boolean;
        additionalSecretOutputs: string[];
        aliases: string[];
        customTimeouts?: { create: string; update: string; delete: string };
    };
    /** Inputs for a custom resource; the registered outputs for a component. */
    inputs: Properties;
    /** Registered outputs of a component (and the stack); custom resources report theirs through `inputs`. */
    outputs?: Properties;
}

/** A custom resource's outputs after creation, from its type, name and inputs; absent: its inputs alone (a preview). */
export type OutputsOf = (type: string, name: string, inputs: Properties, defaultRegion: string) => Properties;

/**
 * Records every registration the program makes. In a preview, custom resources get no id and echo
 * their inputs, so every computed output (ids, ARNs, DNS names) is unknown — a preview that creates
 * the stack. Given `outputsOf`, they get the outputs it computes instead, as after a first update.
 */
class CaptureMonitor extends MockMonitor {
    readonly captured: CapturedResource[] = [];
    /** Provider functions that failed: the program may have swallowed the failure (an Output form drops its dependents). */
    readonly failedInvokes: InvokeError[] = [];
    private readonly byUrn = new Map<string, CapturedResource>();

    constructor(stack: string, region: string | undefined, answers: InvokeAnswers | undefined, outputsOf: OutputsOf | undefined) {
        super({
            newResource: (args: MockResourceArgs) =>
                outputsOf
                    ? { id: `${args.name}-id`, state: outputsOf(args.type, args.name, args.inputs, region ?? "us-east-1") }
                    : { id: undefined, state: args.inputs },
            call: (args: MockCallArgs) => {
                try {
                    return answerInvoke(args.token, args.inputs, { stack, region, answers });
                } catch (e) {
                    if (e instanceof InvokeError) {
                        this.failedInvokes.push(e);
                    }
                    throw e;
                }
            },
        });
    }

    override async invoke(req: any, callback: (err: any, response: any) => void): Promise<void> {
        // The SDK words a failed invoke from the gRPC error's `details`, which a thrown Error lacks: give it the message.
        await super.invoke(req, (err: any, response: any) => callback(err ? Object.assign(err, { details: err.message }) : err, response));
    }

    override async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        await super.registerResource(req, (err: any, response: any) => {
            if (!err) {
                this.record(req, response.getUrn());
            }
            callback(err, response);
        });
    }

    override registerResourceOutputs(req: any, callback: (err: any, response: any) => void): void {
        const resource = this.byUrn.get(req.getUrn());
        if (resource) {
            resource.outputs = plain(req.getOutputs()?.toJavaScript() ?? {});
        }
        super.registerResourceOutputs(req, callback);
    }

    private record(req: any, urn: string): void {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const timeouts = req.getCustomtimeouts();
        const resource: CapturedResource = {
            urn,
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            remote: req.getRemote(),
            source: originalPosition(req.getSourceposition()),
            parent: req.getParent(),
            provider: req.getProvider(),
            packageVersion: req.getVersion(),
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            options: {
                protect: req.getProtect() === true,
                retainOnDelete: req.getRetainondelete() === true,
                ignoreChanges: req.getIgnorechangesList(),
                deleteBeforeReplace: req.getDeletebeforereplace(),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                aliases: req.getAliasurnsList(),
                customTimeouts:
                    timeouts && (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete())
                        ? { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() }
                        : undefined,
            },
            inputs: plain(req.getObject()?.toJavaScript() ?? {}),
        };
        this.captured.push(resource);
        this.byUrn.set(urn, resource);
    }
}

/**
 * Converts registered values to what an analyzer receives: resource references become the referenced
 * resource's id (unknown until it exists) or, for a component, its URN; `__` keys are internal.
 */
function plain(value: any): any {
    if (Array.isArray(value)) {
        return value.map(plain);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (value[SIG] === RESOURCE_SIG) {
        return "id" in value ? (value.id === "" || value.id === undefined ? UNKNOWN_SENTINEL : value.id) : value.urn;
    }
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
        if (!key.startsWith("__") || key === SIG) {
            result[key] = plain(inner);
        }
    }
    return result;
}

export interface CaptureOptions {
    project: string;
    stack: string;
    /** Stack config as the Pulumi CLI passes it: every value a string, objects as JSON. */
    config: Record<string, string>;
    secretKeys: string[];
    /** The user's answers for provider functions `dr plan` cannot answer itself. */
    answers?: InvokeAnswers;
}

/**
 * Runs a Pulumi program on the mock runtime — as a preview that creates the stack, or, given
 * `outputsOf`, as its first update — and returns what it registered. Runtime state is process-wide:
 * one capture per process.
 */
export async function captureProgram(
    program: () => Promise<unknown>,
    options: CaptureOptions,
    outputsOf?: OutputsOf,
): Promise<CapturedResource[]> {
    pulumi.runtime.setAllConfig(options.config, options.secretKeys);
    const preview = outputsOf === undefined;
    const monitor = new CaptureMonitor(options.stack, options.config["aws:region"], options.answers, outputsOf);
    // A registration whose inputs failed (an Output that rejected) never reaches the monitor: the SDK rejects it
    // unhandled after the program returns. The Pulumi CLI fails the program for it; so does the capture.
    const dropped: unknown[] = [];
    const onDropped = (reason: unknown) => dropped.push(reason);
    process.on("unhandledRejection", onDropped);
    try {
        // The same runtime set-up as pulumi.runtime.setMocks, with our recording monitor.
        await pulumi.runtime.setMocks(monitor.mocks, options.project, options.stack, preview);
        pulumi.runtime.setMockOptions(monitor, options.project, options.stack, preview);
        await pulumi.runtime.runInPulumiStack(program);
        // Registrations still in flight when the program returns must land before the capture is read.
        await require("@pulumi/pulumi/runtime/settings").waitForRPCs();
        // Node reports unhandled rejections once the microtasks run out, before the next turn of the event loop.
        await new Promise((resolve) => setImmediate(resolve));
    } catch (e) {
        throw monitor.failedInvokes[0] ?? e;
    } finally {
        process.off("unhandledRejection", onDropped);
    }
    // A failed provider function explains what it dropped; failing on it also stops a program that caught it and went on.
    if (monitor.failedInvokes.length > 0 || dropped.length > 0) {
        throw monitor.failedInvokes[0] ?? dropped[0];
    }
    return monitor.captured;
}
