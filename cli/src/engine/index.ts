/**
 * The engine: one path from a program (or any list of resources) to a verdict, for any policy pack.
 * capture (program on the mock runtime, in a worker) → resources as analyzers see them → judge (each
 * pack through the analyzer protocol). What dr makes of a verdict is cli/src/assess's. See docs/architecture.md.
 */
import * as path from "node:path";
import { clip } from "../text";
import { InputError } from "../errors";
import type { CapturedResource } from "./capture";
import { CaptureWorker } from "./captureStack";
import type { InvokeAnswers } from "./invokes";
import { PackSession, PackSpec, Verdict, judgeWith, startPacks } from "./judge";
import { AnalyzedResource, StackContext, fromCapture } from "./resources";
import { Project, readStackConfig } from "./stackConfig";

export type { AnalyzerInfo, Diagnostic, PolicyInfo } from "./analyzer";
export { packEntry } from "./analyzer";
export { InvokeAnswers, readInvokeAnswers } from "./invokes";
export { stopChildren } from "./lifetimes";
export { PackSession, PackSpec, Verdict, judge, judgeWith, mergeVerdicts, startPacks } from "./judge";
export { PolicyPackConfigFile, readPolicyPackConfig } from "./policyConfig";
export { AnalyzedResource, StackContext, defaultProvider } from "./resources";
export { Project, listStacks, readProject, readStackConfig } from "./stackConfig";

/** The organization `dr` reports to packs: it runs without a Pulumi Cloud login. */
export const ORGANIZATION = "organization";

/** A stack as a `pulumi preview` that creates it sees it: its config as the Pulumi CLI hands it to the program. */
export function previewContext(projectDir: string, project: Project, stack: string): StackContext {
    const { config, secretKeys } = readStackConfig(projectDir, project, stack);
    return { project: project.name, stack, organization: ORGANIZATION, dryRun: true, config, secretKeys };
}

export interface PreviewRequest {
    /** The stack the program runs as (see previewContext). */
    context: StackContext;
    /** The context the packs start with: the stack's, unless the caller holds back config it applies to their findings itself. */
    packContext?: StackContext;
    /** Compiled module exporting the program as a function. */
    programPath: string;
    /** The user's answers for provider functions, and the file that holds them or would. */
    answers?: InvokeAnswers;
    /** The project folder, where `pulumi preview` would run: messages name the packs from there. */
    projectDir: string;
}

/** What the packs say of the resources a preview registers. */
export interface PreviewVerdict {
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
    const { context } = request;
    const worker = new CaptureWorker();
    const starting = startPacks(packs, request.packContext ?? context);
    const capturing = worker.capture({
        programPath: request.programPath,
        project: context.project,
        stack: context.stack,
        config: context.config,
        secretKeys: context.secretKeys,
        answers: request.answers,
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
        refuseUnseenComponents(captured.value, context.stack, packs, request.projectDir);
        const resources = fromCapture(captured.value, context, path.dirname(request.programPath));
        onPhase("judging", { resources: resources.length });
        return { resources, verdict: await judgeWith(sessions, resources) };
    } finally {
        worker.close();
        sessions.forEach((s) => s.stop());
    }
}

/**
 * A component its provider plugin builds (awsx's, any multi-language component) registers only its shell with the
 * program: the plugin creates its children, and there is no plugin here. Judging the rest would pass a stack whose
 * stores nobody saw, so the plan stops and names what can judge it: a real preview, where the plugins run.
 */
function refuseUnseenComponents(captured: CapturedResource[], stack: string, packs: PackSpec[], projectDir: string): void {
    const types = [...new Set(captured.filter((r) => r.remote && !r.custom).map((r) => r.type))].sort();
    if (types.length === 0) {
        return;
    }
    const packFlags = packs.map((p) => `--policy-pack ${path.relative(projectDir, p.dir) || "."}`).join(" ");
    throw new InputError(
        `stack ${stack}: ${clip(types.join(", "), 200)} ${types.length === 1 ? "is a component" : "are components"} that ${types.length === 1 ? "its provider plugin builds" : "their provider plugins build"}, ` +
            `so dr plan cannot see the resources inside and will not judge the stack without them; judge it where the plugins run: ` +
            `pulumi preview --stack ${stack} ${packFlags}`,
    );
}
