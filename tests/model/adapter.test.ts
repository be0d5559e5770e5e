import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
    SENTINEL_UNKNOWN,
    UNKNOWN,
    UnknownMarker,
    buildModel,
    cellIntent,
    plainValue,
    readCell,
    storeRecovery,
    stores,
} from "../../policies/catalog/model";
import { UNKNOWN_SENTINEL } from "../../cli/src/engine/values";
import { T, euTable, model, resource } from "./build";

class Unknowable extends Error {}
/** The policy SDK's way: a proxy that throws when an unknown value is read. */
const THROWN: UnknownMarker = { isThrown: (e) => e instanceof Unknowable };
function throwingProxy(target: Record<string, unknown>, unknownKeys: string[]): Record<string, unknown> {
    return new Proxy(target, {
        get: (object, key) => {
            if (unknownKeys.includes(String(key))) {
                throw new Unknowable(String(key));
            }
            return (object as any)[key];
        },
    });
}

const SECRET = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

describe("one adapter from analyzer resources to the model", () => {
    it("reads the engine's wire form: sentinels anywhere become UNKNOWN, secrets their values", () => {
        const value = {
            arn: UNKNOWN_SENTINEL,
            tags: SECRET({ owner: "x" }),
            list: [1, UNKNOWN_SENTINEL, { deep: SECRET(UNKNOWN_SENTINEL) }],
        };
        assert.deepEqual(plainValue(value, SENTINEL_UNKNOWN), {
            arn: UNKNOWN,
            tags: { owner: "x" },
            list: [1, UNKNOWN, { deep: UNKNOWN }],
        });
    });

    it("reads the policy SDK's form: a value that throws when read becomes UNKNOWN", () => {
        const value = throwingProxy({ arn: "never read", region: "eu-west-1" }, ["arn"]);
        assert.deepEqual(plainValue(value, THROWN), { arn: UNKNOWN, region: "eu-west-1" });
    });

    it("lets any other error through: a failure is not an unknown", () => {
        const value = new Proxy(
            { a: 1 },
            {
                get: () => {
                    throw new TypeError("broken");
                },
            },
        );
        assert.throws(() => plainValue(value, THROWN), TypeError);
    });

    it("gives both forms of one resource the same model", () => {
        const props = { region: "eu-west-1", name: "users", arn: UNKNOWN_SENTINEL, tags: euTable().props.tags };
        const view = { urn: "urn:t", type: T.table, name: "users", propertyDependencies: {}, parent: "" };
        const engine = buildModel([{ ...view, props, providerProps: { region: "eu-west-1" } }], SENTINEL_UNKNOWN, "eu-west-1");
        const sdk = buildModel(
            [{ ...view, props: throwingProxy({ ...props, arn: "x" }, ["arn"]), providerProps: { region: "eu-west-1" } }],
            THROWN,
            "eu-west-1",
        );
        assert.deepEqual(engine.resources, sdk.resources);
        assert.deepEqual(storeRecovery(engine, engine.resources[0]), storeRecovery(sdk, sdk.resources[0]));
    });

    it("takes a resource's region from its provider when it names none, and its tags from the provider's defaultTags", () => {
        const m = buildModel(
            [
                {
                    urn: "urn:t",
                    type: T.table,
                    name: "users",
                    props: { tags: { "dr:rpo": "15m" } },
                    providerProps: { region: "us-east-1", defaultTags: { tags: { ...euTable().props.tags } } },
                    propertyDependencies: {},
                },
            ],
            SENTINEL_UNKNOWN,
            "eu-west-1",
        );
        const [table] = m.resources;
        assert.equal(m.regionOf(table), "us-east-1");
        assert.equal(table.props.tags["dr:rpo"], "15m", "the resource's own tag wins");
        assert.equal(table.props.tags["dr:cell"], "eu");
        assert.equal(table.parent, undefined);
    });
});

describe("the program's components, read through their typed contract", () => {
    it("reads a cell's outputs of the contract's types, and nothing else", () => {
        const cell = resource(T.cell, "c", {
            region: "us-east-1",
            role: "primary",
            tier: "warm-standby",
            rto: "1h",
            rpo: UNKNOWN,
            residency: 7,
        });
        assert.deepEqual(readCell(cell), {
            cell: undefined,
            region: "us-east-1",
            role: "primary",
            tier: "warm-standby",
            rto: "1h",
            rpo: undefined,
            residency: undefined,
        });
        assert.deepEqual(readCell(resource(T.cell, "c", { role: "leader", tier: "gold" })).role, undefined);
    });

    it("takes the cell's intent from its primary cell and the standby's region", () => {
        const primary = resource(T.cell, "home", { region: "us-east-1", role: "primary", tier: "warm-standby", rto: "1h", rpo: "15m" });
        const standby = resource(T.cell, "dr", { region: "us-west-2", role: "standby", tier: "warm-standby", rto: "1h", rpo: "15m" });
        const intent = cellIntent(model(primary, standby, euTable("users", {}, { "dr:tier": "active-active", "dr:rto": "5m" })));
        assert.deepEqual(
            [intent.tier, intent.targetRto, intent.targetRpo, intent.homeRegion, intent.drRegion, intent.anchor],
            ["warm-standby", 3600, 900, "us-east-1", "us-west-2", primary],
        );
    });

    it("without cell components, holds the cell to the most demanding tier and the strictest targets its stores' tags ask for", () => {
        const m = model(
            euTable("users", {}, { "dr:tier": "pilot-light", "dr:rto": "2h", "dr:rpo": "1h" }),
            euTable("orders", {}, { "dr:tier": "warm-standby", "dr:rto": "4h", "dr:rpo": "15m" }),
        );
        const intent = cellIntent(m);
        assert.deepEqual(
            [intent.tier, intent.targetRto, intent.targetRpo, intent.homeRegion, intent.drRegion],
            ["warm-standby", 7200, 900, "eu-west-1", undefined],
        );
        assert.equal(stores(m).length, 2);
    });
});
