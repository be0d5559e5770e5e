import { constants } from "node:os";
import { clip } from "./text";
import { analyzeCommand } from "./commands/analyze";
import { costCommand } from "./commands/cost";
import { driftCommand } from "./commands/drift";
import { evidenceCommand } from "./commands/evidence";
import { planCommand } from "./commands/plan";
import { stopChildren } from "./engine";
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
    cost: {
        summary: "price each stack a month at every tier, by day, at night and as scheduled, from a dated price table",
        run: (argv) => costCommand(argv, process.stdout, process.stderr),
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

/** Stops dr and everything it started, at once, with the shell's code for the signal: 128 + its number. */
function stopOn(signal: "SIGINT" | "SIGTERM" | "SIGHUP"): void {
    stopChildren();
    process.exit(128 + constants.signals[signal]);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => stopOn(signal));
}

// npm run (and yarn, pnpm) hands SIGTERM and SIGINT to the shell it runs the script in, and that shell does not pass
// them on: it dies and leaves dr running. Under a package manager's script, losing the parent means being stopped.
if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && stopOn("SIGTERM"), 200).unref();
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
