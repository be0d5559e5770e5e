import { existsSync } from "node:fs";
import * as path from "node:path";
import { ParseArgsConfig, parseArgs } from "node:util";
import { clip } from "./text";
import { PackSpec, packEntry, readPolicyPackConfig } from "./engine";
import { InputError } from "./errors";
import { DEFAULT_PACK, PACK_CONFIG_FILE } from "./paths";

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
export function parseCommandArgs<O extends Options>(
    command: string,
    argv: string[],
    options: O,
    allowPositionals = false,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: boolean }>> {
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
            throw new InputError(
                `dr ${command}: unexpected argument ${clip(argument)}; dr ${command} takes only ${flags(options)} (dr ${command} --help).`,
            );
        }
        if (code.startsWith("ERR_PARSE_ARGS")) {
            throw new InputError(`dr ${command}: ${clip(message.split(". ")[0], 160)} (dr ${command} --help).`);
        }
        throw e;
    }
}

/** The flags every command that judges takes: the packs, and a config file for each. */
export const PACK_OPTIONS = {
    "policy-pack": { type: "string", multiple: true },
    "policy-pack-config": { type: "string", multiple: true },
} as const;

/** The DR pack's config file in the project folder, when there is one: its config unless the command line gives another. */
export function projectPackConfig(packDir: string, projectDir: string): string | undefined {
    const file = path.join(projectDir, PACK_CONFIG_FILE);
    return packDir === DEFAULT_PACK && existsSync(file) ? file : undefined;
}

/**
 * The packs `--policy-pack` names (default: this project's), each with the `--policy-pack-config` of the
 * same position (the DR pack's default: the project's policy-pack-config.json); each checked to be a pack that can
 * start before anything runs.
 */
export function readPacks(values: { "policy-pack"?: string[]; "policy-pack-config"?: string[] }, cwd: string): PackSpec[] {
    const packDirs = (values["policy-pack"] ?? [DEFAULT_PACK]).map((dir) => path.resolve(cwd, dir));
    const configFiles = values["policy-pack-config"] ?? [];
    if (configFiles.length > packDirs.length) {
        throw new InputError(
            `--policy-pack-config: ${configFiles.length} files for ${packDirs.length} policy pack(s); give one per --policy-pack, in the same order.`,
        );
    }
    return packDirs.map((dir, i) => {
        packEntry(dir);
        const configFile = configFiles[i] ? path.resolve(cwd, configFiles[i]) : projectPackConfig(dir, cwd);
        return { dir, configFile, config: configFile ? readPolicyPackConfig(configFile) : undefined };
    });
}

/** The report formats a command prints. */
export type Format = "human" | "json" | "markdown";

/** `--format` (with `--json` as its shorthand), checked against the formats the command prints. */
export function readFormat(command: string, format: string | undefined, json: boolean, allowed: readonly string[]): string {
    if (json && format !== undefined && format !== "json") {
        throw new InputError(`dr ${command}: --json and --format ${clip(format)} disagree; give one of them.`);
    }
    const chosen = json ? "json" : (format ?? "human");
    if (!allowed.includes(chosen)) {
        throw new InputError(`dr ${command}: --format ${clip(chosen)}; expected one of ${allowed.join(", ")}.`);
    }
    return chosen;
}
