import { perModel } from "./cache";
import { stores } from "./recovery";
import { ModelResource, StackModel, TYPES, UNKNOWN, Unknown, list, record, text } from "./resources";

/** KMS keys the stack's vaults encrypt recovery points with, each with its vaults. */
export const vaultKeys = perModel((model) => keysUsedBy(model, model.ofType(TYPES.vault), () => []));

/** KMS keys the stack's stores encrypt their data with (their own settings, and S3 encryption configurations). */
export const storeKeys = perModel((model) =>
    keysUsedBy(model, stores(model), (store) => model.referrers(store, TYPES.bucketEncryption, "bucket")),
);

function keysUsedBy(
    model: StackModel,
    users: ModelResource[],
    settingsOf: (user: ModelResource) => ModelResource[],
): Map<ModelResource, ModelResource[]> {
    const keys = new Map<ModelResource, ModelResource[]>();
    for (const user of users) {
        for (const holder of [user, ...settingsOf(user)]) {
            for (const property of Object.keys(holder.propertyDependencies)) {
                for (const key of model.deps(holder, property, TYPES.key)) {
                    keys.set(key, [...new Set([...(keys.get(key) ?? []), user])]);
                }
            }
        }
    }
    return keys;
}

/** Negated operators: a Deny under them applies to every principal except the ones they name. */
const EXEMPTING = /^(ArnNotEquals|ArnNotLike|StringNotEquals|StringNotLike)$/;

/**
 * Whether a Deny's condition only exempts named principals (aws:PrincipalArn under a negated operator), so
 * it binds everyone else: a condition that selects whom it applies to (`StringEquals` …) guards nobody else.
 */
function exemptsOnlyPrincipals(condition: unknown): boolean {
    if (condition === undefined) {
        return true;
    }
    return Object.entries(record(condition)).every(
        ([operator, keys]) => EXEMPTING.test(operator) && Object.keys(record(keys)).every((key) => /^aws:PrincipalArn$/i.test(key)),
    );
}

/**
 * Whether a key's policy denies disabling it or scheduling its deletion to every principal (an explicit
 * Deny, since admins with kms:* may otherwise; a condition may exempt a break-glass principal). Unknown
 * when its policy is computed at preview; false for the default policy.
 * https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-adding-permission.html
 */
export function deniesDeletion(key: ModelResource): boolean | Unknown {
    const policy = text(key.props.policy);
    if (policy === UNKNOWN) {
        return UNKNOWN;
    }
    if (policy === undefined) {
        return false;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(policy);
    } catch {
        return false;
    }
    const everyone = (principal: unknown) =>
        principal === "*" || (record(principal).AWS !== undefined && [record(principal).AWS].flat().includes("*"));
    const coversDeletion = (action: unknown) => typeof action === "string" && /^kms:(\*|ScheduleKeyDeletion|Schedule\*)$/i.test(action);
    return list([record(parsed).Statement].flat())
        .map(record)
        .some(
            (s) =>
                s.Effect === "Deny" &&
                everyone(s.Principal) &&
                [s.Action].flat().some(coversDeletion) &&
                [s.Resource].flat().includes("*") &&
                exemptsOnlyPrincipals(s.Condition),
        );
}
