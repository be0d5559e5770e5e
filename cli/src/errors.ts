/** Bad input to `dr`: an unknown stack, a bad config file, a pack that will not start. Exit code 2, one message, no stack trace. */
export class PlanInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanInputError";
    }
}

/** What a process that died said about why: its error line, without stack frames or Node's banner. */
export function lastWords(stderr: string): string {
    const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l && !/^at /.test(l) && !/^Node\.js v/.test(l) && !/^\^+$/.test(l));
    return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines.slice(-2).join(" | ");
}
