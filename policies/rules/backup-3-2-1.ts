import { storeTypeOf } from "../catalog";
import { StoreRecovery, storeRecovery } from "../catalog/model";
import { stackPolicy } from "./define";
import { judgeEachStore } from "./model";
import { describeLocation, describeStore, listCopies } from "./words";

/** What a store lacks for 3-2-1, or undefined when it has ≥ 3 copies on ≥ 2 media with ≥ 1 off-site backup. */
export function threeTwoOneFinding(recovery: StoreRecovery): string | undefined {
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
    const backedUp = recovery.copies.some((c) => c.kind === "backup");
    const storeType = storeTypeOf(recovery.store.type);
    const outside = describeLocation(recovery.home);
    // A type our program does not build is told what to do on its own resources (DESIGN §16).
    const fix = !storeType?.backup
        ? `AWS Backup does not back up ${recovery.store.type}: keep a point-in-time copy outside ${outside} by the service's own means (a snapshot copied or exported to another region or account)`
        : !storeType.config
          ? recovery.copies.some((c) => c.mechanism === "backup")
              ? `add a copy action to the Backup plan rule that backs it up, to a vault outside ${outside} (another region, or a backup account's vault)`
              : `back it up with an AWS Backup plan whose rule copies each recovery point to a vault outside ${outside}`
          : backedUp
            ? `copy its recovery points to a vault outside ${outside}: dr:backup.copyRegion set to another region, or copyTo: account with a backup account's vault`
            : "tag it with dr:cell (the DR components do) so the stack's Backup321 selection backs it up to the home vault and copies it off-site";
    return `${describeStore(recovery.store)} breaks the 3-2-1 rule: ${missing.join("; ")}. Copies found: ${listCopies(recovery.copies)}. Fix: ${fix}.`;
}

export const backup321 = stackPolicy("backup-3-2-1", (args, report, skip) =>
    judgeEachStore(args, report, skip, (model, store) => threeTwoOneFinding(storeRecovery(model, store))),
);
