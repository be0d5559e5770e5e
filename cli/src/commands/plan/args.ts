import { existsSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../errors";
import { PackSpec, Project, listStacks, readPolicyPackConfig, readProject } from "../../engine";
import { DEFAULT_PACK, DEFAULT_PROGRAM } from "../../paths";

export const PLAN_USAGE = `usage: dr plan [--stack <name>|all] [--json] [--policy-pack DIR]... [--policy-pack-config FILE]...

  Runs the Pulumi program of the project in the current folder on Pulumi's mock runtime, as a preview
  that creates each stack, and judges it with the policy packs through the analyzer protocol.

  --stack NAME              a stack with a Pulumi.NAME.yaml here, or all (default)
  --json                    print one JSON object on stdout
  --policy-pack DIR         a policy pack folder (repeatable; default: this project's policies/)
  --policy-pack-config FILE config for the pack of the same position, in the Pulumi CLI's format
  --program FILE            compiled module exporting the program (default: this project's infra/)

exit: 0 no mandatory violation, 1 a stack is rejected, 2 bad input, 70 internal error`;

/** What `dr plan` was asked to do, read and checked. */
export interface PlanOptions {
    help: boolean;
    json: boolean;
    projectDir: string;
    project: Project;
    stacks: string[];
    programPath: string;
    packs: PackSpec[];
}

export function readPlanArgs(argv: string[], cwd: string): PlanOptions | { help: true } {
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
        return { help: true };
    }
    const project = readProject(cwd);
    const known = listStacks(cwd);
    const stacks = values.stack === "all" ? known : [values.stack!];
    if (stacks.length === 0 || !stacks.every((s) => known.includes(s))) {
        throw new InputError(`--stack ${values.stack}: no such stack here; expected one of ${[...known, "all"].join(", ")} (a stack is a Pulumi.<name>.yaml in ${cwd}).`);
    }
    const packDirs = (values["policy-pack"] ?? [DEFAULT_PACK]).map((dir) => path.resolve(cwd, dir));
    const configFiles = values["policy-pack-config"] ?? [];
    if (configFiles.length > packDirs.length) {
        throw new InputError(`--policy-pack-config: ${configFiles.length} files for ${packDirs.length} policy pack(s); give one per --policy-pack, in the same order.`);
    }
    const packs: PackSpec[] = packDirs.map((dir, i) => {
        const configFile = configFiles[i] ? path.resolve(cwd, configFiles[i]) : undefined;
        return { dir, configFile, config: configFile ? readPolicyPackConfig(configFile) : undefined };
    });
    const programPath = path.resolve(cwd, values.program ?? DEFAULT_PROGRAM);
    if (!existsSync(programPath)) {
        throw new InputError(`--program ${programPath}: not found; build the project first (npm run build).`);
    }
    return { help: false, json: values.json!, projectDir: cwd, project, stacks, programPath, packs };
}
