import assert from "node:assert/strict";
import { jsonFile, projectWithStack, runDr } from "../helpers";

export interface Violation {
    policyPack: string;
    policy: string;
    enforcementLevel: string;
    urn: string;
    message: string;
}

export interface Scenario {
    code: number;
    stack: { stack: string; rejected: boolean; violations: Violation[]; posture: any };
    stderr: string;
}

/**
 * Plans a shipped stack whose config `edit` changed, through the real program and the spawned pack,
 * optionally with a `--policy-pack-config` file.
 */
export async function scenario(stack: string, edit: (config: Record<string, any>) => void, packConfig?: unknown): Promise<Scenario> {
    const dir = projectWithStack(stack, edit);
    const args = ["plan", "--stack", stack, "--json"];
    if (packConfig !== undefined) {
        args.push("--policy-pack-config", jsonFile("policy-config.json", packConfig));
    }
    const run = await runDr(args, dir);
    assert.ok(run.code === 0 || run.code === 1, `dr plan exited ${run.code}: ${run.stderr}`);
    const [report] = JSON.parse(run.stdout).stacks;
    return { code: run.code, stack: report, stderr: run.stderr };
}

/** The violations of one policy at one level. */
export function of(s: Scenario, policy: string, level = "mandatory"): Violation[] {
    return s.stack.violations.filter((v) => v.policy === policy && v.enforcementLevel === level);
}

/** The mandatory violations, for messages when an assertion fails. */
export function mandatory(s: Scenario): string {
    return s.stack.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`).join("\n");
}
