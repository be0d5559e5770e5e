import { ModelResource, StackModel } from "../../policies/catalog/model";

const TAGS = { "dr:cell": "eu", "dr:tier": "backup-restore", "dr:rto": "24h", "dr:rpo": "4h", "dr:classification": "personal", "dr:residency": "eu" };

/** A resource for the recovery model, with the six DR tags when it holds data. */
export function resource(type: string, name: string, props: Record<string, any> = {}, propertyDependencies: Record<string, ModelResource[]> = {}): ModelResource {
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
