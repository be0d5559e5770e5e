/** What a command is doing, for a person watching a terminal: one status line, rewritten in place. */
export interface Progress {
    /** `subject` (a stack) is now in `phase` (capturing, judging, done). */
    update(subject: string, phase: string): void;
    /** Clears the status line before the report is printed. */
    done(): void;
}

const SILENT: Progress = { update: () => undefined, done: () => undefined };

/**
 * A status line on `stream` when it is a terminal, so seconds of work do not read as a hang; nothing at
 * all otherwise (CI logs, pipes, files stay clean).
 */
export function progressOn(stream: { isTTY?: boolean; write(text: string): unknown; columns?: number }, command: string): Progress {
    if (!stream.isTTY) {
        return SILENT;
    }
    const phases = new Map<string, string>();
    const width = () => Math.max(20, (stream.columns ?? 80) - 1);
    return {
        update(subject, phase) {
            phases.set(subject, phase);
            const line = `dr ${command}: ${[...phases].map(([s, p]) => `${s} ${p}`).join(" · ")}`;
            stream.write(`\r\x1b[2K${line.slice(0, width())}`);
        },
        done() {
            if (phases.size > 0) {
                stream.write("\r\x1b[2K");
            }
        },
    };
}
