/**
 * Measured evidence beside the recovery model (`dr evidence`, `dr plan --evidence`): reading what AWS's CLI exports of
 * restores, failovers, game days and backup controls, and judging it against the targets and the model's figures.
 */
export { EVIDENCE_FORMS, readEvidence } from "./documents";
export type { ControlEvaluation, Evidence, Experiment, PlanExecution, RestoreJob } from "./documents";
export { EVIDENCE_CHECKS, EVIDENCE_MAX_AGE, judgeEvidence } from "./judge";
export type { Decision, EvidenceFinding, EvidenceReport, JudgedStack, ScopeMeasure, StoreRestore } from "./judge";
export { EVIDENCE_PACK, evidenceFor, withEvidence } from "./verdict";
export type { StackWithEvidence } from "./verdict";
