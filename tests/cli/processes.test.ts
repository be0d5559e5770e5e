import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
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

/** Live processes of a session (zombies, which only wait for init to reap them, excluded): all that a command started there. */
function liveInSession(session: number): number[] {
    return readdirSync("/proc")
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
            try {
                const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
                const [state, , , sid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
                return Number(sid) === session && state !== "Z";
            } catch {
                return false;
            }
        })
        .map(Number);
}

/** Starts `command` as the leader of a session of its own, and waits until it and what it starts number `count` processes. */
async function startSession(command: string, args: string[], count: number): Promise<ReturnType<typeof spawn>> {
    const child = spawn(command, args, { cwd: ROOT, stdio: "ignore", detached: true });
    for (let waited = 0; liveInSession(child.pid!).length < count && waited < 60_000; waited += 100) {
        await sleep(100);
    }
    assert.ok(liveInSession(child.pid!).length >= count, `${command} ${args.join(" ")} should have started ${count} processes`);
    return child;
}

describe("dr's processes end with it, however it ends", () => {
    // dr plan --stack all: dr, a capture worker and a pack per stack, and the reaper.
    const PLAN_ALL = 8;

    it("kill -9 of dr mid-plan: no process of its tree left 5 s later", async () => {
        const dr = await startSession(process.execPath, [DR, "plan", "--stack", "all"], PLAN_ALL);
        process.kill(dr.pid!, "SIGKILL");
        await sleep(5_000);
        assert.deepEqual(liveInSession(dr.pid!), []);
    });

    for (const [signal, code] of [
        ["SIGTERM", 143],
        ["SIGINT", 130],
    ] as const) {
        it(`${signal} to dr mid-plan: exit ${code}, and its whole tree gone within a second`, async () => {
            const dr = await startSession(process.execPath, [DR, "plan", "--stack", "all"], PLAN_ALL);
            const exited = new Promise<number | null>((resolve) => dr.on("exit", (c) => resolve(c)));
            process.kill(dr.pid!, signal);
            assert.equal(await exited, code);
            await sleep(1_000);
            assert.deepEqual(liveInSession(dr.pid!), []);
        });
    }

    it("SIGTERM to npm run plan, which passes it only to the shell it runs dr in: dr and its tree end too", async () => {
        // npm, its shell, dr and dr's own.
        const npm = await startSession("npm", ["run", "plan"], PLAN_ALL + 2);
        process.kill(npm.pid!, "SIGTERM");
        await sleep(5_000);
        assert.deepEqual(liveInSession(npm.pid!), []);
    });
});

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
