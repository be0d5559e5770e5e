import {
    CLASSIFICATIONS,
    DR_TAGS,
    DR_TAG_KEYS,
    REBUILD_TAG,
    STATEFUL_TYPES,
    TIERS,
    isClassification,
    isStatefulType,
    isTier,
    configEntryKey,
    parseDuration,
} from "../catalog";
import { DeclaredIntent, UNKNOWN, builtByDrComponents, withDefaultTags } from "../catalog/model";
import { resourcePolicy } from "./define";
import { plain } from "./model";
import { packDeclared } from "./scopes";

/**
 * The DR tags each store must carry: every one, less those the stack config declares for all its stores (`dr:tier`,
 * `dr:rto`, `dr:rpo`, `dr:residency`); a stack that declares its tier is itself the cell, so needs no `dr:cell`.
 */
export function requiredTags(declared: DeclaredIntent): string[] {
    const byStack: Record<string, unknown> = {
        [DR_TAGS.cell]: declared.tier,
        [DR_TAGS.tier]: declared.tier,
        [DR_TAGS.rto]: declared.rto,
        [DR_TAGS.rpo]: declared.rpo,
        [DR_TAGS.residency]: declared.residency,
    };
    return DR_TAG_KEYS.filter((key) => byStack[key] === undefined);
}

/** What is wrong with a stateful resource's DR tags, one phrase each; empty when they are complete and well-formed. */
export function classificationProblems(tags: unknown, required: readonly string[] = DR_TAG_KEYS): string[] {
    if (tags === UNKNOWN) {
        return ["its tags are computed from other resources' outputs, so they are not known before deployment"];
    }
    const unknown = DR_TAG_KEYS.filter(
        (key) => typeof tags === "object" && tags !== null && (tags as Record<string, unknown>)[key] === UNKNOWN,
    );
    if (unknown.length > 0) {
        return [`tags ${unknown.join(", ")} are computed from other resources' outputs, so they are not known before deployment`];
    }
    const record = typeof tags === "object" && tags !== null && !Array.isArray(tags) ? (tags as Record<string, unknown>) : {};
    const missing = required.filter((key) => typeof record[key] !== "string" || record[key] === "");
    const problems = missing.length > 0 ? [`missing tags ${missing.join(", ")}`] : [];
    const present = (key: string) => typeof record[key] === "string" && record[key] !== "";
    if (present(DR_TAGS.tier) && !isTier(record[DR_TAGS.tier])) {
        problems.push(`${DR_TAGS.tier} is "${record[DR_TAGS.tier]}", expected one of ${TIERS.join(", ")}`);
    }
    if (present(DR_TAGS.classification) && !isClassification(record[DR_TAGS.classification])) {
        problems.push(`${DR_TAGS.classification} is "${record[DR_TAGS.classification]}", expected one of ${CLASSIFICATIONS.join(", ")}`);
    }
    if (record[DR_TAGS.classification] === "reproducible" && parseDuration(record[REBUILD_TAG]) === undefined) {
        problems.push(
            `it is reproducible, so ${REBUILD_TAG} must say how long rebuilding it from source takes (a duration such as 2h), and it is ${JSON.stringify(record[REBUILD_TAG] ?? null)}`,
        );
    }
    for (const key of [DR_TAGS.rto, DR_TAGS.rpo]) {
        if (present(key) && parseDuration(record[key]) === undefined) {
            problems.push(`${key} is "${record[key]}", expected a duration such as 15m or 4h`);
        }
    }
    return problems;
}

export const drClassification = resourcePolicy("dr-classification", (args, report, skip) => {
    if (!isStatefulType(args.type)) {
        return skip(`only stateful resources (${STATEFUL_TYPES.join(", ")}) must be classified`);
    }
    const required = requiredTags(packDeclared());
    const problems = classificationProblems(withDefaultTags(plain(args.props), plain(args.provider?.props)).tags, required);
    if (problems.length > 0) {
        const fix = builtByDrComponents(args.urn)
            ? `set ${configEntryKey(args.type, "classification") ?? "the store's entry"} in stack config (the DR components tag every store from dr:tables, dr:buckets and dr:databases)`
            : `set the tags ${required.join(", ")} in this resource's tags, or once for every resource of the stack in its stack config's aws:defaultTags: {tags: {...}}` +
              (required.length > 1
                  ? "; dr:tier, dr:rto, dr:rpo and dr:residency may instead be declared once in the stack config, leaving dr:classification on each store"
                  : "");
        report(
            `${args.type} "${args.name}" is not classified for DR: ${problems.join("; ")}. ` +
                "An unclassified store cannot be judged for RTO, RPO, 3-2-1 or residency, so it cannot pass. " +
                `Fix: ${fix}.`,
        );
    }
});
