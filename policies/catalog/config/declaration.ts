/**
 * How Pulumi.yaml declares each key of the `dr` namespace, derived from the schema through JSON Schema (whose types
 * Pulumi's config types are). The reader uses it too: the Pulumi CLI hands every value to the program as text, typed
 * values (a mapping, a list, a number) as their JSON.
 */
import { z } from "zod";
import { DR_NAMESPACE } from "./schema";

/** The config types a key of the namespace may be declared with. */
export type DeclaredType = "string" | "integer" | "object" | "array";

export interface Declaration {
    /** The key's schema, as the namespace has it. */
    schema: z.ZodType;
    type: DeclaredType;
    /** The type of a list's entries. */
    items?: DeclaredType;
    /** Whether the key has a default, and which: Pulumi.yaml declares it and the Pulumi CLI applies it. */
    default?: { value: unknown };
    /** Declared without a default, so the Pulumi CLI requires it on every stack. */
    required: boolean;
    /** The values of an enumeration. */
    values?: readonly string[];
}

function declaredType(key: string, schema: z.core.JSONSchema._JSONSchema | undefined): DeclaredType {
    const options = typeof schema === "object" ? (schema.oneOf ?? schema.anyOf) : undefined;
    // A union of one kind of value (dr:backup's two mappings) is declared as that kind.
    const types = new Set(
        options
            ? options.map((option) => (typeof option === "object" ? option.type : undefined))
            : [typeof schema === "object" ? schema.type : undefined],
    );
    const [type] = types;
    if (types.size === 1 && (type === "string" || type === "integer" || type === "object" || type === "array")) {
        return type;
    }
    // A new kind of key needs the reader to decode it from the CLI's text first (read.ts), then a case here.
    throw new Error(
        `${key}: declared as ${JSON.stringify([...types])}; the stack config reader decodes string, integer, object and array keys`,
    );
}

/** The declaration of each key of `namespace`, in its order. */
export function declarations(namespace: z.ZodObject = DR_NAMESPACE): ReadonlyMap<string, Declaration> {
    const json = z.toJSONSchema(namespace, { io: "input", unrepresentable: "any" });
    const required = new Set(json.required ?? []);
    return new Map(
        Object.entries(namespace.shape).map(([key, schema]): [string, Declaration] => {
            const property = json.properties?.[key];
            const declaration: Declaration = { schema, type: declaredType(key, property), required: required.has(key) };
            if (typeof property === "object") {
                if (declaration.type === "array" && property.items !== undefined && !Array.isArray(property.items)) {
                    declaration.items = declaredType(`${key}[]`, property.items);
                }
                if ("default" in property) {
                    declaration.default = { value: property.default };
                }
                if (Array.isArray(property.enum) && property.enum.every((value): value is string => typeof value === "string")) {
                    declaration.values = property.enum;
                }
            }
            return [key, declaration];
        }),
    );
}
