import {
    Policy,
    PolicyResource,
    ResourceValidationPolicy,
    StackValidationPolicy,
    UnknownValueError,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { AnalyzedResource } from "../../cli/src/engine/resources";

const SIG = "4dabf18193072939515e22adb298388d";

/** Values as the policy SDK deserializes them for a policy: secrets unwrapped, undefined dropped. */
function deserialized(value: unknown): any {
    if (Array.isArray(value)) {
        return value.map(deserialized);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    if ((value as Record<string, unknown>)[SIG] !== undefined && "value" in value) {
        return deserialized((value as Record<string, unknown>).value);
    }
    return Object.fromEntries(
        Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, deserialized(v)]),
    );
}

class NotApplicable extends Error {}

/** What one policy said when run in-process, as the SDK's server would run it. */
export interface InProcessResult {
    violations: string[];
    /** The policy read a value unknown at preview: the SDK reports "can't run during preview". */
    unknown: boolean;
    notApplicable: boolean;
}

/** Resources with their inputs, outputs and provider properties deserialized once, for many policies to read. */
export interface Deserialized {
    resource: AnalyzedResource;
    inputs: any;
    outputs: any;
    provider: any;
}

export function deserialize(resources: AnalyzedResource[]): Deserialized[] {
    return resources.map((resource) => ({
        resource,
        inputs: deserialized(resource.inputs),
        outputs: deserialized(resource.outputs),
        provider: resource.provider && deserialized(resource.provider.properties),
    }));
}

/**
 * Runs a policy of the pack in this process against resources in the engine's form, building its
 * arguments the way the policy SDK's server does (proxies that throw on unknown values, parents and
 * dependencies as objects). An exception other than the SDK's own escapes: in a real pack it would fail
 * the whole preview.
 */
export async function runPolicy(
    policy: Policy,
    resources: Deserialized[],
    config: Record<string, unknown> = {},
): Promise<InProcessResult[]> {
    const policyArgs = {
        getConfig: () => config,
        notApplicable: () => {
            throw new NotApplicable();
        },
    };
    const outcome = async (run: (report: (message: string) => void) => unknown): Promise<InProcessResult> => {
        const violations: string[] = [];
        try {
            await run((message) => violations.push(message));
            return { violations, unknown: false, notApplicable: false };
        } catch (e) {
            if (e instanceof UnknownValueError || e instanceof NotApplicable) {
                return { violations, unknown: e instanceof UnknownValueError, notApplicable: e instanceof NotApplicable };
            }
            throw e;
        }
    };
    const resourcePolicy = (policy as ResourceValidationPolicy).validateResource;
    if (resourcePolicy) {
        const validate = resourcePolicy as (args: any, report: (m: string) => void) => unknown;
        return Promise.all(
            resources.map(({ resource: r, inputs, provider }) =>
                outcome((report) =>
                    validate(
                        {
                            ...policyArgs,
                            type: r.type,
                            urn: r.urn,
                            name: r.name,
                            props: unknownCheckingProxy(inputs),
                            opts: { protect: r.options.protect },
                            provider: r.provider && {
                                type: r.provider.type,
                                urn: r.provider.urn,
                                name: r.provider.name,
                                props: unknownCheckingProxy(provider),
                            },
                        },
                        report,
                    ),
                ),
            ),
        );
    }
    const byUrn = new Map<string, PolicyResource>();
    const policyResources = resources.map(({ resource: r, outputs, provider }) => {
        const resource = {
            type: r.type,
            urn: r.urn,
            name: r.name,
            props: unknownCheckingProxy(outputs),
            opts: { protect: r.options.protect },
            dependencies: [] as PolicyResource[],
            propertyDependencies: {} as Record<string, PolicyResource[]>,
            provider: r.provider && {
                type: r.provider.type,
                urn: r.provider.urn,
                name: r.provider.name,
                props: unknownCheckingProxy(provider),
            },
        } as unknown as PolicyResource;
        byUrn.set(r.urn, resource);
        return resource;
    });
    resources.forEach(({ resource: r }, i) => {
        const resource = policyResources[i] as any;
        resource.parent = byUrn.get(r.parent);
        resource.dependencies = r.dependencies.map((urn) => byUrn.get(urn)).filter(Boolean);
        for (const [key, urns] of Object.entries(r.propertyDependencies)) {
            resource.propertyDependencies[key] = urns.map((urn) => byUrn.get(urn)).filter(Boolean);
        }
    });
    const validate = (policy as StackValidationPolicy).validateStack as (args: any, report: (m: string) => void) => unknown;
    return [await outcome((report) => validate({ ...policyArgs, resources: policyResources }, report))];
}
