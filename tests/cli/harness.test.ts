import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { DR, ROOT, projectWithStacks, runDr } from "../helpers";

const fixture = (name: string) => path.join(ROOT, "tests", "fixtures", name);

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

describe("dr plan does what a real pulumi preview does", () => {
    it("hands a third-party stack policy unknown ids and ARNs, which it reports as can't-run-during-preview", async () => {
        const run = await runDr(["plan", "--stack", "eu", "--json", "--policy-pack", "policies", "--policy-pack", fixture("third-party-pack")]);
        assert.equal(run.code, 0, run.stderr);
        const [stack] = JSON.parse(run.stdout).stacks;
        const theirs = stack.violations.filter((v: any) => v.policyPack === "third-party");
        assert.equal(theirs.length, 1, JSON.stringify(theirs));
        assert.equal(theirs[0].enforcementLevel, "advisory");
        assert.match(theirs[0].message, /can't run policy 'buckets-have-arns' from policy pack 'third-party@v1\.0\.0' during preview: string value at \.(id|arn) can't be known during preview/);
    });

    it("prints the same posture the pack's own model computes, for the shipped stacks and rejected variants", async () => {
        const dir = projectWithStacks({
            tokyo: { base: "tokyo" },
            us: { base: "us" },
            eu: { base: "eu" },
            "eu-replica-abroad": { base: "eu", edit: (c) => (c["dr:tables"][0].replicaRegions = ["us-east-1"]) },
            "tokyo-no-replicas": { base: "tokyo", edit: (c) => (c["dr:tables"][0].replicaRegions = []) },
            "us-no-health-checks": { base: "us", edit: (c) => (c["dr:routing"].healthCheck = false) },
            "us-best-effort": { base: "us", edit: (c) => (c["dr:buckets"][0].rtc = false) },
        });
        const run = await runDr(["plan", "--json", "--policy-pack", path.join(ROOT, "policies"), "--policy-pack", fixture("posture-probe")], dir);
        assert.equal(run.code, 1, run.stderr);
        const stacks = JSON.parse(run.stdout).stacks;
        assert.equal(stacks.length, 7);
        for (const stack of stacks) {
            const [probe] = stack.violations.filter((v: any) => v.policyPack === "posture-probe");
            assert.ok(probe, `${stack.stack}: the probe reported nothing`);
            // The analyzer puts the policy's description on the first line of every message.
            assert.deepEqual(stack.posture, JSON.parse(probe.message.slice(probe.message.indexOf("\n") + 1)), stack.stack);
            const rejected = stack.violations.some((v: any) => v.policyPack === "dr" && v.enforcementLevel === "mandatory");
            assert.equal(rejected, !["tokyo", "us", "eu"].includes(stack.stack), `${stack.stack}: rejected ${rejected}`);
        }
    });
});

describe("dr plan's exits: a pack that crashes mid-run is an internal error, not bad input", () => {
    it("exits 70 with one line and the DR_DEBUG hint", async () => {
        const run = await runDr(["plan", "--stack", "eu", "--policy-pack", fixture("crashing-pack")]);
        assert.equal(run.code, 70);
        assert.equal(run.stdout, "");
        const lines = run.stderr.trim().split("\n");
        assert.equal(lines.length, 1, run.stderr);
        assert.match(lines[0], /^dr: policy pack .*crashing-pack failed in analyzeStack: .*\(rerun with DR_DEBUG=1 for the trace\)$/);
    });

    it("prints the trace with DR_DEBUG=1", async () => {
        const run = await runDr(["plan", "--stack", "eu", "--policy-pack", fixture("crashing-pack")], ROOT, { DR_DEBUG: "1" });
        assert.equal(run.code, 70);
        assert.match(run.stderr, /\n\s+at /);
    });
});

describe("pack processes die with dr", () => {
    for (const signal of ["SIGKILL", "SIGTERM"] as const) {
        it(`${signal} to dr alone leaves no pack serving`, async () => {
            const dr = spawn(process.execPath, [DR, "plan", "--stack", "all", "--policy-pack", fixture("hanging-pack")], { cwd: ROOT, stdio: "ignore" });
            let packs: number[] = [];
            for (let waited = 0; packs.length < 3 && waited < 60_000; waited += 200) {
                await sleep(200);
                packs = children(dr.pid!).filter((c) => /packWatchdog/.test(c.args)).map((c) => c.pid);
            }
            assert.equal(packs.length, 3, "three pack processes (one per stack) should be serving");
            process.kill(dr.pid!, signal);
            for (let waited = 0; packs.some(alive) && waited < 10_000; waited += 100) {
                await sleep(100);
            }
            assert.deepEqual(packs.filter(alive), []);
        });
    }
});
