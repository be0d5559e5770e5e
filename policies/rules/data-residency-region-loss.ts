import { ResidencyZones } from "../catalog";
import { StackModel, storeRecovery, stores } from "../catalog/model";
import { stackPolicy } from "./define";
import { stackModel } from "./model";
import { copyWithinZone, stackRemedy } from "./remedies";
import { packZones } from "./scopes";

/**
 * The finding when a region-wide loss of the home region would take personal data with it: each personal
 * store none of whose copies lives outside its home region (an account copy in the same region survives an
 * account's loss, not the region's). `zones` are the data-residency policy's configured zones.
 */
export function regionLossFinding(model: StackModel, zones: ResidencyZones): string | undefined {
    const exposed = stores(model)
        .map((s) => storeRecovery(model, s))
        .filter(
            (r) =>
                r.classification === "personal" &&
                !r.copies.some((c) => typeof c.location.region === "string" && c.location.region !== r.home.region),
        );
    if (exposed.length === 0) {
        return undefined;
    }
    const homes = new Set(exposed.map((r) => r.home.region).filter((h): h is string => typeof h === "string"));
    const home = [...homes].join(", ") || "its home region";
    const zone = exposed.map((r) => r.residency).find((z) => z !== undefined);
    const others = (zone ? (zones[zone] ?? []) : []).filter((r) => !homes.has(r));
    const why =
        others.length === 0
            ? `zone ${zone ?? "(none)"} holds only ${home} in the data-residency zones config, and residency wins over a cross-region copy: the accepted risk of a single-region zone. To cover it, widen the zone where counsel allows (data-residency zones config) and copy to the new region with dr:backup.copyRegion.`
            : `zone ${zone} allows ${others.join(", ")}. Fix: ${stackRemedy(model, copyWithinZone(others))}.`;
    return `A region-wide loss of ${home} is not covered: no copy of the personal data in ${exposed.map((r) => r.store.name).join(", ")} lives outside it — ${why}`;
}

export const dataResidencyRegionLoss = stackPolicy("data-residency-region-loss", (args, report, skip) => {
    const model = stackModel(args.resources);
    if (stores(model).length === 0) {
        return skip("the stack holds no stateful store");
    }
    const finding = regionLossFinding(model, packZones());
    if (finding) {
        report(finding);
    }
});
