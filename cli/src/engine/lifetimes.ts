import { ChildProcess, spawn } from "node:child_process";
import type { Socket } from "node:net";

/**
 * Every process dr starts — capture workers, policy packs — ends with dr, however dr ends. Each watches a lifeline
 * of its own (a worker its IPC channel, a pack its stdin), but a process still loading its modules, which takes
 * seconds on a busy machine, reads nothing until it is done. So a reaper holds the list: a shell that only waits
 * on a pipe from dr, ready a millisecond after it starts. dr writes `+pid` for each process it starts and `-pid`
 * when one exits (its pid may be reused); when dr goes, by any means (SIGKILL and the OOM killer included), the
 * pipe closes and the reaper kills those still listed. Signals meant for dr's whole process group (Ctrl-C) it
 * ignores: it follows dr, whose own handler stops everything.
 */
const REAPER = `
trap '' INT TERM HUP
pids=' '
while read -r line; do
    pid=\${line#?}
    case $line in
        +*) pids="$pids$pid " ;;
        -*) case $pids in *" $pid "*) pids="\${pids%% $pid *} \${pids#* $pid }" ;; esac ;;
    esac
done
kill -KILL $pids 2>/dev/null
`;

const children = new Set<ChildProcess>();
let reaper: Socket | undefined;

/** The reaper's pipe, started with the first process dr starts; none on Windows, which has no POSIX shell. */
function reaperInput(): Socket | undefined {
    if (!reaper && process.platform !== "win32") {
        const child = spawn("/bin/sh", ["-c", REAPER], { stdio: ["pipe", "ignore", "ignore"] });
        // Without a shell to reap, each process still has its own lifeline: dr goes on.
        child.on("error", () => undefined);
        // The reaper must never keep dr alive: dr's exit is what it waits for.
        child.unref();
        reaper = child.stdin as Socket;
        reaper.unref();
        reaper.on("error", () => undefined);
    }
    return reaper;
}

/** Ties a process dr started to dr's life: it ends when dr does. */
export function adopt(child: ChildProcess): void {
    const pid = child.pid;
    if (pid === undefined) {
        return;
    }
    children.add(child);
    reaperInput()?.write(`+${pid}\n`);
    child.once("exit", () => {
        children.delete(child);
        reaperInput()?.write(`-${pid}\n`);
    });
}

/** Kills every process dr started and still runs, now: dr is stopping on a signal. */
export function stopChildren(): void {
    for (const child of children) {
        child.kill("SIGKILL");
    }
}
