import { AWS_DEFAULTS, DerivedDefault } from "../defaults";
import { DeclaredIntent, ModelResource, StackModel, UNKNOWN, record } from "./resources";

/**
 * A resource as an analyzer hands it to a stack policy, before the model reads it: the pack gets it from
 * the policy SDK, `dr` from its engine. Both go through `buildModel`, so what the pack judges and what
 * `dr` reports as posture come from one reading.
 */
export interface AnalyzerResourceView {
    urn: string;
    type: string;
    name: string;
    /** Output properties; unknown values marked as the analyzer marks them, secrets possibly wrapped. */
    props: unknown;
    /** URN of the parent resource, if any. */
    parent?: string;
    /** The provider's properties (its region, its default tags). */
    providerProps?: unknown;
    /** For each property, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
    /** The resource's `protect` option. */
    protect?: boolean;
}

/**
 * How an analyzer marks a value that is not known before deployment: the engine's wire form puts a
 * sentinel in its place; the policy SDK hands a proxy that throws when such a value is read.
 */
export type UnknownMarker = { isSentinel: (value: unknown) => boolean } | { isThrown: (error: unknown) => boolean };

/** Pulumi's markers for a value unknown before deployment (string, boolean, number, array, asset, archive, object). */
const UNKNOWN_SENTINELS = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** Values in Pulumi's wire form: a sentinel stands where an unknown value would be. */
export const SENTINEL_UNKNOWN: UnknownMarker = { isSentinel: (value) => typeof value === "string" && UNKNOWN_SENTINELS.has(value) };

/** The key that marks a secret in Pulumi's serialized values, and its signature. */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const MAX_DEPTH = 64;

/**
 * A plain copy of an analyzer value: unknowns become `UNKNOWN` so each rule decides what an unknown
 * means (rather than the analyzer turning the whole policy advisory), and secrets become their values
 * (the model judges structure and prints no property values).
 */
export function plainValue(value: unknown, marker: UnknownMarker, depth = 0): any {
    if ("isSentinel" in marker && marker.isSentinel(value)) {
        return UNKNOWN;
    }
    if (depth > MAX_DEPTH || value === null || typeof value !== "object") {
        return value;
    }
    const read = (get: () => unknown) => {
        try {
            return plainValue(get(), marker, depth + 1);
        } catch (e) {
            if ("isThrown" in marker && marker.isThrown(e)) {
                return UNKNOWN;
            }
            throw e;
        }
    };
    if (Array.isArray(value)) {
        return Array.from({ length: value.length }, (_, i) => read(() => value[i]));
    }
    const object = value as Record<string, unknown>;
    if (object[SIG] === SECRET_SIG && "value" in object) {
        return read(() => object.value);
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
        result[key] = read(() => object[key]);
    }
    return result;
}

/**
 * A resource's properties with its AWS provider's `defaultTags` merged under its own tags, as AWS
 * applies them: tags set through the provider classify a store as well as its own do.
 */
export function withDefaultTags(props: Record<string, any>, providerProps: unknown): Record<string, any> {
    const defaults = record(record(providerProps).defaultTags).tags;
    if (defaults === undefined || props.tags === UNKNOWN) {
        return props;
    }
    return { ...props, tags: defaults === UNKNOWN ? UNKNOWN : { ...record(defaults), ...record(props.tags) } };
}

/**
 * A resource's properties with AWS's documented defaults (`AWS_DEFAULTS`) where a value reads as unknown only because
 * the provider computes it and the program set none: no property dependency says it came from another resource.
 */
export function withAwsDefaults(
    type: string,
    props: Record<string, any>,
    propertyDependencies: Record<string, string[]>,
): Record<string, any> {
    const defaults = AWS_DEFAULTS[type];
    if (!defaults) {
        return props;
    }
    const known = { ...props };
    const unset = (property: string) =>
        (known[property] === UNKNOWN || known[property] === undefined) && (propertyDependencies[property] ?? []).length === 0;
    const entries = Object.entries(defaults);
    const derived = entries.filter(([property, value]) => value instanceof DerivedDefault && unset(property));
    for (const [property, value] of entries) {
        if (!(value instanceof DerivedDefault) && unset(property)) {
            known[property] = value;
        }
    }
    for (const [property, value] of derived) {
        known[property] = (value as DerivedDefault).derive(known);
    }
    return known;
}

/** The one way analyzer resources become the recovery model. `defaultRegion` is the stack's `aws:region`. */
export function buildModel(
    resources: AnalyzerResourceView[],
    marker: UnknownMarker,
    defaultRegion: string | undefined,
    declared: DeclaredIntent = {},
): StackModel {
    const models: ModelResource[] = resources.map((r) => {
        const providerProps = plainValue(r.providerProps ?? {}, marker);
        const providerRegion = record(providerProps).region;
        return {
            urn: r.urn,
            type: r.type,
            name: r.name,
            props: withAwsDefaults(r.type, withDefaultTags(record(plainValue(r.props, marker)), providerProps), r.propertyDependencies),
            parent: r.parent || undefined,
            providerRegion: typeof providerRegion === "string" || providerRegion === UNKNOWN ? providerRegion : undefined,
            propertyDependencies: r.propertyDependencies,
            protect: r.protect,
        };
    });
    return new StackModel(models, defaultRegion, declared);
}
