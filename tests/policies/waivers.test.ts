import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyWaivers } from "../../cli/src/assess/waivers";
import { InputError } from "../../cli/src/errors";
import { Waiver, isActive, readWaivers, todayUtc, waives } from "../../policies/catalog/waivers";
import { Edit, Scenario, mandatory, of, sharedLab } from "../support/lab";

const lab = sharedLab();

/** A day relative to today (UTC), as waivers write dates. */
function day(offset: number): string {
    return todayUtc(new Date(Date.now() + offset * 86_400_000));
}

const fail = (key: string, value: unknown, allowed: string): never => {
    throw new Error(`${key} is ${JSON.stringify(value)}; expected ${allowed}`);
};

const WAIVER = {
    policy: "data-residency",
    resource: "users",
    reason: "DPA with the processor, ticket SEC-1234",
    approvedBy: "ciso@example.com",
};

/** eu with its personal users table replicated to us-east-1 (data-residency rejects it), and `waivers`. */
const replicatedWith =
    (waivers: object[]): Edit =>
    (c) => {
        c["dr:tables"][0].replicaRegions = ["us-east-1"];
        c["dr:waivers"] = waivers;
    };

describe("waivers: reading and matching", () => {
    it("reads each field, and a date as YAML or the Pulumi CLI may hand it over", () => {
        const [w] = readWaivers([{ ...WAIVER, expires: "2027-03-31T00:00:00Z" }], fail);
        assert.deepEqual(w, { index: 0, ...WAIVER, expires: "2027-03-31" });
        assert.deepEqual(readWaivers(undefined, fail), []);
    });

    it("refuses a waiver with a field missing, an unknown key, or a date that does not exist, naming the key", () => {
        assert.throws(
            () => readWaivers([{ ...WAIVER, approvedBy: undefined, expires: "2027-03-31" }], fail),
            /^Error: dr:waivers\[0\]\.approvedBy is undefined; expected who accepted it/,
        );
        assert.throws(
            () => readWaivers([{ ...WAIVER, expires: "2027-02-30" }], fail),
            /dr:waivers\[0\]\.expires is "2027-02-30"; expected a date, YYYY-MM-DD/,
        );
        assert.throws(
            () => readWaivers([{ ...WAIVER, expires: "2027-03-31", until: "x" }], fail),
            /dr:waivers\[0\]\.until is "x"; expected no such key/,
        );
        assert.throws(() => readWaivers({ ...WAIVER }, fail), /dr:waivers is .*; expected a list of waivers/);
    });

    it("holds through its expiry day, UTC, and not the day after", () => {
        const w: Waiver = { index: 0, ...WAIVER, expires: "2027-03-31" };
        assert.deepEqual([isActive(w, "2027-03-30"), isActive(w, "2027-03-31"), isActive(w, "2027-04-01")], [true, true, false]);
    });

    it("covers a finding of its policy by resource name, URN pattern, or *", () => {
        const finding = {
            policy: "data-residency",
            urn: "urn:pulumi:eu::dr::dr:data:ReplicatedTable$aws:dynamodb/table:Table::users",
            name: "users",
        };
        const w = (resource: string, policy = "data-residency"): Waiver => ({
            index: 0,
            ...WAIVER,
            policy,
            resource,
            expires: "2027-03-31",
        });
        assert.equal(waives(w("users"), finding), true);
        assert.equal(waives(w("urn:pulumi:eu::*::users"), finding), true);
        assert.equal(waives(w("urn:pulumi:us::*"), finding), false);
        assert.equal(waives(w("*"), finding), true);
        assert.equal(waives(w("sessions"), finding), false);
        assert.equal(waives(w("users", "backup-3-2-1"), finding), false);
    });

    it("refuses a waiver naming a policy no pack has, as bad input naming the file", () => {
        const verdict = {
            violations: [],
            rejected: false,
            packs: [{ name: "dr", version: "1", policies: [{ name: "data-residency" }] }],
            notApplicable: [],
        } as never;
        assert.throws(
            () =>
                applyWaivers(
                    verdict,
                    [{ index: 0, ...WAIVER, policy: "data-residencies", expires: "2027-03-31" }],
                    "2027-01-01",
                    ["data-residency"],
                    (u) => u,
                    "Pulumi.eu.yaml",
                ),
            (e: unknown) =>
                e instanceof InputError &&
                e.message ===
                    'Pulumi.eu.yaml: dr:waivers[0].policy is "data-residencies"; expected a policy of the packs that judged the stack: data-residency.',
        );
    });
});

describe("waivers in dr plan, for every pack's findings", () => {
    it("active: the violation is reported waived, with who accepted it, why and until when, and rejects nothing", async () => {
        const s = await lab.plan("eu", replicatedWith([{ ...WAIVER, expires: day(30) }]));
        assert.equal(s.code, 0, mandatory(s));
        const [v] = of(s, "data-residency");
        assert.match(v.urn, /::users$/);
        assert.deepEqual(v.waived, { reason: WAIVER.reason, approvedBy: WAIVER.approvedBy, expires: day(30) });
        assert.equal(s.stack.rejected, false);
    });

    it("holds on its expiry day; from the day after, the violation rejects again and names the expired waiver", async () => {
        assert.equal((await lab.plan("eu", replicatedWith([{ ...WAIVER, expires: day(0) }]))).code, 0);
        const s = await lab.plan("eu", replicatedWith([{ ...WAIVER, expires: day(-1) }]));
        assert.equal(s.code, 1);
        const [v] = of(s, "data-residency");
        assert.equal(v.waived, undefined);
        assert.match(
            v.message,
            new RegExp(
                `The waiver dr:waivers\\[0\\] \\(approved by ciso@example\\.com, until ${day(-1)}: DPA with the processor, ticket SEC-1234\\) expired after ${day(-1)}: renew it in dr:waivers, or fix the finding\\.$`,
            ),
        );
    });

    it("stale: a waiver that covers no violation is reported (advisory), and waives nothing", async () => {
        const s = await lab.plan("eu", replicatedWith([{ ...WAIVER, resource: "sessions", expires: day(30) }]));
        assert.equal(s.code, 1);
        const [stale] = of(s, "dr-waivers", "advisory");
        assert.equal(stale.policyPack, "dr plan");
        assert.match(
            stale.message,
            /^dr:waivers\[0\] \(approved by ciso@example\.com, until .*\) for policy data-residency on sessions matches no finding of this stack: remove it, or correct its policy or resource\.$/,
        );
    });

    it("for another stack: a waiver in tokyo's file for a us resource waives nothing in tokyo and is stale there", async () => {
        const s = await lab.plan(
            "tokyo",
            (c) => (c["dr:waivers"] = [{ ...WAIVER, resource: "urn:pulumi:us::*::users", expires: day(30) }]),
        );
        assert.equal(s.code, 0, mandatory(s));
        assert.equal(of(s, "dr-waivers", "advisory").length, 1);
    });
});

describe("waivers in a real pulumi preview: the DR pack applies the stack's own", () => {
    /** What the pack alone says, handed dr:waivers as `pulumi preview --policy-pack policies` hands it the stack's config. */
    async function preview(edit: Edit): Promise<{ pack: Scenario["stack"]["violations"]; plan: Scenario; rejected: boolean }> {
        const { context, resources } = await lab.preview("eu", edit);
        const verdict = await lab.judge(context, resources);
        return { pack: verdict.violations, plan: await lab.plan("eu", edit), rejected: verdict.rejected };
    }

    it("active: no mandatory finding, and dr-waivers reports it waived; dr plan agrees", async () => {
        const { pack, plan, rejected } = await preview(replicatedWith([{ ...WAIVER, expires: day(30) }]));
        assert.equal(rejected, false);
        assert.equal(rejected, plan.stack.rejected);
        const waived = pack.filter((v) => v.policy === "dr-waivers");
        assert.equal(waived.length, 1);
        assert.match(
            waived[0].message,
            /Waived: data-residency on users is accepted by dr:waivers\[0\] \(approved by ciso@example\.com, until .*: DPA with the processor, ticket SEC-1234\)\. The finding: .*holds personal data of zone eu/,
        );
    });

    it("expired: the finding rejects, naming the waiver, as in dr plan", async () => {
        const { pack, plan, rejected } = await preview(replicatedWith([{ ...WAIVER, expires: day(-1) }]));
        assert.equal(rejected, true);
        assert.equal(rejected, plan.stack.rejected);
        const [v] = pack.filter((d) => d.policy === "data-residency" && d.enforcementLevel === "mandatory");
        assert.match(v.message, /The waiver dr:waivers\[0\] .* expired after/);
    });

    it("stale: dr-waivers says the waiver matches nothing", async () => {
        const { pack } = await preview(replicatedWith([{ ...WAIVER, resource: "sessions", expires: day(30) }]));
        assert.ok(
            pack.some(
                (v) =>
                    v.policy === "dr-waivers" && /for policy data-residency on sessions matches no finding of this stack/.test(v.message),
            ),
        );
    });
});
