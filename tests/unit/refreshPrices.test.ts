import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PRICE_TABLE, PriceSpec } from "../../policies/catalog";
import { priceOf, queryArguments, refreshed } from "../../tools/refreshPrices";

/** A product of the Price List API as GetProducts answers it: a JSON text, its on-demand term's price dimensions. */
function product(sku: string, dimensions: { usd: string; beginRange?: string; unit?: string }[]): string {
    const priceDimensions = Object.fromEntries(
        dimensions.map((d, i) => [
            `${sku}.JRTCKXETXF.${i}`,
            { unit: d.unit ?? "hours", beginRange: d.beginRange ?? "0", endRange: "Inf", pricePerUnit: { USD: d.usd } },
        ]),
    );
    return JSON.stringify({
        product: { sku, attributes: { regionCode: "ap-northeast-1" } },
        terms: { OnDemand: { [`${sku}.JRTCKXETXF`]: { sku, priceDimensions } } },
    });
}

describe("refreshing the price table from AWS's Price List API (tools/refreshPrices.ts)", () => {
    it("takes the one on-demand price of the answer, its first tier, as AWS writes it less its trailing zeros", () => {
        assert.deepEqual(priceOf([product("A", [{ usd: "0.0505600000" }])]), { usd: "0.05056" });
        assert.deepEqual(priceOf([product("A", [{ usd: "0.0230000000" }, { usd: "0.0220000000", beginRange: "51200" }])]), {
            usd: "0.023",
        });
        assert.deepEqual(priceOf([product("A", [{ usd: "12.0000000000" }])]), { usd: "12" });
    });

    it("keeps no price from an answer that gives none, or more than one: the spec's filters need work", () => {
        assert.match((priceOf([]) as { problem: string }).problem, /^0 on-demand prices/);
        assert.match(
            (priceOf([product("A", [{ usd: "1" }]), product("B", [{ usd: "2" }])]) as { problem: string }).problem,
            /^2 on-demand prices/,
        );
    });

    it("asks for a spec in a region with the spec's filters and the region's code, and for a global price without one", () => {
        const spec = PRICE_TABLE.specs["nat/hour"];
        const args = queryArguments(spec, "ap-northeast-3");
        assert.deepEqual(args.slice(0, 6), ["pricing", "get-products", "--region", "us-east-1", "--service-code", "AmazonEC2"]);
        assert.ok(args.includes("Type=CONTAINS,Field=usagetype,Value=NatGateway-Hours"));
        assert.ok(args.includes("Type=TERM_MATCH,Field=regionCode,Value=ap-northeast-3"));
        assert.ok(!queryArguments(PRICE_TABLE.specs["accelerator/hour"], "global").some((a) => a.includes("regionCode")));
    });

    it("writes every answered price into the table, dated, with the API as its source, and keeps what it could not refresh", () => {
        const ask = (spec: PriceSpec, region: string) =>
            spec === PRICE_TABLE.specs["fargate/vcpu-hour"] && region === "ap-northeast-3" ? [product("A", [{ usd: "0.0505600000" }])] : [];
        const { table, changes, problems } = refreshed(PRICE_TABLE, ask, "2027-01-15");
        assert.equal(table.date, "2027-01-15");
        assert.match(table.source, /Price List API .* read on 2027-01-15/);
        assert.deepEqual(changes, ["fargate/vcpu-hour in ap-northeast-3: none → 0.05056"]);
        assert.deepEqual(table.specs["fargate/vcpu-hour"].prices["ap-northeast-3"].source, {
            url: "https://pricing.us-east-1.amazonaws.com (GetProducts AmazonECS)",
            copy: "2027-01-15",
        });
        assert.deepEqual(
            table.specs["fargate/vcpu-hour"].prices["ap-northeast-1"],
            PRICE_TABLE.specs["fargate/vcpu-hour"].prices["ap-northeast-1"],
        );
        assert.ok(problems.some((p) => p.startsWith("nat/hour in us-east-1: 0 on-demand prices")));
        assert.equal(PRICE_TABLE.specs["fargate/vcpu-hour"].prices["ap-northeast-3"], undefined, "the shipped table is not changed");
    });
});
