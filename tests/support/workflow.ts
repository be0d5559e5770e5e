import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ROOT, tempDir } from "../helpers";

/** A GitHub Actions workflow of this repository, parsed. */
export function workflow(name: string): Record<string, any> {
    return parse(readFileSync(path.join(ROOT, ".github", "workflows", name), "utf8"));
}

/** Every `uses:` of a workflow, with its step. */
export function usesOf(doc: Record<string, any>): string[] {
    return Object.values(doc.jobs).flatMap((job: any) => (job.steps ?? []).filter((s: any) => s.uses).map((s: any) => s.uses as string));
}

export interface StepRun {
    name: string;
    ran: boolean;
    code: number;
}

/**
 * Whether a `--target`/`--exclude` glob of the Pulumi CLI matches `urn`, as pkg/resource/deploy/deployment.go
 * (UrnTargets.getMatcher) decides: `**` matches anything, `*` anything but ":", the rest literally; an argument
 * without `*` is a literal URN.
 */
export function pulumiUrnGlob(glob: string): (urn: string) => boolean {
    if (!glob.includes("*")) {
        return (urn) => urn === glob;
    }
    const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = glob
        .split("**")
        .map((segment) => segment.split("*").map(quote).join("[^:]*"))
        .join(".*");
    const regex = new RegExp(`^${pattern}$`);
    return (urn) => regex.test(urn);
}

/**
 * Runs a job's `run:` steps as the runner does (bash -eo pipefail, a fresh file per step, the job's `env:` under
 * each step's, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY), with `${{ … }}` taken from `context` and the tools the steps call stubbed by `stubs`
 * (shell scripts put first on PATH). `uses:` steps are skipped. A step runs while every earlier one passed,
 * unless its `if:` compares a step output (`steps.<id>.outputs.<name> == '<value>'`, or `!=`). `files` are
 * put in the working folder first (what an artifact download or a checkout would leave). Returns each step's outputs by id.
 */
export function runJob(
    job: Record<string, any>,
    context: Record<string, string>,
    stubs: Record<string, string>,
    files: Record<string, string> = {},
): { steps: StepRun[]; workdir: string; log: string; outputs: Record<string, Record<string, string>> } {
    const workdir = tempDir("dr-workflow-");
    for (const [name, text] of Object.entries(files)) {
        spawnSync("mkdir", ["-p", path.dirname(path.join(workdir, name))]);
        writeFileSync(path.join(workdir, name), text);
    }
    const bin = path.join(workdir, ".bin");
    spawnSync("mkdir", ["-p", bin]);
    const calls = path.join(workdir, ".calls");
    writeFileSync(calls, "");
    for (const [tool, script] of Object.entries(stubs)) {
        const file = path.join(bin, tool);
        writeFileSync(file, `#!/usr/bin/env bash\necho "${tool} $*" >> "${calls}"\n${script}\n`);
        chmodSync(file, 0o755);
    }
    const outputs: Record<string, Record<string, string>> = {};
    const expand = (text: string) =>
        text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
            const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
            return output ? (outputs[output[1]]?.[output[2]] ?? "") : (context[expr] ?? "");
        });
    const steps: StepRun[] = [];
    let failed = false;
    for (const [i, step] of (job.steps as any[]).entries()) {
        const name = step.name ?? step.run ?? step.uses;
        if (!step.run) {
            continue;
        }
        let shouldRun = !failed;
        if (step.if) {
            const condition = /^steps\.([\w-]+)\.outputs\.([\w-]+) (==|!=) '([^']*)'$/.exec(step.if);
            if (!condition) {
                throw new Error(`runJob reads only step-output conditions, not ${step.if}`);
            }
            const equal = outputs[condition[1]]?.[condition[2]] === condition[4];
            shouldRun = !failed && (condition[3] === "==" ? equal : !equal);
        }
        if (!shouldRun) {
            steps.push({ name, ran: false, code: 0 });
            continue;
        }
        const outputFile = path.join(workdir, `.output-${i}`);
        writeFileSync(outputFile, "");
        const env: Record<string, string> = {
            PATH: `${bin}:/usr/bin:/bin`,
            HOME: workdir,
            GITHUB_OUTPUT: outputFile,
            GITHUB_STEP_SUMMARY: path.join(workdir, ".summary"),
        };
        for (const [key, value] of Object.entries({ ...job.env, ...step.env })) {
            env[key] = expand(String(value));
        }
        const script = path.join(workdir, `.step-${i}.sh`);
        writeFileSync(script, expand(step.run));
        const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: workdir, env, encoding: "utf8" });
        if (step.id) {
            outputs[step.id] = Object.fromEntries(
                readFileSync(outputFile, "utf8")
                    .split("\n")
                    .filter((l) => l.includes("="))
                    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
            );
        }
        steps.push({ name, ran: true, code: result.status ?? -1 });
        failed ||= result.status !== 0;
    }
    return { steps, workdir, log: existsSync(calls) ? readFileSync(calls, "utf8") : "", outputs };
}
