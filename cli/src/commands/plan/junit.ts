import { AssessedDiagnostic } from "../../assess";
import { findingAndFix } from "./markdown";
import { SCOPES, Scope } from "../../../../policies/catalog/model";
import { isScoped } from "../../../../policies/rules/manifest";
import { scopeOf } from "../../../../policies/rules/words";
import { StackPlan } from "./run";

/**
 * `dr plan --format junit`: JUnit XML for test panels. A suite per stack, a test case per policy of the
 * packs: a mandatory violation fails it with every message; advisories and waived violations pass it and
 * are told in its output; a policy that does not apply to the stack is skipped.
 */

function xml(text: string): string {
    // Characters XML 1.0 cannot hold are dropped (matching control characters is the point); the five markup characters escaped.
    return (
        text
            // eslint-disable-next-line no-control-regex
            .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/g, "")
            .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!)
    );
}

function described(v: AssessedDiagnostic, names: Map<string, string>): string {
    const { finding, fix } = findingAndFix(v.message);
    const waived = v.waived ? ` [waived until ${v.waived.expires} by ${v.waived.approvedBy}: ${v.waived.reason}]` : "";
    return `${v.enforcementLevel}${waived} on ${names.get(v.urn) ?? (v.urn || "the stack")}: ${finding}${fix ? ` Fix: ${fix}` : ""}`;
}

function testCase(plan: StackPlan, policy: string, pack: string, names: Map<string, string>, scope?: Scope): string {
    const found = plan.verdict.violations.filter(
        (v) => v.policy === policy && v.policyPack === pack && (scope === undefined || scopeOf(v.message) === scope),
    );
    const failing = found.filter((v) => v.enforcementLevel === "mandatory" && !v.waived);
    const open = `    <testcase classname="${xml(`${pack}.${plan.stack}`)}" name="${xml(scope ? `${policy} [${scope}]` : policy)}" time="0">`;
    if (failing.length > 0) {
        const body = found.map((v) => described(v, names)).join("\n");
        return `${open}\n      <failure type="mandatory" message="${xml(`${failing.length} mandatory violation${failing.length === 1 ? "" : "s"} in stack ${plan.stack}`)}">${xml(body)}</failure>\n    </testcase>`;
    }
    const skipped = plan.verdict.notApplicable.find((n) => n.policy === policy && n.policyPack === pack);
    if (found.length === 0 && skipped) {
        return `${open}\n      <skipped message="${xml(`not applicable: ${skipped.reason}`)}"/>\n    </testcase>`;
    }
    return found.length === 0
        ? `${open}</testcase>`
        : `${open}\n      <system-out>${xml(found.map((v) => described(v, names)).join("\n"))}</system-out>\n    </testcase>`;
}

export function renderJunit(plans: StackPlan[], timestamp = new Date()): string {
    const stamp = timestamp.toISOString().slice(0, 19);
    let tests = 0;
    let failures = 0;
    const suites = plans.map((plan) => {
        const names = new Map(plan.resources.map((r) => [r.urn, `${r.type} "${r.name}"`]));
        const policies = new Map<string, string>();
        for (const info of plan.verdict.packs) {
            info.policies.forEach((p) => policies.set(`${info.name}\u0000${p.name}`, p.name));
        }
        // Findings of dr plan's own checks (cross-stack, waivers) are test cases too.
        plan.verdict.violations.forEach((v) => policies.set(`${v.policyPack}\u0000${v.policy}`, v.policy));
        // A policy judged per failure scope is a case per scope: a rejected corruption target fails that case alone.
        const cases = [...policies.keys()].flatMap((key) => {
            const [pack, policy] = key.split("\u0000");
            return isScoped(policy)
                ? SCOPES.map((scope) => testCase(plan, policy, pack, names, scope))
                : [testCase(plan, policy, pack, names)];
        });
        const failed = cases.filter((c) => c.includes("<failure")).length;
        const skipped = cases.filter((c) => c.includes("<skipped")).length;
        tests += cases.length;
        failures += failed;
        return [
            `  <testsuite name="${xml(plan.stack)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="${skipped}" time="0" timestamp="${stamp}" hostname="dr">`,
            `    <properties>`,
            `      <property name="tier" value="${xml(plan.posture.tier ?? "")}"/>`,
            `      <property name="resources" value="${plan.resources.length}"/>`,
            `    </properties>`,
            ...cases,
            `  </testsuite>`,
        ].join("\n");
    });
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="dr plan" tests="${tests}" failures="${failures}" errors="0" time="0">`,
        ...suites,
        "</testsuites>",
        "",
    ].join("\n");
}
