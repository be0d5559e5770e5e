import { ChildProcess, fork } from "node:child_process";
import * as path from "node:path";
import { InputError, InternalError, lastWords } from "../errors";
import type { CapturedResource } from "./capture";
import { adopt } from "./lifetimes";
import type { CaptureReply, CaptureRequest } from "./worker";

/**
 * A process that runs programs on the mock runtime, one capture at a time, for as many captures as it
 * is asked (each resets Pulumi's process-wide runtime). The worker loads `@pulumi/pulumi`; the engine's
 * own process never does. A failure of the program is bad input; a worker that dies is internal.
 */
export class CaptureWorker {
    private readonly child: ChildProcess;
    private stderr = "";
    private queue: Promise<unknown> = Promise.resolve();

    constructor() {
        this.child = fork(path.join(__dirname, "worker.js"), [], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
        adopt(this.child);
        this.child.stderr!.on("data", (chunk) => {
            this.stderr = (this.stderr + chunk).slice(-16_384);
        });
    }

    /** Runs one program with one stack's config and returns what it registered. */
    capture(request: CaptureRequest): Promise<CapturedResource[]> {
        const next = this.queue.then(() => this.run(request));
        this.queue = next.catch(() => undefined);
        return next;
    }

    /** The worker's process id, for tools that watch its memory. */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /** Lets the worker go once its captures are done. */
    close(): void {
        if (this.child.connected) {
            this.child.disconnect();
        }
    }

    private run(request: CaptureRequest): Promise<CapturedResource[]> {
        return new Promise((resolve, reject) => {
            const onMessage = (reply: CaptureReply) => {
                this.child.off("exit", onExit);
                if (reply.ok) {
                    resolve(reply.resources);
                    return;
                }
                const message = reply.addressed ? reply.message : `stack ${request.stack}: ${reply.message}`;
                const error = reply.kind === "input" ? new InputError(message) : new InternalError(message);
                error.stack = `${message}\n${reply.trace ?? ""}`;
                reject(error);
            };
            const onExit = (code: number | null, signal: string | null) => {
                this.child.off("message", onMessage);
                reject(
                    new InternalError(
                        `stack ${request.stack}: the program's worker exited (${signal ?? `code ${code}`}) before answering: ${lastWords(this.stderr) || "no output"}`,
                    ),
                );
            };
            this.child.once("message", onMessage);
            this.child.once("exit", onExit);
            if (!this.child.connected) {
                onExit(this.child.exitCode, this.child.signalCode);
                return;
            }
            this.child.send(request);
        });
    }
}

/** Runs one stack's program in a worker of its own and returns its registrations. */
export async function captureStack(request: CaptureRequest): Promise<CapturedResource[]> {
    const worker = new CaptureWorker();
    try {
        return await worker.capture(request);
    } finally {
        worker.close();
    }
}
