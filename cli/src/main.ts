import { existsSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { PlanInputError } from "./errors";
import { PackSpec, planStack } from "./plan";
import { readPolicyPackConfig } from "./policyConfig";
import { formatHuman, stackReport } from "./report";
import { listStacks, readProject } from "./stackConfig";

const ROOT = path.resolve(__dirname, "../../..");
const DEFAULT_PACK = path.join(ROOT, "policies");
const DEFAULT_PROGRAM = path.join(ROOT, "dist", "infra", "index.js");

const USAGE = `usage: dr plan [--stack <name>|all] [--json] [--policy-pack DIR]... [--policy-pack-config FILE]...

  Runs the Pulumi program of the project in the current folder on Pulumi's mock runtime, as a preview
  that creates each stack, and judges it with the policy packs through the analyzer protocol.

  --stack NAME              a stack with a Pulumi.NAME.yaml here, or all (default)
  --json                    print one JSON object on stdout
  --policy-pack DIR         a policy pack folder (repeatable; default: this project's policies/)
  --policy-pack-config FILE config for the pack of the same position, in the Pulumi CLI's format
  --program FILE            compiled module exporting the program (default: this project's infra/)

exit: 0 no mandatory violation, 1 a stack is rejected, 2 bad input`;

async function plan(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", default: "all" },
            json: { type: "boolean", default: false },
            "policy-pack": { type: "string", multiple: true },
            "policy-pack-config": { type: "string", multiple: true },
            program: { type: "string" },
            help: { type: "boolean", short: "h", default: false },
        },
        strict: true,
        allowPositionals: false,
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const cwd = process.cwd();
    const project = readProject(cwd);
    const known = listStacks(cwd);
    const stacks = values.stack === "all" ? known : [values.stack!];
    if (stacks.length === 0 || !stacks.every((s) => known.includes(s))) {
        throw new PlanInputError(`--stack ${values.stack}: no such stack here; expected one of ${[...known, "all"].join(", ")} (a stack is a Pulumi.<name>.yaml in ${cwd}).`);
    }
    const packDirs = (values["policy-pack"] ?? [DEFAULT_PACK]).map((dir) => path.resolve(cwd, dir));
    const configFiles = values["policy-pack-config"] ?? [];
    if (configFiles.length > packDirs.length) {
        throw new PlanInputError(`--policy-pack-config: ${configFiles.length} files for ${packDirs.length} policy pack(s); give one per --policy-pack, in the same order.`);
    }
    const packs: PackSpec[] = packDirs.map((dir, i) => {
        const configFile = configFiles[i] ? path.resolve(cwd, configFiles[i]) : undefined;
        return { dir, configFile, config: configFile ? readPolicyPackConfig(configFile) : undefined };
    });
    const programPath = path.resolve(cwd, values.program ?? DEFAULT_PROGRAM);
    if (!existsSync(programPath)) {
        throw new PlanInputError(`--program ${programPath}: not found; build the project first (npm run build).`);
    }

    const plans = await Promise.all(stacks.map((stack) => planStack({ projectDir: cwd, project, stack, programPath, packs })));
    if (values.json) {
        process.stdout.write(`${JSON.stringify({ stacks: plans.map(stackReport) }, null, 2)}\n`);
    } else {
        console.log(formatHuman(plans));
    }
    return plans.some((p) => p.rejected) ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case "plan":
            return plan(rest);
        case "help":
        case "--help":
        case "-h":
            console.log(USAGE);
            return 0;
        case undefined:
            throw new PlanInputError("no command; expected plan (dr --help for usage).");
        default:
            throw new PlanInputError(`unknown command "${command}"; expected plan (dr --help for usage).`);
    }
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (err) => {
        const message = err instanceof PlanInputError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? err.message : `dr: unexpected error: ${(err as Error).message}`;
        console.error(`dr: ${message.replace(/^dr: /, "")}`);
        if (process.env.DR_DEBUG) {
            console.error((err as Error).stack);
        }
        process.exitCode = 2;
    },
);
