import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";

/** The repository root (tests run from dist/tests/...). */
export const ROOT = path.resolve(__dirname, "..", "..");
export const DR = path.join(ROOT, "cli", "bin", "dr.js");

const created: string[] = [];
// Every temporary folder a test makes goes when its test file's process ends, passed or failed.
process.on("exit", () => {
    for (const dir of created) {
        rmSync(dir, { recursive: true, force: true });
    }
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix = "dr-test-"): string {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    created.push(dir);
    return dir;
}

export interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs the dr command as a user would, in `cwd`, with `env` added to the environment. */
export function runDr(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [DR, ...args], { cwd, env: { ...process.env, ...env } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c) => (stdout += c));
        child.stderr.on("data", (c) => (stderr += c));
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
}

export type StackYaml = { config: Record<string, any> };

/** A shipped stack's config, parsed. */
export function shippedStack(stack: string): StackYaml {
    return parse(readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"));
}

/**
 * A throwaway copy of the project holding one stack whose config is the shipped one changed by
 * `edit`: the real program and pack run against it.
 */
export function projectWithStack(stack: string, edit: (config: Record<string, any>) => void, base = stack): string {
    return projectWithStacks({ [stack]: { base, edit } });
}

/** A throwaway copy of the project holding several stacks, each a shipped stack's config changed by its `edit`. */
export function projectWithStacks(stacks: Record<string, { base: string; edit?: (config: Record<string, any>) => void }>): string {
    const dir = tempDir();
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    for (const [stack, { base, edit }] of Object.entries(stacks)) {
        const doc = shippedStack(base);
        edit?.(doc.config);
        writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify(doc));
    }
    return dir;
}

/** Writes a JSON file in a fresh temp folder and returns its path. */
export function jsonFile(name: string, value: unknown): string {
    const file = path.join(tempDir(), name);
    writeFileSync(file, JSON.stringify(value));
    return file;
}
