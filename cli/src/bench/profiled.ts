import { renameSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import * as path from "node:path";

/**
 * Preloaded (NODE_OPTIONS=--require) into the pack `npm run bench:profile` profiles. Node refuses `--cpu-prof`
 * in NODE_OPTIONS and the engine spawns packs with flags of its own, so the profilers start here, through
 * the inspector, before the pack loads; the profiles are written to BENCH_PROFILE_DIR when the engine stops
 * the pack (SIGTERM).
 */
const dir = process.env.BENCH_PROFILE_DIR!;
const heap = process.env.BENCH_HEAP === "1";
const session = new Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.start");
if (heap) {
    session.post("HeapProfiler.enable");
    session.post("HeapProfiler.startSampling");
}

/** Written whole, then renamed: the profiler waits for the name, and must never read half a file. */
function write(ext: string, profile: object): void {
    const file = path.join(dir, `pack.${process.pid}.${ext}`);
    writeFileSync(`${file}.partial`, JSON.stringify(profile));
    renameSync(`${file}.partial`, file);
}

process.on("SIGTERM", () => {
    session.post("Profiler.stop", (_cpuError, cpu) => {
        write("cpuprofile", cpu.profile);
        if (!heap) {
            process.exit(0);
        }
        session.post("HeapProfiler.stopSampling", (_heapError, sampled) => {
            write("heapprofile", sampled.profile);
            process.exit(0);
        });
    });
});
