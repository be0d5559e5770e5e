import { DR_TAGS, ResidencyZones, configEntryKey, quote, zonesFromConfig } from "../catalog";
import { ModelResource, StackModel, TYPES, UNKNOWN, Unknown, cellIntent, list, record, storeRecovery, text } from "../catalog/model";
import { stackPolicy } from "./define";
import { remedyFor } from "./remedies";
import { recordZones } from "./scopes";
import { judgeEachStore, stackModel } from "./model";
import { describeCopy, describeCopyPlacement, describeStore } from "./words";

/** A place a personal store's data lives, as the rule judges it. */
interface Placement {
    /** What lives there: "the table itself", "global table replica". */
    what: string;
    region: string | Unknown;
    /** Why the region cannot be told, when it cannot. */
    unresolved?: string;
    /** What sets the region, on the resources themselves. */
    setBy: string;
}

/** KMS keys a store's encryption settings came from. */
function keysOf(model: StackModel, store: ModelResource): ModelResource[] {
    return Object.keys(store.propertyDependencies).flatMap((property) => model.deps(store, property, TYPES.key));
}

/** Every place a store's data (or the key to it) lives: itself, replicas, replication destinations, backup vaults, replica keys. */
export function placements(model: StackModel, store: ModelResource): Placement[] {
    const recovery = storeRecovery(model, store);
    const result: Placement[] = recovery.copies.map((copy) => ({
        what: describeCopy(copy),
        region: copy.location.region,
        setBy: describeCopyPlacement(copy),
        unresolved: copy.location.region === UNKNOWN ? `the region of its ${describeCopy(copy)} is not known before deployment` : undefined,
    }));
    if (store.type === TYPES.table && store.props.replicas === UNKNOWN) {
        result.push({
            what: "global table replicas",
            region: UNKNOWN,
            setBy: "its replicas",
            unresolved: "its replica list is computed, so its regions are not known before deployment",
        });
    }
    for (const replica of list(store.props.replicas).map(record)) {
        if (text(replica.regionName) === UNKNOWN) {
            result.push({
                what: "a global table replica",
                region: UNKNOWN,
                unresolved: "a replica's regionName is computed",
                setBy: "its replicas' regionName",
            });
        }
    }
    for (const key of keysOf(model, store)) {
        for (const replicaKey of model.referrers(key, TYPES.replicaKey, "primaryKeyArn")) {
            result.push({
                what: `KMS replica key ${replicaKey.name} of its key`,
                region: model.regionOf(replicaKey) ?? UNKNOWN,
                setBy: `the region of ${describeStore(replicaKey)}`,
            });
        }
    }
    return result;
}

/** Findings for one personal store: each placement outside its zone or not verifiable. */
export function residencyFindings(model: StackModel, store: ModelResource, zones: ResidencyZones): string[] {
    const name = describeStore(store);
    if (store.props.tags === UNKNOWN) {
        return [
            `${name} has tags not known before deployment, so whether it holds personal data, and where that data may live, cannot be verified. Fix: set its dr:classification and dr:residency tags from config.`,
        ];
    }
    const tags = record(store.props.tags);
    // Data that may be personal is held to residency until its classification says otherwise.
    if (tags[DR_TAGS.classification] !== "personal" && tags[DR_TAGS.classification] !== UNKNOWN) {
        return [];
    }
    const zone = tags[DR_TAGS.residency] ?? model.declared.residency;
    if (typeof zone !== "string" || !zones[zone]) {
        return [
            `${name} holds personal data but its dr:residency is ${quote(zone ?? null)}, which names no residency zone; expected one of ${Object.keys(zones).join(", ")}. Fix: set its dr:residency tag to the zone whose law governs the data, or define the zone in a policy pack config file passed with --policy-pack-config: {"data-residency": {"zones": {${JSON.stringify(typeof zone === "string" ? zone : "<zone>")}: ["<region>", …]}}}.`,
        ];
    }
    const allowed = zones[zone];
    const findings: string[] = [];
    const entryKey = configEntryKey(store.type, "replicas");
    for (const placement of placements(model, store)) {
        if (placement.region === UNKNOWN) {
            findings.push(
                `${name} holds personal data of zone ${zone}, but ${placement.unresolved ?? `the region of ${placement.what} is not known`}, so residency cannot be verified; an unverifiable copy of personal data cannot pass. ` +
                    "Fix: name its region from stack config (a region input, or a resource of this stack the copy depends on), not from another resource's computed output.",
            );
        } else if (!allowed.includes(placement.region)) {
            findings.push(
                `${name} holds personal data of zone ${zone} (allowed: ${allowed.join(", ")}), but ${placement.what} lives in ${placement.region}. ` +
                    `Fix: keep it in ${allowed.join(" or ")} (${remedyFor(store.urn, {
                        ours: entryKey ? `${entryKey}, dr:backup.copyRegion / copyVaultArn` : placement.setBy,
                        theirs: placement.setBy,
                    })}), ` +
                    `or, if the company's counsel allows ${placement.region} for zone ${zone}, add it to zone ${zone} in a policy pack config file passed with --policy-pack-config: {"data-residency": {"zones": {"${zone}": ["${[...allowed, placement.region].join('", "')}"]}}}.`,
            );
        }
    }
    return findings;
}

/**
 * The finding when the stack names a residency zone the policy's config does not define (DESIGN §16): its data would
 * otherwise be held to no region list at all.
 */
export function undefinedZoneFinding(model: StackModel, zones: ResidencyZones): string | undefined {
    const zone = cellIntent(model).residency;
    if (zone === undefined || zones[zone]) {
        return undefined;
    }
    const home = cellIntent(model).homeRegion;
    const regions = [home, cellIntent(model).drRegion].filter((r): r is string => r !== undefined);
    return (
        `The stack's residency zone is ${quote(zone)} (dr:residency), which the data-residency policy's zones config does not define; defined: ${Object.keys(zones).join(", ")}. ` +
        `Fix: set dr:residency to one of them, or define the zone with the regions its law allows in a policy pack config file passed with --policy-pack-config: {"data-residency": {"zones": {${JSON.stringify(zone)}: [${(regions.length > 0 ? regions : ["<region>"]).map((r) => JSON.stringify(r)).join(", ")}]}}}.`
    );
}

export const dataResidency = stackPolicy("data-residency", (args, report, skip) => {
    const zones = zonesFromConfig(args.getConfig<{ zones?: ResidencyZones }>());
    recordZones(zones);
    const model = stackModel(args.resources);
    const finding = undefinedZoneFinding(model, zones);
    if (finding) {
        report(finding);
    }
    // A store in the stack's undefined zone is told by the stack's finding once, not again per store.
    const stackZone = finding ? cellIntent(model).residency : undefined;
    judgeEachStore(args, report, finding ? () => undefined : skip, (m, store) =>
        stackZone !== undefined && record(store.props.tags)[DR_TAGS.residency] === stackZone ? [] : residencyFindings(m, store, zones),
    );
});
