/**
 * Error kinds of `dr` and the exit codes they map to, in one place. Commands return their own outcome
 * codes (pass, rejected, drift); anything thrown lands in `exitCodeOf` and `errorLine`.
 */
export const EXIT = {
    /** No mandatory violation; no drift. */
    pass: 0,
    /** `dr plan`: a stack is rejected. */
    rejected: 1,
    /** Bad input: an unknown stack or flag, bad config, a pack that will not start, a program that does not compile. */
    input: 2,
    /** `dr drift`: drift, none of it critical. */
    drift: 3,
    /** `dr drift` and `dr analyze`: critical drift, or a live violation; `dr evidence`: evidence that rejects the stack. */
    critical: 4,
    /** A bug in `dr`, or a pack that crashed mid-run. */
    internal: 70,
} as const;

/** Bad input to `dr`: exit 2 with one line naming the key or file, the value and what is allowed. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

/** Something `dr` could not do though the input was fine: a pack crashing mid-run, a worker dying, a bug. Exit 70. */
export class InternalError extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = "InternalError";
    }
}

/** node:util parseArgs reports bad flags with these codes: bad input, not a bug. */
function isArgumentError(error: unknown): boolean {
    return typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("ERR_PARSE_ARGS");
}

export function exitCodeOf(error: unknown): number {
    return error instanceof InputError || isArgumentError(error) ? EXIT.input : EXIT.internal;
}

/** What `dr` prints for an error: one line; for an internal error, how to see the trace. */
export function errorLine(error: unknown): string {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0].replace(/^dr: /, "");
    if (exitCodeOf(error) === EXIT.input) {
        return `dr: ${message}`;
    }
    const what = error instanceof InternalError ? message : `internal error: ${message}`;
    return `dr: ${what} (rerun with DR_DEBUG=1 for the trace)`;
}

/** What a process that died said about why: its error line, without stack frames or Node's banner. */
export function lastWords(stderr: string): string {
    const lines = stderr
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !/^at /.test(l) && !/^Node\.js v/.test(l) && !/^\^+$/.test(l));
    return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines.slice(-2).join(" | ");
}
