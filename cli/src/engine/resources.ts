import { readFileSync } from "node:fs";
import type { CapturedResource, Properties } from "./capture";
import { plannedOutputs } from "./outputs";
import type { SourcePosition } from "./sourceMaps";

/** A resource as the engine hands it to analyzers: what `analyze` reads and what `analyzeStack` reads. */
export interface AnalyzedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** What `analyze` receives: a custom resource's inputs. */
    inputs: Properties;
    /** What `analyzeStack` receives: a custom resource's (planned or live) outputs, a component's registered outputs. */
    outputs: Properties;
    options: {
        protect: boolean;
        ignoreChanges: string[];
        deleteBeforeReplace: boolean;
        additionalSecretOutputs: string[];
        aliases: string[];
        parent: string;
        customTimeouts?: { create: string; update: string; delete: string };
    };
    provider?: { urn: string; type: string; name: string; properties: Properties };
    parent: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** Where the program declared it, for a resource captured from a program. */
    source?: SourcePosition;
}

/** The stack a set of resources belongs to: what `configureStack` and the pack's environment carry. */
export interface StackContext {
    project: string;
    stack: string;
    organization: string;
    /** A preview (true) or an update / a look at live state (false). */
    dryRun: boolean;
    /** Stack config as the CLI hands it over: every value a string. */
    config: Record<string, string>;
    secretKeys: string[];
}

/**
 * A captured program as the engine would hand it to analyzers in a preview that creates it: each custom
 * resource's provider resolved (an explicit provider's inputs, else the package's default provider from
 * the stack's `<package>:*` config), and its planned outputs with computed properties unknown.
 * `resolveFrom` is where the program's SDK packages are installed (the program's folder).
 */
export function fromCapture(resources: CapturedResource[], context: StackContext, resolveFrom: string): AnalyzedResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return resources.map((r) => {
        const provider = r.custom && !r.type.startsWith("pulumi:providers:") ? providerOf(r, byUrn, context) : undefined;
        const outputs = !r.custom
            ? (r.outputs ?? {})
            : provider
              ? plannedOutputs(r.type, r.inputs, provider.properties.region, resolveFrom)
              : r.inputs;
        return {
            urn: r.urn,
            type: r.type,
            name: r.name,
            custom: r.custom,
            inputs: r.inputs,
            outputs,
            options: {
                protect: r.options.protect,
                ignoreChanges: r.options.ignoreChanges,
                deleteBeforeReplace: r.options.deleteBeforeReplace,
                additionalSecretOutputs: r.options.additionalSecretOutputs,
                aliases: r.options.aliases,
                parent: r.parent,
                customTimeouts: r.options.customTimeouts,
            },
            provider,
            parent: r.parent,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
            ...(r.source ? { source: r.source } : {}),
        };
    });
}

/** An explicit provider's inputs, or the package's default provider, configured from the stack's `<package>:*` keys. */
function providerOf(r: CapturedResource, byUrn: Map<string, CapturedResource>, context: StackContext): AnalyzedResource["provider"] {
    if (r.provider) {
        const urn = r.provider.split("::").slice(0, -1).join("::");
        const explicit = byUrn.get(urn);
        if (explicit) {
            return { urn, type: explicit.type, name: explicit.name, properties: explicit.inputs };
        }
    }
    return defaultProvider(r.type.split(":")[0], r.packageVersion, context);
}

/** The engine names a package's default provider `default_<version>` and configures it from the stack's `<package>:*` keys. */
export function defaultProvider(pkg: string, packageVersion: string, context: StackContext): NonNullable<AnalyzedResource["provider"]> {
    const version = packageVersion || installedVersion(pkg);
    const name = version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
    const properties: Properties = version ? { version } : {};
    for (const [key, value] of Object.entries(context.config)) {
        if (key.startsWith(`${pkg}:`)) {
            properties[key.slice(pkg.length + 1)] = parseConfigValue(value);
        }
    }
    return {
        urn: `urn:pulumi:${context.stack}::${context.project}::pulumi:providers:${pkg}::${name}`,
        type: `pulumi:providers:${pkg}`,
        name,
        properties,
    };
}

function installedVersion(pkg: string): string | undefined {
    try {
        return JSON.parse(readFileSync(require.resolve(`@pulumi/${pkg}/package.json`), "utf8")).version;
    } catch {
        return undefined;
    }
}

function parseConfigValue(value: string): unknown {
    if (/^[[{]/.test(value)) {
        try {
            return JSON.parse(value);
        } catch {
            return value;
        }
    }
    return value;
}
