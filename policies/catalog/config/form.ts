/**
 * The building blocks of the stack config's schema: each says what form a value takes and, as its error, what a
 * message says is allowed instead (the `expected …` of `<key> is <value>; expected <allowed>.`).
 */
import { z } from "zod";
import { DURATION_FORM, parseDuration } from "../durations";
import { AWS_REGIONS } from "../regions";

/** Reports a bad value: the key, the value, what is allowed. Never returns. */
export type ConfigFail = (key: string, value: unknown, allowed: string) => never;

/** How a stack config key is documented, beside its schema: Pulumi.yaml's description and the README's reference row. */
export type KeyDocs = {
    /**
     * One line for Pulumi.yaml. The Pulumi CLI, and `dr plan`, show it as what is expected when a key it requires is
     * missing, so it reads as the allowed value.
     */
    description?: string;
    /** The key's row in the README's "Stack config reference" table (Markdown). */
    reference: {
        /** The type column, where the schema's own type says too little (a duration is a string to JSON Schema). */
        type?: string;
        meaning: string;
    };
};

declare module "zod" {
    interface GlobalMeta {
        /** Set on each stack config key (see `documented`). */
        reference?: KeyDocs["reference"];
    }
}

/** A stack config key's schema with its docs: every key has a README row, and Pulumi.yaml a description of each it declares. */
export function documented<T extends z.ZodType>(schema: T, docs: KeyDocs): T {
    return schema.meta(docs);
}

/** "one of a, b, c": what an enumeration allows. */
export function oneOf(values: readonly string[]): string {
    return `one of ${values.join(", ")}`;
}

export const REGION_FORM = "an AWS region such as eu-west-1";

/** An AWS region of the catalog; `allowed` says what else the key takes, if anything. */
export function awsRegion(allowed = REGION_FORM) {
    return z.enum(AWS_REGIONS, { error: allowed });
}

/** A duration as written (`15m`), kept with its seconds: the text is also the value of the DR tags. */
export function duration() {
    return z.string({ error: DURATION_FORM }).transform((text, ctx) => {
        const seconds = parseDuration(text);
        if (seconds === undefined) {
            ctx.issues.push({ code: "custom", message: DURATION_FORM, input: text });
            return z.NEVER;
        }
        return { text: text.trim(), seconds };
    });
}

export type Duration = z.output<ReturnType<typeof duration>>;

/** A DNS name in lower case, e.g. example.com or app.example.com. */
export const DNS_NAME = /^(?=.{1,253}\.?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/;

/** A date as YAML and the Pulumi CLI may hand it over: 2027-03-31, or that day at midnight UTC. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00(?:\.0+)?Z)?$/;

/** A calendar day, kept as YYYY-MM-DD. */
export function calendarDate(allowed: string) {
    return z.string({ error: allowed }).transform((value, ctx) => {
        const match = DATE.exec(value);
        if (match) {
            const [, year, month, day] = match;
            const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
            // Rejects 2027-02-30, which Date would roll over into March.
            if (date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)) {
                return `${year}-${month}-${day}`;
            }
        }
        ctx.issues.push({ code: "custom", message: allowed, input: value });
        return z.NEVER;
    });
}

/** Text of a given form, a pattern or a test: anything else, a non-string too, gets the one message. */
export function text(form: RegExp | ((value: string) => boolean), allowed: string) {
    const schema = z.string({ error: allowed });
    return form instanceof RegExp ? schema.regex(form) : schema.refine(form);
}

/**
 * A YAML mapping with the keys of `shape`, in that order. Any other key is an error, so a misspelt optional key is
 * never silently ignored. `missing` is what the message asks for when the whole mapping is absent; `noun` names an
 * entry of a list in the unknown-key message ("a waiver has …") instead of its position.
 */
export function mapping<Shape extends z.ZodRawShape>(shape: Shape, { missing, noun }: { missing?: string; noun?: string } = {}) {
    const allowed = `a mapping with keys ${Object.keys(shape).join(", ")}`;
    const schema = z.strictObject(shape, { error: (issue) => (issue.input === undefined && missing ? missing : allowed) });
    return noun === undefined ? schema : schema.meta({ title: noun });
}

/** A field that may be left out, or left empty (`copyTo:` reads as null), for its default. */
export function orDefault<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
    return schema.nullish().transform((value) => value ?? fallback);
}

/** A time of day, HH:MM on a 24-hour clock. */
const CLOCK_TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** Minutes after midnight of a time of day written HH:MM; undefined for any other text. */
export function clockMinutes(value: unknown): number | undefined {
    const match = typeof value === "string" ? CLOCK_TIME.exec(value) : null;
    return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** A time of day as written (`22:00`), kept with its minutes after midnight. */
export function clockTime() {
    const allowed = "a time of day, HH:MM on a 24-hour clock (e.g. 22:00)";
    return z.string({ error: allowed }).transform((value, ctx) => {
        const minutes = clockMinutes(value);
        if (minutes === undefined) {
            ctx.issues.push({ code: "custom", message: allowed, input: value });
            return z.NEVER;
        }
        return { text: value, minutes };
    });
}

/** Whether `name` is a time zone of the IANA database as it spells its canonical names, which EventBridge Scheduler takes. */
function isTimeZone(name: string): boolean {
    try {
        return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone === name;
    } catch {
        return false;
    }
}

/** An IANA time zone name, e.g. Asia/Tokyo. */
export function timeZone() {
    return text(isTimeZone, "an IANA time zone such as Asia/Tokyo, Europe/Dublin or UTC");
}

/** Dollars as a decimal text: whole dollars, or dollars and cents. */
const DOLLARS = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/;

/**
 * An amount of dollars, kept as integer cents: a whole number as YAML writes it, or a decimal text. A fractional
 * YAML number is refused rather than read as a float, so no amount ever passes through binary floating point.
 */
export function usd() {
    const allowed = 'a whole number of dollars, or dollars and cents as text (e.g. "1250.50")';
    return z.union([z.int(), z.string()], { error: allowed }).transform((value, ctx) => {
        const written = typeof value === "number" ? String(value) : value.trim();
        const match = typeof value === "number" && value < 0 ? null : DOLLARS.exec(written);
        if (!match) {
            ctx.issues.push({ code: "custom", message: allowed, input: value });
            return z.NEVER;
        }
        const cents = (match[2] ?? ".").slice(1).padEnd(2, "0");
        return { text: written, cents: Number(match[1]) * 100 + Number(cents) };
    });
}
