import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { AnalyzedResource, PackSession, StackContext } from "../engine";
import { CaptureWorker } from "../engine/captureStack";
import { fromCapture } from "../engine/resources";

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

/**
 * CPU seconds, user plus system, that a command and every process it waited for used (getrusage's
 * RUSAGE_CHILDREN, as bash's `times` prints it); it must exit 0. Its output is kept only for a failure's last words.
 */
export function cpuSeconds(root: string, command: string[]): number {
    const run = spawnSync("bash", ["-c", '"$@" >&2; status=$?; times; exit $status', "bash", ...command], {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
    });
    if (run.status !== 0) {
        throw new Error(`${command.join(" ")} exited ${run.status}: ${(run.stderr ?? "").trim().split("\n").pop()}`);
    }
    // `times` prints the shell's own user and system time, then its children's: "0m12.345s 0m1.234s".
    const children = run.stdout.trim().split("\n").pop() ?? "";
    const parts = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(([, m, sec]) => Number(m) * 60 + Number(sec));
    if (parts.length !== 2) {
        throw new Error(`could not read the CPU time of ${command.join(" ")} from bash's times: "${children}"`);
    }
    return parts[0] + parts[1];
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

/** A pack the bench times, and the stack context it is started with. */
export interface BenchPack {
    name: string;
    dir: string;
    context: StackContext;
}

/**
 * What one size of stack costs each pack's analyzer phase: medians, every sample, and each process's peak memory over
 * its first judge (what one preview costs: the Pulumi CLI starts a pack per preview) and over all rounds.
 */
export interface Evaluation {
    seconds: Record<string, number>;
    samples: Record<string, number[]>;
    peakMb: Record<string, number | undefined>;
    peakMbAllRounds: Record<string, number | undefined>;
}

/**
 * Times the analyzer phase — every `analyze` request and the `analyzeStack` — of each pack over the same
 * resources, rotating which goes first. Each round marks the resources anew, so no pack can answer a round
 * from what it kept of the last: the DR pack caches its model by content.
 */
export async function evaluate(packs: BenchPack[], resources: AnalyzedResource[], rounds: number): Promise<Evaluation> {
    const started = await Promise.allSettled(packs.map((p) => PackSession.start({ dir: p.dir }, p.context)));
    const sessions = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    try {
        const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
        if (failed) {
            throw failed.reason;
        }
        const samples: Record<string, number[]> = Object.fromEntries(packs.map((p) => [p.name, []]));
        const firstPeakMb: Record<string, number | undefined> = {};
        for (let round = 0; round < rounds; round++) {
            const marked = resources.map((r, i) => (i === 0 ? { ...r, inputs: { ...r.inputs, benchRound: round } } : r));
            for (let k = 0; k < packs.length; k++) {
                const at = (round + k) % packs.length;
                const [seconds] = await timed(() => sessions[at].judge(marked));
                samples[packs[at].name].push(seconds);
                if (round === 0) {
                    firstPeakMb[packs[at].name] = peakRssMb(sessions[at].pid);
                }
            }
        }
        return {
            seconds: Object.fromEntries(packs.map((p) => [p.name, median(samples[p.name])])),
            samples,
            peakMb: firstPeakMb,
            peakMbAllRounds: Object.fromEntries(packs.map((p, i) => [p.name, peakRssMb(sessions[i].pid)])),
        };
    } finally {
        sessions.forEach((s) => s.stop());
    }
}
