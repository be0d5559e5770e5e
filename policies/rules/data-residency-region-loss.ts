import { StackValidationPolicy } from "@pulumi/policy";
import { DEFAULT_RESIDENCY_ZONES } from "../catalog";
import { StackModel, storeRecovery, stores } from "../catalog/model";
import { policyUrl } from "./docs";
import { guarded } from "./guard";
import { stackModel } from "./model";

/**
 * The finding when no copy of the stack's data survives a loss of its home region, or undefined.
 * Zones are the catalog's defaults: policy config belongs to one policy, and this one only advises.
 */
export function regionLossFinding(model: StackModel): string | undefined {
    const recoveries = stores(model).map((s) => storeRecovery(model, s));
    if (recoveries.length === 0) {
        return undefined;
    }
    const homes = new Set(recoveries.map((r) => r.home.region));
    const elsewhere = recoveries.some((r) => r.copies.some((c) => typeof c.location.region === "string" && !homes.has(c.location.region)));
    if (elsewhere) {
        return undefined;
    }
    const home = [...homes].filter((h): h is string => typeof h === "string").join(", ") || "its home region";
    const zone = recoveries.map((r) => r.residency).find((z) => z !== undefined);
    const others = (zone ? (DEFAULT_RESIDENCY_ZONES[zone] ?? []) : []).filter((r) => !homes.has(r));
    const why =
        others.length === 0
            ? `zone ${zone ?? "(none)"} holds only ${home} by default, and residency wins over a cross-region copy: the accepted risk of a single-region zone. To cover it, widen the zone where counsel allows (data-residency zones config) and copy to the new region with dr:backup.copyRegion.`
            : `zone ${zone} allows ${others.join(", ")}. Fix: set dr:drRegion (or dr:backup.copyRegion) to another region of the zone.`;
    return `A region-wide loss of ${home} is not covered: no copy of ${recoveries.map((r) => r.store.name).join(", ")} lives outside it — ${why}`;
}

export const dataResidencyRegionLoss: StackValidationPolicy = {
    name: "data-residency-region-loss",
    description: "Advisory: says when no copy of the stack's data survives a loss of its home region, as residency can require.",
    enforcementLevel: "advisory",
    severity: "medium",
    url: policyUrl("data-residency-region-loss"),
    remediationSteps: "Copy the data to another region of its residency zone; where the zone has one region, record the accepted risk or widen the zone where counsel allows.",
    validateStack: guarded("data-residency-region-loss", (args, report, skip) => {
        const model = stackModel(args.resources);
        if (stores(model).length === 0) {
            return skip("the stack holds no stateful store");
        }
        const finding = regionLossFinding(model);
        if (finding) {
            report(finding);
        }
    }),
};
