import { createHash } from "node:crypto";
import * as path from "node:path";
import { AnalyzedResource, Diagnostic, PolicyInfo } from "../../engine";
import { scopeOf } from "../../../../policies/rules/words";
import { StackFileLines, relativeUri } from "./configLines";
import { findingAndFix } from "./markdown";
import { StackPlan } from "./run";

/**
 * `dr plan --format sarif`: SARIF 2.1.0 for GitHub code scanning. One rule per policy of the packs, one
 * result per violation located where its fix is (see `locate`), with a fingerprint that stays put while the
 * finding does. A waived violation carries an accepted suppression.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */

const LEVELS: Record<string, string> = { mandatory: "error", advisory: "warning", remediate: "warning", disabled: "none" };
/** GitHub orders alerts by this 0-10 score. */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function rule(policy: PolicyInfo, pack: string): object {
    return {
        id: policy.name,
        name: policy.name,
        shortDescription: { text: policy.description },
        fullDescription: { text: policy.description },
        ...(policy.url ? { helpUri: policy.url } : {}),
        help: {
            text: policy.remediationSteps ?? policy.description,
            markdown: `**${policy.name}** (${pack}): ${policy.remediationSteps ?? policy.description}`,
        },
        defaultConfiguration: { level: LEVELS[policy.enforcementLevel] ?? "warning" },
        properties: {
            tags: ["disaster-recovery", pack],
            ...(policy.severity ? { "security-severity": SECURITY_SEVERITY[policy.severity] } : {}),
        },
    };
}

/** The same finding gets the same fingerprint run after run: stack, pack, policy and resource, not the message's figures. */
function fingerprint(stack: string, v: Diagnostic): string {
    return createHash("sha256")
        .update(JSON.stringify([stack, v.policyPack, v.policy, v.urn]))
        .digest("hex")
        .slice(0, 32);
}

/** dr as the log names its tool: its version, and where it is documented. */
export interface SarifTool {
    version: string;
    informationUri: string;
}

/** Which program the plans ran: the project's own declares every resource from its stack file; any other, in its code. */
export type DeclaredIn = "stack file" | "program";

/** Where a result points: a file relative to the project folder, and a line in it. */
interface Place {
    uri: string;
    line: number;
}

/**
 * The line that declared a resource, or else the nearest parent declared in the project's own files: a resource
 * made inside a library's component (under node_modules, or outside the project) is changed where that component is.
 */
function declaration(resource: AnalyzedResource | undefined, byUrn: Map<string, AnalyzedResource>, projectDir: string): Place | undefined {
    for (let r = resource; r; r = byUrn.get(r.parent)) {
        const uri = r.source ? relativeUri(projectDir, r.source.file) : undefined;
        if (uri && !uri.startsWith("../") && !path.isAbsolute(uri) && !uri.split("/").includes("node_modules")) {
            return { uri, line: r.source!.line };
        }
    }
    return undefined;
}

/**
 * Where a finding's fix is. The project's own program declares each resource from the stack file: the config entry
 * or key behind it, else the code that declared it. Any other program declares resources in code: the line that
 * declared the resource, else the stack file's key the policy judges; line 1 of the stack file when nothing says more.
 */
function locate(
    v: Diagnostic,
    resource: AnalyzedResource | undefined,
    stackFile: StackFileLines,
    declared: Place | undefined,
    declaredIn: DeclaredIn,
    projectDir: string,
): Place {
    const uri = relativeUri(projectDir, stackFile.file);
    const line = stackFile.configLine(v.policy, resource?.type ?? "", resource?.name ?? "", scopeOf(v.message));
    const configured = line === undefined ? undefined : { uri, line };
    return (declaredIn === "stack file" ? (configured ?? declared) : (declared ?? configured)) ?? { uri, line: 1 };
}

export function renderSarif(plans: StackPlan[], projectDir: string, tool: SarifTool, declaredIn: DeclaredIn = "stack file"): string {
    const rules = new Map<string, object>();
    for (const info of plans.flatMap((p) => p.verdict.packs)) {
        for (const policy of info.policies) {
            if (!rules.has(policy.name)) {
                rules.set(policy.name, rule(policy, info.name));
            }
        }
    }
    const ruleIds = [...rules.keys()];
    const results = plans.flatMap((plan) => {
        const stackFile = new StackFileLines(path.join(projectDir, `Pulumi.${plan.stack}.yaml`));
        const resources = new Map(plan.resources.map((r) => [r.urn, r]));
        return plan.verdict.violations.map((v) => {
            if (!rules.has(v.policy)) {
                // A finding of dr plan's own (cross-stack, waivers) has no pack to describe it.
                rules.set(v.policy, { id: v.policy, name: v.policy, shortDescription: { text: `${v.policy} (${v.policyPack})` } });
                ruleIds.push(v.policy);
            }
            const resource = resources.get(v.urn);
            const place = locate(v, resource, stackFile, declaration(resource, resources, projectDir), declaredIn, projectDir);
            const { finding, fix } = findingAndFix(v.message);
            return {
                ruleId: v.policy,
                ruleIndex: ruleIds.indexOf(v.policy),
                level: LEVELS[v.enforcementLevel] ?? "warning",
                message: { text: `Stack ${plan.stack}: ${finding}${fix ? ` Fix: ${fix}` : ""}` },
                locations: [
                    {
                        physicalLocation: { artifactLocation: { uri: place.uri }, region: { startLine: place.line } },
                        ...(resource
                            ? { logicalLocations: [{ name: resource.name, fullyQualifiedName: resource.urn, kind: "resource" }] }
                            : {}),
                    },
                ],
                partialFingerprints: { "drFinding/v1": fingerprint(plan.stack, v) },
                ...(v.waived
                    ? {
                          suppressions: [
                              {
                                  kind: "external",
                                  status: "accepted",
                                  justification: `${v.waived.reason} (approved by ${v.waived.approvedBy}, until ${v.waived.expires})`,
                              },
                          ],
                      }
                    : {}),
                properties: {
                    stack: plan.stack,
                    policyPack: v.policyPack,
                    enforcementLevel: v.enforcementLevel,
                    ...(scopeOf(v.message) ? { scope: scopeOf(v.message) } : {}),
                },
            };
        });
    });
    const log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "dr",
                        version: tool.version,
                        semanticVersion: tool.version,
                        informationUri: tool.informationUri,
                        rules: ruleIds.map((id) => rules.get(id)),
                    },
                },
                automationDetails: { id: `dr-plan/${plans.map((p) => p.stack).join("+")}/` },
                results,
            },
        ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
}
