import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
    PRICE_TABLE,
    PriceTable,
    blendCents,
    costByMode,
    costInCents,
    declaredBudget,
    declaredUsage,
    estimateCost,
    formatUsd,
    lookupPrice,
    parseUsd,
    quantity,
    savingBasisPoints,
} from "../../policies/catalog";
import { StackModel } from "../../policies/catalog/model";
import { modelOf } from "../../cli/src/assess";
import { T, resource } from "../model/build";
import { sharedLab } from "../support/lab";

const lab = sharedLab();

const fail = (key: string, value: unknown, allowed: string): never => {
    throw new Error(`${key} is ${JSON.stringify(value)}; expected ${allowed}`);
};

/** The price table with one price of one spec replaced. */
function withPrice(key: string, region: string, usd: string): PriceTable {
    const table: PriceTable = structuredClone(PRICE_TABLE);
    table.specs[key].prices[region] = { usd, source: { url: "https://example.com/test", copy: "test" } };
    return table;
}

describe("money is never a float", () => {
    it("reads a price as whole millionths of a dollar, exactly", () => {
        assert.equal(parseUsd("0.04048"), 40_480n);
        assert.equal(parseUsd("0.004445"), 4_445n);
        assert.equal(parseUsd("12"), 12_000_000n);
        // 0.1 + 0.2 is not 0.3 in binary floating point; in micros it is.
        assert.equal(parseUsd("0.1")! + parseUsd("0.2")!, parseUsd("0.3"));
    });

    it("refuses a price it could not hold exactly: more than six decimals, a sign, an exponent", () => {
        for (const bad of ["0.0000001", "-1", "1e-3", "1.", ".5", " 1"]) {
            assert.equal(parseUsd(bad), undefined, bad);
        }
    });

    it("rounds a line's cost once, half up, to whole cents", () => {
        // 730 hours at $0.0225: $16.425 → $16.43.
        assert.equal(costInCents(parseUsd("0.0225")!, quantity(730)), 1643);
        // A third of a dollar's worth: 33.33… cents → 33.
        assert.equal(costInCents(parseUsd("1")!, quantity(1, 3)), 33);
        assert.equal(formatUsd(123456789), "$1,234,567.89");
        assert.equal(formatUsd(5), "$0.05");
    });

    it("blends a day and a night by minutes, in whole cents", () => {
        assert.equal(blendCents(1440, 0, 720), 720);
        assert.equal(blendCents(1000, 400, 600), 750);
    });

    it("reads a budget as whole cents: dollars as a whole number or as decimal text, never a fractional number", () => {
        assert.equal(declaredBudget({ monthlyUsd: 12000 }, fail)?.cents, 1_200_000);
        assert.equal(declaredBudget({ monthlyUsd: "1250.5" }, fail)?.cents, 125_050);
        assert.equal(declaredBudget(undefined, fail), undefined);
        assert.throws(
            () => declaredBudget({ monthlyUsd: 1250.5 }, fail),
            /dr:budget.monthlyUsd is 1250.5; expected a whole number of dollars/,
        );
        assert.throws(() => declaredBudget({ monthlyUsd: "12,000" }, fail), /dr:budget.monthlyUsd/);
    });
});

describe("the price table", () => {
    it("is dated, names its source and how to refresh it, and holds every price as an exact decimal with where it was read", () => {
        assert.match(PRICE_TABLE.date, /^\d{4}-\d{2}-\d{2}$/);
        assert.match(PRICE_TABLE.source, /aws\.amazon\.com\/pricing/);
        assert.match(PRICE_TABLE.refresh, /npm run prices:refresh/);
        for (const [key, spec] of Object.entries(PRICE_TABLE.specs)) {
            assert.ok(spec.what && spec.unit && spec.query.serviceCode && spec.query.filters.length > 0, key);
            for (const [region, price] of Object.entries(spec.prices)) {
                assert.notEqual(parseUsd(price.usd), undefined, `${key} in ${region}: ${price.usd}`);
                assert.match(price.source.url, /^https?:\/\//, `${key} in ${region}`);
                assert.ok(price.source.copy, `${key} in ${region}: the copy's date, or undated`);
            }
        }
    });

    it("prices a region the table lacks with its stand-in, and says so; a spec without prices is missing, never guessed", () => {
        const osaka = lookupPrice("fargate/vcpu-hour", "ap-northeast-3");
        assert.ok("micros" in osaka && osaka.standIn === "ap-northeast-1" && osaka.micros === parseUsd("0.05056"));
        const tokyo = lookupPrice("fargate/vcpu-hour", "ap-northeast-1");
        assert.ok("micros" in tokyo && tokyo.standIn === undefined);
        assert.ok("missing" in lookupPrice("s3/rtc-gb", "us-east-1"));
        assert.ok("missing" in lookupPrice("no/such-spec", "us-east-1"));
    });
});

describe("a stack's month", () => {
    it("changes by exactly the changed price times what the stack uses of it", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const model = modelOf(resources, context.config);
        const usage = declaredUsage(undefined, fail);
        const before = estimateCost(model, usage);
        // Tokyo's vCPU price, a cent an hour dearer: Tokyo's four half-vCPU tasks and Osaka's four (Tokyo's price
        // stands in for Osaka's), 730 hours each: 2,920 vCPU-hours, $29.20.
        const after = estimateCost(model, usage, withPrice("fargate/vcpu-hour", "ap-northeast-1", "0.06056"));
        assert.equal(after.cents - before.cents, 2920);
        assert.equal(after.byService.compute - before.byService.compute, 2920);
        assert.equal(after.byService.databases, before.byService.databases);
    });

    it("adds up: every total is the sum of its lines, each line whole cents, and what has no price is listed, not counted", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const estimate = estimateCost(modelOf(resources, context.config), declaredUsage(undefined, fail));
        assert.equal(
            estimate.cents,
            estimate.lines.reduce((sum, l) => sum + (l.cents ?? 0), 0),
        );
        assert.ok(estimate.lines.every((l) => l.cents === undefined || Number.isInteger(l.cents)));
        assert.deepEqual([...new Set(estimate.unpriced.map((l) => l.what))].sort(), [
            "Aurora global database replicated write I/O",
            "Route 53 health check optional feature (HTTPS, 10-second interval, string matching, latency)",
            "S3 Replication Time Control",
        ]);
    });

    it("grows with the usage the stack declares", async () => {
        const { context, resources } = await lab.preview("us");
        const model = modelOf(resources, context.config);
        const small = estimateCost(model, declaredUsage({ tableWriteMillions: 0 }, fail));
        const large = estimateCost(model, declaredUsage({ tableWriteMillions: 100 }, fail));
        // Two global tables: 100 million writes billed in both regions at $0.625 a million (us-east-1's price stands in
        // for us-west-2's), 6,250 cents each; and carried to the replica, a gigabyte a million at $0.02, 200 cents.
        assert.equal(large.cents - small.cents, 2 * (2 * 6250 + 200));
    });

    it("prices tokyo's night from what the night mode leaves running: Osaka at one task, everything else as by day", async () => {
        const { context, resources } = await lab.preview("tokyo");
        const costs = costByMode(modelOf(resources, context.config), declaredUsage(undefined, fail));
        assert.ok(costs.night && costs.scheduled);
        // Osaka at one task of four (half a vCPU and 1 GB each), at Tokyo's prices over 730 hours: vCPU 1,460 h ($73.82)
        // → 365 h ($18.45), memory 2,920 GB-h ($16.15) → 730 GB-h ($4.04).
        assert.equal(costs.day.byService.compute - costs.night.byService.compute, 7382 - 1845 + (1615 - 404));
        assert.equal(costs.day.byService.databases, costs.night.byService.databases);
        assert.ok(costs.scheduled.cents < costs.day.cents && costs.scheduled.cents > costs.night.cents);
        assert.equal(costs.night.minutesPerDay, 10 * 60 - 20);
        assert.equal(savingBasisPoints(costs), Math.round(((costs.day.cents - costs.scheduled.cents) * 10000) / costs.day.cents));
    });
});

describe("what the shipped stacks do not run, priced from their resources", () => {
    const usage = declaredUsage({ cdnGigabytes: 1000, acceleratorGigabytes: 0 }, fail);
    const line = (m: StackModel, resource: string, what: RegExp) =>
        estimateCost(m, usage).lines.find((l) => l.resource === resource && what.test(l.what));

    it("an RDS Multi-AZ instance as two instances and two volumes; a read replica elsewhere pays to be fed", () => {
        const source = resource(T.rdsInstance, "orders", {
            region: "us-east-1",
            engine: "postgres",
            instanceClass: "db.r6g.large",
            multiAz: true,
            allocatedStorage: 200,
        });
        const replica = resource(
            T.rdsInstance,
            "orders-replica",
            { region: "us-west-2", engine: "postgres", instanceClass: "db.r6g.large", replicateSourceDb: "x" },
            { replicateSourceDb: [source] },
        );
        const m = new StackModel([source, replica], "us-east-1");
        // $0.25 an hour, two instances, 730 hours; 400 GB-months of gp3 at $0.115.
        assert.equal(line(m, "orders", /^RDS PostgreSQL/)?.cents, 36500);
        assert.equal(line(m, "orders", /^RDS gp3/)?.cents, 4600);
        assert.equal(line(m, "orders-replica", /^RDS PostgreSQL/)?.standIn, "us-east-1");
        assert.equal(line(m, "orders-replica", /to another region/)?.region, "us-east-1", "the source's region pays the transfer");
    });

    it("an ElastiCache group node by node, with no price in the table for its node type: listed, not counted", () => {
        const group = resource("aws:elasticache/replicationGroup:ReplicationGroup", "sessions", {
            region: "eu-west-1",
            nodeType: "cache.r6g.large",
            numNodeGroups: 2,
            replicasPerNodeGroup: 1,
        });
        const estimate = estimateCost(new StackModel([group], "eu-west-1"), usage);
        assert.equal(estimate.cents, 0);
        assert.deepEqual(
            estimate.unpriced.map((l) => [l.resource, l.amount]),
            [["sessions", "2920 node-hour"]],
        );
    });

    it("CloudFront priced for the cell's own geography, Global Accelerator's fixed fee by the hour", () => {
        const edge = [
            resource("aws:cloudfront/distribution:Distribution", "cdn"),
            resource("aws:globalaccelerator/accelerator:Accelerator", "ga"),
        ];
        assert.equal(line(new StackModel(edge, "ap-northeast-1"), "cdn", /CloudFront/)?.cents, 11400);
        assert.equal(line(new StackModel(edge, "eu-west-1"), "cdn", /CloudFront/)?.cents, 8500);
        assert.equal(line(new StackModel(edge, "eu-west-1"), "ga", /fixed fee/)?.cents, 1825);
        assert.ok(estimateCost(new StackModel(edge, "sa-east-1"), usage).unpriced.some((l) => l.resource === "cdn"));
    });
});
