import { PolicyResource, UnknownValueError } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { ModelResource, StackModel, UNKNOWN, withDefaultTags } from "../catalog/model";

const MAX_DEPTH = 64;

/**
 * A plain copy of analyzer properties: values unknown during preview become `UNKNOWN` instead of
 * throwing when read, so each rule decides what an unknown means rather than the analyzer turning the
 * whole policy advisory.
 */
export function plain(value: unknown, depth = 0): any {
    if (depth > MAX_DEPTH || value === null || typeof value !== "object") {
        return value;
    }
    const read = (get: () => unknown) => {
        try {
            return plain(get(), depth + 1);
        } catch (e) {
            if (e instanceof UnknownValueError) {
                return UNKNOWN;
            }
            throw e;
        }
    };
    if (Array.isArray(value)) {
        return Array.from({ length: value.length }, (_, i) => read(() => value[i]));
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
        result[key] = read(() => (value as Record<string, unknown>)[key]);
    }
    return result;
}

/** Property dependencies by URN: the model follows them instead of parsing computed outputs. */
function dependencyUrns(resource: PolicyResource): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const [key, deps] of Object.entries(resource.propertyDependencies ?? {})) {
        result[key] = (deps ?? []).map((d) => d.urn);
    }
    return result;
}

/** The recovery model's view of the resources an analyzer hands a stack policy. */
export function stackModel(resources: PolicyResource[]): StackModel {
    const models: ModelResource[] = resources.map((r) => {
        const providerProps = plain(r.provider?.props);
        const providerRegion = providerProps?.region;
        return {
            urn: r.urn,
            type: r.type,
            name: r.name,
            props: withDefaultTags(plain(r.props) ?? {}, providerProps),
            parent: r.parent?.urn,
            providerRegion: typeof providerRegion === "string" || providerRegion === UNKNOWN ? providerRegion : undefined,
            propertyDependencies: dependencyUrns(r),
        };
    });
    return new StackModel(models, new pulumi.Config("aws").get("region"));
}
