import { FIGURES, formatDuration } from "../catalog";
import { Copy, SAME_ACCOUNT, StackModel, StoreRecovery, drillsOf, storeRecovery } from "../catalog/model";
import { stackPolicy } from "./define";
import { judgeEachStore } from "./model";
import { describeCopy, describeLocation, describeStore } from "./words";

/** The store's off-site point-in-time copies: what one restores from after losing its region (or account). */
export function offsiteBackups(recovery: StoreRecovery): Copy[] {
    return recovery.copies.filter((c) => c.offsite && c.pointInTime);
}

/** Whether a drill restores the copy at least quarterly. */
function drilledOften(model: StackModel, recovery: StoreRecovery, copy: Copy): boolean {
    return drillsOf(model, recovery.store, copy).some(
        (d) => d.intervalSeconds !== undefined && d.intervalSeconds <= FIGURES.restoreTestMaxInterval,
    );
}

/**
 * The finding when none of the store's off-site backups that the stack holds is restore-tested at least
 * quarterly; undefined when one is, or when the stack holds none (its copies are in another account).
 */
export function restoreTestFinding(model: StackModel, recovery: StoreRecovery): string | undefined {
    const owned = offsiteBackups(recovery).filter((c) => c.location.account === SAME_ACCOUNT && c.vault);
    if (owned.length === 0 || owned.some((c) => drilledOften(model, recovery, c))) {
        return undefined;
    }
    const drilled = owned.filter((c) => drillsOf(model, recovery.store, c).length > 0);
    const found =
        drilled.length > 0
            ? `its drills run less often than every ${formatDuration(FIGURES.restoreTestMaxInterval)}`
            : "no restore testing plan restores it";
    const copy = owned[0];
    return (
        `${describeStore(recovery.store)}: its off-site copy (${describeCopy(copy)} in ${describeLocation(copy.location)}) is what a loss of ${describeLocation(recovery.home)} leaves to restore, but ${found}. ` +
        `Fix: a restore testing plan in ${describeLocation(copy.location)} including that vault (snapshots), scheduled at least quarterly, with a selection of this store's type and tags (the DR program's Backup321 runs one monthly).`
    );
}

export const drRestoreTested = stackPolicy("dr-restore-tested", (args, report, skip) =>
    judgeEachStore(args, report, skip, (model, store) => restoreTestFinding(model, storeRecovery(model, store))),
);
