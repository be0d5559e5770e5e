import { parseVaultArn } from "../arns";
import { FIGURES } from "../figures";
import { cronInterval } from "../schedule";
import { storeTypeOf } from "../stores";
import { Copy, Location, SAME_ACCOUNT, isOffsite } from "./copy";
import { globMatch } from "./glob";
import { ModelResource, StackModel, TYPES, UNKNOWN, list, record, text } from "./resources";
import { lockOf, stackAccount, vaultNamed } from "./vaults";

/** Point-in-time copies: AWS Backup selections, plan rules and their copy actions. */

function tagOf(store: ModelResource, key: string): string | undefined {
    const value = record(store.props.tags)[key];
    return typeof value === "string" ? value : undefined;
}

/** The resource part of a store's ARN when its name is known at preview (`table/users`), from the vocabulary. */
function arnResourceOf(store: ModelResource): string | undefined {
    const shape = storeTypeOf(store.type)?.backup?.arnResource;
    const name = shape ? store.props[shape.property] : undefined;
    return shape && typeof name === "string" ? `${shape.prefix}${name}` : undefined;
}

/**
 * Whether an ARN pattern of a selection's resources (`arn:aws:s3:::*`, `arn:aws:dynamodb:*:*:table/users`)
 * picks the store: by its ARN when known, else by service, region and — when known — name; a pattern the
 * store's unknown name could match is taken to match.
 */
function arnPatternSelects(model: StackModel, pattern: string, store: ModelResource): boolean {
    const arn = text(store.props.arn);
    if (typeof arn === "string") {
        return globMatch(pattern, arn);
    }
    const [prefix, , service, region, , ...rest] = pattern.split(":");
    const backup = storeTypeOf(store.type)?.backup;
    if (prefix !== "arn" || !backup || service !== backup.arnService) {
        return false;
    }
    const storeRegion = model.regionOf(store);
    if (service !== "s3" && typeof storeRegion === "string" && !globMatch(region, storeRegion)) {
        return false;
    }
    const name = arnResourceOf(store);
    return name === undefined ? /\*/.test(rest.join(":")) : globMatch(rest.join(":"), name);
}

/**
 * Whether a Backup selection picks `store`: by ARN (a resource of the stack, or `*`), by tag (any of
 * them), and only if every condition holds and the store is not excluded.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html
 */
export function selects(model: StackModel, selection: ModelResource, store: ModelResource): boolean {
    if (!storeTypeOf(store.type)?.backup) {
        return false;
    }
    const props = selection.props;
    const resources = list(props.resources);
    const byArn =
        resources.includes("*") ||
        model.deps(selection, "resources").some((r) => r.urn === store.urn) ||
        resources.some((r) => typeof r === "string" && r.startsWith("arn:") && arnPatternSelects(model, r, store));
    const tags = list(props.selectionTags).map(record);
    const byTag = tags.some(
        (t) => String(t.type ?? "STRINGEQUALS").toUpperCase() === "STRINGEQUALS" && tagOf(store, String(t.key)) === t.value,
    );
    const conditions = record(list(props.conditions)[0]);
    const equals = list(conditions.stringEquals).map(record);
    const likes = list(conditions.stringLikes).map(record);
    const notEquals = list(conditions.stringNotEquals).map(record);
    const tagKey = (key: unknown) => String(key).replace(/^aws:ResourceTag\//, "");
    const conditionsHold =
        equals.every((c) => tagOf(store, tagKey(c.key)) === c.value) &&
        likes.every((c) => globMatch(String(c.value), tagOf(store, tagKey(c.key)))) &&
        notEquals.every((c) => tagOf(store, tagKey(c.key)) !== c.value);
    const hasConditions = equals.length + likes.length + notEquals.length > 0;
    const excluded = model.deps(selection, "notResources").some((r) => r.urn === store.urn);
    const picked = byArn || byTag || (resources.length === 0 && tags.length === 0 && hasConditions);
    return picked && conditionsHold && !excluded;
}

/** Where a copy action's recovery point lands, and the vault of the stack that holds it if any. */
function copyDestination(
    model: StackModel,
    destinationArn: unknown,
    others: ModelResource[],
): { location: Location; vault?: ModelResource; vaultRef?: Copy["vaultRef"] } {
    const arn = text(destinationArn);
    if (typeof arn === "string") {
        const parsed = parseVaultArn(arn);
        const vault = parsed ? vaultNamed(model, parsed.name, others) : undefined;
        if (vault) {
            return { location: { region: model.regionOf(vault) ?? UNKNOWN, account: SAME_ACCOUNT }, vault };
        }
        // A vault outside the stack (e.g. a backup account's): its ARN is the only evidence.
        const location: Location = parsed
            ? { region: parsed.region, account: parsed.account === stackAccount(model) ? SAME_ACCOUNT : parsed.account }
            : { region: UNKNOWN, account: SAME_ACCOUNT };
        return { location, vaultRef: arn };
    }
    if (others.length === 1) {
        return { location: { region: model.regionOf(others[0]) ?? UNKNOWN, account: SAME_ACCOUNT }, vault: others[0] };
    }
    // Several candidate vaults: the copy is in one of them, so a region they all share is where it lives.
    const regions = new Set(others.map((v) => model.regionOf(v) ?? UNKNOWN));
    return { location: { region: regions.size === 1 ? [...regions][0] : UNKNOWN, account: SAME_ACCOUNT }, vaultRef: arn };
}

/**
 * A rule's target vault: the vault its targetVaultName names, else — a name computed at preview, as an auto-named
 * vault's is — the one vault of the plan's rules in the plan's region, since a rule backs up to a vault of the plan's
 * own account and Region. https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
 */
function targetVault(
    model: StackModel,
    rule: Record<string, any>,
    vaultsOfPlan: ModelResource[],
    planRegion: unknown,
): ModelResource | undefined {
    if (rule.targetVaultName !== UNKNOWN) {
        return vaultNamed(model, text(rule.targetVaultName), vaultsOfPlan);
    }
    const local = vaultsOfPlan.filter((v) => model.regionOf(v) === planRegion);
    return local.length === 1 ? local[0] : undefined;
}

/** How long a rule's job may wait to start and then take to finish: its start and completion windows, AWS's defaults when unset. */
function ruleWindows(rule: Record<string, any>): NonNullable<Copy["windows"]> {
    const minutes = (value: unknown) => (typeof value === "number" && value > 0 ? value * 60 : undefined);
    const [start, completion] = [minutes(rule.startWindow), minutes(rule.completionWindow)];
    return {
        startSeconds: start ?? FIGURES.backupDefaultStartWindow,
        completionSeconds: completion ?? FIGURES.backupDefaultCompletionWindow,
        defaulted: [...(start === undefined ? ["start" as const] : []), ...(completion === undefined ? ["completion" as const] : [])],
    };
}

/** Copies made by the Backup plans whose selections pick `store`. */
export function backupCopies(model: StackModel, store: ModelResource, home: Location): Copy[] {
    const copies: Copy[] = [];
    for (const selection of model.ofType(TYPES.selection)) {
        const region = model.regionOf(selection);
        // AWS Backup is regional: a selection backs up only resources of its own region.
        if (
            !selects(model, selection, store) ||
            (typeof region === "string" && typeof home.region === "string" && region !== home.region)
        ) {
            continue;
        }
        for (const plan of model.deps(selection, "planId", TYPES.plan)) {
            const vaultsOfPlan = model.deps(plan, "rules", TYPES.vault, TYPES.airGappedVault);
            const planRegion = model.regionOf(plan) ?? UNKNOWN;
            for (const rule of list(plan.props.rules).map(record)) {
                const intervalSeconds = cronInterval(rule.schedule);
                const windows = ruleWindows(rule);
                // The newest recovery point at a disaster is up to an interval, a start window and a completion window old.
                const lagSeconds =
                    intervalSeconds === undefined ? undefined : intervalSeconds + windows.startSeconds + windows.completionSeconds;
                const target = targetVault(model, rule, vaultsOfPlan, planRegion);
                const targetLocation: Location = {
                    region: target ? (model.regionOf(target) ?? UNKNOWN) : planRegion,
                    account: SAME_ACCOUNT,
                };
                const made = {
                    windows,
                    kind: "backup" as const,
                    medium: "vault" as const,
                    pointInTime: true,
                    schedule: rule.schedule,
                    intervalSeconds,
                    resource: plan,
                };
                copies.push({
                    ...made,
                    mechanism: "backup",
                    location: targetLocation,
                    offsite: isOffsite(home, targetLocation),
                    lagSeconds,
                    immutable: target ? lockOf(model, target) === "compliance" : false,
                    lock: target ? lockOf(model, target) : "none",
                    vault: target,
                    vaultRef: target ? undefined : text(rule.targetVaultName),
                });
                const others = vaultsOfPlan.filter((v) => v.urn !== target?.urn);
                for (const action of list(rule.copyActions).map(record)) {
                    const destination = copyDestination(model, action.destinationVaultArn, others);
                    copies.push({
                        ...made,
                        mechanism: "backup-copy",
                        location: destination.location,
                        offsite: isOffsite(home, destination.location),
                        lagSeconds: lagSeconds === undefined ? undefined : lagSeconds + FIGURES.backupCopyLag,
                        immutable: destination.vault ? lockOf(model, destination.vault) === "compliance" : false,
                        lock: destination.vault ? lockOf(model, destination.vault) : "none",
                        vault: destination.vault,
                        vaultRef: destination.vaultRef,
                    });
                }
            }
        }
    }
    return copies;
}
