import { FIGURES, GAME_DAY_TAG, Tier, formatDuration, gameDayOf, storeTypeOf } from "../../../../policies/catalog";
import {
    Posture,
    RecoveryStepPosture,
    SCOPES,
    Scope,
    StackModel,
    cellIntent,
    drillsOf,
    failoverPlan,
    record,
    storeRecovery,
    stores,
    text,
} from "../../../../policies/catalog/model";
import { AnalyzedResource } from "../../engine";
import { modelOf } from "../posture";
import { ControlEvaluation, DeployedResource, Evidence, Experiment, PlanExecution, RestoreJob } from "./documents";

/**
 * Measured evidence beside the recovery model: what AWS recorded of the cell's restores (restore jobs and their
 * validation), failovers (Region switch executions' actual recovery time), game days (FIS experiments) and backup
 * controls (Audit Manager), judged against the targets and the model's own figures. A measured time over its target
 * rejects; so does a failed drill or failover, and no proof within the tier's window.
 */

const DAY = 24 * 3600;

/**
 * How fresh the proof must be, by tier: a tier that promises to recover in minutes proves it monthly; one that
 * recovers in hours, quarterly — the longest gap the pack allows between restore tests. Policy, not an AWS figure.
 */
export const EVIDENCE_MAX_AGE: Record<Tier, number> = {
    "active-active": 31 * DAY,
    "warm-standby": 31 * DAY,
    "pilot-light": FIGURES.restoreTestMaxInterval,
    "backup-restore": FIGURES.restoreTestMaxInterval,
};

/** What the evidence decides of a row: it passes, rejects the stack, or only advises. */
export type Decision = "pass" | "reject" | "advise";

/** A finding, as a policy's violation: the check that found it, how much it weighs, what it concerns, and why. */
export interface EvidenceFinding {
    check: string;
    level: "mandatory" | "advisory";
    /** The resource it concerns; empty for the stack. */
    urn: string;
    message: string;
}

/** The checks, as reports and waivers name them. */
export const EVIDENCE_CHECKS = {
    restore: "evidence-restore",
    failover: "evidence-failover",
    rto: "evidence-rto",
    freshness: "evidence-freshness",
    gameDay: "evidence-game-day",
    controls: "evidence-controls",
} as const;

/** A store's newest restore, measured, beside the share of the RTO the model gives a restore. */
export interface StoreRestore {
    store: string;
    type: string;
    /** The seconds the model counts for a restore (its restore-* steps). */
    targetSeconds: number | null;
    /** The newest finished restore job: when it ended, how long it took, its validation. */
    newest: { id: string; file: string; status: string; completed: string; seconds: number | null; validation: string | null } | null;
    ageSeconds: number | null;
    decision: Decision;
    why: string;
}

/** The cell's newest failover, measured by Region switch, beside the model's time for what the plan does. */
export interface FailoverRecord {
    plan: string;
    newest: { id: string; file: string; state: string; mode: string; started: string; actualRecoverySeconds: number | null } | null;
    /** The model's steps before the plan starts: what a measured execution is added to. */
    beforePlanSeconds: number;
    ageSeconds: number | null;
    decision: Decision;
    why: string;
}

/** A scope's RTO three ways: the target, the model's, and the model with what was measured in place of what it assumed. */
export interface ScopeMeasure {
    targetSeconds: number | null;
    modelSeconds: number | null;
    measuredSeconds: number | null;
    /** What the measured figure is made of. */
    basis: string;
    decision: Decision;
}

/** A game day's newest run. */
export interface GameDayRun {
    gameDay: string;
    newest: { id: string; file: string; status: string; reason: string | null; ended: string | null } | null;
    ageSeconds: number | null;
    decision: Decision;
    why: string;
}

/** A framework control's newest evaluation. */
export interface ControlStatus {
    control: string;
    newest: { status: string; evaluated: string; file: string } | null;
    ageSeconds: number | null;
    decision: Decision;
    why: string;
}

/** What the evidence says of a stack. */
export interface EvidenceReport {
    stack: string;
    asOf: string;
    /** How fresh the newest proof must be, for the stack's tier. */
    maxAgeSeconds: number;
    rejected: boolean;
    scopes: Record<Scope, ScopeMeasure>;
    restores: StoreRestore[];
    failover: FailoverRecord | null;
    gameDays: GameDayRun[];
    controls: ControlStatus[];
    findings: EvidenceFinding[];
    /** Evidence read that is not this stack's. */
    ignored: { restoreJobs: number; executions: number; experiments: number; controls: number };
}

/** A stack to judge: its resources (the model), its posture, and its name (the `dr:cell` tag of its resources). */
export interface JudgedStack {
    stack: string;
    resources: AnalyzedResource[];
    posture: Posture;
    /** The stack's config: its region, and the intent a program without the DR components declares. */
    config: Record<string, string>;
}

const iso = (d: Date) => d.toISOString();
const ageOf = (asOf: Date, d: Date) => Math.max(0, Math.round((asOf.getTime() - d.getTime()) / 1000));
const f = (seconds: number) => formatDuration(seconds);
/** How long ago, as a finding says it: whole days past a day. */
const ago = (seconds: number) => (seconds >= DAY ? `${Math.floor(seconds / DAY)}d` : f(Math.max(60, Math.floor(seconds / 60) * 60)));

/** The ARN resource part a restore job names its source by: `table/users`, `cluster:db`, a bucket's name. */
function arnResource(arn: string): string {
    return arn.split(":").slice(5).join(":");
}

/** A store as restore jobs name it: its restore testing type, its ARN's resource part when known, the drills that restore it. */
interface DrilledStore {
    urn: string;
    name: string;
    type: string;
    resourceType: string;
    /** The resource part of its ARN, when its name is known (for some, only once deployed). */
    arnResource?: string;
    drills: Set<string>;
}

/** The stores restore jobs can restore, each with its name: the program's, or where deployment decides it, a stack export's. */
function drilledStores(model: StackModel, deployed: DeployedResource[]): DrilledStore[] {
    return stores(model).flatMap((store) => {
        const backup = storeTypeOf(store.type)?.backup;
        // Restore testing drills only the types it takes (not Redshift): no drill restores the others.
        if (!backup?.protectedResourceType) {
            return [];
        }
        const drills = new Set(
            storeRecovery(model, store)
                .copies.flatMap((copy) => drillsOf(model, store, copy))
                .map((d) => text(d.plan.props.name))
                .filter((n): n is string => typeof n === "string"),
        );
        const property = backup.arnResource?.property;
        const planned = property ? text(store.props[property]) : undefined;
        const exported = property ? deployed.find((d) => d.type === store.type && d.name === store.name)?.outputs[property] : undefined;
        const name = typeof planned === "string" ? planned : exported;
        return drills.size > 0
            ? [
                  {
                      urn: store.urn,
                      name: store.name,
                      type: store.type,
                      resourceType: backup.protectedResourceType,
                      arnResource: typeof name === "string" ? `${backup.arnResource!.prefix}${name}` : undefined,
                      drills,
                  },
              ]
            : [];
    });
}

/**
 * Which store a restore job restored: the one its source ARN names; else, for a drill's job, the one store of its type
 * the drill restores whose name is known only once deployed (a bucket's random suffix) and no stack export gives.
 */
function attribute(job: RestoreJob, drilled: DrilledStore[]): DrilledStore | undefined {
    const source = job.sourceArn ? arnResource(job.sourceArn) : undefined;
    const named = drilled.find((s) => s.arnResource !== undefined && s.arnResource === source);
    if (named || !job.testingPlan) {
        return named;
    }
    const unnamed = drilled.filter(
        (s) => s.arnResource === undefined && s.resourceType === job.resourceType && s.drills.has(job.testingPlan!),
    );
    return unnamed.length === 1 ? unnamed[0] : undefined;
}

const isRestore = (s: RecoveryStepPosture) => s.step.startsWith("restore-") && s.seconds !== null;

/** The seconds the model gives a restore: its restore steps' (one figure for every store, FIGURES.restoreFromBackup). */
function restoreShare(posture: Posture): number | null {
    const seconds = SCOPES.flatMap((scope) => posture.scopes[scope].rto.steps.filter(isRestore).map((s) => s.seconds!));
    return seconds.length > 0 ? Math.max(...seconds) : null;
}

const FINISHED_RESTORE = ["COMPLETED", "FAILED", "ABORTED"];

function judgeRestore(
    store: DrilledStore,
    jobs: RestoreJob[],
    share: number | null,
    asOf: Date,
    maxAge: number,
    findings: EvidenceFinding[],
): StoreRestore {
    const finished = jobs
        .filter((j) => FINISHED_RESTORE.includes(j.status))
        .sort((a, b) => (b.completed ?? b.created).getTime() - (a.completed ?? a.created).getTime());
    const newest = finished[0];
    const row = { store: store.name, type: store.type, targetSeconds: share };
    const add = (check: string, level: EvidenceFinding["level"], message: string) =>
        findings.push({ check, level, urn: store.urn, message: `${store.name}: ${message}` });
    if (!newest) {
        const unnamed = store.arnResource === undefined ? "; its name is decided at deployment, so give pulumi stack export too" : "";
        add(
            EVIDENCE_CHECKS.freshness,
            "mandatory",
            `no finished restore job of it in the evidence (its drills: ${[...store.drills].join(", ")}). Fix: save aws backup list-restore-jobs of each drill's region into the evidence${unnamed}.`,
        );
        return { ...row, newest: null, ageSeconds: null, decision: "reject", why: "missing" };
    }
    const ended = newest.completed ?? newest.created;
    const seconds =
        newest.status === "COMPLETED" && newest.completed
            ? Math.round((newest.completed.getTime() - newest.created.getTime()) / 1000)
            : null;
    const age = ageOf(asOf, ended);
    const result: StoreRestore = {
        ...row,
        newest: {
            id: newest.id,
            file: newest.file,
            status: newest.status,
            completed: iso(ended),
            seconds,
            validation: newest.validation ?? null,
        },
        ageSeconds: age,
        decision: "pass",
        why: "fresh, within its share, validated",
    };
    const reasons: string[] = [];
    if (age > maxAge) {
        reasons.push(`stale: ${ago(age)} old`);
        add(
            EVIDENCE_CHECKS.freshness,
            "mandatory",
            `the newest restore ended ${ago(age)} ago, over the ${f(maxAge)} the tier allows. Fix: run its drill, then save the job.`,
        );
    }
    if (newest.status !== "COMPLETED") {
        reasons.push(`restore ${newest.status}`);
        add(
            EVIDENCE_CHECKS.restore,
            "mandatory",
            `the newest restore (job ${newest.id}) ${newest.status}${newest.statusMessage ? `: ${newest.statusMessage}` : ""}.`,
        );
    } else if (newest.validation === "FAILED" || newest.validation === "TIMED_OUT") {
        reasons.push(`validation ${newest.validation}`);
        add(
            EVIDENCE_CHECKS.restore,
            "mandatory",
            `the newest restore (job ${newest.id}) failed validation (${newest.validation}${newest.validationMessage ? `: ${newest.validationMessage}` : ""}): the data it restored is not usable.`,
        );
    } else if (newest.testingPlan && newest.validation !== "SUCCESSFUL") {
        reasons.push("not validated yet");
        add(EVIDENCE_CHECKS.restore, "advisory", `the newest drill's restore (job ${newest.id}) has no validation verdict yet.`);
    }
    if (seconds !== null && share !== null && seconds > share) {
        reasons.push(`slow: ${f(seconds)} > ${f(share)}`);
        add(
            EVIDENCE_CHECKS.restore,
            "mandatory",
            `the newest restore took ${f(seconds)}, over the ${f(share)} the recovery model counts for a restore.`,
        );
    }
    if (reasons.length > 0) {
        result.why = reasons.join("; ");
        result.decision = reasons.every((r) => r === "not validated yet") ? "advise" : "reject";
    }
    return result;
}

/** Region switch states: a finished recovery, a failed one; anything else is still running. https://docs.aws.amazon.com/arc-region-switch/latest/api/API_AbbreviatedExecution.html */
const SUCCEEDED = ["completed", "completedWithExceptions", "completedMonitoringApplicationHealth"];
const FAILED = ["failed", "canceled", "planExecutionTimedOut"];

/**
 * The model's seconds before a Region switch execution starts, whose measured time is added to them: the steps up to the
 * trigger that starts the plan; without one, those before the first step the plan runs (a person starting it included).
 */
function beforePlan(steps: RecoveryStepPosture[]): number {
    const triggered = steps.findIndex((s) => s.step === "plan-triggered");
    const firstRun = steps.findIndex((s) => ["database-failover", "auto-scale", "start-tasks"].includes(s.step));
    const end = triggered >= 0 ? triggered + 1 : firstRun >= 0 ? firstRun : 0;
    return steps.slice(0, end).reduce((sum, s) => sum + (s.seconds ?? 0), 0);
}

function judgeFailover(
    model: StackModel,
    posture: Posture,
    executions: PlanExecution[],
    asOf: Date,
    maxAge: number,
    findings: EvidenceFinding[],
): { record: FailoverRecord | null; mine: PlanExecution[] } {
    const { homeRegion, drRegion, tier } = cellIntent(model);
    const plan = homeRegion && drRegion ? failoverPlan(model)(homeRegion, drRegion) : undefined;
    const name = plan ? text(plan.plan.props.name) : undefined;
    if (!plan || typeof name !== "string") {
        return { record: null, mine: [] };
    }
    // The workflow a loss of the home region runs: deactivating it (active-active), or activating the DR region.
    const action = tier === "active-active" ? "deactivate" : "activate";
    const mine = executions.filter((e) => e.plan === name);
    const finished = mine
        .filter((e) => e.action === action && [...SUCCEEDED, ...FAILED].includes(e.state))
        .sort((a, b) => b.started.getTime() - a.started.getTime());
    const newest = finished[0];
    const before = beforePlan(posture.scopes.region.rto.steps);
    const add = (check: string, level: EvidenceFinding["level"], message: string) =>
        findings.push({ check, level, urn: plan.plan.urn, message: `failover plan ${name}: ${message}` });
    const base = { plan: name, beforePlanSeconds: before };
    if (!newest) {
        add(
            EVIDENCE_CHECKS.freshness,
            "mandatory",
            `no finished ${action} execution in the evidence. Fix: run a practice failover (README, "Game days"), then save aws arc-region-switch list-plan-executions.`,
        );
        return { record: { ...base, newest: null, ageSeconds: null, decision: "reject", why: "missing" }, mine };
    }
    const measured =
        newest.actualRecoverySeconds ?? (newest.ended ? Math.round((newest.ended.getTime() - newest.started.getTime()) / 1000) : null);
    const age = ageOf(asOf, newest.ended ?? newest.started);
    const reasons: string[] = [];
    if (age > maxAge) {
        reasons.push(`stale: ${ago(age)} old`);
        add(
            EVIDENCE_CHECKS.freshness,
            "mandatory",
            `the newest ${action} execution ran ${ago(age)} ago, over the ${f(maxAge)} the tier allows.`,
        );
    }
    if (FAILED.includes(newest.state)) {
        reasons.push(`execution ${newest.state}`);
        add(
            EVIDENCE_CHECKS.failover,
            "mandatory",
            `the newest ${action} execution (${newest.id}, ${newest.mode}) ended ${newest.state}: the failover did not complete.`,
        );
    }
    return {
        record: {
            ...base,
            newest: {
                id: newest.id,
                file: newest.file,
                state: newest.state,
                mode: newest.mode,
                started: iso(newest.started),
                actualRecoverySeconds: SUCCEEDED.includes(newest.state) ? measured : null,
            },
            ageSeconds: age,
            decision: reasons.length > 0 ? "reject" : "pass",
            why: reasons.length > 0 ? reasons.join("; ") : "fresh, completed",
        },
        mine,
    };
}

/**
 * Each scope's RTO with what was measured in place of what the model assumed: a restore step takes the slowest store's
 * newest restore where that is longer; the region's recovery takes the model's time to the plan's start plus the plan's
 * measured recovery, where that is longer. Over the target rejects.
 */
function measureScopes(
    posture: Posture,
    restores: StoreRestore[],
    failover: FailoverRecord | null,
    findings: EvidenceFinding[],
): Record<Scope, ScopeMeasure> {
    const measuredRestores = restores.filter((r) => r.newest?.seconds !== null && r.newest?.seconds !== undefined);
    const slowest = measuredRestores.reduce<StoreRestore | undefined>(
        (worst, r) => (!worst || r.newest!.seconds! > worst.newest!.seconds! ? r : worst),
        undefined,
    );
    return Object.fromEntries(
        SCOPES.map((scope) => {
            const { targetSeconds, achievableSeconds, steps } = posture.scopes[scope].rto;
            const parts: string[] = [];
            let measured: number | null = null;
            if (achievableSeconds !== null) {
                const excess = steps.filter(isRestore).reduce((sum, step) => {
                    if (!slowest) {
                        return sum;
                    }
                    parts.push(`${step.step} measured ${f(slowest.newest!.seconds!)} (${slowest.store})`);
                    return sum + Math.max(0, slowest.newest!.seconds! - step.seconds!);
                }, 0);
                if (parts.length > 0) {
                    measured = achievableSeconds + excess;
                }
                const recovery = failover?.newest?.actualRecoverySeconds;
                if (scope === "region" && recovery !== null && recovery !== undefined) {
                    const planned = failover!.beforePlanSeconds + recovery;
                    parts.push(`${f(failover!.beforePlanSeconds)} to the plan's start + its measured ${f(recovery)}`);
                    measured = Math.max(measured ?? achievableSeconds, planned);
                }
            }
            const over = measured !== null && targetSeconds !== null && measured > targetSeconds;
            if (over) {
                findings.push({
                    check: EVIDENCE_CHECKS.rto,
                    level: "mandatory",
                    urn: "",
                    message: `[${scope}] measured recovery ${f(measured!)} (${parts.join("; ")}) is over the target ${f(targetSeconds!)}; the model alone says ${f(achievableSeconds!)}.`,
                });
            }
            const measure: ScopeMeasure = {
                targetSeconds,
                modelSeconds: achievableSeconds,
                measuredSeconds: measured,
                basis: parts.join("; ") || "nothing measured",
                decision: over ? "reject" : "pass",
            };
            return [scope, measure];
        }),
    ) as Record<Scope, ScopeMeasure>;
}

/** FIS states: what ran to the end, and what stopped or failed (a stop condition fired, a target could not be hit). https://docs.aws.amazon.com/fis/latest/APIReference/API_ExperimentState.html */
const GAME_DAY_PASSED = ["completed"];
const GAME_DAY_FAILED = ["stopped", "failed"];

function judgeGameDays(
    resources: AnalyzedResource[],
    cell: string,
    experiments: Experiment[],
    asOf: Date,
    maxAge: number,
    findings: EvidenceFinding[],
): { runs: GameDayRun[]; mine: Experiment[] } {
    const templates = resources.filter((r) => r.type === "aws:fis/experimentTemplate:ExperimentTemplate");
    const defined = [
        ...new Set(templates.map((t) => record(t.outputs.tags)[GAME_DAY_TAG]).filter((g): g is string => typeof g === "string")),
    ];
    const mine = experiments.filter((e) => e.targetTags.includes(`dr:cell=${cell}`));
    const runs = defined.map((gameDay): GameDayRun => {
        const urn = templates.find((t) => record(t.outputs.tags)[GAME_DAY_TAG] === gameDay)!.urn;
        const finished = mine
            .filter((e) => gameDayOf(e.actionIds) === gameDay && [...GAME_DAY_PASSED, ...GAME_DAY_FAILED].includes(e.status))
            .sort((a, b) => (b.ended ?? b.started ?? asOf).getTime() - (a.ended ?? a.started ?? asOf).getTime());
        const newest = finished[0];
        if (!newest) {
            findings.push({
                check: EVIDENCE_CHECKS.freshness,
                level: "advisory",
                urn,
                message: `game day ${gameDay}: never run, as far as the evidence shows. Fix: run it (README, "Game days"), then save aws fis get-experiment.`,
            });
            return { gameDay, newest: null, ageSeconds: null, decision: "advise", why: "missing" };
        }
        const when = newest.ended ?? newest.started;
        const age = when ? ageOf(asOf, when) : null;
        const reasons: string[] = [];
        let decision: Decision = "pass";
        if (GAME_DAY_FAILED.includes(newest.status)) {
            reasons.push(`${newest.status}${newest.reason ? `: ${newest.reason}` : ""}`);
            decision = "reject";
            findings.push({
                check: EVIDENCE_CHECKS.gameDay,
                level: "mandatory",
                urn,
                message: `game day ${gameDay}: its newest run (${newest.id}) ${newest.status}${newest.reason ? ` (${newest.reason})` : ""}: the cell did not ride out the fault within its guardrail.`,
            });
        }
        if (age !== null && age > maxAge) {
            reasons.push(`stale: ${ago(age)} old`);
            decision = decision === "reject" ? decision : "advise";
            findings.push({
                check: EVIDENCE_CHECKS.freshness,
                level: "advisory",
                urn,
                message: `game day ${gameDay}: its newest run ended ${ago(age)} ago, over the ${f(maxAge)} the tier allows.`,
            });
        }
        return {
            gameDay,
            newest: {
                id: newest.id,
                file: newest.file,
                status: newest.status,
                reason: newest.reason ?? null,
                ended: when ? iso(when) : null,
            },
            ageSeconds: age,
            decision,
            why: reasons.join("; ") || "fresh, completed",
        };
    });
    return { runs, mine };
}

/** Audit Manager's verdicts: a control that holds, or one that fails on some resource. https://docs.aws.amazon.com/aws-backup/latest/devguide/viewing-frameworks.html */
function judgeControls(
    resources: AnalyzedResource[],
    evaluations: ControlEvaluation[],
    asOf: Date,
    maxAge: number,
    findings: EvidenceFinding[],
): { statuses: ControlStatus[]; mine: ControlEvaluation[] } {
    const frameworks = resources.filter((r) => r.type === "aws:backup/framework:Framework" && typeof r.outputs.name === "string");
    const statuses: ControlStatus[] = [];
    const mine: ControlEvaluation[] = [];
    for (const framework of frameworks) {
        const ours = evaluations.filter((e) => e.framework === framework.outputs.name);
        mine.push(...ours);
        for (const control of (framework.outputs.controls as { name?: string }[] | undefined) ?? []) {
            if (typeof control?.name !== "string") {
                continue;
            }
            const newest = ours.filter((e) => e.control === control.name).sort((a, b) => b.evaluated.getTime() - a.evaluated.getTime())[0];
            const add = (level: EvidenceFinding["level"], check: string, message: string) =>
                findings.push({ check, level, urn: framework.urn, message: `${framework.outputs.name} ${control.name}: ${message}` });
            if (!newest) {
                add(
                    "advisory",
                    EVIDENCE_CHECKS.freshness,
                    "no evaluation in the evidence. Fix: save the newest CONTROL_COMPLIANCE_REPORT (JSON) from the report bucket.",
                );
                statuses.push({ control: control.name, newest: null, ageSeconds: null, decision: "advise", why: "missing" });
                continue;
            }
            const age = ageOf(asOf, newest.evaluated);
            const row: ControlStatus = {
                control: control.name,
                newest: { status: newest.status, evaluated: iso(newest.evaluated), file: newest.file },
                ageSeconds: age,
                decision: "pass",
                why: newest.status,
            };
            if (newest.status === "NON_COMPLIANT") {
                row.decision = "reject";
                add(
                    "mandatory",
                    EVIDENCE_CHECKS.controls,
                    `NON_COMPLIANT${newest.nonCompliant !== undefined ? ` on ${newest.nonCompliant} resources` : ""} at ${iso(newest.evaluated)}.`,
                );
            } else if (newest.status !== "COMPLIANT") {
                row.decision = "advise";
                add(
                    "advisory",
                    EVIDENCE_CHECKS.controls,
                    `${newest.status} at ${iso(newest.evaluated)}: AWS Config may not record the resources it evaluates.`,
                );
            }
            if (age > maxAge) {
                row.decision = row.decision === "reject" ? row.decision : "advise";
                row.why = `${row.why}; stale: ${ago(age)} old`;
                add("advisory", EVIDENCE_CHECKS.freshness, `evaluated ${ago(age)} ago, over the ${f(maxAge)} the tier allows.`);
            }
            statuses.push(row);
        }
    }
    return { statuses, mine };
}

/** Judges the evidence for one stack, as of a moment: what is measured beside what the model counts, and every finding. */
export function judgeEvidence(stack: JudgedStack, evidence: Evidence, asOf: Date): EvidenceReport {
    const model = modelOf(stack.resources, stack.config);
    const tier = cellIntent(model).tier ?? "backup-restore";
    const maxAge = EVIDENCE_MAX_AGE[tier];
    const findings: EvidenceFinding[] = [];

    const drilled = drilledStores(
        model,
        evidence.deployed.filter((d) => d.stack === stack.stack),
    );
    const jobsByStore = new Map<string, RestoreJob[]>(drilled.map((s) => [s.urn, []]));
    let ignoredJobs = 0;
    for (const job of evidence.restoreJobs) {
        const store = attribute(job, drilled);
        if (store) {
            jobsByStore.get(store.urn)!.push(job);
        } else {
            ignoredJobs++;
        }
    }
    const share = restoreShare(stack.posture);
    const restores = drilled.map((s) => judgeRestore(s, jobsByStore.get(s.urn)!, share, asOf, maxAge, findings));
    const failover = judgeFailover(model, stack.posture, evidence.executions, asOf, maxAge, findings);
    const scopes = measureScopes(stack.posture, restores, failover.record, findings);
    const gameDays = judgeGameDays(stack.resources, stack.stack, evidence.experiments, asOf, maxAge, findings);
    const controls = judgeControls(stack.resources, evidence.controls, asOf, maxAge, findings);
    return {
        stack: stack.stack,
        asOf: iso(asOf),
        maxAgeSeconds: maxAge,
        rejected: findings.some((x) => x.level === "mandatory"),
        scopes,
        restores,
        failover: failover.record,
        gameDays: gameDays.runs,
        controls: controls.statuses,
        findings,
        ignored: {
            restoreJobs: ignoredJobs,
            executions: evidence.executions.length - failover.mine.length,
            experiments: evidence.experiments.length - gameDays.mine.length,
            controls: evidence.controls.length - controls.mine.length,
        },
    };
}
