import { ModelResource, StackModel, text } from "./resources";

/**
 * A derivation computed once per model and kept privately by the module that defines it: the rules ask
 * the same questions of one stack many times, and a model is never changed after it is built.
 */
export function perModel<T>(derive: (model: StackModel) => T): (model: StackModel) => T {
    const cache = new WeakMap<StackModel, T>();
    return (model) => {
        if (!cache.has(model)) {
            cache.set(model, derive(model));
        }
        return cache.get(model) as T;
    };
}

/** Like `perModel`, for a derivation about one resource of the model. */
export function perResource<T>(
    derive: (model: StackModel, resource: ModelResource) => T,
): (model: StackModel, resource: ModelResource) => T {
    const cache = new WeakMap<StackModel, Map<string, T>>();
    return (model, resource) => {
        let results = cache.get(model);
        if (!results) {
            results = new Map();
            cache.set(model, results);
        }
        if (!results.has(resource.urn)) {
            results.set(resource.urn, derive(model, resource));
        }
        return results.get(resource.urn) as T;
    };
}

/** The model's resources of `types` grouped by the key each yields (none: left out), built once per model. */
export function indexBy(
    types: readonly string[],
    keyOf: (model: StackModel, resource: ModelResource) => string | undefined,
): (model: StackModel) => Map<string, ModelResource[]> {
    return perModel((model) => {
        const index = new Map<string, ModelResource[]>();
        for (const resource of model.ofType(...types)) {
            const key = keyOf(model, resource);
            if (key !== undefined) {
                index.set(key, [...(index.get(key) ?? []), resource]);
            }
        }
        return index;
    });
}

/** `indexBy` a string property known at preview, such as a name. */
export function indexByProperty(types: readonly string[], property: string): (model: StackModel) => Map<string, ModelResource[]> {
    return indexBy(types, (_, resource) => {
        const value = text(resource.props[property]);
        return typeof value === "string" ? value : undefined;
    });
}
