import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_PROGRAM, ROOT } from "../paths";
import { generatedStack } from "./generate";
import { capture, evaluate, median, peakRssMb, spawnSeconds } from "./measure";
import { BenchResults, render } from "./render";

/**
 * `npm run bench`: what `dr plan` costs, in ratios that hold on any machine. The shipped stacks planned as a
 * user plans them, against capturing them alone; generated stacks of 1, 10 and 100 cells through the real
 * program, our pack's analyzer phase against an empty pack's over the same resources, alternating; medians.
 * BENCH_RUNS (default 5) sets the rounds; BENCH_CELLS (default 1,10,100) the sizes.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CELLS = (process.env.BENCH_CELLS ?? "1,10,100").split(",").map(Number);
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
    let packPeakMb: number | undefined;
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
        progress(`${cells} cells: ${last!.resources.length} resources, ${RUNS} rounds of our pack and the empty pack`);
        const judged = await evaluate(context, last!.resources, EMPTY_PACK, RUNS);
        packPeakMb = judged.packPeakMb;
        evaluation.push({
            cells,
            resources: last!.resources.length,
            oursSeconds: judged.oursSeconds,
            emptySeconds: judged.emptySeconds,
            captureSeconds: median(samples),
        });
    }
    harnessPeakMb = Math.max(harnessPeakMb, peakRssMb(process.pid) ?? 0);

    const at = (cells: number) => evaluation.find((e) => e.cells === cells);
    const total = (cells: number) => (at(cells) ? at(cells)!.captureSeconds + at(cells)!.oursSeconds : undefined);
    const results: BenchResults = {
        planSeconds: { tokyo: median(plans.tokyo), us: median(plans.us), eu: median(plans.eu), all: median(plans.all) },
        captureOnlyAllSeconds: median(captureAll),
        evaluation,
        ratioAt100: at(100) ? at(100)!.oursSeconds / at(100)!.emptySeconds : null,
        planOverCaptureAll: median(plans.all) / median(captureAll),
        scaling100over10: total(100) !== undefined && total(10) !== undefined ? total(100)! / total(10)! : null,
        peakRssMb: { harness: harnessPeakMb, pack: packPeakMb ?? null },
        runs: RUNS,
        capturesAt100: CAPTURES_AT_LARGEST,
    };
    mkdirSync(path.join(ROOT, "bench"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
    process.stdout.write(render(results));
}

main().catch((err) => {
    console.error(`bench: ${err.message}`);
    process.exitCode = 1;
});
