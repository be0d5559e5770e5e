import { fork } from "node:child_process";
import * as path from "node:path";
import { InputError, InternalError, lastWords } from "../errors";
import type { CapturedResource } from "./capture";
import type { CaptureReply, CaptureRequest } from "./worker";

/**
 * Runs a stack's program in a worker process and returns its registrations. The worker loads
 * `@pulumi/pulumi`; the engine's own process never does. A failure of the program is bad input;
 * a worker that dies without answering is an internal error.
 */
export function captureStack(request: CaptureRequest): Promise<CapturedResource[]> {
    return new Promise((resolve, reject) => {
        const worker = fork(path.join(__dirname, "worker.js"), [], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
        let stderr = "";
        let settled = false;
        worker.stderr!.on("data", (chunk) => (stderr += chunk));
        worker.once("message", (reply: CaptureReply) => {
            settled = true;
            if (reply.ok) {
                resolve(reply.resources);
                return;
            }
            const message = reply.addressed ? reply.message : `stack ${request.stack}: ${reply.message}`;
            const error = reply.kind === "input" ? new InputError(message) : new InternalError(message);
            error.stack = `${message}\n${reply.trace ?? ""}`;
            reject(error);
        });
        worker.once("exit", (code, signal) => {
            if (!settled) {
                reject(new InternalError(`stack ${request.stack}: the program's worker exited (${signal ?? `code ${code}`}) before answering: ${lastWords(stderr) || "no output"}`));
            }
        });
        worker.send(request);
    });
}
