import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { withoutWaivers } from "../assess";
import { DEFAULT_PACK, DEFAULT_PROGRAM, ROOT } from "../paths";
import { AWSGUARD_VERSION, awsguardPack } from "./awsguard";
import { generatedStack } from "./generate";
import { capture, cpuSeconds, evaluate, median, peakRssMb, spawnSeconds } from "./measure";
import { BenchResults, render } from "./render";

/**
 * `npm run bench`: what `dr plan` costs, in ratios that hold on any machine. The shipped stacks planned as a
 * user plans them, against capturing them alone; generated stacks of 1, 10 and 100 cells through the real
 * program, our pack's analyzer phase against an empty pack's and AWSGuard's over the same resources,
 * rotating which goes first; medians. BENCH_RUNS (default 5) sets the rounds; BENCH_CELLS (default 1,10,100)
 * the sizes; BENCH_TEST_CPU=N (default 0: not measured) adds N rounds of `npm run plan` and `npm test`, for
 * the CPU the test suite costs against a plan.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CELLS = (process.env.BENCH_CELLS ?? "1,10,100").split(",").map(Number);
const TEST_CPU_ROUNDS = Number(process.env.BENCH_TEST_CPU ?? 0);
/** Captures at 100 cells take about as long as everything else together: three of them. */
const CAPTURES_AT_LARGEST = Math.min(RUNS, 3);
const EMPTY_PACK = path.join(ROOT, "cli", "src", "bench", "empty-pack");
const DR = path.join(ROOT, "cli", "bin", "dr.js");
const CAPTURE_ONLY = path.join(__dirname, "captureOnly.js");
const SHIPPED = ["tokyo", "us", "eu"];

function progress(line: string): void {
    process.stderr.write(`bench: ${line}\n`);
}

async function main(): Promise<void> {
    const awsguard = awsguardPack(progress);

    // The shipped stacks: each alone, then all three, alternating with capturing all three without packs.
    const plans: Record<string, number[]> = { tokyo: [], us: [], eu: [], all: [] };
    const captureAll: number[] = [];
    for (let round = 0; round < RUNS; round++) {
        progress(`dr plan, round ${round + 1} of ${RUNS}`);
        for (const stack of [...SHIPPED, "all"]) {
            plans[stack].push(spawnSeconds(ROOT, [DR, "plan", "--stack", stack, "--json"]));
        }
        captureAll.push(spawnSeconds(ROOT, [CAPTURE_ONLY, ...SHIPPED]));
    }

    const evaluation: BenchResults["evaluation"] = [];
    let harnessPeakMb = 0;
    for (const cells of CELLS) {
        const context = generatedStack(ROOT, cells);
        const captures = cells === Math.max(...CELLS) ? CAPTURES_AT_LARGEST : RUNS;
        const samples: number[] = [];
        let last: Awaited<ReturnType<typeof capture>> | undefined;
        for (let i = 0; i < captures; i++) {
            progress(`${cells} cells: capture ${i + 1} of ${captures}`);
            last = await capture(DEFAULT_PROGRAM, context);
            samples.push(last.seconds);
            harnessPeakMb = Math.max(harnessPeakMb, last.workerPeakMb ?? 0);
        }
        progress(`${cells} cells: ${last!.resources.length} resources, ${RUNS} rounds of our pack, the empty pack and AWSGuard`);
        const judged = await evaluate(
            [
                { name: "ours", dir: DEFAULT_PACK, context: withoutWaivers(context) },
                { name: "empty", dir: EMPTY_PACK, context },
                { name: "awsguard", dir: awsguard, context },
            ],
            last!.resources,
            RUNS,
        );
        evaluation.push({
            cells,
            resources: last!.resources.length,
            captureSeconds: median(samples),
            oursSeconds: judged.seconds.ours,
            emptySeconds: judged.seconds.empty,
            awsguardSeconds: judged.seconds.awsguard,
            packPeakMb: judged.peakMb.ours ?? null,
            packPeakMbAllRounds: judged.peakMbAllRounds.ours ?? null,
            emptyPeakMb: judged.peakMb.empty ?? null,
            awsguardPeakMb: judged.peakMb.awsguard ?? null,
        });
    }
    harnessPeakMb = Math.max(harnessPeakMb, peakRssMb(process.pid) ?? 0);

    // The test suite's CPU against a plan's, children included: CPU time, not wall time, so the 2 shared cores count less.
    const testCpu: number[] = [];
    const planCpu: number[] = [];
    for (let round = 0; round < TEST_CPU_ROUNDS; round++) {
        progress(`CPU of npm run plan and npm test, round ${round + 1} of ${TEST_CPU_ROUNDS}`);
        planCpu.push(cpuSeconds(ROOT, ["npm", "run", "plan"]));
        testCpu.push(cpuSeconds(ROOT, ["npm", "test"]));
    }

    const at = (cells: number) => evaluation.find((e) => e.cells === cells);
    const total = (cells: number) => (at(cells) ? at(cells)!.captureSeconds + at(cells)!.oursSeconds : undefined);
    const results: BenchResults = {
        planSeconds: { tokyo: median(plans.tokyo), us: median(plans.us), eu: median(plans.eu), all: median(plans.all) },
        captureOnlyAllSeconds: median(captureAll),
        evaluation,
        awsguardVersion: AWSGUARD_VERSION,
        ratioAt100: at(100) ? at(100)!.oursSeconds / at(100)!.emptySeconds : null,
        ratioToAwsguardAt100: at(100) ? at(100)!.oursSeconds / at(100)!.awsguardSeconds : null,
        packPeakMbAt100: at(100)?.packPeakMb ?? null,
        planOverCaptureAll: median(plans.all) / median(captureAll),
        scaling100over10: total(100) !== undefined && total(10) !== undefined ? total(100)! / total(10)! : null,
        testCpuOverPlanCpu: TEST_CPU_ROUNDS > 0 ? median(testCpu) / median(planCpu) : null,
        cpuSeconds: TEST_CPU_ROUNDS > 0 ? { test: median(testCpu), plan: median(planCpu) } : null,
        peakRssMb: { harness: harnessPeakMb, pack: evaluation.at(-1)?.packPeakMb ?? null },
        runs: RUNS,
        capturesAt100: CAPTURES_AT_LARGEST,
        testCpuRounds: TEST_CPU_ROUNDS,
    };
    mkdirSync(path.join(ROOT, "bench"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
    process.stdout.write(render(results));
}

main().catch((err) => {
    console.error(`bench: ${err.message}`);
    process.exitCode = 1;
});
