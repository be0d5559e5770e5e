import { storeTypeOf } from "../catalog";
import { StoreRecovery, storeRecovery } from "../catalog/model";
import { stackPolicy } from "./define";
import { judgeEachStore } from "./model";
import { BACK_UP, copyOffsite, remedyFor } from "./remedies";
import { describeLocation, describeStore, listCopies } from "./words";

/**
 * What a store lacks for 3-2-1, or undefined when it has ≥ 3 copies on ≥ 2 media with ≥ 1 off-site backup. A
 * reproducible store's copy of record is its source, outside the stack: it is held to its rebuild time instead.
 */
export function threeTwoOneFinding(recovery: StoreRecovery): string | undefined {
    if (recovery.rebuildSeconds !== undefined) {
        return undefined;
    }
    const missing: string[] = [];
    if (recovery.copies.length < 3) {
        missing.push(`${recovery.copies.length} cop${recovery.copies.length === 1 ? "y" : "ies"} where 3 are needed`);
    }
    if (recovery.media < 2) {
        missing.push("no point-in-time backup in a vault: replicas copy deletions and corruption, so they are one medium with the store");
    }
    if (recovery.offsite < 1) {
        missing.push("no copy in another region or another account");
    } else if (!recovery.copies.some((c) => c.offsite && c.pointInTime)) {
        missing.push(
            "its only off-site copies are replicas, which a deletion or corruption reaches too: no point-in-time backup is off-site",
        );
    }
    if (missing.length === 0) {
        return undefined;
    }
    // Backed up by AWS Backup (a store's own snapshots are no Backup plan to add a copy action to).
    const backedUp = recovery.copies.some((c) => c.mechanism === "backup");
    const storeType = storeTypeOf(recovery.store.type);
    const outside = describeLocation(recovery.home);
    const fix = !storeType?.backup
        ? `AWS Backup does not back up ${recovery.store.type}: keep a point-in-time copy outside ${outside} by the service's own means (a snapshot copied or exported to another region or account)`
        : remedyFor(recovery.store.urn, backedUp ? copyOffsite(outside) : BACK_UP);
    return `${describeStore(recovery.store)} breaks the 3-2-1 rule: ${missing.join("; ")}. Copies found: ${listCopies(recovery.copies)}. Fix: ${fix}.`;
}

export const backup321 = stackPolicy("backup-3-2-1", (args, report, skip) =>
    judgeEachStore(args, report, skip, (model, store) => threeTwoOneFinding(storeRecovery(model, store))),
);
