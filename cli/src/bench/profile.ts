import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import { withoutWaivers } from "../assess";
import { PackSession } from "../engine";
import { DEFAULT_PACK, DEFAULT_PROGRAM, ROOT } from "../paths";
import { awsguardPack } from "./awsguard";
import { generatedStack } from "./generate";
import { capture, peakRssMb } from "./measure";

/**
 * `npm run bench:profile`: where a pack's time goes, from V8's own profiler. Captures a generated stack
 * (BENCH_CELLS, one size, default 100), starts the pack (BENCH_PACK: ours, the default, or awsguard) under
 * V8's sampling profiler (`profiled.ts`), judges the stack once, and prints the functions with the most self time and the
 * modules they belong to, for the pack's start and for its analyzer phase apart. The profile stays in
 * bench/profiles/ for Chrome DevTools; BENCH_HEAP=1 adds a sampling heap profile beside it.
 */
const CELLS = Number(process.env.BENCH_CELLS ?? 100);
const PACK = process.env.BENCH_PACK ?? "ours";
const PROFILES = path.join(ROOT, "bench", "profiles");
const TOP = 25;
const PROFILED = path.join(__dirname, "profiled.js");

interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
}

interface CpuProfile {
    nodes: ProfileNode[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
}

function progress(line: string): void {
    process.stderr.write(`bench profile: ${line}\n`);
}

/** Microseconds on the monotonic clock V8's profiles are stamped with (both are CLOCK_MONOTONIC on Linux). */
function nowMicros(): number {
    return Number(process.hrtime.bigint() / 1000n);
}

/** For a bundle, where each module's code starts: esbuild heads it with a `// <path>` line, relative to the bundle's folder. */
const bundleMaps = new Map<string, { line: number; module: string }[]>();

function bundledModules(file: string): { line: number; module: string }[] {
    if (!bundleMaps.has(file)) {
        const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
        const starts = lines.flatMap((text, line) => {
            const module = /^\/\/ ((?:\.\.\/)*[\w@][^\s]*\.(?:js|json|ts))$/.exec(text)?.[1];
            return module ? [{ line, module }] : [];
        });
        bundleMaps.set(file, starts);
    }
    return bundleMaps.get(file)!;
}

/** Where a function lives: its npm package, the project's file (the module inside a bundle), or V8 itself. */
function moduleOf(url: string, line: number): string {
    if (url === "") {
        return "(V8 and native)";
    }
    let file = url.replace(/^file:\/\//, "");
    const start = [...bundledModules(file)].reverse().find((s) => s.line <= line);
    if (start) {
        file = path.resolve(path.dirname(file), start.module);
    }
    const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (inPackage) {
        return inPackage[1];
    }
    return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
}

/** Self time in milliseconds per function and per module, over the samples taken between `from` and `to`. */
function selfTimes(profile: CpuProfile, from: number, to: number) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const functions = new Map<string, number>();
    const modules = new Map<string, number>();
    let at = profile.startTime;
    let total = 0;
    profile.samples.forEach((id, i) => {
        at += profile.timeDeltas[i];
        const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        if (at < from || at >= to) {
            return;
        }
        const frame = byId.get(id)!.callFrame;
        const where = moduleOf(frame.url, frame.lineNumber);
        const name = `${frame.functionName || "(anonymous)"}  ${where}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
        functions.set(name, (functions.get(name) ?? 0) + ms);
        modules.set(where, (modules.get(where) ?? 0) + ms);
        total += ms;
    });
    return { functions, modules, total };
}

function table(title: string, times: ReturnType<typeof selfTimes>): string {
    const top = (m: Map<string, number>) =>
        [...m.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, TOP)
            .map(([name, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / times.total).toFixed(1).padStart(5)} %  ${name}`);
    return [
        `${title}: ${times.total.toFixed(0)} ms of samples`,
        "  self time by function:",
        ...top(times.functions),
        "  self time by module:",
        ...top(times.modules),
        "",
    ].join("\n");
}

async function main(): Promise<void> {
    const context = generatedStack(ROOT, CELLS);
    progress(`${CELLS} cells: capturing`);
    const { resources } = await capture(DEFAULT_PROGRAM, context);
    rmSync(PROFILES, { recursive: true, force: true });
    mkdirSync(PROFILES, { recursive: true });
    const heap = process.env.BENCH_HEAP === "1";
    // The pack inherits dr's environment: only the pack, started after the capture, runs under the profiler.
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --require ${PROFILED}`;
    process.env.BENCH_PROFILE_DIR = PROFILES;
    const [dir, packContext] = PACK === "awsguard" ? [awsguardPack(progress), context] : [DEFAULT_PACK, withoutWaivers(context)];
    progress(`${resources.length} resources: starting the ${PACK} pack`);
    const started = nowMicros();
    const session = await PackSession.start({ dir }, packContext);
    const ready = nowMicros();
    const verdict = await session.judge(resources);
    const judged = nowMicros();
    const peak = peakRssMb(session.pid);
    const pid = session.pid;
    session.stop();
    // The profiles are written as the pack exits; wait for them.
    const written = (ext: string) => readdirSync(PROFILES).find((f) => f.endsWith(ext) && f.includes(`.${pid}.`));
    while (!written(".cpuprofile") || (heap && !written(".heapprofile"))) {
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const file = written(".cpuprofile")!;
    const profile: CpuProfile = JSON.parse(readFileSync(path.join(PROFILES, file), "utf8"));
    process.stdout.write(
        [
            `${PACK} pack over ${resources.length} resources (${CELLS} cells): start ${((ready - started) / 1e6).toFixed(2)} s, analyzer phase ${((judged - ready) / 1e6).toFixed(2)} s, ${verdict.violations.length} findings, peak RSS ${peak?.toFixed(0) ?? "?"} MiB`,
            "",
            table("start (spawn to configured)", selfTimes(profile, 0, ready)),
            table("analyzer phase (every analyze, then analyzeStack)", selfTimes(profile, ready, judged)),
            `profile: ${path.relative(ROOT, path.join(PROFILES, file))}${heap ? `, heap profile: ${path.relative(ROOT, path.join(PROFILES, written(".heapprofile")!))}` : ""}`,
            "",
        ].join("\n"),
    );
}

main().catch((err) => {
    console.error(`bench profile: ${err.message}`);
    process.exitCode = 1;
});
