import { storeTypeOf } from "../stores";
import { perModel } from "./cache";
import { ModelResource, StackModel, TYPES, Unknown, list, record, text } from "./resources";

/** A service that may write a store, and where it runs (where what it writes lands first). */
export interface Writer {
    service: ModelResource;
    region: string | Unknown | undefined;
}

/** IAM actions that change data, by the service prefix they belong to: writing, deleting or replacing objects and items. */
const WRITE_ACTION =
    /^(\*|s3:\*|s3:(Put|Delete|Replicate|Restore)\w*|dynamodb:\*|dynamodb:(Put|Update|Delete|BatchWrite|PartiQL(Insert|Update|Delete))\w*|rds-data:\*|rds-data:(Execute|BatchExecute)\w*|kinesis:\*|kinesis:Put\w*|sqs:\*|sqs:(SendMessage|DeleteMessage|PurgeQueue)\w*)$/i;

/**
 * The services a policy document may write to ("*" for all): unknown before deployment, or unreadable,
 * counts as all — a service that may write is a writer.
 */
function writtenServices(document: unknown): Set<string> {
    const all = new Set(["*"]);
    if (typeof document !== "string") {
        return all;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(document);
    } catch {
        return all;
    }
    const services = new Set<string>();
    for (const statement of list([record(parsed).Statement].flat()).map(record)) {
        if (statement.Effect !== "Allow") {
            continue;
        }
        for (const action of [statement.Action].flat()) {
            if (typeof action === "string" && WRITE_ACTION.test(action)) {
                services.add(action === "*" ? "*" : (action as string).split(":")[0].toLowerCase());
            }
        }
    }
    return services;
}

function writes(services: Set<string>, store: ModelResource): boolean {
    const service = storeTypeOf(store.type)?.writeService;
    return services.has("*") || (service === undefined ? services.size > 0 : services.has(service));
}

/** The policy documents attached to a role: its inline policies, and the managed policies of this stack attached to it. */
export function policyDocuments(model: StackModel, role: ModelResource): ModelResource[] {
    const inline = model.referrers(role, TYPES.rolePolicy, "role");
    const attached = model.referrers(role, TYPES.rolePolicyAttachment, "role").flatMap((a) => model.deps(a, "policyArn", TYPES.policy));
    return [...inline, ...attached];
}

/**
 * For every resource, the ECS services whose task role may write it: the role's policy documents were
 * built from the resource (its ARN or name went into them) and grant — or, unknown before deployment, may
 * grant — a write action of the resource's service (s3 for a bucket, dynamodb for a table). Read from
 * property dependencies, never from the documents' computed ARNs.
 */
const writersByResource = perModel((model) => {
    const writers = new Map<string, Writer[]>();
    for (const service of model.ofType(TYPES.service)) {
        const region = model.regionOf(service);
        const roles = model
            .deps(service, "taskDefinition", TYPES.taskDefinition)
            .flatMap((td) => model.deps(td, "taskRoleArn", TYPES.role));
        for (const document of roles.flatMap((role) => policyDocuments(model, role))) {
            const services = writtenServices(text(document.props.policy));
            if (services.size === 0) {
                continue;
            }
            for (const urn of new Set(document.propertyDependencies.policy ?? [])) {
                const target = model.byUrn(urn);
                if (!target || !writes(services, target)) {
                    continue;
                }
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

const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

/**
 * For each security group, the security groups it admits traffic from: ingress rules (the VPC rule resource,
 * the legacy rule resource of type ingress) and a group's inline ingress, read from what they were built from.
 */
const admittedFrom = perModel((model) => {
    const admits = new Map<string, Set<string>>();
    const add = (target: ModelResource[], sources: ModelResource[]) => {
        for (const t of target) {
            const set = admits.get(t.urn) ?? new Set<string>();
            sources.forEach((s) => set.add(s.urn));
            admits.set(t.urn, set);
        }
    };
    for (const rule of model.ofType(INGRESS_RULE)) {
        add(model.deps(rule, "securityGroupId", SECURITY_GROUP), model.deps(rule, "referencedSecurityGroupId", SECURITY_GROUP));
    }
    for (const rule of model.ofType(LEGACY_RULE).filter((r) => r.props.type === "ingress")) {
        add(model.deps(rule, "securityGroupId", SECURITY_GROUP), model.deps(rule, "sourceSecurityGroupId", SECURITY_GROUP));
    }
    for (const group of model.ofType(SECURITY_GROUP)) {
        add([group], model.deps(group, "ingress", SECURITY_GROUP));
    }
    return admits;
});

/**
 * The ECS services that can reach a database over the network: a security group of the database admits one of
 * the service's. What a service reaches it depends on; whether it can write there is the database's to say.
 */
export function servicesReaching(model: StackModel, database: ModelResource): ModelResource[] {
    const admits = admittedFrom(model);
    const databaseGroups = model.deps(database, "vpcSecurityGroupIds", SECURITY_GROUP);
    return model.ofType(TYPES.service).filter((service) => {
        const serviceGroups = model.deps(service, "networkConfiguration", SECURITY_GROUP);
        return databaseGroups.some((g) => serviceGroups.some((sg) => admits.get(g.urn)?.has(sg.urn)));
    });
}
