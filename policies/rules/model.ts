import { PolicyResource, ReportViolation, StackValidationArgs, UnknownValueError } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { ModelResource, StackModel, UnknownMarker, buildModel, plainValue, stores } from "../catalog/model";
import { Skip } from "./guard";

/** The policy SDK hands values unknown at preview as proxies that throw `UnknownValueError` when read. */
export const SDK_UNKNOWN: UnknownMarker = { isThrown: (e) => e instanceof UnknownValueError };

/** A plain copy of a value the policy SDK hands over, unknowns as `UNKNOWN`. */
export function plain(value: unknown): any {
    return plainValue(value, SDK_UNKNOWN);
}

/** The recovery model of the resources the analyzer hands a stack policy, through the catalog's one adapter. */
export function stackModel(resources: PolicyResource[]): StackModel {
    const views = resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        props: r.props,
        parent: r.parent?.urn,
        providerProps: r.provider?.props,
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([key, deps]) => [key, (deps ?? []).map((d) => d.urn)])),
    }));
    return buildModel(views, SDK_UNKNOWN, new pulumi.Config("aws").get("region"));
}

/**
 * The body of a policy about each store: the stack's model, `skip` when it holds no store, and each
 * finding `judge` makes reported on its store.
 */
export function judgeEachStore(
    args: StackValidationArgs,
    report: ReportViolation,
    skip: Skip,
    judge: (model: StackModel, store: ModelResource) => string | string[] | undefined,
): void {
    const model = stackModel(args.resources);
    if (stores(model).length === 0) {
        return skip("the stack holds no stateful store");
    }
    for (const store of stores(model)) {
        for (const finding of [judge(model, store) ?? []].flat()) {
            report(finding, store.urn);
        }
    }
}
