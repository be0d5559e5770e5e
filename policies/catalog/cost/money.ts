/**
 * Money without floating point. A price is a bigint count of millionths of a dollar (AWS quotes prices to at most six
 * decimals per the unit they name); a quantity is an exact fraction; a line's cost is rounded once, half up, to whole
 * cents, and totals are sums of cents. Nothing a report prints has passed through a binary float.
 */

/** Millionths of a dollar. */
export type Micros = bigint;

const MICROS_PER_CENT = 10_000n;

/** A decimal dollar amount with up to six decimals, as AWS writes a price: `0.04048`, `0.625`, `12`. */
const PRICE = /^(0|[1-9][0-9]{0,9})(?:\.([0-9]{1,6}))?$/;

/** A price as written, in micros; undefined when it is not a plain decimal of at most six places. */
export function parseUsd(text: string): Micros | undefined {
    const match = PRICE.exec(text);
    if (!match) {
        return undefined;
    }
    return BigInt(match[1]) * 1_000_000n + BigInt((match[2] ?? "").padEnd(6, "0"));
}

/** An exact quantity of a price's unit: numerator over a positive denominator. */
export interface Quantity {
    numerator: bigint;
    denominator: bigint;
}

/** `numerator / denominator` of a unit, from whole numbers. */
export function quantity(numerator: bigint | number, denominator: bigint | number = 1n): Quantity {
    const n = BigInt(numerator);
    const d = BigInt(denominator);
    if (d <= 0n) {
        throw new RangeError(`a quantity's denominator must be positive, not ${d}`);
    }
    return { numerator: n, denominator: d };
}

/** `a × b`, exactly. */
export function times(a: Quantity, b: Quantity): Quantity {
    return { numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator };
}

/** The cost of `amount` at `price`, in whole cents, rounded half up (half a cent or more counts as a cent). */
export function costInCents(price: Micros, amount: Quantity): number {
    const micros = price * amount.numerator;
    const denominator = amount.denominator * MICROS_PER_CENT;
    const cents = (2n * micros + denominator) / (2n * denominator);
    return Number(cents);
}

/** Whole cents as dollars for a report: `$1,234.56`, `-$3.10`. */
export function formatUsd(cents: number): string {
    const sign = cents < 0 ? "-" : "";
    const abs = BigInt(Math.abs(cents));
    const dollars = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return `${sign}$${dollars}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/**
 * The cents of a month split between two modes by minutes a day, rounded half up: `day` for `dayMinutes`, `night`
 * for the rest of the 1440.
 */
export function blendCents(day: number, night: number, nightMinutes: number): number {
    const total = BigInt(day) * BigInt(1440 - nightMinutes) + BigInt(night) * BigInt(nightMinutes);
    return Number((2n * total + 1440n) / 2880n);
}
