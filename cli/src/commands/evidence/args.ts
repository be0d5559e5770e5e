import { existsSync } from "node:fs";
import * as path from "node:path";
import { PACK_OPTIONS, parseCommandArgs, readFormat, readPacks } from "../../args";
import { Evidence, readEvidence } from "../../assess/evidence";
import { InvokeAnswers, PackSpec, Project, listStacks, readProject } from "../../engine";
import { InputError } from "../../errors";
import { DEFAULT_PROGRAM } from "../../paths";
import { clip } from "../../text";
import { readAnswers, selectStacks } from "../plan/args";
import { readAsOf } from "./asOf";

export const EVIDENCE_USAGE = `usage: dr evidence [--stack NAME]... [--as-of TIME] [--format human|json|markdown] [--policy-pack DIR]... [--policy-pack-config FILE]... EVIDENCE...

  Judges what AWS measured of each stack's recovery beside its recovery model: each store's newest restore
  (AWS Backup restore jobs, their duration and validation), the newest failover (ARC Region switch executions,
  their actual recovery time), game days (AWS FIS experiments) and backup controls (Backup Audit Manager).
  The model comes from the stack's program, run offline as dr plan runs it. README, "dr evidence", says which
  commands write the evidence.

  EVIDENCE                  files or folders (read at any depth) of AWS CLI JSON output
  --stack NAME              a stack with a Pulumi.NAME.yaml here (repeatable), or all (the default)
  --as-of TIME              judge the evidence's age as of this date or time (ISO 8601; default: now)
  --format FORMAT           human (default), json or markdown; --json is --format json
  --policy-pack DIR         a policy pack folder (repeatable; default: this project's policies/)
  --policy-pack-config FILE config for the pack of the same position, in the Pulumi CLI's format
  --program FILE            compiled module exporting the program as a function (default: this project's infra/)
  --answers FILE            results of provider functions the program calls, as for dr plan (default: dr-answers.json here)

exit: 0 the evidence meets the targets, 4 a measured time over its target, a failed drill or failover, or no
proof within the tier's window, 2 bad input, 70 internal error`;

export const EVIDENCE_FORMATS = ["human", "json", "markdown"] as const;

export interface EvidenceOptions {
    help: false;
    format: string;
    projectDir: string;
    project: Project;
    stacks: string[];
    programPath: string;
    packs: PackSpec[];
    answers: InvokeAnswers;
    evidence: Evidence;
    asOf: Date;
}

export function readEvidenceArgs(argv: string[], cwd: string): EvidenceOptions | { help: true } {
    const { values, positionals } = parseCommandArgs(
        "evidence",
        argv,
        {
            stack: { type: "string", multiple: true },
            "as-of": { type: "string" },
            json: { type: "boolean", default: false },
            format: { type: "string" },
            ...PACK_OPTIONS,
            program: { type: "string" },
            answers: { type: "string" },
            help: { type: "boolean", short: "h", default: false },
        },
        true,
    );
    if (values.help) {
        return { help: true };
    }
    if (positionals.length === 0) {
        throw new InputError("dr evidence: no evidence; expected files or folders of AWS CLI JSON output (dr evidence --help).");
    }
    const format = readFormat("evidence", values.format, values.json!, EVIDENCE_FORMATS);
    const asOf = readAsOf("evidence", values["as-of"]);
    const project = readProject(cwd);
    const stacks = selectStacks(values.stack ?? ["all"], listStacks(cwd), cwd);
    const programPath = path.resolve(cwd, values.program ?? DEFAULT_PROGRAM);
    if (!existsSync(programPath)) {
        throw new InputError(`--program ${clip(programPath)}: not found; build the project first (npm run build).`);
    }
    // Read before anything runs: bad evidence is bad input, found in a moment.
    const evidence = readEvidence(positionals, cwd);
    const answers = readAnswers(values.answers, cwd);
    return { help: false, format, projectDir: cwd, project, stacks, programPath, packs: readPacks(values, cwd), answers, evidence, asOf };
}
