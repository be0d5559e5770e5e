import { AnalyzerInfo, Diagnostic, PolicyConfig, PolicyPackProcess } from "./analyzer";
import { PolicyPackConfigFile, effectivePolicyConfig } from "./policyConfig";
import { AnalyzedResource, StackContext } from "./resources";

/** Analyze requests in flight at once: enough to hide the round trip, few enough to bound memory on both sides. */
const ANALYZE_WINDOW = 32;

/** A policy pack to run, with the config file given for it. */
export interface PackSpec {
    dir: string;
    config?: PolicyPackConfigFile;
    configFile?: string;
}

/** What one pack, or all of them, say of one stack. */
export interface Verdict {
    violations: Diagnostic[];
    /** A mandatory violation anywhere. */
    rejected: boolean;
    /** Each pack as it described itself, for reports that list every policy. */
    packs: AnalyzerInfo[];
    /** Each pack's effective policy config, as `configure` sent it, by pack name. */
    configured: Record<string, Record<string, PolicyConfig>>;
    /** Policies that said they do not apply to the stack, per pack, with why. */
    notApplicable: { policyPack: string; policy: string; reason: string }[];
}

/**
 * A pack started for a stack and configured as the engine configures it: schema defaults, its own
 * initial config, the user's file; then told the stack. It judges one set of resources after another
 * (a pack reads the stack's config from its environment, so a session serves one stack's config).
 */
export class PackSession {
    private constructor(
        private readonly server: PolicyPackProcess,
        readonly info: AnalyzerInfo,
        readonly config: Record<string, PolicyConfig>,
    ) {}

    static async start(pack: PackSpec, context: StackContext): Promise<PackSession> {
        const server = await PolicyPackProcess.start(pack.dir, context);
        try {
            const info = await server.getAnalyzerInfo();
            const config = effectivePolicyConfig(info, pack.config, pack.configFile);
            await server.configure(config);
            await server.configureStack(context);
            return new PackSession(server, info, config);
        } catch (e) {
            server.stop();
            throw e;
        }
    }

    /**
     * Asks about each resource's inputs, then about the whole stack's outputs, as `pulumi preview` does —
     * skipping the per-resource questions for a pack that says all its policies judge the whole stack.
     */
    async judge(resources: AnalyzedResource[]): Promise<Verdict> {
        const violations: Diagnostic[] = [];
        if (this.info.policies.some((p) => p.type !== "stack")) {
            violations.push(...(await this.analyzeEach(resources)).flat());
        }
        const stack = await this.server.analyzeStack(resources);
        violations.push(...stack.diagnostics);
        return {
            violations,
            rejected: violations.some((v) => v.enforcementLevel === "mandatory"),
            packs: [this.info],
            configured: { [this.info.name]: this.config },
            // Resource policies say "not applicable" per resource; the stack-level answer is the one reports need.
            notApplicable: stack.notApplicable.map((n) => ({ policyPack: this.info.name, ...n })),
        };
    }

    /**
     * Each resource's diagnostics, in resource order. Requests are pipelined — a window of them in flight on the
     * one HTTP/2 connection — so the pack never waits a round trip between resources; it answers them in turn.
     */
    private async analyzeEach(resources: AnalyzedResource[]): Promise<Diagnostic[][]> {
        const results: Diagnostic[][] = new Array(resources.length);
        let next = 0;
        const lane = async () => {
            while (next < resources.length) {
                const i = next++;
                results[i] = (await this.server.analyze(resources[i])).diagnostics;
            }
        };
        await Promise.all(Array.from({ length: Math.min(ANALYZE_WINDOW, resources.length) }, lane));
        return results;
    }

    get pid(): number | undefined {
        return this.server.pid;
    }

    stop(): void {
        this.server.stop();
    }
}

/** Starts every pack for a stack, all or none: when one fails to start, those that did are stopped. */
export async function startPacks(packs: PackSpec[], context: StackContext): Promise<PackSession[]> {
    const started = await Promise.allSettled(packs.map((pack) => PackSession.start(pack, context)));
    const sessions = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) {
        sessions.forEach((s) => s.stop());
        throw failed.reason;
    }
    return sessions;
}

/** What started packs say of a stack's resources, as one verdict. */
export async function judgeWith(sessions: PackSession[], resources: AnalyzedResource[]): Promise<Verdict> {
    return mergeVerdicts(await Promise.all(sessions.map((s) => s.judge(resources))));
}

/**
 * Judges a stack's resources with every pack, as `pulumi preview --policy-pack …` does. The resources
 * may come from a capture or from anywhere else (live state): judging never touches the program.
 */
export async function judge(resources: AnalyzedResource[], context: StackContext, packs: PackSpec[]): Promise<Verdict> {
    const sessions = await startPacks(packs, context);
    try {
        return await judgeWith(sessions, resources);
    } finally {
        sessions.forEach((s) => s.stop());
    }
}

/** Several packs' verdicts as one. */
export function mergeVerdicts(verdicts: Verdict[]): Verdict {
    const violations = verdicts.flatMap((v) => v.violations);
    return {
        violations,
        rejected: violations.some((v) => v.enforcementLevel === "mandatory"),
        packs: verdicts.flatMap((v) => v.packs),
        configured: Object.assign({}, ...verdicts.map((v) => v.configured)),
        notApplicable: verdicts.flatMap((v) => v.notApplicable),
    };
}
