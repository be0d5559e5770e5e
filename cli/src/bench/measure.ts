import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { withoutWaivers } from "../assess";
import { AnalyzedResource, PackSession, StackContext } from "../engine";
import { CaptureWorker } from "../engine/captureStack";
import { fromCapture } from "../engine/resources";
import { DEFAULT_PACK } from "../paths";

/** The middle sample: what a run usually takes, whatever one slow or fast run did. */
export function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A process's peak resident memory so far (Linux's VmHWM), in MiB; undefined where /proc does not say. */
export function peakRssMb(pid: number | undefined): number | undefined {
    try {
        const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
        return kb === undefined ? undefined : Number(kb) / 1024;
    } catch {
        return undefined;
    }
}

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
    const start = performance.now();
    const result = await run();
    return [(performance.now() - start) / 1000, result];
}

/** Seconds a node script takes as a user runs it; it must exit 0. */
export function spawnSeconds(root: string, args: string[]): number {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
        throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr.trim().split("\n").pop()}`);
    }
    return (performance.now() - start) / 1000;
}

/** One capture of a stack as dr plan runs it — a fresh worker, the program on the mock runtime — and the worker's peak memory. */
export async function capture(
    programPath: string,
    context: StackContext,
): Promise<{ seconds: number; resources: AnalyzedResource[]; workerPeakMb?: number }> {
    const worker = new CaptureWorker();
    try {
        const { project, stack, config, secretKeys } = context;
        const [seconds, captured] = await timed(() => worker.capture({ programPath, project, stack, config, secretKeys }));
        return { seconds, resources: fromCapture(captured, context, path.dirname(programPath)), workerPeakMb: peakRssMb(worker.pid) };
    } finally {
        worker.close();
    }
}

/** What one size of stack costs the analyzer phase, our pack against the floor, alternating. */
export interface Evaluation {
    oursSeconds: number;
    emptySeconds: number;
    oursSamples: number[];
    emptySamples: number[];
    packPeakMb?: number;
}

/**
 * Times the analyzer phase — every `analyze` request and the `analyzeStack` — of our pack and the empty pack
 * over the same resources, alternating which goes first. Each round marks the resources anew, so no pack
 * can answer a round from what it kept of the last: the DR pack caches its model by content.
 */
export async function evaluate(
    context: StackContext,
    resources: AnalyzedResource[],
    emptyPackDir: string,
    rounds: number,
): Promise<Evaluation> {
    const [ours, empty] = await Promise.all([
        PackSession.start({ dir: DEFAULT_PACK }, withoutWaivers(context)),
        PackSession.start({ dir: emptyPackDir }, context),
    ]);
    try {
        const oursSamples: number[] = [];
        const emptySamples: number[] = [];
        for (let round = 0; round < rounds; round++) {
            const marked = resources.map((r, i) => (i === 0 ? { ...r, inputs: { ...r.inputs, benchRound: round } } : r));
            const order = round % 2 === 0 ? [ours, empty] : [empty, ours];
            for (const session of order) {
                const [seconds] = await timed(() => session.judge(marked));
                (session === ours ? oursSamples : emptySamples).push(seconds);
            }
        }
        return {
            oursSeconds: median(oursSamples),
            emptySeconds: median(emptySamples),
            oursSamples,
            emptySamples,
            packPeakMb: peakRssMb(ours.pid),
        };
    } finally {
        ours.stop();
        empty.stop();
    }
}
