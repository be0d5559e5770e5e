import { ModelResource, StackModel, TYPES, UNKNOWN } from "../../policies/catalog/model";

const TAGS = {
    "dr:cell": "eu",
    "dr:tier": "backup-restore",
    "dr:rto": "24h",
    "dr:rpo": "4h",
    "dr:classification": "personal",
    "dr:residency": "eu",
};

/** A resource for the recovery model, with the six DR tags when it holds data. */
export function resource(
    type: string,
    name: string,
    props: Record<string, any> = {},
    propertyDependencies: Record<string, ModelResource[]> = {},
): ModelResource {
    return {
        urn: `urn:pulumi:test::dr::${type}::${name}`,
        type,
        name,
        props,
        propertyDependencies: Object.fromEntries(Object.entries(propertyDependencies).map(([k, rs]) => [k, rs.map((r) => r.urn)])),
    };
}

/** A personal EU table in eu-west-1, with tags overridable. */
export function euTable(name = "users", props: Record<string, any> = {}, tags: Record<string, string> = {}): ModelResource {
    return resource("aws:dynamodb/table:Table", name, { region: "eu-west-1", tags: { ...TAGS, ...tags }, ...props });
}

export function model(...resources: ModelResource[]): StackModel {
    return new StackModel(resources, "eu-west-1");
}

/** The model's type tokens. */
export const T = TYPES;

/** An EU bucket in `region` whose physical name is its resource name. */
export function bucket(name: string, region = "eu-west-1", props: Record<string, any> = {}): ModelResource {
    return resource(T.bucket, name, { region, bucket: name, tags: euTable().props.tags, ...props });
}

/** A replication configuration from `source` with one enabled rule to `destination` (an unknown ARN, resolved through dependencies). */
export function replication(source: ModelResource, destination: ModelResource, rule: Record<string, any> = {}): ModelResource {
    return resource(
        T.replication,
        `${source.name}-to-${destination.name}`,
        { region: source.props.region, bucket: source.name, rules: [{ status: "Enabled", destination: { bucket: UNKNOWN }, ...rule }] },
        { bucket: [source], rules: [destination] },
    );
}

export function vault(name: string, region = "eu-west-1"): ModelResource {
    return resource(T.vault, name, { region, name });
}

/** A plan in `region` backing up hourly to `home` with hour-long start and completion windows, with copy actions to each destination ARN (or UNKNOWN). */
export function plan(
    name: string,
    home: ModelResource,
    copies: unknown[] = [],
    others: ModelResource[] = [],
    schedule = "cron(0 * ? * * *)",
): ModelResource {
    const rule = {
        schedule,
        startWindow: 60,
        completionWindow: 60,
        targetVaultName: home.props.name,
        copyActions: copies.map((destinationVaultArn) => ({ destinationVaultArn })),
    };
    return resource(T.plan, name, { region: home.props.region, rules: [rule] }, { rules: [home, ...others] });
}

/** A selection of every resource (`*`) for `plan`, in the plan's region, with any props added. */
export function selection(name: string, of: ModelResource, props: Record<string, any> = { resources: ["*"] }): ModelResource {
    return resource(T.selection, name, { region: of.props.region, planId: UNKNOWN, ...props }, { planId: [of] });
}
