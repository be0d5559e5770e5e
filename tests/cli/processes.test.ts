import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { DR, ROOT, runDr } from "../helpers";

// End to end against a small fixture program: what is tested here is dr's handling of packs, not the DR program.
const FIXTURE = path.join(ROOT, "tests", "fixtures", "untagged");
const PROGRAM = path.join(ROOT, "dist", "tests", "fixtures", "untagged", "program.js");
const pack = (name: string) => path.join(ROOT, "tests", "fixtures", name);
const plan = (...args: string[]) => ["plan", "--stack", "fixture", "--program", PROGRAM, ...args];

/** Live child processes of `pid`, with their command lines. */
function children(pid: number): { pid: number; args: string }[] {
    const ps = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" });
    return ps.stdout
        .split("\n")
        .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ pid: Number(m[1]), args: m[2] }));
}

/** Whether a process still runs: an orphan that exited may linger as a zombie until init reaps it. */
function alive(pid: number): boolean {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
        return false;
    }
}

describe("dr plan with packs that misbehave", () => {
    it("hands a third-party stack policy unknown ids and ARNs, which it reports as can't-run-during-preview", async () => {
        const run = await runDr([...plan("--json", "--policy-pack", pack("third-party-pack"))], FIXTURE);
        assert.equal(run.code, 0, run.stderr);
        const [stack] = JSON.parse(run.stdout).stacks;
        assert.equal(stack.violations.length, 1, JSON.stringify(stack.violations));
        assert.equal(stack.violations[0].enforcementLevel, "advisory");
        assert.match(
            stack.violations[0].message,
            /can't run policy 'tables-have-arns' from policy pack 'third-party@v1\.0\.0' during preview: string value at \.id can't be known during preview/,
        );
    });

    it("a pack that crashes mid-run is an internal error: exit 70, one line, the trace only with DR_DEBUG=1", async () => {
        const run = await runDr(plan("--policy-pack", pack("crashing-pack")), FIXTURE);
        assert.equal(run.code, 70);
        assert.equal(run.stdout, "");
        assert.match(run.stderr, /^dr: policy pack .*crashing-pack failed in analyzeStack: .*\(rerun with DR_DEBUG=1 for the trace\)\n$/);
        const debug = await runDr(plan("--policy-pack", pack("crashing-pack")), FIXTURE, { DR_DEBUG: "1" });
        assert.equal(debug.code, 70);
        assert.match(debug.stderr, /\n\s+at /);
    });

    for (const [signal, count] of [
        ["SIGKILL", 2],
        ["SIGTERM", 1],
    ] as const) {
        it(`${signal} to dr alone leaves no pack serving`, async () => {
            const packArgs = Array.from({ length: count }, () => ["--policy-pack", pack("hanging-pack")]).flat();
            const dr = spawn(process.execPath, [DR, ...plan(...packArgs)], { cwd: FIXTURE, stdio: "ignore" });
            let packs: number[] = [];
            for (let waited = 0; packs.length < count && waited < 60_000; waited += 100) {
                await sleep(100);
                packs = children(dr.pid!)
                    .filter((c) => /packWatchdog/.test(c.args))
                    .map((c) => c.pid);
            }
            assert.equal(packs.length, count, `${count} pack process(es) should be serving`);
            process.kill(dr.pid!, signal);
            for (let waited = 0; packs.some(alive) && waited < 10_000; waited += 100) {
                await sleep(100);
            }
            assert.deepEqual(packs.filter(alive), []);
        });
    }
});
