import { StackValidationPolicy } from "@pulumi/policy";
import { StoreRecovery, storeRecovery } from "../catalog/model";
import { policyUrl } from "./docs";
import { guarded } from "./guard";
import { judgeEachStore } from "./model";
import { describeStore, listCopies } from "./words";

/**
 * The advisory when none of a store's copies is in a vault whose lock can no longer be removed: the
 * vaults are unlocked, or locked in governance mode, which privileged principals can still undo.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export function vaultLockFinding(recovery: StoreRecovery): string | undefined {
    if (recovery.copies.some((c) => c.lock === "compliance")) {
        return undefined;
    }
    const governance = recovery.copies.some((c) => c.lock === "governance");
    const found = governance
        ? "its backups are in vaults locked in governance mode, which a principal allowed backup:DeleteBackupVaultLockConfiguration can remove (and then delete the recovery points)"
        : "none of its backups is in a locked vault";
    return `${describeStore(recovery.store)} has no immutable copy: ${found} (copies: ${listCopies(recovery.copies)}). Fix: set dr:backup.vaultLock: compliance — immutable once its 72-hour grace time has passed.`;
}

export const backup321VaultLock: StackValidationPolicy = {
    name: "backup-3-2-1-vault-lock",
    description: "Advisory: each stateful store has at least one copy in a vault whose lock can no longer be removed (compliance mode).",
    enforcementLevel: "advisory",
    severity: "medium",
    url: policyUrl("backup-3-2-1-vault-lock"),
    remediationSteps:
        "Set dr:backup.vaultLock: compliance so the vaults get a compliance lock with changeableForDays ≥ 3; once the grace time passes, nobody — an attacker with the account included — can delete the recovery points early. Governance mode can be removed by privileged principals.",
    validateStack: guarded("backup-3-2-1-vault-lock", (args, report, skip) =>
        judgeEachStore(args, report, skip, (model, store) => vaultLockFinding(storeRecovery(model, store))),
    ),
};
