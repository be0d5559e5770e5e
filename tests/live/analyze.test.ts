import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { checkLive } from "../../cli/src/commands/analyze/run";
import { ORGANIZATION } from "../../cli/src/engine";
import { StateResource, analyzedFromState, configForState, liveContext, readExport, stackOf } from "../../cli/src/engine/state";
import { ROOT, tempDir } from "../helpers";
import { T } from "../model/build";
import { deployedStack, stackExport } from "../support/liveState";
import { sharedLab } from "../support/lab";

const lab = sharedLab();

/**
 * `dr analyze --state` in the lab: the shipped eu stack as `pulumi stack export` writes it after its first
 * update (changed by `change`), read back from the file and re-judged by the real pack.
 */
async function analyze(change: (state: StateResource[]) => StateResource[] = (s) => s, version = 3, dir = ROOT) {
    const { state } = await deployedStack(lab, "eu");
    const exported = stackExport(change(state), [{ type: "pulumi:pulumi:Stack", key: "alarmTopicArns" }]) as { version: number };
    const file = path.join(tempDir("dr-export-"), "eu.json");
    writeFileSync(file, JSON.stringify({ ...exported, version }, null, 4));
    const read = readExport(file);
    const stack = stackOf(file, read.resources, undefined);
    const context = liveContext(stack, configForState(dir, stack, read.resources), ORGANIZATION);
    return {
        context,
        check: await checkLive(analyzedFromState(read.resources), context, (resources, ctx) => lab.judge(ctx, resources), "eu.json"),
    };
}

describe("dr analyze on an exported eu state", () => {
    it("judges the first update's state compliant, with the posture dr plan reports and its stack config from Pulumi.eu.yaml", async () => {
        const [{ check, context }, planned] = await Promise.all([analyze(), lab.plan("eu")]);
        assert.equal(check.verdict.rejected, false);
        assert.deepEqual(check.posture, planned.stack.posture);
        assert.equal(context.config["dr:tier"], "backup-restore");
        assert.equal(check.change.rto.worse, false);
        assert.equal(check.change.rto.deployedSeconds, undefined, "an export alone says nothing of what was deployed");
    });

    it("rejects the state when the users table has a replica in us-east-1", async () => {
        const withReplica = (state: StateResource[]) =>
            state.map((r) =>
                r.type === T.table && r.urn.endsWith("::users")
                    ? { ...r, outputs: { ...r.outputs, replicas: [{ regionName: "us-east-1" }] } }
                    : r,
            );
        const { check } = await analyze(withReplica);
        assert.equal(check.verdict.rejected, true);
        assert.ok(
            check.verdict.violations.some(
                (v) => v.policy === "data-residency" && /global table replica lives in us-east-1/.test(v.message),
            ),
        );
    });

    it("reads deployment version 4, and outside the project takes only the default provider's region as config", async () => {
        const { check, context } = await analyze(undefined, 4, tempDir());
        assert.deepEqual(context.config, { "aws:region": "eu-west-1" });
        assert.equal(check.verdict.rejected, false);
    });
});
