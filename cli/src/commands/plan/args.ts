import { existsSync } from "node:fs";
import * as path from "node:path";
import { clip } from "../../text";
import { PACK_OPTIONS, parseCommandArgs, readFormat, readPacks } from "../../args";
import { Evidence, readEvidence } from "../../assess/evidence";
import { InputError } from "../../errors";
import { InvokeAnswers, PackSpec, Project, listStacks, readInvokeAnswers, readProject } from "../../engine";
import { readOutput } from "../../output";
import { DEFAULT_PROGRAM } from "../../paths";
import { readAsOf } from "../evidence/asOf";

/** The answers file dr plan reads from the project folder when --answers names none. */
export const ANSWERS_FILE = "dr-answers.json";

export const PLAN_USAGE = `usage: dr plan [--stack NAME]... [--format human|json|markdown|sarif|junit] [--output FILE] [--policy-pack DIR]... [--policy-pack-config FILE]... [--program FILE] [--answers FILE]

  Runs the Pulumi program of the project in the current folder on Pulumi's mock runtime, as a preview
  that creates each stack, and judges it with the policy packs through the analyzer protocol.

  --stack NAME              a stack with a Pulumi.NAME.yaml here (repeatable), or all (the default)
  --format FORMAT           human (default); json, one object; markdown, with a Mermaid diagram of the topology;
                            sarif (2.1.0, for code scanning); junit (XML, for test panels). --json is --format json
  --output FILE             write the report to FILE instead of stdout
  --policy-pack DIR         a policy pack folder (repeatable; default: this project's policies/)
  --policy-pack-config FILE config for the pack of the same position, in the Pulumi CLI's format
  --program FILE            compiled module exporting the program as a function (default: this project's infra/)
  --answers FILE            results of provider functions dr plan cannot answer offline, a JSON object by function
                            token (default: ${ANSWERS_FILE} in the project folder, when there is one)
  --evidence PATH           AWS CLI JSON output of restores, failovers, game days and backup controls (repeatable; see
                            dr evidence): a change that would recover slower than measured, or past its target, is rejected
  --as-of TIME              with --evidence: judge the evidence's age as of this date or time (ISO 8601; default: now)

exit: 0 no mandatory violation, 1 a stack is rejected, 2 bad input, 70 internal error; 130, 143 stopped by SIGINT, SIGTERM`;

/** What `dr plan` was asked to do, read and checked. */
export const PLAN_FORMATS = ["human", "json", "markdown", "sarif", "junit"] as const;

export interface PlanOptions {
    help: false;
    format: string;
    /** Where the report goes; absent: stdout. */
    output?: string;
    projectDir: string;
    project: Project;
    stacks: string[];
    programPath: string;
    packs: PackSpec[];
    answers: InvokeAnswers;
    /** What AWS measured, to judge beside each stack's model; absent: the model alone. */
    evidence?: { evidence: Evidence; asOf: Date };
}

/** The stacks `--stack` names: each named one once, or every stack here for `all` (alone). */
export function selectStacks(named: string[], known: string[], cwd: string): string[] {
    const expected = `expected one of ${[...known, "all"].join(", ")} (a stack is a Pulumi.<name>.yaml in ${clip(cwd)})`;
    if (named.includes("all")) {
        if (named.length > 1) {
            throw new InputError(
                `--stack all: given with other stacks (${named
                    .filter((s) => s !== "all")
                    .map((s) => clip(s))
                    .join(", ")}); give all alone, or name each stack.`,
            );
        }
        if (known.length === 0) {
            throw new InputError(`--stack all: no stacks here; ${expected}.`);
        }
        return known;
    }
    for (const stack of named) {
        if (!known.includes(stack)) {
            throw new InputError(`--stack ${clip(stack)}: no such stack here; ${expected}.`);
        }
    }
    return [...new Set(named)];
}

export function readPlanArgs(argv: string[], cwd: string): PlanOptions | { help: true } {
    const { values } = parseCommandArgs("plan", argv, {
        stack: { type: "string", multiple: true },
        json: { type: "boolean", default: false },
        format: { type: "string" },
        output: { type: "string" },
        ...PACK_OPTIONS,
        program: { type: "string" },
        answers: { type: "string" },
        evidence: { type: "string", multiple: true },
        "as-of": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
    });
    if (values.help) {
        return { help: true };
    }
    const project = readProject(cwd);
    const stacks = selectStacks(values.stack ?? ["all"], listStacks(cwd), cwd);
    const packs = readPacks(values, cwd);
    const programPath = path.resolve(cwd, values.program ?? DEFAULT_PROGRAM);
    if (!existsSync(programPath)) {
        throw new InputError(`--program ${clip(programPath)}: not found; build the project first (npm run build).`);
    }
    const format = readFormat("plan", values.format, values.json!, PLAN_FORMATS);
    const output = readOutput(values.output, cwd);
    const answers = readAnswers(values.answers, cwd);
    if (values["as-of"] !== undefined && values.evidence === undefined) {
        throw new InputError("dr plan: --as-of judges the age of evidence; give --evidence PATH with it (dr plan --help).");
    }
    const evidence = values.evidence
        ? { evidence: readEvidence(values.evidence, cwd), asOf: readAsOf("plan", values["as-of"]) }
        : undefined;
    return {
        help: false,
        format,
        output,
        projectDir: cwd,
        project,
        stacks,
        programPath,
        packs,
        answers,
        ...(evidence ? { evidence } : {}),
    };
}

/** The answers to provider functions: the file `--answers` names, else the project's `dr-answers.json` when there is one. */
export function readAnswers(file: string | undefined, cwd: string): InvokeAnswers {
    const answersFile = path.resolve(cwd, file ?? ANSWERS_FILE);
    return file !== undefined || existsSync(answersFile) ? readInvokeAnswers(answersFile) : { file: answersFile, byToken: {} };
}
