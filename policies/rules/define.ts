import {
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { policyUrl } from "./docs";
import { Skip, guarded } from "./guard";
import { PackPolicyName, policyFacts } from "./manifest";

/** What the pack says of a policy, from its manifest entry: everything but its check. */
export function packFacts(name: PackPolicyName) {
    const facts = policyFacts(name);
    return {
        name,
        description: facts.description,
        enforcementLevel: facts.enforcementLevel,
        severity: facts.severity,
        url: policyUrl(name),
        remediationSteps: facts.remediation,
        ...(facts.configSchema ? { configSchema: facts.configSchema } : {}),
    };
}

/** A policy judging the whole stack: its manifest entry, and its check guarded so it never throws. */
export function stackPolicy(
    name: PackPolicyName,
    check: (args: StackValidationArgs, report: ReportViolation, skip: Skip) => void,
): StackValidationPolicy {
    return { ...packFacts(name), validateStack: guarded(name, check) };
}

/** A policy judging each resource: its manifest entry, and its check guarded so it never throws. */
export function resourcePolicy(
    name: PackPolicyName,
    check: (args: ResourceValidationArgs, report: ReportViolation, skip: Skip) => void,
): ResourceValidationPolicy {
    return { ...packFacts(name), validateResource: guarded(name, check) };
}
