import { StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { ModelResource, UNKNOWN, deniesDeletion, vaultKeys } from "../catalog/model";
import { policyUrl } from "./docs";
import { guarded } from "./guard";
import { stackModel } from "./model";
import { describeStore } from "./words";

/** The engine's marker for an unknown string, to raise the SDK's own "can't run during preview". */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * What leaves a key exposed: deletable by a destroy (not protected; Pulumi's retainOnDelete does not reach
 * analyzers, so a key is taken as retained when protected) and schedulable for deletion by anyone with
 * kms:* (no Deny in its policy). Undefined when either guard holds. A key policy computed at preview
 * makes the check unable to run, as the SDK reports it.
 */
export function keyExposure(key: ModelResource, users: ModelResource[], what: string): string | undefined {
    if (key.protect === true) {
        return undefined;
    }
    const guarded = deniesDeletion(key);
    if (guarded === UNKNOWN) {
        throw new UnknownValueError(UNKNOWN_STRING, [key.name, "policy"]);
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

export function judgeKeys(keys: Map<ModelResource, ModelResource[]>, what: string, report: (message: string, urn: string) => void): void {
    for (const [key, users] of keys) {
        const finding = keyExposure(key, users, what);
        if (finding) {
            report(finding, key.urn);
        }
    }
}

export const drKeyProtection: StackValidationPolicy = {
    name: "dr-key-protection",
    description: "The keys of the stack's backup vaults survive a destroy and cannot be scheduled for deletion casually: losing one loses every recovery point it encrypts.",
    severity: "critical",
    url: policyUrl("dr-key-protection"),
    remediationSteps:
        "Protect each vault key and retain it on delete, and deny kms:ScheduleKeyDeletion and kms:DisableKey in its key policy to every principal but a break-glass one (dr:breakGlassPrincipal).",
    validateStack: guarded("dr-key-protection", (args, report, skip) => {
        const keys = vaultKeys(stackModel(args.resources));
        if (keys.size === 0) {
            return skip("the stack has no backup vault key");
        }
        judgeKeys(keys, "the recovery points of vault", report);
    }),
};
