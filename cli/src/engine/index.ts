/**
 * The engine: one path from a program (or any list of resources) to a verdict, shared by every command.
 * capture (program on the mock runtime, in a worker) → resources as analyzers see them → judge (each
 * pack through the analyzer protocol) → posture (the catalog's model). See docs/architecture.md.
 */
import * as path from "node:path";
import { CaptureWorker } from "./captureStack";
import { PackSession, PackSpec, Verdict, judgeWith, startPacks } from "./judge";
import { AnalyzedResource, StackContext, fromCapture } from "./resources";
import { Project, readStackConfig } from "./stackConfig";
import { withoutWaivers } from "./waivers";

export type { AnalyzerInfo, Diagnostic, PolicyInfo } from "./analyzer";
export { packEntry } from "./analyzer";
export { PackSession, PackSpec, Verdict, judge, judgeWith, mergeVerdicts, startPacks } from "./judge";
export { PolicyPackConfigFile, readPolicyPackConfig } from "./policyConfig";
export { AnalyzedResource, StackContext, defaultProvider, postureOf } from "./resources";
export { Project, listStacks, readProject, readStackConfig } from "./stackConfig";
export { applyWaivers, knownPolicies, stackWaivers, withoutWaivers } from "./waivers";

/** The organization `dr` reports to packs: it runs without a Pulumi Cloud login. */
export const ORGANIZATION = "organization";

export interface PreviewRequest {
    /** Folder of the Pulumi project: Pulumi.yaml and Pulumi.<stack>.yaml. */
    projectDir: string;
    project: Project;
    stack: string;
    /** Compiled module exporting the program as a function. */
    programPath: string;
}

/** A stack as a `pulumi preview --policy-pack …` that creates it sees it. */
export interface PreviewVerdict {
    context: StackContext;
    resources: AnalyzedResource[];
    verdict: Verdict;
}

export interface PhaseListener {
    (phase: "capturing" | "judging", detail?: { resources: number }): void;
}

/**
 * A `pulumi preview --policy-pack …` that creates the stack: its program runs on the mock runtime while
 * the packs start (they need only the stack's config), then every pack judges what it registered.
 */
export async function previewAndJudge(
    request: PreviewRequest,
    packs: PackSpec[],
    onPhase: PhaseListener = () => undefined,
): Promise<PreviewVerdict> {
    const { config, secretKeys } = readStackConfig(request.projectDir, request.project, request.stack);
    const context: StackContext = {
        project: request.project.name,
        stack: request.stack,
        organization: ORGANIZATION,
        dryRun: true,
        config,
        secretKeys,
    };
    const worker = new CaptureWorker();
    // dr applies the stack's waivers itself, to every pack's findings (see waivers.ts).
    const starting = startPacks(packs, withoutWaivers(context));
    const capturing = worker.capture({
        programPath: request.programPath,
        project: context.project,
        stack: context.stack,
        config,
        secretKeys,
    });
    let sessions: PackSession[] = [];
    try {
        onPhase("capturing");
        const [started, captured] = await Promise.allSettled([starting, capturing]);
        if (started.status === "fulfilled") {
            sessions = started.value;
        }
        // The program's own complaint (a config error) is the root cause of anything else that failed.
        if (captured.status === "rejected") {
            throw captured.reason;
        }
        if (started.status === "rejected") {
            throw started.reason;
        }
        const resources = fromCapture(captured.value, context, path.dirname(request.programPath));
        onPhase("judging", { resources: resources.length });
        return { context, resources, verdict: await judgeWith(sessions, resources) };
    } finally {
        worker.close();
        sessions.forEach((s) => s.stop());
    }
}
