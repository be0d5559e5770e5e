import { accessSync, constants, existsSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { InputError } from "./errors";
import { clip } from "./text";

/**
 * `--output FILE`, resolved and checked before anything runs: a report that cannot be written is bad input found in
 * a moment, not after the whole run.
 */
export function readOutput(value: string | undefined, cwd: string): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    const file = path.resolve(cwd, value);
    const folder = path.dirname(file);
    const problem = (() => {
        if (!existsSync(folder)) {
            return `its folder ${clip(folder)} does not exist`;
        }
        if (!statSync(folder).isDirectory()) {
            return `${clip(folder)} is not a folder`;
        }
        if (existsSync(file) && statSync(file).isDirectory()) {
            return "it is a folder";
        }
        try {
            accessSync(existsSync(file) ? file : folder, constants.W_OK);
        } catch {
            return existsSync(file) ? "it is not writable" : `its folder ${clip(folder)} is not writable`;
        }
        return undefined;
    })();
    if (problem) {
        throw new InputError(
            `--output ${clip(file)}: cannot be written: ${problem}; name a file in a folder that exists and you may write.`,
        );
    }
    return file;
}

/** Writes a report to `--output`, else to standard output. */
export function writeReport(output: string | undefined, report: string, out: NodeJS.WritableStream): void {
    if (!output) {
        out.write(report);
        return;
    }
    try {
        writeFileSync(output, report);
    } catch (e) {
        throw new InputError(`--output ${clip(output)}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
    }
}
