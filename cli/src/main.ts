import { planCommand } from "./commands/plan";
import { PLAN_USAGE } from "./commands/plan/args";
import { EXIT, InputError, errorLine, exitCodeOf } from "./errors";

const COMMANDS = ["plan"];

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case "plan":
            return planCommand(rest, process.stdout);
        case "help":
        case "--help":
        case "-h":
            process.stdout.write(`${PLAN_USAGE}\n`);
            return EXIT.pass;
        case undefined:
            throw new InputError(`no command; expected one of ${COMMANDS.join(", ")} (dr --help for usage).`);
        default:
            throw new InputError(`unknown command "${command}"; expected one of ${COMMANDS.join(", ")} (dr --help for usage).`);
    }
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
