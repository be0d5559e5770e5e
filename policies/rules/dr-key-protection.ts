import { ModelResource, UNKNOWN, deniesDeletion, vaultKeys } from "../catalog/model";
import { stackPolicy } from "./define";
import { unknownAtPreview } from "./guard";
import { stackModel } from "./model";
import { describeStore } from "./words";

/**
 * What leaves a key exposed: deletable by a destroy (not protected; Pulumi's retainOnDelete does not reach
 * analyzers, so a key is taken as retained when protected) and schedulable for deletion by anyone with
 * kms:* (no Deny in its policy). Undefined when either guard holds; UNKNOWN when its key policy is
 * computed at preview, which the check cannot read.
 */
export function keyExposure(key: ModelResource, users: ModelResource[], what: string): string | undefined | typeof UNKNOWN {
    if (key.protect === true) {
        return undefined;
    }
    const guarded = deniesDeletion(key);
    if (guarded === UNKNOWN) {
        return UNKNOWN;
    }
    if (guarded) {
        return undefined;
    }
    return (
        `${describeStore(key)} encrypts ${what} ${users.map(describeStore).join(", ")}, but nothing keeps it: it is not protected (so pulumi destroy deletes it, ` +
        "and KMS deletes the key after its waiting period) and its key policy does not deny kms:ScheduleKeyDeletion, so anyone with kms:* can schedule its deletion — " +
        `after which ${what === "the recovery points of vault" ? "every recovery point in the vault, locked or not, can never be decrypted" : "the data, and every backup still encrypted under it, is unreadable"}. ` +
        "Fix: protect the key and retain it on delete, and add a key policy statement denying kms:ScheduleKeyDeletion and kms:DisableKey to every principal but a break-glass one (the DR program's KeyRing and Backup321 do both)."
    );
}

/** Reports each exposed key; then, if a key's policy could not be read, says the check cannot run during preview. */
export function judgeKeys(keys: Map<ModelResource, ModelResource[]>, what: string, report: (message: string, urn: string) => void): void {
    let unreadable: ModelResource | undefined;
    for (const [key, users] of keys) {
        const finding = keyExposure(key, users, what);
        if (finding === UNKNOWN) {
            unreadable ??= key;
        } else if (finding) {
            report(finding, key.urn);
        }
    }
    if (unreadable) {
        throw unknownAtPreview(unreadable.name, "policy");
    }
}

export const drKeyProtection = stackPolicy("dr-key-protection", (args, report, skip) => {
    const keys = vaultKeys(stackModel(args.resources));
    if (keys.size === 0) {
        return skip("the stack has no backup vault key");
    }
    judgeKeys(keys, "the recovery points of vault", report);
});
