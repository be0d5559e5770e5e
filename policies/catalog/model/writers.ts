import { perModel } from "./cache";
import { ModelResource, StackModel, TYPES, Unknown, list, record, text } from "./resources";

/** A service that may write a store, and where it runs (where what it writes lands first). */
export interface Writer {
    service: ModelResource;
    region: string | Unknown | undefined;
}

/** IAM actions that change data in a store: writing, deleting or replacing objects and items. */
const WRITE_ACTION = /^(\*|s3:\*|s3:(Put|Delete|Replicate|Restore)\w*|dynamodb:\*|dynamodb:(Put|Update|Delete|BatchWrite|PartiQL(Insert|Update|Delete))\w*|rds-data:\*|rds-data:(Execute|BatchExecute)\w*)$/i;

/** Whether a policy document may grant writes: unknown before deployment, or unreadable, counts as may. */
function mayWrite(document: unknown): boolean {
    if (typeof document !== "string") {
        return true;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(document);
    } catch {
        return true;
    }
    return list([record(parsed).Statement].flat())
        .map(record)
        .filter((s) => s.Effect === "Allow")
        .some((s) => [s.Action].flat().some((action) => typeof action === "string" && WRITE_ACTION.test(action)));
}

/** The policy documents attached to a role: its inline policies, and the managed policies of this stack attached to it. */
function policyDocuments(model: StackModel, role: ModelResource): ModelResource[] {
    const inline = model.referrers(role, TYPES.rolePolicy, "role");
    const attached = model.referrers(role, TYPES.rolePolicyAttachment, "role").flatMap((a) => model.deps(a, "policyArn", TYPES.policy));
    return [...inline, ...attached];
}

/**
 * For every resource, the ECS services whose task role may write it: the role's policy documents were
 * built from the resource (its ARN or name went into them) and grant — or, unknown before deployment, may
 * grant — a write action. Read from property dependencies, never from the documents' computed ARNs.
 */
const writersByResource = perModel((model) => {
    const writers = new Map<string, Writer[]>();
    for (const service of model.ofType(TYPES.service)) {
        const region = model.regionOf(service);
        const roles = model.deps(service, "taskDefinition", TYPES.taskDefinition).flatMap((td) => model.deps(td, "taskRoleArn", TYPES.role));
        for (const document of roles.flatMap((role) => policyDocuments(model, role))) {
            if (!mayWrite(text(document.props.policy))) {
                continue;
            }
            for (const urn of new Set(document.propertyDependencies.policy ?? [])) {
                const known = writers.get(urn) ?? [];
                if (!known.some((w) => w.service.urn === service.urn)) {
                    writers.set(urn, [...known, { service, region }]);
                }
            }
        }
    }
    return writers;
});

/** The services that may write `resource`. */
export function writersOf(model: StackModel, resource: ModelResource): Writer[] {
    return writersByResource(model).get(resource.urn) ?? [];
}
