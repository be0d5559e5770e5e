import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cellRecovery, scopeRecoveries, storeRecovery } from "../../policies/catalog/model";
import { threeTwoOneFinding } from "../../policies/rules/backup-3-2-1";
import { vaultLockFinding } from "../../policies/rules/backup-3-2-1-vault-lock";
import { classificationProblems } from "../../policies/rules/dr-classification";
import { bucket, euTable, model } from "./build";

/** A static site's bucket, rebuilt from its source by a pipeline in `rebuild`, with no copy of its own. */
function site(rebuild?: string) {
    const tags: Record<string, string> = { ...euTable().props.tags, "dr:classification": "reproducible" };
    if (rebuild !== undefined) {
        tags["dr:rebuild"] = rebuild;
    }
    return bucket("site", "eu-west-1", { tags });
}

describe("reproducible data: rebuilt from source, held to its rebuild time", () => {
    it("loses nothing in any scope, and is held to no 3-2-1 and no vault lock", () => {
        const store = site("2h");
        const recovery = storeRecovery(model(store), store);
        assert.equal(recovery.rebuildSeconds, 2 * 3600);
        assert.deepEqual([recovery.regionLossRpo, recovery.accountLossRpo, recovery.zoneLossRpo, recovery.pointInTimeRpo], [0, 0, 0, 0]);
        assert.equal(threeTwoOneFinding(recovery), undefined);
        assert.equal(vaultLockFinding(recovery), undefined);
    });

    it("an internal bucket with the same copies is still held to 3-2-1", () => {
        const store = bucket("uploads", "eu-west-1");
        assert.match(threeTwoOneFinding(storeRecovery(model(store), store))!, /breaks the 3-2-1 rule/);
    });

    it("counts its rebuild in the region's, the account's and a corruption's recovery, a person starting it", () => {
        const m = model(site("2h"));
        const region = cellRecovery(m).steps.find((s) => s.kind === "rebuild-from-source");
        assert.deepEqual(region && { seconds: region.seconds, manual: region.manual }, { seconds: 7200, manual: true });
        const scopes = scopeRecoveries(m);
        for (const scope of ["account", "corruption"] as const) {
            assert.ok(
                scopes[scope].steps.some((s) => s.kind === "rebuild-from-source" && s.seconds === 7200),
                `${scope}: ${JSON.stringify(scopes[scope].steps)}`,
            );
        }
        // S3 keeps objects across zones: a lost zone rebuilds nothing.
        assert.ok(!scopes.az.steps.some((s) => s.kind === "rebuild-from-source"));
    });

    it("without a rebuild time its recovery has no bound, and dr-classification asks for one", () => {
        const m = model(site());
        assert.equal(storeRecovery(m, m.resources[0]).rebuildSeconds, Infinity);
        assert.equal(cellRecovery(m).achievableRto, Infinity);
        assert.match(classificationProblems(m.resources[0].props.tags).join("; "), /it is reproducible, so dr:rebuild must say how long/);
        assert.deepEqual(classificationProblems(site("2h").props.tags), []);
    });
});
