import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { replicationBacklogAlarm, replicationLatencyAlarm } from "../../infra/alarmThresholds";
import { cellRoutingPolicy, geoLocation, healthCheckInterval } from "../../infra/components/globalRouting";

/** The lag a stalled replication has reached when the alarm fires: the threshold plus the evaluation window. */
function lagAtAlarm(rpoSeconds: number): number {
    const shape = replicationLatencyAlarm(rpoSeconds, "Seconds");
    return shape.threshold + shape.period * shape.evaluationPeriods;
}

describe("alarm thresholds follow the RPO", () => {
    it("alarms on replication latency at half the RPO, in the metric's unit", () => {
        assert.equal(replicationLatencyAlarm(300, "Milliseconds").threshold, 150_000);
        assert.equal(replicationLatencyAlarm(900, "Seconds").threshold, 450);
        assert.equal(replicationLatencyAlarm(4 * 3600, "Milliseconds").threshold, 7_200_000);
    });

    it("fires while a quarter of the RPO is left, even if replication stalls", () => {
        for (const rpo of [4 * 60, 5 * 60, 15 * 60, 3600, 4 * 3600, 86400]) {
            assert.ok(lagAtAlarm(rpo) <= 0.75 * rpo, `RPO ${rpo} s: the alarm fires at a lag of ${lagAtAlarm(rpo)} s`);
        }
    });

    it("uses one-minute periods, one to five of them", () => {
        assert.deepEqual(replicationLatencyAlarm(60, "Seconds"), { threshold: 30, period: 60, evaluationPeriods: 1 });
        assert.equal(replicationLatencyAlarm(15 * 60, "Seconds").evaluationPeriods, 3);
        assert.equal(replicationLatencyAlarm(86400, "Seconds").evaluationPeriods, 5);
    });

    it("alarms on a replication backlog that has not drained for half the RPO", () => {
        assert.deepEqual(replicationBacklogAlarm(15 * 60), { threshold: 0, period: 60, evaluationPeriods: 7 });
        assert.deepEqual(replicationBacklogAlarm(4 * 3600), { threshold: 0, period: 300, evaluationPeriods: 24 });
        assert.deepEqual(replicationBacklogAlarm(60), { threshold: 0, period: 60, evaluationPeriods: 1 });
    });

    it("keeps a backlog alarm within CloudWatch's one-day evaluation window", () => {
        const shape = replicationBacklogAlarm(30 * 86400);
        assert.ok(shape.period * shape.evaluationPeriods <= 86400);
        assert.ok(shape.period * shape.evaluationPeriods >= 86400 - shape.period);
    });
});

describe("routing choices per tier", () => {
    it("picks latency for active-active, failover for standby tiers, a single record for backup & restore", () => {
        assert.equal(cellRoutingPolicy("active-active"), "latency");
        assert.equal(cellRoutingPolicy("warm-standby"), "failover");
        assert.equal(cellRoutingPolicy("pilot-light"), "failover");
        assert.equal(cellRoutingPolicy("backup-restore"), "simple");
    });

    it("checks every 10 s where the tier recovers in minutes, every 30 s otherwise", () => {
        assert.equal(healthCheckInterval("active-active"), 10);
        assert.equal(healthCheckInterval("warm-standby"), 10);
        assert.equal(healthCheckInterval("pilot-light"), 30);
        assert.equal(healthCheckInterval("backup-restore"), 30);
    });

    it("reads continent codes as continents (AS is Asia), other codes and * as countries", () => {
        assert.deepEqual(geoLocation("EU"), { continent: "EU" });
        assert.deepEqual(geoLocation("AS"), { continent: "AS" });
        assert.deepEqual(geoLocation("JP"), { country: "JP" });
        assert.deepEqual(geoLocation("*"), { country: "*" });
    });
});
