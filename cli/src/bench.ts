import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { PolicyPackProcess } from "./engine/analyzer";

// Wall-clock medians of the two things a user waits for: a policy pack's start-up and a whole `dr plan`.
const ROOT = path.resolve(__dirname, "../../..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function report(what: string, samples: number[]): void {
    const ms = samples.map((s) => s.toFixed(0)).join(", ");
    console.log(`${what.padEnd(34)} median ${median(samples).toFixed(0).padStart(5)} ms   (${RUNS} runs: ${ms})`);
}

async function packStartup(): Promise<number> {
    const start = performance.now();
    const pack = await PolicyPackProcess.start(path.join(ROOT, "policies"), {
        project: "dr",
        stack: "bench",
        organization: "organization",
        dryRun: true,
        config: {},
        secretKeys: [],
    });
    await pack.getAnalyzerInfo();
    const elapsed = performance.now() - start;
    pack.stop();
    return elapsed;
}

function plan(stack: string): number {
    const start = performance.now();
    const run = spawnSync(process.execPath, [path.join(ROOT, "cli", "bin", "dr.js"), "plan", "--stack", stack, "--json"], { cwd: ROOT, encoding: "utf8" });
    if (run.status !== 0) {
        throw new Error(`dr plan --stack ${stack} exited ${run.status}: ${run.stderr}`);
    }
    return performance.now() - start;
}

async function main(): Promise<void> {
    const startup: number[] = [];
    for (let i = 0; i < RUNS; i++) {
        startup.push(await packStartup());
    }
    report("policy pack start-up (to first RPC)", startup);
    for (const stack of ["all", "tokyo", "us", "eu"]) {
        const samples = Array.from({ length: RUNS }, () => plan(stack));
        report(`dr plan --stack ${stack}`, samples);
    }
}

main().catch((err) => {
    console.error(`bench: ${err.message}`);
    process.exitCode = 1;
});
