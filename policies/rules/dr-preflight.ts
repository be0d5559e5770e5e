import { PreflightFinding, PreflightProblem, preflightFindings, preflightRulesFor, quote } from "../catalog";
import { withDefaultTags } from "../catalog/model";
import { resourcePolicy } from "./define";
import { plain } from "./model";

/** A character as a message shows it: itself when visible, else its code point (a space, a tab, a control character). */
function shown(character: string): string {
    return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character)
        ? character
        : `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The bounds of a number, in words. */
function bounds(min: number | undefined, max: number | undefined): string {
    return min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
}

/** What is wrong with a value, and what it must be instead, in words. */
function words(problem: PreflightProblem): { wrong: string; fix: string } {
    switch (problem.kind) {
        case "characters":
            return {
                wrong: `contains ${problem.refused.length === 1 ? "the character" : "the characters"} ${problem.refused.map(shown).join(" ")} (allowed: ${problem.allowed})`,
                fix: `uses only ${problem.allowed}`,
            };
        case "too-long":
            return {
                wrong: `is ${problem.length} characters long (at most ${problem.max})`,
                fix: `is at most ${problem.max} characters long`,
            };
        case "too-short":
            return {
                wrong: `is ${problem.length} characters long (at least ${problem.min})`,
                fix: `is at least ${problem.min} characters long`,
            };
        case "first":
            return {
                wrong: `starts with ${shown(problem.character)} (it must start with ${problem.allowed})`,
                fix: `starts with ${problem.allowed}`,
            };
        case "last":
            return {
                wrong: `ends with ${shown(problem.character)} (it must end with ${problem.allowed})`,
                fix: `ends with ${problem.allowed}`,
            };
        case "missing-prefix":
            return { wrong: `does not start with "${problem.prefix}", as it must`, fix: `starts with "${problem.prefix}"` };
        case "reserved-prefix":
            return { wrong: `starts with "${problem.prefix}", which AWS reserves`, fix: `does not start with "${problem.prefix}"` };
        case "reserved-suffix":
            return { wrong: `ends with "${problem.suffix}", which AWS reserves`, fix: `does not end with "${problem.suffix}"` };
        case "forbidden":
            return { wrong: `contains "${problem.sequence}", which AWS does not allow`, fix: `does not contain "${problem.sequence}"` };
        case "reserved":
            return { wrong: `is a name AWS reserves`, fix: `is not "${problem.value}"` };
        case "ip-address":
            return { wrong: "is formatted as an IP address, which AWS does not allow", fix: "is not an IP address" };
        case "not-one-of":
            return { wrong: `is not one of ${problem.values.join(", ")}`, fix: `is one of ${problem.values.join(", ")}` };
        case "out-of-range":
            return { wrong: `is outside ${bounds(problem.min, problem.max)}`, fix: `is ${bounds(problem.min, problem.max)}` };
        case "too-many":
            return { wrong: `has ${problem.count} entries (at most ${problem.max})`, fix: `has at most ${problem.max} entries` };
        case "too-few":
            return { wrong: `has ${problem.count} entries (at least ${problem.min})`, fix: `has at least ${problem.min} entries` };
    }
}

/**
 * A finding in words: the resource, the input and its value, what AWS refuses of it and where AWS says so, and
 * the fix — on the resource, and the stack-config key where the DR program derives the input from one.
 */
export function preflightMessage(type: string, name: string, finding: PreflightFinding, withProviderTags: boolean): string {
    const said = finding.problems.map(words);
    const value = typeof finding.value === "object" ? "" : ` ${quote(finding.value)}`;
    const tags = withProviderTags && finding.property.startsWith("tags") ? " (with its provider's defaultTags)" : "";
    const derived = finding.rule.configKey ? `; the DR program derives it from ${finding.rule.configKey}` : "";
    return (
        `${type} "${name}": ${finding.path}${tags}${value} ${said.map((s) => s.wrong).join("; ")}. ` +
        `AWS refuses it (${finding.rule.awsField}: ${finding.rule.source}), so the deployment fails at this resource. ` +
        `Fix: set ${finding.property} on this resource so that it ${said.map((s) => s.fix).join(" and ")}${derived}.`
    );
}

export const drPreflight = resourcePolicy("dr-preflight", (args, report, skip) => {
    if (preflightRulesFor(args.type).length === 0) {
        return skip(`no input of ${args.type} is in the pre-flight table`);
    }
    const providerProps = plain(args.provider?.props);
    const inputs = withDefaultTags(plain(args.props), providerProps);
    const withProviderTags = providerProps?.defaultTags?.tags !== undefined;
    for (const finding of preflightFindings(args.type, inputs)) {
        report(preflightMessage(args.type, args.name, finding, withProviderTags));
    }
});
