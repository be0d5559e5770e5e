import { ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzergrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { InputError, InternalError, lastWords } from "../errors";
import { adopt } from "./lifetimes";
import { AnalyzedResource, StackContext } from "./resources";

// The gRPC and protobuf runtimes must be the very copies the generated stubs were built with, or
// messages fail their instanceof checks: resolve them from the stubs' own location.
const stubs = path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb"));
const grpc: typeof grpcTypes = require(require.resolve("@grpc/grpc-js", { paths: [stubs] }));
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [stubs] }));
const { Empty } = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [stubs] }));
const { AnalyzerClient }: typeof analyzergrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";

const LEVELS: Record<number, EnforcementLevel> = {
    [analyzerpb.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerpb.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerpb.EnforcementLevel.DISABLED]: "disabled",
    [analyzerpb.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_NUMBERS: Record<EnforcementLevel, number> = {
    advisory: analyzerpb.EnforcementLevel.ADVISORY,
    mandatory: analyzerpb.EnforcementLevel.MANDATORY,
    disabled: analyzerpb.EnforcementLevel.DISABLED,
    remediate: analyzerpb.EnforcementLevel.REMEDIATE,
};

export type Severity = "low" | "medium" | "high" | "critical";

const SEVERITIES: Record<number, Severity | undefined> = {
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

const POLICY_TYPES: Record<number, PolicyInfo["type"]> = {
    [analyzerpb.PolicyType.POLICY_TYPE_RESOURCE]: "resource",
    [analyzerpb.PolicyType.POLICY_TYPE_STACK]: "stack",
};

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    /** JSON schema of the policy's config properties. */
    configSchema?: { properties: Record<string, any>; required: string[] };
    severity?: Severity;
    remediationSteps?: string;
    url?: string;
    /** Whether it judges each resource or the whole stack; unknown for packs that do not say. */
    type?: "resource" | "stack";
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
    /** The pack's own config (`PolicyPack` `initialConfig`), per policy. */
    initialConfig: Record<string, PolicyConfig>;
}

/** A policy's effective config, as `configure` sends it. */
export interface PolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export interface Diagnostic {
    policyPack: string;
    policy: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    message: string;
}

/** What an analyzer answers: its diagnostics, and the policies that said they do not apply, with why. */
export interface Analysis {
    diagnostics: Diagnostic[];
    notApplicable: { policy: string; reason: string }[];
}

const START_TIMEOUT_MS = 60_000;
/** Linux's limit on one environment string (MAX_ARG_STRLEN, 32 pages), less the variable's name. */
const MAX_ENV_STRING = 128 * 1024 - "PULUMI_CONFIG=".length - 1;
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

const WATCHDOG = path.join(__dirname, "packWatchdog.js");

/** A policy pack served in its own process, driven through the analyzer protocol as the Pulumi engine does. */
export class PolicyPackProcess {
    private constructor(
        readonly dir: string,
        private readonly child: ChildProcess,
        private readonly client: analyzergrpc.AnalyzerClient,
        private readonly stderr: StderrTail,
    ) {}

    /** Starts the pack in `dir` with the stack's config in its environment; fails with the pack's own words. */
    static async start(dir: string, stack: StackContext): Promise<PolicyPackProcess> {
        const entry = packEntry(dir);
        const env = {
            ...process.env,
            PULUMI_CONFIG: JSON.stringify(stack.config),
            PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(stack.secretKeys),
            PULUMI_NODEJS_PROJECT: stack.project,
            PULUMI_NODEJS_STACK: stack.stack,
            PULUMI_NODEJS_ORGANIZATION: stack.organization,
        };
        // A pack reads its stack's config from the environment, as the Pulumi CLI hands it over; Linux caps
        // one environment string at 128 KiB (MAX_ARG_STRLEN), so a larger config cannot reach any pack.
        if (env.PULUMI_CONFIG.length > MAX_ENV_STRING) {
            throw new InputError(
                `stack ${stack.stack}: its config is ${Math.ceil(env.PULUMI_CONFIG.length / 1024)} KiB, more than the 128 KiB a policy pack can be handed in PULUMI_CONFIG; shorten the largest values.`,
            );
        }
        const child = spawn(process.execPath, ["--require", WATCHDOG, ...entry], {
            cwd: dir,
            env,
            // stdin: the watchdog's lifeline, never written to (see packWatchdog.ts).
            stdio: ["pipe", "pipe", "pipe"],
        });
        adopt(child);
        const stderr = new StderrTail(child);
        const port = await readPort(child, dir, stderr);
        // As the engine does: a whole stack travels in one analyzeStack message.
        const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
            "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
        });
        return new PolicyPackProcess(dir, child, client, stderr);
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info: analyzerpb.AnalyzerInfo = await this.call("getAnalyzerInfo", new Empty());
        const initialConfig: Record<string, PolicyConfig> = {};
        info.getInitialconfigMap().forEach((config, policy) => {
            initialConfig[policy] = {
                enforcementLevel: LEVELS[config.getEnforcementlevel()] ?? "advisory",
                properties: config.getProperties()?.toJavaScript() ?? {},
            };
        });
        return {
            name: info.getName(),
            version: info.getVersion(),
            initialConfig,
            policies: info.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                return {
                    name: p.getName(),
                    description: p.getDescription(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
                    configSchema: schema
                        ? {
                              properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, any>,
                              required: schema.getRequiredList(),
                          }
                        : undefined,
                    severity: SEVERITIES[p.getSeverity()],
                    type: POLICY_TYPES[p.getPolicyType()],
                    remediationSteps: p.getRemediationSteps() || undefined,
                    url: p.getUrl() || undefined,
                };
            }),
        };
    }

    async configure(config: Record<string, PolicyConfig>): Promise<void> {
        const req = new analyzerpb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [policy, value] of Object.entries(config)) {
            const pc = new analyzerpb.PolicyConfig();
            pc.setEnforcementlevel(LEVEL_NUMBERS[value.enforcementLevel]);
            pc.setProperties(Struct.fromJavaScript(value.properties));
            map.set(policy, pc);
        }
        await this.call("configure", req);
    }

    async configureStack(stack: StackContext): Promise<void> {
        const req = new analyzerpb.AnalyzerStackConfigureRequest();
        req.setStack(stack.stack);
        req.setProject(stack.project);
        req.setOrganization(stack.organization);
        req.setDryRun(stack.dryRun);
        req.setConfigSecretKeysList(stack.secretKeys);
        const map = req.getConfigMap();
        for (const [key, value] of Object.entries(stack.config)) {
            map.set(key, value);
        }
        await this.call("configureStack", req);
    }

    /** Per-resource analysis, with the resource's inputs. */
    async analyze(resource: AnalyzedResource): Promise<Analysis> {
        const req = new analyzerpb.AnalyzeRequest();
        req.setType(resource.type);
        req.setUrn(resource.urn);
        req.setName(resource.name);
        req.setProperties(Struct.fromJavaScript(resource.inputs));
        req.setOptions(options(resource));
        if (resource.provider) {
            req.setProvider(provider(resource.provider));
        }
        const analysis = read(await this.call("analyze", req));
        // A resource policy's violation carries no URN: the engine attributes it to the analyzed resource.
        return { ...analysis, diagnostics: analysis.diagnostics.map((d) => ({ ...d, urn: d.urn || resource.urn })) };
    }

    /** Whole-stack analysis, with every resource's outputs, parents and dependencies. */
    async analyzeStack(resources: AnalyzedResource[]): Promise<Analysis> {
        const req = new analyzerpb.AnalyzeStackRequest();
        req.setResourcesList(
            resources.map((resource) => {
                const r = new analyzerpb.AnalyzerResource();
                r.setType(resource.type);
                r.setUrn(resource.urn);
                r.setName(resource.name);
                r.setProperties(Struct.fromJavaScript(resource.outputs));
                r.setOptions(options(resource));
                if (resource.provider) {
                    r.setProvider(provider(resource.provider));
                }
                r.setParent(resource.parent);
                r.setDependenciesList(resource.dependencies);
                const deps = r.getPropertydependenciesMap();
                for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
                    const pd = new analyzerpb.AnalyzerPropertyDependencies();
                    pd.setUrnsList(urns);
                    deps.set(key, pd);
                }
                return r;
            }),
        );
        return read(await this.call("analyzeStack", req));
    }

    /** The pack's process id, for tools that watch its memory. */
    get pid(): number | undefined {
        return this.child.pid;
    }

    stop(): void {
        this.client.close();
        this.child.kill();
    }

    private call<T>(method: "getAnalyzerInfo" | "configure" | "configureStack" | "analyze" | "analyzeStack", req: unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            (this.client as any)[method](req, (err: Error | null, res: T) => {
                if (err) {
                    // The pack started and answered before: a failure now is the pack's (or dr's), not the input's.
                    const said = lastWords(this.stderr.text);
                    reject(
                        new InternalError(
                            `policy pack ${this.dir} failed in ${method}: ${err.message.split("\n")[0]}${said ? ` (it said: ${said})` : ""}`,
                            { cause: err },
                        ),
                    );
                } else {
                    resolve(res);
                }
            });
        });
    }
}

/**
 * The command line that serves a pack: its compiled `main` directly, or Pulumi's own runner for a
 * TypeScript pack. Throws bad input when `dir` is not a pack that can start: commands check this first.
 */
export function packEntry(dir: string): string[] {
    const manifest = path.join(dir, "package.json");
    if (!existsSync(path.join(dir, "PulumiPolicy.yaml")) || !existsSync(manifest)) {
        throw new InputError(`--policy-pack ${dir}: not a policy pack; expected a folder with PulumiPolicy.yaml and package.json.`);
    }
    let main: string;
    try {
        main = JSON.parse(readFileSync(manifest, "utf8")).main ?? "index.js";
    } catch (e) {
        throw new InputError(`--policy-pack ${dir}: package.json is not valid JSON (${(e as Error).message}).`);
    }
    const mainPath = path.resolve(dir, main);
    if (main.endsWith(".js") && !existsSync(mainPath)) {
        throw new InputError(`--policy-pack ${dir}: its main file ${main} does not exist; build the pack first (npm run build in ${dir}).`);
    }
    if (main.endsWith(".ts") || !main.endsWith(".js")) {
        let runner: string;
        try {
            runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
        } catch {
            throw new InputError(`--policy-pack ${dir}: @pulumi/pulumi is not installed for this pack; run npm ci in ${dir}.`);
        }
        return [runner, "127.0.0.1:0", "."];
    }
    return [mainPath];
}

/** The last few kilobytes a pack wrote to stderr: enough for its last words, bounded whatever it prints. */
class StderrTail {
    text = "";

    constructor(child: ChildProcess) {
        child.stderr!.on("data", (chunk) => {
            this.text = (this.text + chunk).slice(-16_384);
        });
    }
}

/** The pack prints its port as its first line; an exit before that is a failure to start. */
function readPort(child: ChildProcess, dir: string, stderr: StderrTail): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        const timer = setTimeout(() => {
            child.kill();
            reject(new InputError(`--policy-pack ${dir}: did not start within ${START_TIMEOUT_MS / 1000} s.`));
        }, START_TIMEOUT_MS);
        const fail = (why: string) => {
            clearTimeout(timer);
            const detail = lastWords(stderr.text);
            reject(new InputError(`--policy-pack ${dir}: ${why}${detail ? `: ${detail}` : ""}.`));
        };
        const onStdout = (chunk: Buffer) => {
            stdout += chunk;
            const newline = stdout.indexOf("\n");
            if (newline >= 0) {
                // Past the port, whatever the pack prints is drained, not kept.
                child.stdout!.off("data", onStdout);
                child.stdout!.resume();
                clearTimeout(timer);
                const port = Number(stdout.slice(0, newline).trim());
                if (Number.isInteger(port) && port > 0) {
                    resolve(port);
                } else {
                    child.kill();
                    fail(`printed "${stdout.slice(0, Math.min(newline, 80)).trim()}" where its port was expected`);
                }
            }
        };
        child.stdout!.on("data", onStdout);
        child.on("error", (err) => fail(`could not be started (${err.message})`));
        child.on("exit", (code) => fail(`exited with code ${code} before serving`));
    });
}

function options(resource: AnalyzedResource): analyzerpb.AnalyzerResourceOptions {
    const o = new analyzerpb.AnalyzerResourceOptions();
    o.setProtect(resource.options.protect);
    o.setIgnorechangesList(resource.options.ignoreChanges);
    o.setDeletebeforereplace(resource.options.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(true);
    o.setAdditionalsecretoutputsList(resource.options.additionalSecretOutputs);
    o.setAliasesList(resource.options.aliases);
    o.setParent(resource.options.parent);
    const t = resource.options.customTimeouts;
    if (t) {
        const timeouts = new analyzerpb.AnalyzerResourceOptions.CustomTimeouts();
        timeouts.setCreate(seconds(t.create));
        timeouts.setUpdate(seconds(t.update));
        timeouts.setDelete(seconds(t.delete));
        o.setCustomtimeouts(timeouts);
    }
    return o;
}

/** Go duration text (`5m`, `1h30m`) to seconds, as the engine converts custom timeouts. */
function seconds(text: string): number {
    let total = 0;
    for (const [, n, unit] of text.matchAll(/([0-9.]+)(h|m|s)/g)) {
        total += Number(n) * (unit === "h" ? 3600 : unit === "m" ? 60 : 1);
    }
    return total;
}

function provider(p: NonNullable<AnalyzedResource["provider"]>): analyzerpb.AnalyzerProviderResource {
    const r = new analyzerpb.AnalyzerProviderResource();
    r.setUrn(p.urn);
    r.setType(p.type);
    r.setName(p.name);
    r.setProperties(Struct.fromJavaScript(p.properties));
    return r;
}

function read(res: analyzerpb.AnalyzeResponse): Analysis {
    return {
        diagnostics: res.getDiagnosticsList().map((d) => ({
            policyPack: d.getPolicypackname(),
            policy: d.getPolicyname(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
            urn: d.getUrn(),
            message: d.getMessage(),
        })),
        notApplicable: res.getNotApplicableList().map((n) => ({ policy: n.getPolicyName(), reason: n.getReason() })),
    };
}
