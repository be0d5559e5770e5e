import { cronInterval } from "../schedule";
import { storeTypeOf } from "../stores";
import { Copy } from "./copy";
import { perModel } from "./cache";
import { globMatch } from "./glob";
import { ModelResource, StackModel, TYPES, list, record, text } from "./resources";

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
