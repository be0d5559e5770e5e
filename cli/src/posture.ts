import { ModelResource, Posture, StackModel, UNKNOWN, posture, withDefaultTags, withUnknowns } from "../../policies/catalog/model";
import { AnalyzedResource } from "./analyzer";
import { SIG, UNKNOWN_SENTINEL } from "./capture";

/** Secrets are read as their values: the posture judges structure, and prints no property values. */
function unwrapSecrets(value: any): any {
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (value !== null && typeof value === "object") {
        if (SIG in value && "value" in value) {
            return unwrapSecrets(value.value);
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/** The DR posture of a planned stack, from the same recovery model the policy pack judges with. */
export function stackPosture(resources: (AnalyzedResource & { outputs?: Record<string, unknown> })[], region: string | undefined): Posture {
    const isUnknown = (v: unknown) => v === UNKNOWN_SENTINEL;
    const models: ModelResource[] = resources.map((r) => {
        const providerProps = withUnknowns(unwrapSecrets(r.provider?.properties ?? {}), isUnknown);
        const providerRegion = providerProps.region;
        return {
            urn: r.urn,
            type: r.type,
            name: r.name,
            props: withDefaultTags(withUnknowns(unwrapSecrets(r.outputs ?? r.properties), isUnknown), providerProps),
            parent: r.parent || undefined,
            providerRegion: typeof providerRegion === "string" || providerRegion === UNKNOWN ? providerRegion : undefined,
            propertyDependencies: r.propertyDependencies,
        };
    });
    return posture(new StackModel(models, region));
}
