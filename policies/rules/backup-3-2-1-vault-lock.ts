import { StackValidationPolicy } from "@pulumi/policy";
import { StoreRecovery, storeRecovery } from "../catalog/model";
import { policyUrl } from "./docs";
import { guarded } from "./guard";
import { judgeEachStore } from "./model";
import { describeStore, listCopies } from "./words";

/** The advisory when none of a store's copies is in a vault whose lock can no longer be removed. */
export function vaultLockFinding(recovery: StoreRecovery): string | undefined {
    if (recovery.copies.some((c) => c.immutable)) {
        return undefined;
    }
    return `${describeStore(recovery.store)} has no immutable copy: none of its backups is in a vault locked with changeableForDays ≥ 3 (copies: ${listCopies(recovery.copies)}). Fix: set dr:backup.vaultLock: true.`;
}

export const backup321VaultLock: StackValidationPolicy = {
    name: "backup-3-2-1-vault-lock",
    description: "Advisory: each stateful store has at least one copy in a vault whose lock can no longer be removed.",
    enforcementLevel: "advisory",
    severity: "medium",
    url: policyUrl("backup-3-2-1-vault-lock"),
    remediationSteps:
        "Set dr:backup.vaultLock: true so the vaults get a compliance lock with changeableForDays ≥ 3; once the grace time passes, nobody — an attacker with the account included — can delete the recovery points early.",
    validateStack: guarded("backup-3-2-1-vault-lock", (args, report, skip) => judgeEachStore(args, report, skip, (model, store) => vaultLockFinding(storeRecovery(model, store)))),
};
