import { crc32 } from "node:zlib";

/**
 * `aws:iam/getPolicyDocument:getPolicyDocument`, computed as the AWS provider computes it: a pure function of
 * its arguments, so `dr plan` gives the very document `pulumi preview` would. The provider is terraform-provider-aws
 * bridged: internal/service/iam/policy_document_data_source.go reads the arguments, policy_model.go merges the
 * documents and writes the JSON (https://github.com/hashicorp/terraform-provider-aws/tree/main/internal/service/iam).
 */

/** A principal block: its identifiers, one string when there is one, else sorted in reverse as the provider keeps sets. */
interface Principal {
    type: string;
    identifiers: string | string[];
}

interface Condition {
    test: string;
    variable: string;
    values: string | string[];
}

/** A statement as the provider holds it before writing JSON (`iamPolicyStatement`). */
interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Principal?: Principal[];
    NotPrincipal?: Principal[];
    Condition?: Condition[];
}

interface PolicyDoc {
    Version: string;
    Id?: string;
    Statement: Statement[];
}

/** A failure the provider reports for these arguments: the preview fails with it too. */
export class PolicyDocumentError extends Error {}

const VERSIONS = ["2008-10-17", "2012-10-17"];

/** The function's result, as the bridged provider returns it: the document (indented and minified) and its id. */
export function policyDocument(args: Record<string, any>): Record<string, unknown> {
    for (const deprecated of ["sourceJson", "overrideJson"]) {
        if (args[deprecated]) {
            throw new PolicyDocumentError(
                `${deprecated} is no longer used and must be empty; use ${deprecated.replace("Json", "PolicyDocuments")}.`,
            );
        }
    }
    const version: string = args.version ?? "2012-10-17";
    if (!VERSIONS.includes(version)) {
        throw new PolicyDocumentError(`version is ${JSON.stringify(version)}; expected one of ${VERSIONS.join(", ")}.`);
    }
    const merged: PolicyDoc = { Version: "", Statement: [] };
    const sourceSids = new Set<string>();
    (args.sourcePolicyDocuments ?? []).forEach((source: string | undefined, i: number) => {
        if (source === undefined || source === null) {
            return;
        }
        const doc = parseDocument(source, `source document ${i}`);
        doc.Statement.forEach((statement, s) => {
            if (statement.Sid) {
                if (sourceSids.has(statement.Sid)) {
                    throw new PolicyDocumentError(
                        `merging source document ${i}: duplicate Sid (${statement.Sid}) in sourcePolicyDocuments (statement ${s}). Remove the Sid or ensure Sids are unique.`,
                    );
                }
                sourceSids.add(statement.Sid);
            }
        });
        merge(merged, doc);
    });
    const own: PolicyDoc = { Version: version, Id: args.policyId || undefined, Statement: statementsOf(args.statements ?? [], version) };
    merge(merged, own);
    (args.overridePolicyDocuments ?? []).forEach((override: string | undefined, i: number) => {
        if (override !== undefined && override !== null) {
            merge(merged, parseDocument(override, `override document ${i}`));
        }
    });
    const json = goJson(JSON.stringify(document(merged), null, 2));
    return {
        id: String(crc32(json)),
        json,
        minifiedJson: goJson(JSON.stringify(document(merged))),
        version,
        ...(args.policyId ? { policyId: args.policyId } : {}),
        ...(args.statements ? { statements: args.statements } : {}),
        ...(args.sourcePolicyDocuments ? { sourcePolicyDocuments: args.sourcePolicyDocuments } : {}),
        ...(args.overridePolicyDocuments ? { overridePolicyDocuments: args.overridePolicyDocuments } : {}),
    };
}

/** The statements of the function's arguments, checked as the provider's schema checks them. */
function statementsOf(statements: Record<string, any>[], version: string): Statement[] {
    const sids = new Set<string>();
    return statements.map((s, i) => {
        const effect: string = s.effect ?? "Allow";
        if (effect !== "Allow" && effect !== "Deny") {
            throw new PolicyDocumentError(`statements[${i}].effect is ${JSON.stringify(effect)}; expected Allow or Deny.`);
        }
        const statement: Statement = { Effect: effect };
        if (s.sid) {
            if (!/^[a-zA-Z0-9]*$/.test(s.sid)) {
                throw new PolicyDocumentError(
                    `statements[${i}].sid is ${JSON.stringify(s.sid)}; it must only include alphanumeric characters.`,
                );
            }
            if (sids.has(s.sid)) {
                throw new PolicyDocumentError(`duplicate Sid (${s.sid}). Remove the Sid or ensure the Sid is unique.`);
            }
            sids.add(s.sid);
            statement.Sid = s.sid;
        }
        statement.Action = stringSet(s.actions);
        statement.NotAction = stringSet(s.notActions);
        statement.Resource = withVariables(stringSet(s.resources), version);
        statement.NotResource = withVariables(stringSet(s.notResources), version);
        statement.Principal = principalsOf(s.principals, version);
        statement.NotPrincipal = principalsOf(s.notPrincipals, version);
        statement.Condition = conditionsOf(s.conditions, version);
        return statement;
    });
}

/** A set of strings as the provider writes it: absent when empty, the string itself when one, else sorted in reverse. */
function stringSet(values: string[] | undefined): string | string[] | undefined {
    const unique = [...new Set(values ?? [])];
    if (unique.length === 0) {
        return undefined;
    }
    return unique.length === 1 ? unique[0] : unique.sort().reverse();
}

/** `&{aws:username}` is how a program writes the policy variable `${aws:username}`; version 2008-10-17 has no variables. */
function withVariables<T extends string | string[] | undefined>(values: T, version: string): T {
    const replace = (value: string): string => {
        if (version === "2008-10-17" && value.includes("&{")) {
            throw new PolicyDocumentError(`found &{ sequence in (${value}), which is not supported in document version 2008-10-17`);
        }
        return value.replaceAll("&{", "${");
    };
    if (values === undefined) {
        return values;
    }
    return (typeof values === "string" ? replace(values) : values.map(replace)) as T;
}

function principalsOf(principals: { type: string; identifiers?: string[] }[] | undefined, version: string): Principal[] | undefined {
    if (!principals?.length) {
        return undefined;
    }
    return principals.map((p) => ({ type: p.type, identifiers: withVariables(stringSet(p.identifiers) ?? [], version) }));
}

function conditionsOf(
    conditions: { test: string; variable: string; values?: string[] }[] | undefined,
    version: string,
): Condition[] | undefined {
    if (!conditions?.length) {
        return undefined;
    }
    return conditions.map((c) => {
        const values = withVariables([...(c.values ?? [])], version);
        return { test: c.test, variable: c.variable, values: values.length === 1 ? values[0] : values };
    });
}

/** Merges `next` into `into` as the provider does: a later Id and a newer Version win, a statement replaces one of the same Sid. */
function merge(into: PolicyDoc, next: PolicyDoc): void {
    if (next.Id) {
        into.Id = next.Id;
    }
    if (next.Version > into.Version) {
        into.Version = next.Version;
    }
    for (const statement of next.Statement) {
        const same = statement.Sid ? into.Statement.findIndex((s) => s.Sid === statement.Sid) : -1;
        if (same >= 0) {
            into.Statement[same] = statement;
        } else {
            into.Statement.push(statement);
        }
    }
}

/** A JSON policy given as a source or override document, read as the provider's `json.Unmarshal` reads it. */
function parseDocument(text: string, what: string): PolicyDoc {
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        throw new PolicyDocumentError(`merging ${what}: ${(e as Error).message}`);
    }
    const doc = field(raw, "Version", "Id", "Statement");
    if (doc.Statement !== undefined && doc.Statement !== null && !Array.isArray(doc.Statement)) {
        throw new PolicyDocumentError(`merging ${what}: its Statement is not a list of statements`);
    }
    const statements: unknown[] = doc.Statement ?? [];
    return {
        Version: typeof doc.Version === "string" ? doc.Version : "",
        Id: typeof doc.Id === "string" ? doc.Id : undefined,
        Statement: statements.map((s) => {
            const st = field(
                s,
                "Sid",
                "Effect",
                "Action",
                "NotAction",
                "Resource",
                "NotResource",
                "Principal",
                "NotPrincipal",
                "Condition",
            );
            return {
                Sid: typeof st.Sid === "string" ? st.Sid : undefined,
                Effect: typeof st.Effect === "string" ? st.Effect : undefined,
                Action: st.Action,
                NotAction: st.NotAction,
                Resource: st.Resource,
                NotResource: st.NotResource,
                Principal: readPrincipals(st.Principal),
                NotPrincipal: readPrincipals(st.NotPrincipal),
                Condition: readConditions(st.Condition),
            };
        }),
    };
}

/** Go's encoding/json matches object keys to fields without regard to case. */
function field(value: unknown, ...names: string[]): Record<string, any> {
    const result: Record<string, any> = {};
    if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [key, inner] of Object.entries(value)) {
            const name = names.find((n) => n.toLowerCase() === key.toLowerCase());
            if (name) {
                result[name] = inner;
            }
        }
    }
    return result;
}

function readPrincipals(value: unknown): Principal[] | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value === "string") {
        return [{ type: "*", identifiers: ["*"] }];
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new PolicyDocumentError(`unsupported Principal ${JSON.stringify(value).slice(0, 80)}`);
    }
    return Object.entries(value).map(([type, ids]) => ({
        type,
        identifiers: typeof ids === "string" ? ids : (ids as unknown[]).map(String).sort(),
    }));
}

function readConditions(value: unknown): Condition[] | undefined {
    if (!value || typeof value !== "object") {
        return undefined;
    }
    return Object.entries(value as Record<string, Record<string, unknown>>).flatMap(([test, variables]) =>
        Object.entries(variables ?? {}).flatMap(([variable, values]): Condition[] => {
            if (typeof values === "string") {
                return [{ test, variable, values: [values] }];
            }
            if (typeof values === "boolean") {
                return [{ test, variable, values: String(values) }];
            }
            return Array.isArray(values) ? [{ test, variable, values: values.map(String) }] : [];
        }),
    );
}

/** The document as the provider writes it: fields in its struct's order, empty ones left out. */
function document(doc: PolicyDoc): object {
    return {
        Version: doc.Version || undefined,
        Id: doc.Id || undefined,
        Statement: doc.Statement.length
            ? doc.Statement.map((s) => ({
                  Sid: s.Sid || undefined,
                  Effect: s.Effect || undefined,
                  Action: s.Action ?? undefined,
                  NotAction: s.NotAction ?? undefined,
                  Resource: s.Resource ?? undefined,
                  NotResource: s.NotResource ?? undefined,
                  Principal: principalsJson(s.Principal),
                  NotPrincipal: principalsJson(s.NotPrincipal),
                  Condition: conditionsJson(s.Condition),
              }))
            : undefined,
    };
}

/**
 * A principal set's JSON: `"*"` for everyone, else identifiers grouped by type (policy_model.go, MarshalJSON). Several
 * blocks of one type join in the program's order; the provider's follows its set's hashes, which no verdict reads.
 */
function principalsJson(principals: Principal[] | undefined): unknown {
    if (!principals?.length) {
        return undefined;
    }
    const [only] = principals;
    const ids = only.identifiers;
    if (principals.length === 1 && only.type === "*" && (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*"))) {
        return "*";
    }
    const byType: Record<string, string | string[]> = {};
    for (const { type, identifiers } of principals) {
        const held = byType[type];
        if (Array.isArray(identifiers)) {
            byType[type] = [...(held === undefined ? [] : [held].flat()), ...[...identifiers].sort().reverse()];
        } else {
            byType[type] = held === undefined ? identifiers : [...[held].flat(), identifiers];
        }
    }
    return sortedKeys(byType);
}

/** Conditions grouped by test and variable, values kept in order, one value written as a string (policy_model.go). */
function conditionsJson(conditions: Condition[] | undefined): unknown {
    if (!conditions?.length) {
        return undefined;
    }
    const byTest: Record<string, Record<string, string[]>> = {};
    for (const { test, variable, values } of conditions) {
        ((byTest[test] ??= {})[variable] ??= []).push(...[values].flat());
    }
    return sortedKeys(
        Object.fromEntries(
            Object.entries(byTest).map(([test, variables]) => [
                test,
                sortedKeys(
                    Object.fromEntries(Object.entries(variables).map(([v, values]) => [v, values.length === 1 ? values[0] : values])),
                ),
            ]),
        ),
    );
}

/** Go writes a map's keys in sorted order. */
function sortedKeys<T>(map: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Go's encoding/json escapes <, >, & and the line separators U+2028 and U+2029 inside strings. */
function goJson(json: string): string {
    return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
