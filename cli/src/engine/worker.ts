import { clip } from "../text";
import { CaptureOptions, CapturedResource, OutputsOf, captureProgram } from "./capture";
import { InvokeError } from "./invokes";

/** What the engine asks of a capture worker: one program run with one stack's config. */
export interface CaptureRequest extends CaptureOptions {
    /** Compiled module that exports the Pulumi program as a function. */
    programPath: string;
    /** A module exporting `outputsOf` (see `OutputsOf`): capture as a first update instead of a preview. */
    outputsModule?: string;
}

export type CaptureReply =
    | { ok: true; resources: CapturedResource[] }
    /** `addressed`: the message is the program's own words to the user (a config error naming its file), not a crash. */
    | { ok: false; kind: "input" | "internal"; message: string; addressed: boolean; trace?: string };

// Pulumi's runtime state is process-wide: a worker runs one capture at a time, and its engine sends the
// next request only after the reply. Each capture resets the runtime (config, mocks, root stack).

// The SDK makes an Error (and its stack trace) for every promise it tracks; nothing reads those traces
// unless DR_DEBUG asks, and without them a capture takes about half the CPU.
if (!process.env.DR_DEBUG) {
    Error.stackTraceLimit = 0;
}

/** Thrown for a module that exports nothing to run. */
class NotAProgram extends Error {}

/** A failure of the program is bad input (its own words when it speaks to the user); anything else is internal. */
function failure(err: unknown, inProgram: boolean): CaptureReply {
    const e = err as { name?: string; message?: string; stack?: string; __pulumiRunError?: boolean };
    // A RunError (the program's ConfigError among them) is addressed to the user: its message is the whole story;
    // so is dr's own word on a provider function or on a module that is no program.
    const userFacing =
        e?.__pulumiRunError === true || e?.name === "ConfigError" || err instanceof InvokeError || err instanceof NotAProgram;
    const message = userFacing ? String(e.message) : `the program failed: ${e?.message ?? String(err)}`;
    return { ok: false, kind: inProgram ? "input" : "internal", message, addressed: userFacing, trace: e?.stack };
}

let inProgram = false;
let replied = true;
function reply(message: CaptureReply): void {
    if (!replied) {
        replied = true;
        inProgram = false;
        process.send!(message);
    }
}

// A registration the program fires and forgets can fail after its capture returned: it fails the capture under way.
// While a capture runs, it watches for these itself (captureProgram).
let capturing = false;
process.on("unhandledRejection", (err) => {
    if (!capturing) {
        reply(failure(err, inProgram));
    }
});
process.on("uncaughtException", (err) => reply(failure(err, inProgram)));
// The engine is done, or gone (killed, crashed): nobody will read another capture.
process.on("disconnect", () => process.exit(0));

process.on("message", async (request: CaptureRequest) => {
    replied = false;
    try {
        inProgram = true;
        const loaded = require(request.programPath);
        const program = typeof loaded === "function" ? loaded : loaded?.default;
        if (typeof program !== "function") {
            throw new NotAProgram(
                `--program ${clip(request.programPath)}: exports nothing dr plan can run; export the program's body as a function: ` +
                    "export = async () => { … } (TypeScript) or module.exports = async () => { … }.",
            );
        }
        const outputsOf: OutputsOf | undefined = request.outputsModule ? require(request.outputsModule).outputsOf : undefined;
        capturing = true;
        const resources = await captureProgram(program, request, outputsOf).finally(() => (capturing = false));
        reply({ ok: true, resources });
    } catch (err) {
        reply(failure(err, inProgram));
    }
});
