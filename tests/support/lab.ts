import * as path from "node:path";
import { after } from "node:test";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { CapturedResource } from "../../cli/src/engine/capture";
import { CaptureWorker } from "../../cli/src/engine/captureStack";
import { AssessedDiagnostic, AssessedVerdict, Posture, assess } from "../../cli/src/assess";
import { PackSession, Verdict, mergeVerdicts } from "../../cli/src/engine/judge";
import { PolicyPackConfigFile } from "../../cli/src/engine/policyConfig";
import { AnalyzedResource, StackContext, fromCapture } from "../../cli/src/engine/resources";
import { readProject, stackConfigOf } from "../../cli/src/engine/stackConfig";
import { ROOT } from "../helpers";
import { ResidencyZones } from "../../policies/catalog";

export const PROGRAM = path.join(ROOT, "dist", "infra", "index.js");
export const DR_PACK = path.join(ROOT, "policies");
const UPDATE_OUTPUTS = path.join(ROOT, "dist", "tests", "support", "deployedOutputs.js");

export type Edit = (config: Record<string, any>) => void;

/** A stack judged in the lab: the shape `dr plan --json` reports it in, and its exit code. */
export interface Scenario {
    code: number;
    stack: { stack: string; rejected: boolean; violations: AssessedDiagnostic[]; posture: Posture };
    resources: AnalyzedResource[];
    /** The residency zones the pack judged with. */
    zones: ResidencyZones;
    /** The stack's context and the verdict with waivers applied: what dr plan's reports are rendered from. */
    context: StackContext;
    verdict: AssessedVerdict;
}

/**
 * Stack config keys the DR pack reads from its environment (the policy SDK gives a pack its stack's
 * config only at start): one pack process serves every variant of a stack that agrees on these.
 */
function packReads(key: string): boolean {
    return key.startsWith("aws:") || ["dr:waivers", "dr:oncall", "dr:targets", "dr:usage", "dr:budget"].includes(key);
}

/**
 * One test file's lab: the real program, captured in one shared worker (each config once), and the real
 * packs over the analyzer protocol, one process per pack and stack config it reads. Everything the lab
 * starts stops when the file's tests are done.
 */
/** One capture worker for every lab of the process, stopped when the last lab stops. */
let worker: CaptureWorker | undefined;
let openLabs = 0;

export class Lab {
    private readonly captures = new Map<string, Promise<CapturedResource[]>>();
    private readonly sessions = new Map<string, Promise<PackSession>>();
    private readonly plans = new Map<string, Promise<Scenario>>();

    /** A lab that stops when the suite (or file) it is made in is done. */
    constructor(
        private readonly projectDir = ROOT,
        private readonly programPath = PROGRAM,
    ) {
        openLabs++;
        after(() => this.close());
    }

    /** A stack's config as the Pulumi CLI would hand it over, from its stack file changed by `edit`. */
    context(stack: string, edit?: Edit, base = stack): StackContext {
        const project = readProject(this.projectDir);
        const file = path.join(this.projectDir, `Pulumi.${base}.yaml`);
        const doc = parse(readFileSync(file, "utf8"));
        edit?.(doc.config);
        const { config, secretKeys } = stackConfigOf(doc, project, `Pulumi.${stack}.yaml`);
        return { project: project.name, stack, organization: "organization", dryRun: true, config, secretKeys };
    }

    /** The program's registrations for a context: as a preview that creates the stack, or as its first update. */
    captured(context: StackContext, mode: "preview" | "update" = "preview"): Promise<CapturedResource[]> {
        const key = JSON.stringify([context.stack, context.config, mode]);
        if (!this.captures.has(key)) {
            const { project, stack, config, secretKeys } = context;
            worker ??= new CaptureWorker();
            this.captures.set(
                key,
                worker.capture({
                    programPath: this.programPath,
                    project,
                    stack,
                    config,
                    secretKeys,
                    outputsModule: mode === "update" ? UPDATE_OUTPUTS : undefined,
                }),
            );
        }
        return this.captures.get(key)!;
    }

    /** A stack's resources as a preview hands them to analyzers. */
    async preview(stack: string, edit?: Edit, base = stack): Promise<{ context: StackContext; resources: AnalyzedResource[] }> {
        const context = this.context(stack, edit, base);
        return { context, resources: fromCapture(await this.captured(context), context, path.dirname(this.programPath)) };
    }

    /** What the packs say of `resources` (by default, the DR pack alone). */
    async judge(
        context: StackContext,
        resources: AnalyzedResource[],
        packs: { dir: string; config?: PolicyPackConfigFile }[] = [{ dir: DR_PACK }],
    ): Promise<Verdict> {
        const verdicts = await Promise.all(packs.map(async (pack) => (await this.session(pack, context)).judge(resources)));
        return mergeVerdicts(verdicts);
    }

    /** `dr plan --stack <stack>` in the lab: the shipped stack changed by `edit`, judged by the DR pack (each config once). */
    plan(stack: string, edit?: Edit, packConfig?: PolicyPackConfigFile): Promise<Scenario> {
        const context = this.context(stack, edit);
        const key = JSON.stringify([context.config, packConfig]);
        if (!this.plans.has(key)) {
            this.plans.set(
                key,
                this.preview(stack, edit).then(({ resources }) => this.scenario(context, resources, packConfig)),
            );
        }
        return this.plans.get(key)!;
    }

    /**
     * Judges resources (as captured, or varied by a test) with the DR pack and assesses them as `dr plan` does:
     * the pack reports every finding, and the stack's waivers apply to them after.
     */
    async scenario(context: StackContext, resources: AnalyzedResource[], packConfig?: PolicyPackConfigFile): Promise<Scenario> {
        const judge = async (packContext: StackContext) => ({
            resources,
            verdict: await this.judge(packContext, resources, [{ dir: DR_PACK, config: packConfig }]),
        });
        const [{ verdict, posture, zones }] = await assess([{ context, configFile: `Pulumi.${context.stack}.yaml`, judge }], {
            crossStack: true,
        });
        return {
            zones,
            code: verdict.rejected ? 1 : 0,
            stack: { stack: context.stack, rejected: verdict.rejected, violations: verdict.violations, posture },
            resources,
            context,
            verdict,
        };
    }

    close(): void {
        if (--openLabs === 0) {
            worker?.close();
            worker = undefined;
        }
        for (const session of this.sessions.values()) {
            session.then(
                (s) => s.stop(),
                () => undefined,
            );
        }
    }

    private session(pack: { dir: string; config?: PolicyPackConfigFile }, context: StackContext): Promise<PackSession> {
        const reads = Object.entries(context.config).filter(([key]) => packReads(key));
        const key = JSON.stringify([pack.dir, pack.config, context.stack, reads]);
        if (!this.sessions.has(key)) {
            this.sessions.set(key, PackSession.start(pack, context));
        }
        return this.sessions.get(key)!;
    }
}

let shared: Lab | undefined;

/**
 * The lab of the shipped project, shared by every test file in the process (`npm test` runs them all in
 * one). Call it at a file's top level: made inside a suite, it would stop when that suite is done.
 */
export function sharedLab(): Lab {
    shared ??= new Lab();
    return shared;
}

/** `resources` with the one named `name` of `type` changed by `change`, applied to its inputs and its outputs alike. */
export function varied(
    resources: AnalyzedResource[],
    type: string,
    name: string,
    change: (props: Record<string, any>) => void,
): AnalyzedResource[] {
    let found = false;
    const result = resources.map((r) => {
        if (r.type !== type || r.name !== name) {
            return r;
        }
        found = true;
        const [inputs, outputs] = [structuredClone(r.inputs), structuredClone(r.outputs)];
        change(inputs);
        change(outputs);
        return { ...r, inputs, outputs };
    });
    if (!found) {
        throw new Error(`no ${type} named ${name} to vary`);
    }
    return result;
}

/** The violations of one policy at one level. */
export function of(s: Scenario, policy: string, level = "mandatory"): AssessedDiagnostic[] {
    return s.stack.violations.filter((v) => v.policy === policy && v.enforcementLevel === level);
}

/** The mandatory violations, for messages when an assertion fails. */
export function mandatory(s: Scenario): string {
    return s.stack.violations
        .filter((v) => v.enforcementLevel === "mandatory")
        .map((v) => `${v.policy}: ${v.message}`)
        .join("\n");
}
