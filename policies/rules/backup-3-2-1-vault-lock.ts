import { StoreRecovery, storeRecovery } from "../catalog/model";
import { stackPolicy } from "./define";
import { judgeEachStore } from "./model";
import { LOCK_VAULT, remedyFor } from "./remedies";
import { describeStore, listCopies } from "./words";

/**
 * The advisory when none of a store's copies is in a vault whose lock can no longer be removed: the
 * vaults are unlocked, or locked in governance mode, which privileged principals can still undo.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export function vaultLockFinding(recovery: StoreRecovery): string | undefined {
    if (recovery.rebuildSeconds !== undefined || recovery.copies.some((c) => c.lock === "compliance")) {
        return undefined;
    }
    const governance = recovery.copies.some((c) => c.lock === "governance");
    const found = governance
        ? "its backups are in vaults locked in governance mode, which a principal allowed backup:DeleteBackupVaultLockConfiguration can remove (and then delete the recovery points)"
        : "none of its backups is in a locked vault";
    return `${describeStore(recovery.store)} has no immutable copy: ${found} (copies: ${listCopies(recovery.copies)}). Fix: ${remedyFor(recovery.store.urn, LOCK_VAULT)}.`;
}

export const backup321VaultLock = stackPolicy("backup-3-2-1-vault-lock", (args, report, skip) =>
    judgeEachStore(args, report, skip, (model, store) => vaultLockFinding(storeRecovery(model, store))),
);
