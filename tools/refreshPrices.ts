/**
 * Refreshes the cost model's price table (policies/catalog/cost/prices.ts) from AWS's Price List API: for each spec and
 * each region the table is kept for, `aws pricing get-products` with the spec's service code and filters, and the one
 * on-demand USD price in the spec's unit that it answers. A maintainer with the AWS CLI and credentials allowed
 * pricing:GetProducts runs it; nothing in the build, the tests or `dr` does.
 *
 *   npm run prices:refresh              what would change, spec by spec
 *   npm run prices:refresh -- --write   rewrite the table with every price the API answered, dated today
 *
 * A query that answers no price, or more than one, leaves that price as it is and is listed: its filters need work.
 * https://docs.aws.amazon.com/cli/latest/reference/pricing/get-products.html
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PRICE_TABLE, PriceSpec, PriceTable, parseUsd } from "../policies/catalog";

/** Where the Price List API lives: it answers for every region from us-east-1. */
const PRICING_REGION = "us-east-1";
const TABLE_FILE = path.resolve(__dirname, "..", "..", "policies", "catalog", "cost", "prices.ts");
const BEGIN = "// BEGIN PRICE_TABLE";
const END = "// END PRICE_TABLE";

/** One on-demand price dimension of a Price List product, as GetProducts answers it (each product a JSON text). */
interface Dimension {
    unit: string;
    beginRange?: string;
    pricePerUnit: Record<string, string>;
}

/**
 * The one price a Price List answer gives: the first tier (from 0) of every on-demand dimension of every product,
 * which must be exactly one. Its USD figure is trimmed of AWS's trailing zeros ("0.0405600000" → "0.04056").
 */
export function priceOf(priceList: string[]): { usd: string } | { problem: string } {
    const dimensions: Dimension[] = priceList.flatMap((item) => {
        const product = JSON.parse(item) as { terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, Dimension> }> } };
        return Object.values(product.terms?.OnDemand ?? {}).flatMap((term) => Object.values(term.priceDimensions ?? {}));
    });
    const firstTier = dimensions.filter((d) => (d.beginRange ?? "0") === "0" && d.pricePerUnit.USD !== undefined);
    if (firstTier.length !== 1) {
        return { problem: `${firstTier.length} on-demand prices answer it (products: ${priceList.length})` };
    }
    const usd = firstTier[0].pricePerUnit.USD.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
    return parseUsd(usd) === undefined ? { problem: `${firstTier[0].pricePerUnit.USD} has more than six decimals` } : { usd };
}

/** The `aws pricing get-products` arguments of a spec in a region (none for `global`). */
export function queryArguments(spec: PriceSpec, region: string): string[] {
    const filters = [
        ...spec.query.filters.map((f) => `Type=${f.type},Field=${f.field},Value=${f.value}`),
        ...(region === "global" ? [] : [`Type=TERM_MATCH,Field=regionCode,Value=${region}`]),
    ];
    return [
        "pricing",
        "get-products",
        "--region",
        PRICING_REGION,
        "--service-code",
        spec.query.serviceCode,
        "--filters",
        ...filters,
        "--output",
        "json",
    ];
}

/** What a refresh found: the table with every answered price in, and what could not be answered. */
export function refreshed(
    table: PriceTable,
    ask: (spec: PriceSpec, region: string) => string[],
    date: string,
): { table: PriceTable; changes: string[]; problems: string[] } {
    const changes: string[] = [];
    const problems: string[] = [];
    const specs = Object.fromEntries(
        Object.entries(table.specs).map(([key, spec]) => {
            const regions = "global" in spec.prices ? ["global"] : table.regions;
            const prices = { ...spec.prices };
            for (const region of regions) {
                const answer = priceOf(ask(spec, region));
                if ("problem" in answer) {
                    problems.push(
                        `${key} in ${region}: ${answer.problem}; check its filters (aws ${queryArguments(spec, region).join(" ")})`,
                    );
                    continue;
                }
                if (prices[region]?.usd !== answer.usd) {
                    changes.push(`${key} in ${region}: ${prices[region]?.usd ?? "none"} → ${answer.usd}`);
                }
                prices[region] = {
                    usd: answer.usd,
                    source: { url: `https://pricing.${PRICING_REGION}.amazonaws.com (GetProducts ${spec.query.serviceCode})`, copy: date },
                };
            }
            return [key, { ...spec, prices }];
        }),
    );
    const source = `AWS's price list: the Price List API (GetProducts), read on ${date}`;
    return { table: { ...table, date, source, specs }, changes, problems };
}

function main(argv: string[]): number {
    const write = argv.includes("--write");
    const ask = (spec: PriceSpec, region: string): string[] =>
        (JSON.parse(execFileSync("aws", queryArguments(spec, region), { encoding: "utf8" })) as { PriceList: string[] }).PriceList;
    const today = new Date().toISOString().slice(0, 10);
    const { table, changes, problems } = refreshed(PRICE_TABLE, ask, today);
    changes.forEach((c) => console.log(`changed  ${c}`));
    problems.forEach((p) => console.log(`kept     ${p}`));
    if (write) {
        const text = readFileSync(TABLE_FILE, "utf8");
        const start = text.indexOf(BEGIN);
        const end = text.indexOf(END);
        const data = `${BEGIN}\nexport const PRICE_TABLE: PriceTable = ${JSON.stringify(table, null, 4)};\n`;
        writeFileSync(TABLE_FILE, text.slice(0, start) + data + text.slice(end));
        execFileSync("npx", ["prettier", "--write", TABLE_FILE]);
        console.log(`${TABLE_FILE}: rewritten, ${changes.length} prices changed, ${problems.length} kept`);
    }
    return problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
