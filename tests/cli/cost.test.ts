import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { PRICE_TABLE, TIERS } from "../../policies/catalog";
import { projectWithStack, runDr, tempDir } from "../helpers";

describe("dr cost, end to end", () => {
    it("prices tokyo at every tier, its configured tier by day, at night and as scheduled, in whole cents that add up", async () => {
        const run = await runDr(["cost", "--stack", "tokyo", "--json"]);
        assert.equal(run.code, 0, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.equal(report.prices.date, PRICE_TABLE.date);
        assert.match(report.prices.refresh, /npm run prices:refresh/);
        const [tokyo] = report.stacks;
        assert.deepEqual(
            tokyo.tiers.map((t: any) => [t.tier, t.configured]),
            TIERS.map((tier) => [tier, tier === "active-active"]),
        );
        const months = tokyo.tiers.map((t: any) => t.modes.day.cents);
        assert.deepEqual(
            [...months].sort((a: number, b: number) => a - b),
            months,
            "each tier costs more than the one below it",
        );
        const configured = tokyo.tiers.find((t: any) => t.configured);
        const { day, night, scheduled } = configured.modes;
        assert.equal(night.tier, "warm-standby");
        assert.equal(night.minutesPerDay, 580);
        assert.ok(night.cents < scheduled.cents && scheduled.cents < day.cents);
        assert.equal(configured.month.cents, scheduled.cents, "tokyo runs as scheduled");
        assert.equal(configured.savingBasisPoints, Math.round(((day.cents - scheduled.cents) * 10_000) / day.cents));
        for (const mode of [day, night, scheduled]) {
            assert.ok(Number.isInteger(mode.cents));
            assert.equal(
                Object.values<number>(mode.byService).reduce((a, b) => a + b, 0),
                mode.cents,
            );
        }
        assert.equal(
            tokyo.lines.reduce((sum: number, l: any) => sum + (l.cents ?? 0), 0),
            day.cents,
            "the configured tier's lines add up to its day",
        );
        // Tiers below the night's run no night mode.
        assert.ok(tokyo.tiers.filter((t: any) => !t.configured).every((t: any) => t.modes.night === undefined));
    });

    it("prints the tiers, the line items and what it leaves out for a person, and the price table's date and source", async () => {
        const run = await runDr(["cost", "--stack", "eu"]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, new RegExp(`^Prices of ${PRICE_TABLE.date} in USD .*Refresh: npm run prices:refresh`, "m"));
        assert.match(run.stdout, /^stack eu {2}eu-west-1 {2}tier backup-restore {2}\$[\d,]+\.\d{2} a month as it runs$/m);
        assert.match(run.stdout, /^ {4}backup-restore \(configured\) +\$[\d,]+\.\d{2}/m);
        assert.match(run.stdout, /^ {4}databases +projects-eu-west-1-1 +eu-west-1 +Aurora PostgreSQL db\.r6g\.large/m);
        assert.match(run.stdout, /No price in the table, so not in the totals: Route 53 health check optional feature/);
        assert.match(run.stdout, /Priced with another region's price, the table having none of their own: eu-west-1 as us-east-1/);
    });

    it("refuses a usage assumption of the wrong form (exit 2), naming the key, the value and what is allowed", async () => {
        const dir = projectWithStack("us", (c) => (c["dr:usage"] = { bucketGigabytes: "lots" }));
        const run = await runDr(["cost", "--stack", "us"], dir);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /dr:usage\.bucketGigabytes is "lots"; expected a whole number of gigabytes, 0 or more\./);
    });

    it("refuses --output into a folder that does not exist before pricing anything", async () => {
        const missing = path.join(tempDir(), "no-such-folder", "cost.json");
        const run = await runDr(["cost", "--stack", "eu", "--output", missing]);
        assert.equal(run.code, 2);
        assert.equal(
            run.stderr,
            `dr: --output ${missing}: cannot be written: its folder ${path.dirname(missing)} does not exist; name a file in a folder that exists and you may write.\n`,
        );
    });
});
