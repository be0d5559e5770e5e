import { FIGURES, formatDuration, storeTypeOf } from "../catalog";
import {
    Copy,
    Drill,
    REPORT_VALIDATION,
    SAME_ACCOUNT,
    StackModel,
    StoreRecovery,
    drillsOf,
    storeRecovery,
    validatesStore,
} from "../catalog/model";
import { stackPolicy } from "./define";
import { judgeEachStore } from "./model";
import { describeCopy, describeLocation, describeStore } from "./words";

/** The store's off-site point-in-time copies: what one restores from after losing its region (or account). */
export function offsiteBackups(recovery: StoreRecovery): Copy[] {
    return recovery.copies.filter((c) => c.offsite && c.pointInTime);
}

/** Whether a drill runs at least quarterly. */
function often(drill: Drill): boolean {
    return drill.intervalSeconds !== undefined && drill.intervalSeconds <= FIGURES.restoreTestMaxInterval;
}

/**
 * The finding when none of the store's off-site backups that the stack holds is restore-tested at least
 * quarterly by a drill whose restores are validated; undefined when one is, or when the stack holds none (its
 * copies are in another account).
 */
export function restoreTestFinding(model: StackModel, recovery: StoreRecovery): string | undefined {
    // Restore testing takes no Redshift cluster, though AWS Backup backs it up: no drill can be asked of it.
    if (storeTypeOf(recovery.store.type)?.backup?.protectedResourceType === undefined) {
        return undefined;
    }
    const owned = offsiteBackups(recovery).filter((c) => c.location.account === SAME_ACCOUNT && c.vault);
    const drills = owned.flatMap((c) => drillsOf(model, recovery.store, c));
    const validated = (d: Drill) => validatesStore(model, d, recovery.store);
    if (owned.length === 0 || drills.some((d) => often(d) && validated(d))) {
        return undefined;
    }
    const copy = owned[0];
    const where = describeLocation(copy.location);
    const interval = formatDuration(FIGURES.restoreTestMaxInterval);
    const unseen =
        `no EventBridge rule in ${where} hands their completed restore jobs to a Lambda function there whose role may report ` +
        `the verdict (${REPORT_VALIDATION}), so a restore that brings back nothing passes unseen`;
    const planFix = `a restore testing plan in ${where} including that vault (snapshots), scheduled at least quarterly, with a selection of this store's type and tags`;
    const validationFix =
        `an EventBridge rule in ${where} on AWS Backup's "Restore Job State Change" events with status COMPLETED for that plan, targeting a ` +
        `Lambda function there that checks the restored resource and reports the verdict with ${REPORT_VALIDATION}, which its role must allow`;
    let found: string;
    let fixes: string[];
    if (drills.length === 0) {
        [found, fixes] = ["no restore testing plan restores it", [planFix, validationFix]];
    } else if (!drills.some(often)) {
        const alsoUnseen = !drills.some(validated);
        found =
            `its drills run less often than every ${interval}` + (alsoUnseen ? `, and nothing validates what they restore: ${unseen}` : "");
        fixes = alsoUnseen ? [planFix, validationFix] : [planFix];
    } else {
        [found, fixes] = [`none of its drills that run at least every ${interval} is validated: ${unseen}`, [validationFix]];
    }
    return (
        `${describeStore(recovery.store)}: its off-site copy (${describeCopy(copy)} in ${where}) is what a loss of ${describeLocation(recovery.home)} leaves to restore, but ${found}. ` +
        `Fix: ${fixes.join("; and ")} (the DR program's Backup321 drills twice a week, and its RestoreValidation validates every drill).`
    );
}

export const drRestoreTested = stackPolicy("dr-restore-tested", (args, report, skip) =>
    judgeEachStore(args, report, skip, (model, store) => restoreTestFinding(model, storeRecovery(model, store))),
);
