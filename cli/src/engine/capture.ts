import * as pulumi from "@pulumi/pulumi";
import { MockCallArgs, MockMonitor, MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { answerInvoke } from "./invokes";
import { RESOURCE_SIG, SIG, UNKNOWN_SENTINEL } from "./values";

/** Property values as they travel to an analyzer: plain JSON, with Pulumi's secret and unknown markers kept. */
export type Properties = Record<string, any>;

/** One resource registration, as the engine would see it. */
export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
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
    private readonly byUrn = new Map<string, CapturedResource>();

    constructor(stack: string, region: string | undefined, outputsOf: OutputsOf | undefined) {
        super({
            newResource: (args: MockResourceArgs) =>
                outputsOf
                    ? { id: `${args.name}-id`, state: outputsOf(args.type, args.name, args.inputs, region ?? "us-east-1") }
                    : { id: undefined, state: args.inputs },
            call: (args: MockCallArgs) => answerInvoke(args.token, args.inputs, { stack, region }),
        });
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
    const monitor = new CaptureMonitor(options.stack, options.config["aws:region"], outputsOf);
    // The same runtime set-up as pulumi.runtime.setMocks, with our recording monitor.
    await pulumi.runtime.setMocks(monitor.mocks, options.project, options.stack, preview);
    pulumi.runtime.setMockOptions(monitor, options.project, options.stack, preview);
    await pulumi.runtime.runInPulumiStack(program);
    // Registrations still in flight when the program returns must land before the capture is read.
    await require("@pulumi/pulumi/runtime/settings").waitForRPCs();
    return monitor.captured;
}
