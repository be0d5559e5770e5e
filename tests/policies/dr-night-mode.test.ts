import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Edit, mandatory, of, sharedLab } from "../support/lab";

const lab = sharedLab();

/** tokyo's shipped night mode, changed by `change`. */
const night =
    (change: (nightMode: Record<string, any>) => void): Edit =>
    (c) =>
        change(c["dr:nightMode"]);

describe("dr-night-mode through the real program and pack", () => {
    it("passes tokyo's shipped night: Osaka at warm standby recovers in 16m, within the night's declared 20m", async () => {
        const s = await lab.plan("tokyo");
        assert.equal(of(s, "dr-night-mode").length, 0, mandatory(s));
        assert.deepEqual([s.stack.posture.night?.rto.achievableSeconds, s.stack.posture.night?.rto.targetSeconds], [960, 1200]);
        assert.equal(s.code, 0);
    });

    it("rejects a night that misses the day's RTO when the stack declares no night RTO, naming the mode and its slow step", async () => {
        const s = await lab.plan(
            "tokyo",
            night((n) => delete n.rto),
        );
        assert.equal(s.code, 1);
        const [v] = of(s, "dr-night-mode");
        assert.ok(v, mandatory(s));
        assert.match(
            v.message,
            /\[region\] At night \(22:00–08:00 Asia\/Tokyo, ap-northeast-3 at warm-standby\), the warm-standby cell with home region ap-northeast-1 and DR region ap-northeast-3 recovers from a loss of its home region in 16m, over its target 15m \(dr:rto\)/,
        );
        assert.match(v.message, /auto scaling/);
        assert.match(v.message, /declare the night's own RTO in dr:nightMode\.rto/);
        assert.equal(of(s, "dr-rto-target").length, 0, "the day still meets its target");
    });

    it("rejects a pilot light at night: no task runs to scale out, so a person must start them", async () => {
        const s = await lab.plan(
            "tokyo",
            night((n) => (n.tier = "pilot-light")),
        );
        assert.equal(s.code, 1);
        const messages = of(s, "dr-night-mode")
            .map((v) => v.message)
            .join("\n");
        assert.match(messages, /At night \(22:00–08:00 Asia\/Tokyo, ap-northeast-3 at pilot-light\)/);
        assert.match(messages, /over its target 20m \(dr:nightMode\.rto\)/);
        assert.match(messages, /A person must act/);
    });
});
