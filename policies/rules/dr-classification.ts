import {
    CLASSIFICATIONS,
    DR_TAGS,
    DR_TAG_KEYS,
    STATEFUL_TYPES,
    TIERS,
    isClassification,
    isStatefulType,
    isTier,
    parseDuration,
} from "../catalog";
import { UNKNOWN, withDefaultTags } from "../catalog/model";
import { resourcePolicy } from "./define";
import { plain } from "./model";

/** What is wrong with a stateful resource's DR tags, one phrase each; empty when they are complete and well-formed. */
export function classificationProblems(tags: unknown): string[] {
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
    const missing = DR_TAG_KEYS.filter((key) => typeof record[key] !== "string" || record[key] === "");
    const problems = missing.length > 0 ? [`missing tags ${missing.join(", ")}`] : [];
    const present = (key: string) => !missing.includes(key);
    if (present(DR_TAGS.tier) && !isTier(record[DR_TAGS.tier])) {
        problems.push(`${DR_TAGS.tier} is "${record[DR_TAGS.tier]}", expected one of ${TIERS.join(", ")}`);
    }
    if (present(DR_TAGS.classification) && !isClassification(record[DR_TAGS.classification])) {
        problems.push(`${DR_TAGS.classification} is "${record[DR_TAGS.classification]}", expected one of ${CLASSIFICATIONS.join(", ")}`);
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
    const problems = classificationProblems(withDefaultTags(plain(args.props), plain(args.provider?.props)).tags);
    if (problems.length > 0) {
        report(
            `${args.type} "${args.name}" is not classified for DR: ${problems.join("; ")}. ` +
                "An unclassified store cannot be judged for RTO, RPO, 3-2-1 or residency, so it cannot pass. " +
                `Fix: set the tags ${DR_TAG_KEYS.join(", ")} (the DR components do this from dr:tables and dr:buckets).`,
        );
    }
});
