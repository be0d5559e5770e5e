import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { InputError } from "../../errors";
import { urnParts } from "../../engine/state";
import { clip, quote } from "../../text";

/**
 * What AWS measures of a cell's recovery, as its CLI prints it (`--output json`, the default): restore jobs, Region switch
 * plan executions, FIS experiments, and Backup Audit Manager's control compliance. Each file is one command's output; each
 * is read by its shape, field names and types as the API references define them. Timestamps come as the AWS CLI prints
 * them: ISO 8601 (CLI v2's default) or epoch seconds (v1's, and the APIs' own form).
 * https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-output-format.html
 */

/** A restore job. https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreJobsListMember.html, API_DescribeRestoreJob.html */
export interface RestoreJob {
    file: string;
    id: string;
    status: "PENDING" | "RUNNING" | "COMPLETED" | "ABORTED" | "FAILED";
    statusMessage?: string;
    /** Restore testing's resource type: DynamoDB, S3, Aurora, RDS… */
    resourceType?: string;
    /** The resource that was backed up. */
    sourceArn?: string;
    /** The restore testing plan's name, for a drill's job (from `CreatedBy.RestoreTestingPlanArn`). */
    testingPlan?: string;
    created: Date;
    completed?: Date;
    validation?: "SUCCESSFUL" | "FAILED" | "TIMED_OUT" | "VALIDATING";
    validationMessage?: string;
}

/** A Region switch plan execution. https://docs.aws.amazon.com/arc-region-switch/latest/api/API_AbbreviatedExecution.html, API_GetPlanExecution.html */
export interface PlanExecution {
    file: string;
    id: string;
    /** The plan's name, from its ARN (`arn:aws:arc-region-switch::<account>:plan/<name>:<suffix>`). */
    plan: string;
    action: string;
    mode: string;
    state: string;
    started: Date;
    ended?: Date;
    /** "the time for the plan to run added to the time elapsed until the application health alarms … are healthy again", seconds. */
    actualRecoverySeconds?: number;
}

/** An AWS FIS experiment. https://docs.aws.amazon.com/fis/latest/APIReference/API_Experiment.html */
export interface Experiment {
    file: string;
    id: string;
    status: string;
    reason?: string;
    started?: Date;
    ended?: Date;
    /** Every action's id: what the experiment injected. */
    actionIds: string[];
    /** Every tag its targets select by, `key=value`: whose resources it ran against. */
    targetTags: string[];
}

/** One control of a framework in a CONTROL_COMPLIANCE_REPORT. https://docs.aws.amazon.com/aws-backup/latest/devguide/choosing-report-template.html */
export interface ControlEvaluation {
    file: string;
    framework: string;
    control: string;
    status: string;
    evaluated: Date;
    nonCompliant?: number;
}

/** A resource of a `pulumi stack export`: what the deployed stack named it, which the preview cannot know (a random suffix). */
export interface DeployedResource {
    stack: string;
    type: string;
    name: string;
    outputs: Record<string, unknown>;
}

/** Everything read from the evidence files. */
export interface Evidence {
    files: string[];
    /** Resources of stack exports among the evidence: how restore jobs name stores whose names only deployment decides. */
    deployed: DeployedResource[];
    restoreJobs: RestoreJob[];
    executions: PlanExecution[];
    experiments: Experiment[];
    controls: ControlEvaluation[];
}

/** The outputs dr evidence reads, for messages. */
export const EVIDENCE_FORMS =
    "aws backup list-restore-jobs or describe-restore-job, aws arc-region-switch list-plan-executions or get-plan-execution, " +
    "aws fis get-experiment, a Backup Audit Manager CONTROL_COMPLIANCE_REPORT in JSON, or pulumi stack export";

function isObject(value: unknown): value is Record<string, any> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads one field of an AWS document, or fails with the file, the field and what it must be. */
class Reader {
    constructor(
        readonly file: string,
        readonly where: string,
        readonly doc: Record<string, any>,
    ) {}

    private fail(key: string, allowed: string): never {
        throw new InputError(`${clip(this.file)}: ${this.where}${key} is ${quote(this.doc[key])}; expected ${allowed}.`);
    }

    text(key: string): string {
        const value = this.doc[key];
        return typeof value === "string" && value !== "" ? value : this.fail(key, "a string");
    }

    optionalText(key: string): string | undefined {
        return this.doc[key] === undefined || this.doc[key] === null ? undefined : this.text(key);
    }

    oneOf<T extends string>(key: string, allowed: readonly T[]): T {
        const value = this.doc[key];
        return allowed.includes(value) ? value : this.fail(key, `one of ${allowed.join(", ")}`);
    }

    /** A timestamp as the AWS CLI prints one: ISO 8601, or epoch seconds. */
    time(key: string): Date {
        const value = this.doc[key];
        const ms = typeof value === "number" ? value * 1000 : typeof value === "string" ? Date.parse(value) : NaN;
        return Number.isFinite(ms) ? new Date(ms) : this.fail(key, "a timestamp (ISO 8601 or epoch seconds, as the AWS CLI prints it)");
    }

    optionalTime(key: string): Date | undefined {
        return this.doc[key] === undefined || this.doc[key] === null ? undefined : this.time(key);
    }

    list(key: string): unknown[] {
        const value = this.doc[key];
        return Array.isArray(value) ? value : this.fail(key, "a list");
    }

    object(key: string): Record<string, any> {
        const value = this.doc[key];
        return isObject(value) ? value : this.fail(key, "an object");
    }
}

const RESTORE_STATUSES = ["PENDING", "RUNNING", "COMPLETED", "ABORTED", "FAILED"] as const;
const VALIDATION_STATUSES = ["SUCCESSFUL", "FAILED", "TIMED_OUT", "VALIDATING"] as const;

/** The name in a restore testing plan's ARN (`…:restore-testing-plan:<name>-<id>`): names are letters, digits and underscores, so the name ends at the first hyphen. */
function testingPlanName(arn: string): string {
    return (arn.split(":restore-testing-plan:")[1] ?? arn).split("-")[0];
}

function restoreJob(file: string, where: string, value: unknown): RestoreJob {
    if (!isObject(value)) {
        throw new InputError(`${clip(file)}: ${where} is ${quote(value)}; expected a restore job.`);
    }
    const r = new Reader(file, `${where}.`, value);
    const createdBy = value.CreatedBy === undefined ? undefined : r.object("CreatedBy");
    const plan = createdBy ? new Reader(file, `${where}.CreatedBy.`, createdBy).optionalText("RestoreTestingPlanArn") : undefined;
    return {
        file,
        id: r.text("RestoreJobId"),
        status: r.oneOf("Status", RESTORE_STATUSES),
        statusMessage: r.optionalText("StatusMessage"),
        resourceType: r.optionalText("ResourceType"),
        sourceArn: r.optionalText("SourceResourceArn"),
        testingPlan: plan ? testingPlanName(plan) : undefined,
        created: r.time("CreationDate"),
        completed: r.optionalTime("CompletionDate"),
        validation: value.ValidationStatus === undefined ? undefined : r.oneOf("ValidationStatus", VALIDATION_STATUSES),
        validationMessage: r.optionalText("ValidationStatusMessage"),
    };
}

/**
 * An ISO 8601 duration of days, hours, minutes and seconds (`PT12M30S`), as Region switch reports a recovery time.
 * https://docs.aws.amazon.com/arc-region-switch/latest/api/API_AbbreviatedExecution.html
 */
function durationSeconds(r: Reader, key: string): number | undefined {
    const text = r.optionalText(key);
    if (text === undefined) {
        return undefined;
    }
    const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
    if (!match || text === "P" || text.endsWith("T")) {
        throw new InputError(`${clip(r.file)}: ${r.where}${key} is ${quote(text)}; expected an ISO 8601 duration such as PT12M30S.`);
    }
    const [, d, h, m, s] = match.map((x) => Number(x ?? 0));
    return d * 86400 + h * 3600 + m * 60 + s;
}

function planExecution(file: string, where: string, value: unknown): PlanExecution {
    if (!isObject(value)) {
        throw new InputError(`${clip(file)}: ${where} is ${quote(value)}; expected a plan execution.`);
    }
    const r = new Reader(file, where ? `${where}.` : "", value);
    const planArn = r.text("planArn");
    const name = /:plan\/([^:/]+)/.exec(planArn)?.[1];
    if (!name) {
        throw new InputError(
            `${clip(file)}: ${r.where}planArn is ${quote(planArn)}; expected a Region switch plan ARN (…:plan/<name>:<suffix>).`,
        );
    }
    return {
        file,
        id: r.text("executionId"),
        plan: name,
        action: r.text("executionAction"),
        mode: r.text("mode"),
        state: r.text("executionState"),
        started: r.time("startTime"),
        ended: r.optionalTime("endTime"),
        actualRecoverySeconds: durationSeconds(r, "actualRecoveryTime"),
    };
}

function experiment(file: string, value: Record<string, any>): Experiment {
    const r = new Reader(file, "experiment.", value);
    const state = new Reader(file, "experiment.state.", r.object("state"));
    const actions = value.actions === undefined ? {} : r.object("actions");
    const targets = value.targets === undefined ? {} : r.object("targets");
    return {
        file,
        id: r.text("id"),
        status: state.text("status"),
        reason: state.optionalText("reason"),
        started: r.optionalTime("startTime"),
        ended: r.optionalTime("endTime"),
        actionIds: Object.entries(actions).map(([name, a]) =>
            new Reader(file, `experiment.actions.${name}.`, isObject(a) ? a : {}).text("actionId"),
        ),
        targetTags: Object.values(targets).flatMap((t) =>
            isObject(t) && isObject(t.resourceTags) ? Object.entries(t.resourceTags).map(([k, v]) => `${k}=${v}`) : [],
        ),
    };
}

function controlEvaluation(file: string, where: string, value: unknown): ControlEvaluation {
    if (!isObject(value)) {
        throw new InputError(`${clip(file)}: ${where} is ${quote(value)}; expected a report item.`);
    }
    const r = new Reader(file, `${where}.`, value);
    return {
        file,
        framework: r.text("frameworkName"),
        control: r.text("controlName"),
        status: r.text("controlComplianceStatus"),
        evaluated: r.time("lastEvaluationTime"),
        nonCompliant: typeof value.numResourcesNonCompliant === "number" ? value.numResourcesNonCompliant : undefined,
    };
}

/** The resources of a stack export (deployment version 3 or 4), each with the stack and name its URN gives. */
function deployedResources(file: string, deployment: Record<string, any>): DeployedResource[] {
    const resources = deployment.resources ?? [];
    if (!Array.isArray(resources)) {
        throw new InputError(
            `${clip(file)}: deployment.resources is ${quote(resources)}; expected the list of resources pulumi stack export writes.`,
        );
    }
    return resources.flatMap((r: unknown, i: number) => {
        const urn = isObject(r) && typeof r.urn === "string" ? urnParts(r.urn) : undefined;
        if (!urn) {
            throw new InputError(
                `${clip(file)}: deployment.resources[${i}] is ${quote(r)}; expected a resource with its urn, as Pulumi state records it.`,
            );
        }
        const outputs = (r as Record<string, any>).outputs;
        return isObject(outputs) ? [{ stack: urn.stack, type: urn.type, name: urn.name, outputs }] : [];
    });
}

/** What one file holds, recognized by its shape; anything else is bad input naming the file. */
export function readDocument(file: string, text: string, into: Evidence): void {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new InputError(
            `${clip(file)}: not JSON (${clip((e as Error).message, 100)}); expected the JSON output of ${EVIDENCE_FORMS}.`,
        );
    }
    if (!isObject(doc)) {
        throw new InputError(`${clip(file)}: ${quote(doc)} is not an AWS CLI output; expected the JSON output of ${EVIDENCE_FORMS}.`);
    }
    const at = (key: string, i: number) => `${key}[${i}]`;
    if (isObject(doc.deployment)) {
        into.deployed.push(...deployedResources(file, doc.deployment));
    } else if (Array.isArray(doc.RestoreJobs)) {
        into.restoreJobs.push(...doc.RestoreJobs.map((j: unknown, i: number) => restoreJob(file, at("RestoreJobs", i), j)));
    } else if (typeof doc.RestoreJobId === "string") {
        into.restoreJobs.push(restoreJob(file, "the job", doc));
    } else if (Array.isArray(doc.items)) {
        into.executions.push(...doc.items.map((e: unknown, i: number) => planExecution(file, at("items", i), e)));
    } else if (typeof doc.planArn === "string" && typeof doc.executionId === "string") {
        into.executions.push(planExecution(file, "", doc));
    } else if (isObject(doc.experiment)) {
        into.experiments.push(experiment(file, doc.experiment));
    } else if (Array.isArray(doc.experiments)) {
        throw new InputError(
            `${clip(file)}: aws fis list-experiments output, whose summaries name no actions; save aws fis get-experiment --id <id> for each experiment instead.`,
        );
    } else if (Array.isArray(doc.reportItems)) {
        if (doc.reportItems.some((item: unknown) => !isObject(item) || item.controlName === undefined)) {
            throw new InputError(
                `${clip(file)}: a Backup Audit Manager report other than CONTROL_COMPLIANCE_REPORT; restore jobs come from aws backup list-restore-jobs.`,
            );
        }
        into.controls.push(...doc.reportItems.map((item: unknown, i: number) => controlEvaluation(file, at("reportItems", i), item)));
    } else {
        const keys = Object.keys(doc).slice(0, 5);
        throw new InputError(
            `${clip(file)}: not an output dr evidence reads (found ${keys.length > 0 ? `keys ${quote(keys)}` : "an empty object"}); expected ${EVIDENCE_FORMS}.`,
        );
    }
    into.files.push(file);
}

/** The .json files of each path: a file as given, a folder's at any depth, in name order. */
function evidenceFiles(paths: string[], cwd: string): string[] {
    return paths.flatMap((given) => {
        const full = path.resolve(cwd, given);
        let stats;
        try {
            stats = statSync(full);
        } catch {
            throw new InputError(`evidence ${clip(given)}: no such file or folder.`);
        }
        if (!stats.isDirectory()) {
            return [full];
        }
        const found = readdirSync(full, { recursive: true, encoding: "utf8" })
            .filter((entry) => entry.endsWith(".json"))
            .sort()
            .map((entry) => path.join(full, entry))
            .filter((file) => statSync(file).isFile());
        if (found.length === 0) {
            throw new InputError(`evidence ${clip(given)}: a folder with no .json files; expected the JSON output of ${EVIDENCE_FORMS}.`);
        }
        return found;
    });
}

/** Reads every evidence file the paths name. */
export function readEvidence(paths: string[], cwd: string): Evidence {
    const evidence: Evidence = { files: [], deployed: [], restoreJobs: [], executions: [], experiments: [], controls: [] };
    for (const file of evidenceFiles(paths, cwd)) {
        const shown = path.relative(cwd, file) || file;
        let text: string;
        try {
            text = readFileSync(file, "utf8");
        } catch (e) {
            throw new InputError(`${clip(shown)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
        }
        readDocument(shown, text, evidence);
    }
    return evidence;
}
