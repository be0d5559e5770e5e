import { existsSync } from "node:fs";
import * as path from "node:path";
import { clip } from "../../text";
import { parseCommandArgs, readFormat } from "../../args";
import { InputError } from "../../errors";
import { InvokeAnswers, Project, listStacks, readProject } from "../../engine";
import { readOutput } from "../../output";
import { DEFAULT_PROGRAM } from "../../paths";
import { readAnswers, selectStacks } from "../plan/args";

export const COST_USAGE = `usage: dr cost [--stack NAME]... [--format human|json|markdown] [--output FILE] [--program FILE]

  Prices each stack a month, from the catalog's dated price table and the usage the stack declares in
  dr:usage: the program runs on Pulumi's mock runtime once per tier (backup-restore, pilot-light,
  warm-standby, active-active) and the resources it registers are priced — by day, at night and as
  scheduled where the stack runs a night mode. Nothing is fetched: the table's date and sources are
  printed, and npm run prices:refresh renews it.

  --stack NAME      a stack with a Pulumi.NAME.yaml here (repeatable), or all (the default)
  --format FORMAT   human (default); json, one object; markdown. --json is --format json
  --output FILE     write the report to FILE instead of stdout
  --program FILE    compiled module exporting the program as a function (default: this project's infra/)
  --answers FILE    results of provider functions the program calls, as for dr plan (default: dr-answers.json here)

exit: 0 priced, 2 bad input, 70 internal error`;

export const COST_FORMATS = ["human", "json", "markdown"] as const;

export interface CostOptions {
    help: false;
    format: string;
    output?: string;
    projectDir: string;
    project: Project;
    stacks: string[];
    programPath: string;
    answers: InvokeAnswers;
}

export function readCostArgs(argv: string[], cwd: string): CostOptions | { help: true } {
    const { values } = parseCommandArgs("cost", argv, {
        stack: { type: "string", multiple: true },
        json: { type: "boolean", default: false },
        format: { type: "string" },
        output: { type: "string" },
        program: { type: "string" },
        answers: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
    });
    if (values.help) {
        return { help: true };
    }
    const project = readProject(cwd);
    const stacks = selectStacks(values.stack ?? ["all"], listStacks(cwd), cwd);
    const programPath = path.resolve(cwd, values.program ?? DEFAULT_PROGRAM);
    if (!existsSync(programPath)) {
        throw new InputError(`--program ${clip(programPath)}: not found; build the project first (npm run build).`);
    }
    return {
        help: false,
        format: readFormat("cost", values.format, values.json!, COST_FORMATS),
        output: readOutput(values.output, cwd),
        answers: readAnswers(values.answers, cwd),
        projectDir: cwd,
        project,
        stacks,
        programPath,
    };
}
