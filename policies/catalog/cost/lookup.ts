import { Micros, parseUsd } from "./money";
import { PRICE_TABLE, PriceSource, PriceTable } from "./prices";

/** A price found in the table: its amount, and where it was read. */
export interface Price {
    key: string;
    micros: Micros;
    unit: string;
    source: PriceSource;
    /** The region whose price stands in where the table has none for the resource's own. */
    standIn?: string;
}

/** No price: the table holds none for the spec, in the region or any that stands in for it. */
export interface NoPrice {
    key: string;
    missing: string;
}

/** The region whose price stands in for a region the table has none for: the nearest one that shares its pricing. */
const STAND_INS: Record<string, string> = { "ap-northeast-3": "ap-northeast-1" };

/** Where a price is looked for, in order: the region, its stand-in, us-east-1 (the one every spec is read for first). */
function regionsFor(region: string): string[] {
    return [...new Set([region, ...(STAND_INS[region] ? [STAND_INS[region]] : []), "us-east-1"])];
}

/**
 * The price of `key` in `region` (`global` for a price with no region). Where the table has none for that region, the
 * stand-in's, said so; where it has none at all, what is missing, for the report to list as unpriced.
 */
export function lookupPrice(key: string, region: string, table: PriceTable = PRICE_TABLE): Price | NoPrice {
    const spec = table.specs[key];
    if (spec === undefined) {
        return { key, missing: `no ${key} in the price table` };
    }
    for (const at of region === "global" ? ["global"] : regionsFor(region)) {
        const price = spec.prices[at];
        const micros = price === undefined ? undefined : parseUsd(price.usd);
        if (price !== undefined && micros !== undefined) {
            return { key, micros, unit: spec.unit, source: price.source, ...(at === region ? {} : { standIn: at }) };
        }
    }
    return { key, missing: `${spec.what}: no price in the table (none found in the copies read; npm run prices:refresh fills it)` };
}

export function isPriced(answer: Price | NoPrice): answer is Price {
    return "micros" in answer;
}
