import { Capture, CaptureOptions, captureProgram } from "./capture";

/** What the parent asks of a capture worker. */
export interface CaptureRequest extends CaptureOptions {
    /** Compiled module that exports the Pulumi program as a function. */
    programPath: string;
}

export type CaptureReply = { ok: true; capture: Capture } | { ok: false; message: string; configError: boolean };

// Pulumi's runtime state is process-wide, so each stack's program runs in a worker of its own.
function reply(message: CaptureReply): void {
    process.send!(message, () => process.exit(0));
}

function failure(err: unknown): CaptureReply {
    const e = err as { name?: string; message?: string; stack?: string; __pulumiRunError?: boolean };
    // A RunError (ConfigError among them) is addressed to the user: its message is the whole story.
    const userFacing = e?.__pulumiRunError === true || e?.name === "ConfigError";
    const detail = process.env.DR_DEBUG ? `\n${e?.stack}` : "";
    return { ok: false, configError: e?.name === "ConfigError", message: userFacing ? String(e.message) : `the program failed: ${e?.message ?? String(err)}${detail}` };
}

process.on("unhandledRejection", (err) => reply(failure(err)));
process.on("uncaughtException", (err) => reply(failure(err)));

process.once("message", async (request: CaptureRequest) => {
    try {
        const loaded = require(request.programPath);
        const program = typeof loaded === "function" ? loaded : loaded.default;
        if (typeof program !== "function") {
            throw new Error(`${request.programPath} does not export the program as a function`);
        }
        const capture = await captureProgram(program, request);
        reply({ ok: true, capture });
    } catch (err) {
        reply(failure(err));
    }
});
