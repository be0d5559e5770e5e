import { allConfig } from "@pulumi/pulumi/runtime/config";
import { quote } from "../catalog/quote";

/**
 * The stack's config as the pack gets it: the Pulumi CLI starts a pack with its stack's config in the environment
 * (PULUMI_CONFIG), which `@pulumi/pulumi/runtime/config` reads. `pulumi.Config` reads it the same way, but importing
 * it loads the whole Pulumi SDK (about 750 modules) into a pack that needs none of it.
 */
export function stackConfig(namespace: "aws" | "dr", key: string): string | undefined {
    // A pack process serves one stack, started with its config, and nothing in it sets config: read it once. The SDK
    // parses the whole of it for every key read, and resource policies read the stack's intent for every resource.
    config ??= allConfig();
    return config[`${namespace}:${key}`];
}

let config: Record<string, string> | undefined;

/** A structured stack config value (a list or an object, which travel as JSON), parsed; it throws, naming the key, where it is not JSON. */
export function stackConfigObject<T>(namespace: "aws" | "dr", key: string): T | undefined {
    const value = stackConfig(namespace, key);
    if (value === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(value);
    } catch {
        throw new Error(`${namespace}:${key} is ${quote(value)}; expected a list or an object`);
    }
}
