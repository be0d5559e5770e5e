import { StackValidationPolicy } from "@pulumi/policy";
import { formatDuration } from "../catalog";
import { StoreRecovery, TYPES, storeRecovery } from "../catalog/model";
import { policyUrl } from "./docs";
import { guarded } from "./guard";
import { judgeEachStore } from "./model";
import { describeCopy, describeLocation, describeSeconds, describeStore, listCopies } from "./words";

/** How to bring a store's RPO down, by kind of store. */
function fixFor(recovery: StoreRecovery): string {
    switch (recovery.store.type) {
        case TYPES.table:
            return "add a global-table replica in the DR region (lag ≈ 1 s, dr:tables[].replicaRegions), or raise the table's rpo";
        case TYPES.bucket:
        case TYPES.bucketV2:
            return "replicate to the DR region with S3 Replication Time Control (15 min, dr:buckets[].rtc: true), or raise the bucket's rpo";
        default:
            return "add a replica or a more frequent off-site backup copy, or raise the store's dr:rpo";
    }
}

export function rpoFinding(recovery: StoreRecovery): string | undefined {
    const target = recovery.targetRpo;
    if (target === undefined || recovery.achievableRpo <= target) {
        return undefined;
    }
    const { bestCopy } = recovery;
    const found = bestCopy
        ? `its best off-site copy is a ${describeCopy(bestCopy)} in ${describeLocation(bestCopy.location)}, so a loss of ${describeLocation(recovery.home)} can cost up to ${describeSeconds(recovery.achievableRpo)} of data`
        : `it has no off-site copy (copies: ${listCopies(recovery.copies)}), so a loss of ${describeLocation(recovery.home)} loses it all`;
    return `${describeStore(recovery.store)}: achievable RPO ${describeSeconds(recovery.achievableRpo)} exceeds its target ${formatDuration(target)} (dr:rpo) — ${found}. Fix: ${fixFor(recovery)}.`;
}

export const drRpoTarget: StackValidationPolicy = {
    name: "dr-rpo-target",
    description: "Each stateful store's achievable RPO for a loss of its home region, from its off-site copies, meets its dr:rpo target.",
    severity: "high",
    url: policyUrl("dr-rpo-target"),
    remediationSteps:
        "Give the store an off-site copy fast enough for its target: a DynamoDB global-table replica (≈ 1 s), S3 replication with RTC (15 min), " +
        "or Backup copies to another region or account scheduled often enough (interval + 1 h copy lag); or set a dr:rpo the mechanisms can meet.",
    validateStack: guarded("dr-rpo-target", (args, report, skip) => judgeEachStore(args, report, skip, (model, store) => rpoFinding(storeRecovery(model, store)))),
};
