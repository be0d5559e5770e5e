import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { postureOf } from "../../cli/src/assess";
import { DEFAULT_RESIDENCY_ZONES } from "../../policies/catalog";
import { ROOT } from "../helpers";
import { T } from "../model/build";
import { DR_PACK, sharedLab, varied } from "../support/lab";

const PROBE = path.join(ROOT, "tests", "fixtures", "posture-probe");
const lab = sharedLab();

/** The posture the probe pack computed from the DR pack's own model (the analyzer puts the description on the first line). */
function probed(message: string): unknown {
    return JSON.parse(message.slice(message.indexOf("\n") + 1));
}

describe("dr's posture is the pack's: one model adapter, one answer", () => {
    const variants: [string, () => ReturnType<typeof lab.preview>, boolean][] = [
        ["tokyo", () => lab.preview("tokyo"), false],
        ["us", () => lab.preview("us"), false],
        ["eu", () => lab.preview("eu"), false],
        [
            "eu with a replica abroad",
            async () => {
                const { context, resources } = await lab.preview("eu");
                return { context, resources: varied(resources, T.table, "users", (p) => (p.replicas = [{ regionName: "us-east-1" }])) };
            },
            true,
        ],
        [
            "tokyo without replicas",
            async () => {
                const { context, resources } = await lab.preview("tokyo");
                return { context, resources: varied(resources, T.table, "users", (p) => (p.replicas = [])) };
            },
            true,
        ],
    ];
    for (const [name, preview, rejects] of variants) {
        it(name, async () => {
            const { context, resources } = await preview();
            const verdict = await lab.judge(context, resources, [{ dir: DR_PACK }, { dir: PROBE }]);
            const [probe] = verdict.violations.filter((v) => v.policyPack === "posture-probe");
            assert.ok(probe, "the probe reported nothing");
            // What dr plan prints: the posture dr assesses of the same resources.
            assert.deepEqual(postureOf(resources, context, DEFAULT_RESIDENCY_ZONES, "Pulumi.stack.yaml"), probed(probe.message));
            const rejected = verdict.violations.some((v) => v.policyPack === "dr" && v.enforcementLevel === "mandatory");
            assert.equal(rejected, rejects, verdict.violations.map((v) => v.message).join("\n"));
        });
    }
});
