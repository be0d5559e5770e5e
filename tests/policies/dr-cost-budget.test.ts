import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { of, sharedLab } from "../support/lab";

const lab = sharedLab();

describe("dr-cost-budget through the real program and pack", () => {
    it("says nothing of a stack that declares no budget, or one within it", async () => {
        assert.equal(of(await lab.plan("us"), "dr-cost-budget", "advisory").length, 0);
        const within = await lab.plan("us", (c) => (c["dr:budget"] = { monthlyUsd: 100000 }));
        assert.equal(of(within, "dr-cost-budget", "advisory").length, 0);
    });

    it("advises, never rejects by default, when the estimate as the stack runs is over its budget, naming the largest parts", async () => {
        const s = await lab.plan("tokyo", (c) => (c["dr:budget"] = { monthlyUsd: "1000.50" }));
        assert.equal(s.code, 0, "advisory by default");
        const [v] = of(s, "dr-cost-budget", "advisory");
        assert.ok(v, "no budget finding");
        assert.match(
            v.message,
            /The stack's estimated month, with its night mode \(22:00–08:00 Asia\/Tokyo, ap-northeast-3 at warm-standby\), is \$1,\d{3}\.\d{2}, over its budget \$1,000\.50 \(dr:budget\.monthlyUsd\) by \$\d+\.\d{2}; the largest parts: databases \$/,
        );
        assert.match(v.message, /Not counted, the table having no price for them: S3 Replication Time Control; /);
        assert.match(v.message, /Prices of \d{4}-\d{2}-\d{2}/);
    });

    it("rejects when a company makes it mandatory in the pack config of the stack's preview", async () => {
        const s = await lab.plan("tokyo", (c) => (c["dr:budget"] = { monthlyUsd: 1000 }), { "dr-cost-budget": "mandatory" });
        assert.equal(s.code, 1);
        assert.equal(of(s, "dr-cost-budget").length, 1);
    });
});
