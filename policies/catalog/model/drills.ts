import { cronInterval } from "../schedule";
import { storeTypeOf } from "../stores";
import { Copy } from "./copy";
import { indexBy, indexByProperty, perModel } from "./cache";
import { globMatch } from "./glob";
import { ModelResource, StackModel, TYPES, UNKNOWN, Unknown, list, record, text } from "./resources";
import { policyDocuments } from "./writers";

/** A restore testing plan and what it tests. */
export interface Drill {
    plan: ModelResource;
    /** Seconds between its runs, when its schedule parses. */
    intervalSeconds?: number;
    selections: ModelResource[];
}

/** Restore testing plans with their selections. */
export const drills = perModel((model): Drill[] =>
    model.ofType(TYPES.restoreTestingPlan).map((plan) => {
        const name = text(plan.props.name);
        const selections = model
            .ofType(TYPES.restoreTestingSelection)
            .filter(
                (s) =>
                    model.deps(s, "restoreTestingPlanName").some((p) => p.urn === plan.urn) ||
                    (typeof name === "string" && s.props.restoreTestingPlanName === name),
            );
        return { plan, intervalSeconds: cronInterval(plan.props.scheduleExpression), selections };
    }),
);

function tagOf(store: ModelResource, key: string): unknown {
    return record(store.props.tags)[key];
}

/** Whether a restore testing selection picks the store: its protected type, and its ARNs (or `*`) and tag conditions. */
function selectsForDrill(model: StackModel, selection: ModelResource, store: ModelResource): boolean {
    if (selection.props.protectedResourceType !== storeTypeOf(store.type)?.backup?.protectedResourceType) {
        return false;
    }
    const arns = list(selection.props.protectedResourceArns);
    if (!arns.includes("*") && !model.deps(selection, "protectedResourceArns").some((r) => r.urn === store.urn)) {
        return false;
    }
    const conditions = record(selection.props.protectedResourceConditions);
    const tag = (c: Record<string, unknown>) => {
        const value = tagOf(store, String(c.key).replace(/^aws:ResourceTag\//, ""));
        return typeof value === "string" ? value : undefined;
    };
    const all = (name: string, holds: (c: Record<string, unknown>) => boolean) => list(conditions[name]).map(record).every(holds);
    return (
        all("stringEquals", (c) => tag(c) === c.value) &&
        all("stringNotEquals", (c) => tag(c) !== c.value) &&
        all("stringLikes", (c) => globMatch(String(c.value), tag(c))) &&
        all("stringNotLikes", (c) => !globMatch(String(c.value), tag(c)))
    );
}

/** Whether a vault list (`["*"]`, ARNs, ARN patterns with `*`) names the vault: by dependency, by its ARN, or by its region and name. */
function namesVault(model: StackModel, entries: unknown[], dependencies: ModelResource[], vault: ModelResource): boolean {
    if (dependencies.some((v) => v.urn === vault.urn)) {
        return true;
    }
    const arn = text(vault.props.arn);
    const name = text(vault.props.name);
    const region = model.regionOf(vault);
    return entries.some((entry) => {
        if (typeof entry !== "string") {
            return false;
        }
        if (entry === "*" || (typeof arn === "string" && globMatch(entry, arn))) {
            return true;
        }
        // arn:<partition>:backup:<region>:<account>:backup-vault:<name>, with the vault's own ARN unknown at preview.
        const [prefix, , service, entryRegion, , kind, entryName] = entry.split(":");
        return (
            prefix === "arn" &&
            service === "backup" &&
            kind === "backup-vault" &&
            typeof region === "string" &&
            globMatch(entryRegion, region) &&
            (typeof name === "string" ? globMatch(entryName ?? "", name) : entryName === "*")
        );
    });
}

/** Whether a drill restores from the vault that holds a copy, in the copy's region, a snapshot as copies are. */
function drillsVault(model: StackModel, drill: Drill, copy: Copy): boolean {
    const region = model.regionOf(drill.plan);
    if (!copy.vault || typeof region !== "string" || region !== copy.location.region) {
        return false;
    }
    const selection = record(drill.plan.props.recoveryPointSelection);
    // Property dependencies do not say which list a vault went into, so an exclusion counts only as written.
    const excluded = namesVault(model, list(selection.excludeVaults), [], copy.vault);
    const included = namesVault(model, list(selection.includeVaults), model.deps(drill.plan, "recoveryPointSelection"), copy.vault);
    return included && !excluded && list(selection.recoveryPointTypes).includes("SNAPSHOT");
}

/** The drills that restore `copy` of `store`, however often they run. */
export function drillsOf(model: StackModel, store: ModelResource, copy: Copy): Drill[] {
    return drills(model).filter((d) => drillsVault(model, d, copy) && d.selections.some((s) => selectsForDrill(model, s, store)));
}

const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const LAMBDA_FUNCTION = "aws:lambda/function:Function";

/**
 * What a drill's finished restore job looks like to EventBridge: AWS Backup's "Restore Job State Change" event,
 * status COMPLETED, naming the restore testing plan and the resource type.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-validation.html
 */
const RESTORE_EVENT = { source: "aws.backup", detailType: "Restore Job State Change", status: "COMPLETED" };

/** The call that records a validation's verdict on a restore job: https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutRestoreValidationResult.html */
export const REPORT_VALIDATION = "backup:PutRestoreValidationResult";

/** A validation of a drill's restores: the EventBridge rule that hands them over, and the Lambda function it invokes. */
export interface DrillValidation {
    rule: ModelResource;
    function: ModelResource;
}

/** Whether a pattern field lets `value` through: absent, or listing it. Other matchers (prefix, anything-but …) are not read: they do not. */
function admits(field: unknown, value: string): boolean {
    return field === undefined || list(field).includes(value);
}

/**
 * Whether a rule's pattern lets through a completed restore job of `plan` restoring `resourceType`. The plan's ARN
 * is unknown before deployment: a pattern built from the plan names it; a pattern unknown as a whole counts only then.
 */
function letsThrough(model: StackModel, rule: ModelResource, plan: ModelResource, resourceType: string): boolean {
    const builtFromPlan = model.deps(rule, "eventPattern").some((r) => r.urn === plan.urn);
    const source = text(rule.props.eventPattern);
    if (source === UNKNOWN) {
        return builtFromPlan;
    }
    let pattern: Record<string, any>;
    try {
        pattern = record(JSON.parse(source ?? ""));
    } catch {
        return false;
    }
    const detail = record(pattern.detail);
    const planArn = text(plan.props.arn);
    const names = (field: unknown) => field === undefined || (typeof planArn === "string" ? list(field).includes(planArn) : builtFromPlan);
    const read = new Set(["status", "restoreTestingPlanArn", "resourceType"]);
    return (
        admits(pattern.source, RESTORE_EVENT.source) &&
        admits(pattern["detail-type"], RESTORE_EVENT.detailType) &&
        admits(detail.status, RESTORE_EVENT.status) &&
        admits(detail.resourceType, resourceType) &&
        names(detail.restoreTestingPlanArn) &&
        Object.keys(detail).every((key) => read.has(key))
    );
}

/** Whether an IAM action pattern (`*` and `?` wildcards, any case) covers `action`. */
function coversAction(pattern: unknown, action: string): boolean {
    if (typeof pattern !== "string") {
        return false;
    }
    const regex = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${regex}$`, "i").test(action);
}

/**
 * What a policy document says of `action` on every resource (`*`, which an action without resource types needs):
 * allowed, denied, silent, or unknown before deployment.
 */
function saysOf(document: string | Unknown | undefined, action: string): "allow" | "deny" | "none" | "unknown" {
    if (document === UNKNOWN) {
        return "unknown";
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(document ?? "");
    } catch {
        return "none";
    }
    const matching = list([record(parsed).Statement].flat())
        .map(record)
        .filter((s) => [s.Action].flat().some((a) => coversAction(a, action)));
    if (matching.some((s) => s.Effect === "Deny")) {
        return "deny";
    }
    return matching.some((s) => s.Effect === "Allow" && [s.Resource].flat().includes("*")) ? "allow" : "none";
}

/**
 * Whether a function's role may report a validation's verdict: a policy of the stack allows it (or may: one unknown
 * before deployment) and none denies it.
 */
function mayReport(model: StackModel, fn: ModelResource): boolean {
    const says = model
        .deps(fn, "role", TYPES.role)
        .flatMap((role) => policyDocuments(model, role))
        .map((document) => saysOf(text(document.props.policy), REPORT_VALIDATION));
    return !says.includes("deny") && says.some((s) => s === "allow" || s === "unknown");
}

/** EventBridge rules by region that can see AWS service events: enabled, on the default bus. */
const liveRulesByRegion = indexBy([EVENT_RULE], (model, rule) => {
    const region = model.regionOf(rule);
    const bus = rule.props.eventBusName;
    const off = rule.props.state === "DISABLED" || rule.props.isEnabled === false;
    return typeof region === "string" && !off && (bus === undefined || bus === "default") ? region : undefined;
});

/** EventBridge targets by the region and name of the rule they name. */
const targetsByRuleName = indexBy([TYPES.eventTarget], (model, target) => {
    const [region, rule] = [model.regionOf(target), text(target.props.rule)];
    return typeof region === "string" && typeof rule === "string" ? `${region}/${rule}` : undefined;
});

/** Lambda functions by their ARN, where it is known (live state). */
const functionsByArn = indexByProperty([LAMBDA_FUNCTION], "arn");

/** The targets of a rule: built from it, or naming it in its region. */
function targetsOf(model: StackModel, rule: ModelResource): ModelResource[] {
    const named = targetsByRuleName(model).get(`${String(model.regionOf(rule))}/${String(text(rule.props.name))}`) ?? [];
    return [...new Set([...model.referrers(rule, TYPES.eventTarget, "rule"), ...named])];
}

/** The Lambda functions a target invokes: built from them, or naming their ARN. */
function functionsOf(model: StackModel, target: ModelResource): ModelResource[] {
    const arn = text(target.props.arn);
    const named = typeof arn === "string" ? (functionsByArn(model).get(arn) ?? []) : [];
    return [...new Set([...model.deps(target, "arn", LAMBDA_FUNCTION), ...named])];
}

/**
 * How a drill's restores of `resourceType` (restore testing's protected resource type) are validated: an
 * EventBridge rule in the drill's region lets its completed restore jobs through to a Lambda function there whose
 * role may report the verdict (backup:PutRestoreValidationResult). Without one, a restore that brings back nothing
 * passes unseen. Read from resources and what they were built from, as the rest of the model is.
 */
export function drillValidations(model: StackModel, drill: Drill, resourceType: string): DrillValidation[] {
    const region = model.regionOf(drill.plan);
    if (typeof region !== "string") {
        return [];
    }
    return (liveRulesByRegion(model).get(region) ?? [])
        .filter((rule) => letsThrough(model, rule, drill.plan, resourceType))
        .flatMap((rule) =>
            targetsOf(model, rule)
                .flatMap((target) => functionsOf(model, target))
                .filter((fn) => model.regionOf(fn) === region && mayReport(model, fn))
                .map((fn) => ({ rule, function: fn })),
        );
}

/** Whether a drill's restores of `store` are validated (see `drillValidations`). */
export function validatesStore(model: StackModel, drill: Drill, store: ModelResource): boolean {
    const type = storeTypeOf(store.type)?.backup?.protectedResourceType;
    return type !== undefined && drillValidations(model, drill, type).length > 0;
}
