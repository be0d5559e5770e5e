import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ModelResource, StackModel, UNKNOWN, cellIntent, cellRecovery, nightMode, nightModel, posture } from "../../policies/catalog/model";
import { T, resource } from "./build";

const HOME = "ap-northeast-1";
const DR = "ap-northeast-3";

function cell(region: string, role: "primary" | "standby"): ModelResource {
    return resource(T.cell, `tokyo-${region}`, {
        cell: "tokyo",
        region,
        role,
        tier: "active-active",
        rto: "15m",
        rpo: "5m",
        residency: "jp",
    });
}

/** A service of four tasks in `region`; in the DR region, behind auto scaling pinned at four with a CPU policy. */
function compute(region: string): ModelResource[] {
    const service = resource(T.service, `app-${region}`, { region, desiredCount: 4 });
    if (region !== DR) {
        return [service];
    }
    const target = resource(T.scalingTarget, `app-${region}`, { region, minCapacity: 4, maxCapacity: 4 }, { resourceId: [service] });
    const policy = resource(T.scalingPolicy, `app-${region}-cpu`, { region }, { resourceId: [target] });
    return [service, target, policy];
}

const NIGHT = {
    cell: "tokyo",
    region: DR,
    from: "22:00",
    to: "08:00",
    timeZone: "Asia/Tokyo",
    tier: "warm-standby",
    desiredCount: 1,
    minCount: 1,
    maxCount: 4,
    rto: "20m",
};

function stack(night: Record<string, unknown> | null = NIGHT): StackModel {
    const resources = [cell(HOME, "primary"), cell(DR, "standby"), ...compute(HOME), ...compute(DR)];
    return new StackModel(night ? [...resources, resource(T.nightMode, "tokyo-night", night)] : resources, HOME);
}

describe("night mode: the model of what the night leaves running", () => {
    it("reads the night's window, tier, size and RTO target, and the minutes a day the DR region runs at its night size", () => {
        const night = nightMode(stack())!;
        assert.deepEqual([night.region, night.tier, night.desiredCount, night.minCount, night.maxCount], [DR, "warm-standby", 1, 1, 4]);
        assert.equal(night.targetRto, 1200);
        // Ten hours, less a quarter hour for the tasks to drain and five minutes of capacity back before the day.
        assert.deepEqual([night.windowMinutes, night.nightMinutes], [600, 580]);
        assert.equal(nightMode(stack({ ...NIGHT, from: "08:00", to: "22:00" }))!.windowMinutes, 840, "a window need not cross midnight");
    });

    it("leaves the DR region at its night size and bounds, the cell at the night tier and RTO target, and the home region as it is", () => {
        const day = stack();
        const night = nightModel(day)!;
        const desired = (m: StackModel, region: string) => m.ofType(T.service).find((s) => s.props.region === region)!.props.desiredCount;
        assert.deepEqual([desired(night, HOME), desired(night, DR)], [4, 1]);
        assert.deepEqual(
            night.ofType(T.scalingTarget).map((t) => [t.props.minCapacity, t.props.maxCapacity]),
            [[1, 4]],
        );
        assert.deepEqual([cellIntent(night).tier, cellIntent(night).targetRto], ["warm-standby", 1200]);
        assert.deepEqual([cellIntent(day).tier, cellIntent(day).targetRto], ["active-active", 900], "the day's model is not changed");
        assert.equal(night.ofType(T.nightMode).length, 0, "the night has no night of its own");
    });

    it("recovers at night by auto scaling the DR region, where by day its capacity already runs", () => {
        const kinds = (m: StackModel) => cellRecovery(m).steps.map((s) => s.kind);
        assert.ok(kinds(stack()).includes("capacity-running"));
        assert.ok(kinds(nightModel(stack())!).includes("auto-scale"));
    });

    it("reports the night beside the day in the posture, against the night's own RTO", () => {
        const p = posture(stack());
        assert.equal(p.tier, "active-active");
        assert.deepEqual(
            [p.night?.from, p.night?.to, p.night?.timeZone, p.night?.tier, p.night?.region],
            ["22:00", "08:00", "Asia/Tokyo", "warm-standby", DR],
        );
        assert.equal(p.night?.rto.targetSeconds, 1200);
        assert.equal(p.night!.rto.achievableSeconds! - p.rto.achievableSeconds!, 5 * 60, "the night adds the DR region's scale-out");
        assert.equal(posture(stack({ ...NIGHT, rto: undefined })).night?.rto.targetSeconds, 900, "no night target: the day's");
    });

    it("knows no night where the stack runs none, or where its night mode is not known before deployment", () => {
        assert.equal(nightModel(stack(null)), undefined);
        assert.equal(posture(stack(null)).night, undefined);
        assert.equal(nightMode(stack({ ...NIGHT, desiredCount: UNKNOWN })), undefined);
    });
});
