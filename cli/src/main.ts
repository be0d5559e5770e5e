import { clip } from "./text";
import { analyzeCommand } from "./commands/analyze";
import { driftCommand } from "./commands/drift";
import { evidenceCommand } from "./commands/evidence";
import { planCommand } from "./commands/plan";
import { EXIT, InputError, errorLine, exitCodeOf } from "./errors";
import { version } from "./paths";

/** Every command, with what it does, for `dr --help`. */
const COMMANDS: Record<string, { summary: string; run: (argv: string[]) => Promise<number> }> = {
    plan: {
        summary: "run each stack's program offline as a preview and judge it with the policy packs",
        run: (argv) => planCommand(argv, process.stdout, process.stderr),
    },
    drift: {
        summary: "classify the drift a pulumi refresh --preview-only --json found, and re-judge the live state",
        run: (argv) => driftCommand(argv, process.stdout),
    },
    analyze: {
        summary: "re-judge a pulumi stack export with the policy packs, with the DR posture it achieves",
        run: (argv) => analyzeCommand(argv, process.stdout),
    },
    evidence: {
        summary: "judge what AWS measured of each stack's restores, failovers and game days beside its recovery model",
        run: (argv) => evidenceCommand(argv, process.stdout, process.stderr),
    },
};

const USAGE = `usage: dr <command> [options]

commands:
${Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
    .join("\n")}

  dr <command> --help   the command's options
  dr --version          dr's version

exit codes: 0 pass, 1 rejected, 2 bad input, 3 drift, 4 critical drift, a live violation or evidence over its target, 70 internal error`;

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "--version" || command === "-v" || command === "version") {
        process.stdout.write(`dr ${version()}\n`);
        return EXIT.pass;
    }
    if (command === "--help" || command === "-h" || command === "help") {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.pass;
    }
    const expected = `expected one of ${Object.keys(COMMANDS).join(", ")} (dr --help for usage)`;
    if (command === undefined) {
        throw new InputError(`no command; ${expected}.`);
    }
    if (!Object.hasOwn(COMMANDS, command)) {
        throw new InputError(`unknown command ${JSON.stringify(clip(command))}; ${expected}.`);
    }
    return COMMANDS[command].run(rest);
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (err) => {
        console.error(errorLine(err));
        if (process.env.DR_DEBUG) {
            console.error((err as Error).stack);
        }
        process.exitCode = exitCodeOf(err);
    },
);
