import { PolicyResource, ReportViolation, StackValidationArgs, UnknownValueError } from "@pulumi/policy";
import {
    AnalyzerResourceView,
    ModelResource,
    SENTINEL_UNKNOWN,
    StackModel,
    UnknownMarker,
    buildModel,
    plainValue,
    stores,
} from "../catalog/model";
import { Skip } from "./guard";
import { packDeclared } from "./scopes";
import { stackConfig } from "./stackConfig";

/** The policy SDK hands values unknown at preview as proxies that throw `UnknownValueError` when read. */
export const SDK_UNKNOWN: UnknownMarker = { isThrown: (e) => e instanceof UnknownValueError };

/**
 * The key at which a policy SDK proxy (@pulumi/policy 1.x, proxy.js) hands over the plain value it wraps,
 * where unknowns are Pulumi's sentinels: reading that is far cheaper than an exception per unknown.
 */
const PROXY_TARGET = "__getSpecialProxyTarget";

/** A value as it travels: the SDK proxy's plain target, or nothing where the value is not such a proxy. */
function target(value: unknown): unknown {
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[PROXY_TARGET] : undefined;
}

/** A plain copy of a value the policy SDK hands over, unknowns as `UNKNOWN`. */
export function plain(value: unknown): any {
    const raw = target(value);
    return raw === undefined ? plainValue(value, SDK_UNKNOWN) : plainValue(raw, SENTINEL_UNKNOWN);
}

/** What a stack policy is handed of each resource: the SDK proxies' plain targets (see `stackModel`). */
type Raw = { props: unknown; provider: unknown };

/** The last model built, and the stack config and the SDK's property objects it was built from (see `stackModel`). */
let last: { config: string; raws: Raw[]; model: StackModel } | undefined;

/**
 * The recovery model of the resources the analyzer hands a stack policy, through the catalog's one
 * adapter, built once per request rather than once per policy: the SDK hands every stack policy of one
 * request the very same property objects (`deserializeOncePerRequest`), and the objects made for one
 * request are never another's, so the same objects mean the same content. Comparing them is a pointer
 * per resource; the content itself would cost a walk of every value for each policy.
 */
export function stackModel(resources: PolicyResource[]): StackModel {
    const defaultRegion = stackConfig("aws", "region");
    const declared = packDeclared();
    const raws: Raw[] = resources.map((r) => ({ props: target(r.props), provider: r.provider && target(r.provider.props) }));
    const views = (
        props: (r: PolicyResource, i: number) => unknown,
        provider: (r: PolicyResource, i: number) => unknown,
    ): AnalyzerResourceView[] =>
        resources.map((r, i) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            props: props(r, i),
            parent: r.parent?.urn,
            providerProps: provider(r, i),
            propertyDependencies: Object.fromEntries(
                Object.entries(r.propertyDependencies ?? {}).map(([key, deps]) => [key, (deps ?? []).map((d) => d.urn)]),
            ),
            protect: r.opts?.protect === true,
        }));
    if (raws.some((r, i) => r.props === undefined || (resources[i].provider !== undefined && r.provider === undefined))) {
        // Not the SDK's proxies (another caller, another SDK version): read through them, uncached.
        return buildModel(
            views(
                (r) => r.props,
                (r) => r.provider?.props,
            ),
            SDK_UNKNOWN,
            defaultRegion,
            declared,
        );
    }
    const config = JSON.stringify([defaultRegion, declared]);
    if (last === undefined || last.config !== config || !sameObjects(last.raws, raws)) {
        // Let the last request's model and objects go before this one's are built: both at once set the pack's peak memory.
        last = undefined;
        const plainViews = views(
            (_, i) => raws[i].props,
            (_, i) => raws[i].provider,
        );
        last = { config, raws, model: buildModel(plainViews, SENTINEL_UNKNOWN, defaultRegion, declared) };
    }
    return last.model;
}

/** Whether two policies were handed the very same property objects, resource by resource. */
function sameObjects(before: Raw[], now: Raw[]): boolean {
    return before.length === now.length && before.every((r, i) => r.props === now[i].props && r.provider === now[i].provider);
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
