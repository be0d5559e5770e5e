import { ParseArgsConfig, parseArgs } from "node:util";
import { clip } from "../../policies/catalog/quote";
import { InputError } from "./errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The flags a command takes, for messages: `--stack, --json, --help`. */
function flags(options: Options): string {
    return Object.keys(options)
        .map((name) => `--${name}`)
        .join(", ");
}

/**
 * node:util parseArgs, with its errors turned into one bounded line that names what was wrong and
 * lists the flags the command takes.
 */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = false): ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: boolean }>> {
    try {
        return parseArgs({ args: argv, options, strict: true, allowPositionals });
    } catch (e) {
        const code = (e as { code?: string }).code ?? "";
        const message = (e as Error).message;
        if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
            const flag = /Unknown option '([^']*)'/.exec(message)?.[1] ?? "?";
            throw new InputError(`dr ${command}: unknown option ${clip(flag)}; expected one of ${flags(options)} (dr ${command} --help).`);
        }
        if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
            const argument = /Unexpected argument '([^']*)'/.exec(message)?.[1] ?? "?";
            throw new InputError(`dr ${command}: unexpected argument ${clip(argument)}; dr ${command} takes only ${flags(options)} (dr ${command} --help).`);
        }
        if (code.startsWith("ERR_PARSE_ARGS")) {
            throw new InputError(`dr ${command}: ${clip(message.split(". ")[0], 160)} (dr ${command} --help).`);
        }
        throw e;
    }
}
