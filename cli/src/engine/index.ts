/**
 * The engine: one path from a program (or any list of resources) to a verdict, shared by every command.
 * capture (program on the mock runtime, in a worker) → resources as analyzers see them → judge (each
 * pack through the analyzer protocol) → posture (the catalog's model). See docs/architecture.md.
 */
import * as path from "node:path";
import { captureStack } from "./captureStack";
import { AnalyzedResource, StackContext, fromCapture } from "./resources";
import { Project, readStackConfig } from "./stackConfig";

export type { AnalyzerInfo, Diagnostic, PolicyInfo } from "./analyzer";
export { PackSpec, Verdict, judge } from "./judge";
export { PolicyPackConfigFile, readPolicyPackConfig } from "./policyConfig";
export { AnalyzedResource, StackContext, defaultProvider, postureOf } from "./resources";
export { Project, listStacks, readProject, readStackConfig } from "./stackConfig";

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

/** A stack as a `pulumi preview` that creates it would hand it to analyzers. */
export interface Preview {
    context: StackContext;
    resources: AnalyzedResource[];
}

/** Runs the stack's program with its config on the mock runtime and returns its resources as analyzers see them in a preview. */
export async function previewStack(request: PreviewRequest): Promise<Preview> {
    const { config, secretKeys } = readStackConfig(request.projectDir, request.project, request.stack);
    const context: StackContext = { project: request.project.name, stack: request.stack, organization: ORGANIZATION, dryRun: true, config, secretKeys };
    const captured = await captureStack({ programPath: request.programPath, project: context.project, stack: context.stack, config, secretKeys });
    return { context, resources: fromCapture(captured, context, path.dirname(request.programPath)) };
}
