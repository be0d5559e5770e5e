import { VaultLockMode } from "../contract";
import { FIGURES } from "../figures";
import { indexByProperty, perModel } from "./cache";
import { readBackup } from "./components";
import { ModelResource, StackModel, TYPES, Unknown, text } from "./resources";

/** Backup vaults of the stack, their locks, and the stack's own account. */

const VAULT_TYPES = [TYPES.vault, TYPES.airGappedVault];

const vaultsByName = indexByProperty(VAULT_TYPES, "name");

/** The vault named `name`: among `candidates` (the vaults a property was built from) first, then the stack's. */
export function vaultNamed(model: StackModel, name: string | Unknown | undefined, candidates: ModelResource[]): ModelResource | undefined {
    if (typeof name !== "string") {
        return undefined;
    }
    return candidates.find((v) => text(v.props.name) === name) ?? vaultsByName(model).get(name)?.[0];
}

/** Vault lock configurations by the vault name they lock. */
const locksByVaultName = indexByProperty([TYPES.vaultLock], "backupVaultName");

/**
 * How a vault is locked. compliance: a lock with a grace time of at least 3 days, immutable once it has
 * passed (nobody can delete a recovery point early); governance: a lock without one, which principals
 * allowed to may remove; none. A logically air-gapped vault is always compliance-locked.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export function lockOf(model: StackModel, vault: ModelResource): VaultLockMode {
    if (vault.type === TYPES.airGappedVault) {
        return "compliance";
    }
    const name = text(vault.props.name);
    const locks = [
        ...new Set([
            ...model.referrers(vault, TYPES.vaultLock, "backupVaultName"),
            ...(typeof name === "string" ? (locksByVaultName(model).get(name) ?? []) : []),
        ]),
    ];
    if (
        locks.some(
            (lock) =>
                typeof lock.props.changeableForDays === "number" && lock.props.changeableForDays >= FIGURES.vaultLockMinChangeableDays,
        )
    ) {
        return "compliance";
    }
    return locks.length > 0 ? "governance" : "none";
}

/** Whether a vault's recovery points can never be deleted early: a compliance lock. */
export function isLocked(model: StackModel, vault: ModelResource): boolean {
    return lockOf(model, vault) === "compliance";
}

/**
 * The stack's own account, for telling other accounts' vaults apart: from the Backup321 component's
 * `account` output (an invoke's answer, known at preview), else from any known ARN of the stack.
 */
export const stackAccount = perModel((model): string | undefined => {
    const declared = model
        .ofType(TYPES.backup)
        .map((b) => readBackup(b).account)
        .find((a) => a !== undefined);
    if (declared) {
        return declared;
    }
    for (const r of model.resources) {
        const arn = text(r.props.arn);
        const account = typeof arn === "string" ? /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(arn)?.[1] : undefined;
        if (account) {
            return account;
        }
    }
    return undefined;
});
