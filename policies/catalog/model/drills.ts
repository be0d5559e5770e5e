import { cronInterval } from "../schedule";
import { Copy } from "./copy";
import { perModel } from "./cache";
import { ModelResource, StackModel, TYPES, list, record, text } from "./resources";

/** AWS restore testing's protected resource types of the store types AWS Backup protects. https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html */
const PROTECTED_TYPES: Record<string, string> = {
    [TYPES.table]: "DynamoDB",
    [TYPES.bucket]: "S3",
    [TYPES.bucketV2]: "S3",
    "aws:rds/cluster:Cluster": "Aurora",
    "aws:rds/instance:Instance": "RDS",
    "aws:ebs/volume:Volume": "EBS",
    "aws:efs/fileSystem:FileSystem": "EFS",
};

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
            .filter((s) => model.deps(s, "restoreTestingPlanName").some((p) => p.urn === plan.urn) || (typeof name === "string" && s.props.restoreTestingPlanName === name));
        return { plan, intervalSeconds: cronInterval(plan.props.scheduleExpression), selections };
    }),
);

function tagOf(store: ModelResource, key: string): unknown {
    return record(store.props.tags)[key];
}

/** Whether a restore testing selection picks the store: its protected type, and its ARNs (or `*`) and tag conditions. */
function selectsForDrill(model: StackModel, selection: ModelResource, store: ModelResource): boolean {
    if (selection.props.protectedResourceType !== PROTECTED_TYPES[store.type]) {
        return false;
    }
    const arns = list(selection.props.protectedResourceArns);
    if (!arns.includes("*") && !model.deps(selection, "protectedResourceArns").some((r) => r.urn === store.urn)) {
        return false;
    }
    const conditions = record(selection.props.protectedResourceConditions);
    const key = (k: unknown) => String(k).replace(/^aws:ResourceTag\//, "");
    return list(conditions.stringEquals).map(record).every((c) => tagOf(store, key(c.key)) === c.value) && list(conditions.stringNotEquals).map(record).every((c) => tagOf(store, key(c.key)) !== c.value);
}

/** Whether a drill restores from the vault that holds a copy, in the copy's region, a snapshot as copies are. */
function drillsVault(model: StackModel, drill: Drill, copy: Copy): boolean {
    const region = model.regionOf(drill.plan);
    if (!copy.vault || typeof region !== "string" || region !== copy.location.region) {
        return false;
    }
    const selection = record(drill.plan.props.recoveryPointSelection);
    const vaults = list(selection.includeVaults);
    const included = vaults.includes("*") || model.deps(drill.plan, "recoveryPointSelection").some((v) => v.urn === copy.vault!.urn) || vaults.includes(text(copy.vault.props.arn));
    return included && list(selection.recoveryPointTypes).includes("SNAPSHOT");
}

/** The drills that restore `copy` of `store`, however often they run. */
export function drillsOf(model: StackModel, store: ModelResource, copy: Copy): Drill[] {
    return drills(model).filter((d) => drillsVault(model, d, copy) && d.selections.some((s) => selectsForDrill(model, s, store)));
}
