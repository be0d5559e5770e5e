import { AnalyzerInfo, Diagnostic, PolicyPackProcess } from "./analyzer";
import { PolicyPackConfigFile, effectivePolicyConfig } from "./policyConfig";
import { AnalyzedResource, StackContext } from "./resources";

/** A policy pack to run, with the config file given for it. */
export interface PackSpec {
    dir: string;
    config?: PolicyPackConfigFile;
    configFile?: string;
}

/** What the packs say of one stack. */
export interface Verdict {
    violations: Diagnostic[];
    /** A mandatory violation anywhere. */
    rejected: boolean;
    /** Each pack as it described itself, for reports that list every policy. */
    packs: AnalyzerInfo[];
    /** Policies that said they do not apply, per pack, with why. */
    notApplicable: { policyPack: string; policy: string; reason: string }[];
}

/**
 * Judges a stack's resources with every pack, as `pulumi preview --policy-pack …` does: each pack
 * configured (schema defaults, its own initial config, the user's file), told the stack, asked about
 * each resource's inputs, then about the whole stack's outputs. The resources may come from a capture
 * or from anywhere else (live state): judging never touches the program.
 */
export async function judge(resources: AnalyzedResource[], context: StackContext, packs: PackSpec[]): Promise<Verdict> {
    const perPack = await Promise.all(packs.map((pack) => judgeWithPack(pack, context, resources)));
    const violations = perPack.flatMap((p) => p.violations);
    return {
        violations,
        rejected: violations.some((v) => v.enforcementLevel === "mandatory"),
        packs: perPack.map((p) => p.info),
        notApplicable: perPack.flatMap((p) => p.notApplicable),
    };
}

async function judgeWithPack(pack: PackSpec, context: StackContext, resources: AnalyzedResource[]) {
    const server = await PolicyPackProcess.start(pack.dir, context);
    try {
        const info = await server.getAnalyzerInfo();
        await server.configure(effectivePolicyConfig(info, pack.config, pack.configFile));
        await server.configureStack(context);
        const violations: Diagnostic[] = [];
        const notApplicable = new Map<string, string>();
        for (const resource of resources) {
            violations.push(...(await server.analyze(resource)).diagnostics);
        }
        const stack = await server.analyzeStack(resources);
        violations.push(...stack.diagnostics);
        // Resource policies say "not applicable" per resource; a stack-level answer is the one reports need.
        for (const n of stack.notApplicable) {
            notApplicable.set(n.policy, n.reason);
        }
        return { info, violations, notApplicable: [...notApplicable].map(([policy, reason]) => ({ policyPack: info.name, policy, reason })) };
    } finally {
        server.stop();
    }
}
