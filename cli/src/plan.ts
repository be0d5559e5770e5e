import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { AnalyzedResource, Diagnostic, PolicyPackProcess, StackContext } from "./analyzer";
import { CapturedResource } from "./capture";
import { CaptureReply, CaptureRequest } from "./captureWorker";
import { PlanInputError, lastWords } from "./errors";
import { PolicyPackConfigFile, effectivePolicyConfig } from "./policyConfig";
import { Posture } from "../../policies/catalog/model";
import { stackPosture } from "./posture";
import { Project, readStackConfig } from "./stackConfig";

/** A policy pack to run, with the config file given for it. */
export interface PackSpec {
    dir: string;
    config?: PolicyPackConfigFile;
    configFile?: string;
}

export interface PlanStackOptions {
    /** Folder of the Pulumi project: Pulumi.yaml and Pulumi.<stack>.yaml. */
    projectDir: string;
    project: Project;
    stack: string;
    /** Compiled module exporting the program as a function. */
    programPath: string;
    packs: PackSpec[];
}

export interface StackPlan {
    stack: string;
    resources: CapturedResource[];
    config: Record<string, string>;
    violations: Diagnostic[];
    rejected: boolean;
    posture: Posture;
}

const ORGANIZATION = "organization";

/** Runs one stack as a `pulumi preview --policy-pack …` that creates it: program on the mock runtime, then every pack. */
export async function planStack(options: PlanStackOptions): Promise<StackPlan> {
    const { config, secretKeys } = readStackConfig(options.projectDir, options.project, options.stack);
    const context: StackContext = { project: options.project.name, stack: options.stack, organization: ORGANIZATION, dryRun: true, config, secretKeys };
    const resources = await captureStack({ programPath: options.programPath, project: context.project, stack: context.stack, config, secretKeys });
    const analyzed = toAnalyzed(resources, context);
    const perPack = await Promise.all(options.packs.map((pack) => analyzeWithPack(pack, context, analyzed)));
    const violations = perPack.flat();
    const rejected = violations.some((v) => v.enforcementLevel === "mandatory");
    return { stack: options.stack, resources, config, violations, rejected, posture: stackPosture(analyzed, config["aws:region"]) };
}

/** Runs a stack's program in a worker process and returns its registrations; a config error rejects with its message. */
export function captureStack(request: CaptureRequest): Promise<CapturedResource[]> {
    return new Promise((resolve, reject) => {
        const worker = fork(path.join(__dirname, "captureWorker.js"), [], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
        let stderr = "";
        let settled = false;
        worker.stderr!.on("data", (chunk) => (stderr += chunk));
        worker.once("message", (reply: CaptureReply) => {
            settled = true;
            if (reply.ok) {
                resolve(reply.capture.resources);
            } else {
                reject(new PlanInputError(reply.configError ? reply.message : `stack ${request.stack}: ${reply.message}`));
            }
        });
        worker.once("exit", (code) => {
            if (!settled) {
                reject(new PlanInputError(`stack ${request.stack}: the program's worker exited with code ${code}: ${lastWords(stderr)}`));
            }
        });
        worker.send(request);
    });
}

async function analyzeWithPack(pack: PackSpec, context: StackContext, resources: AnalyzedResource[]): Promise<Diagnostic[]> {
    const server = await PolicyPackProcess.start(pack.dir, context);
    try {
        const info = await server.getAnalyzerInfo();
        await server.configure(effectivePolicyConfig(info, pack.config, pack.configFile));
        await server.configureStack(context);
        const diagnostics: Diagnostic[] = [];
        for (const resource of resources) {
            diagnostics.push(...(await server.analyze(resource)));
        }
        diagnostics.push(...(await server.analyzeStack(resources.map(withOutputs))));
        return diagnostics;
    } finally {
        server.stop();
    }
}

/** In a preview that creates everything, a resource's outputs are its inputs; a component's are what it registered. */
function withOutputs(resource: AnalyzedResource & { outputs?: Record<string, unknown> }): AnalyzedResource {
    return resource.outputs ? { ...resource, properties: resource.outputs } : resource;
}

/** Resources as the engine hands them to analyzers, with each custom resource's provider resolved. */
export function toAnalyzed(resources: CapturedResource[], context: StackContext): (AnalyzedResource & { outputs?: Record<string, unknown> })[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        properties: r.inputs,
        outputs: r.custom ? undefined : (r.outputs ?? {}),
        options: {
            protect: r.options.protect,
            ignoreChanges: r.options.ignoreChanges,
            deleteBeforeReplace: r.options.deleteBeforeReplace,
            additionalSecretOutputs: r.options.additionalSecretOutputs,
            aliases: r.options.aliases,
            parent: r.parent,
            customTimeouts: r.options.customTimeouts,
        },
        provider: r.custom && !r.type.startsWith("pulumi:providers:") ? providerOf(r, byUrn, context) : undefined,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
    }));
}

/** An explicit provider's inputs, or the package's default provider, configured from the stack's `<package>:*` keys. */
function providerOf(r: CapturedResource, byUrn: Map<string, CapturedResource>, context: StackContext): AnalyzedResource["provider"] {
    if (r.provider) {
        const urn = r.provider.split("::").slice(0, -1).join("::");
        const explicit = byUrn.get(urn);
        if (explicit) {
            return { urn, type: explicit.type, name: explicit.name, properties: explicit.inputs };
        }
    }
    const pkg = r.type.split(":")[0];
    const version = r.packageVersion || installedVersion(pkg);
    const name = version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
    const properties: Record<string, unknown> = version ? { version } : {};
    for (const [key, value] of Object.entries(context.config)) {
        if (key.startsWith(`${pkg}:`)) {
            properties[key.slice(pkg.length + 1)] = parseConfigValue(value);
        }
    }
    return { urn: `urn:pulumi:${context.stack}::${context.project}::pulumi:providers:${pkg}::${name}`, type: `pulumi:providers:${pkg}`, name, properties };
}

function installedVersion(pkg: string): string | undefined {
    try {
        return JSON.parse(readFileSync(require.resolve(`@pulumi/${pkg}/package.json`), "utf8")).version;
    } catch {
        return undefined;
    }
}

function parseConfigValue(value: string): unknown {
    if (/^[[{]/.test(value)) {
        try {
            return JSON.parse(value);
        } catch {
            return value;
        }
    }
    return value;
}
