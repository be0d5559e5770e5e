import { parseVaultArn } from "../arns";
import { FIGURES } from "../figures";
import { backupInterval } from "../schedule";
import { DR_TAGS, isStatefulType } from "../tags";
import { formatDuration, parseDuration } from "../durations";
import { ModelResource, StackModel, TYPES, UNKNOWN, Unknown, list, record, text } from "./resources";

/** Where a copy lives. `account` is `same` for this stack's account, else the other account's id. */
export interface Location {
    region: string | Unknown;
    account: string;
}

/** One copy of a store's data. */
export interface Copy {
    /** live: the store itself; replica: a continuously replicated copy; backup: a recovery point in a vault. */
    kind: "live" | "replica" | "backup";
    /** Storage medium for 3-2-1: the live service, or a backup vault. */
    medium: "live" | "vault";
    location: Location;
    /** Another region or another account than the store's. */
    offsite: boolean;
    /** Worst-case age of the newest data this copy holds, in seconds; undefined when it cannot be told. */
    lagSeconds?: number;
    /** How the copy is made, for messages: "global table replica", "backup every 1h to vault x". */
    via: string;
    /** Whether the copy is in a vault whose lock can no longer be removed. */
    immutable: boolean;
    /** The resource that holds or makes the copy. */
    resource: ModelResource;
}

/** A stateful store, its copies and what they achieve. */
export interface StoreRecovery {
    store: ModelResource;
    classification?: string;
    residency?: string;
    /** The store's own RPO target from its `dr:rpo` tag. */
    targetRpo?: number;
    home: Location;
    copies: Copy[];
    media: number;
    offsite: number;
    /** Best lag among off-site copies: the data a home-region (or account) loss costs. Infinity without one. */
    achievableRpo: number;
    /** The off-site copy that achieves it. */
    bestCopy?: Copy;
}

const STORE_TYPES_BACKED_UP = new Set<string>([
    TYPES.table,
    TYPES.bucket,
    TYPES.bucketV2,
    "aws:rds/cluster:Cluster",
    "aws:rds/instance:Instance",
    "aws:ebs/volume:Volume",
    "aws:efs/fileSystem:FileSystem",
]);

const SAME = "same";

function tag(store: ModelResource, key: string): string | undefined {
    const value = record(store.props.tags)[key];
    return typeof value === "string" ? value : undefined;
}

/** S3 names in the stack, for matching ARNs `arn:aws:s3:::name` to bucket resources. */
function bucketName(bucket: ModelResource): string | Unknown | undefined {
    return text(bucket.props.bucket);
}

/** Buckets that only receive another bucket's replication: copies, not stores of their own. */
function replicaBuckets(model: StackModel): Set<string> {
    return model.remember("replicaBuckets", () => findReplicaBuckets(model));
}

function findReplicaBuckets(model: StackModel): Set<string> {
    const buckets = model.ofType(TYPES.bucket, TYPES.bucketV2);
    const sources = new Set(buckets.filter((b) => bucketReplications(model, b).length > 0).map((b) => b.urn));
    const replicas = new Set<string>();
    for (const bucket of buckets) {
        for (const destination of bucketReplications(model, bucket)) {
            // A bucket that replicates onward (two-way replication) is a store in its own right.
            if (destination.bucket && !sources.has(destination.bucket.urn)) {
                replicas.add(destination.bucket.urn);
            }
        }
    }
    return replicas;
}

/** The stores of a stack: stateful resources, less the buckets that only receive another bucket's replication. */
export function stores(model: StackModel): ModelResource[] {
    return model.remember("stores", () => {
        const replicas = replicaBuckets(model);
        return model.resources.filter((r) => isStatefulType(r.type) && !replicas.has(r.urn));
    });
}

interface Destination {
    /** The destination bucket when it is a resource of this stack. */
    bucket?: ModelResource;
    /** The destination as written, when it is not. */
    arn?: string | Unknown;
    rtc: boolean;
    rule: Record<string, any>;
}

/** Enabled replication rules and the bucket each writes to, resolving unknown ARNs through the rules' dependencies. */
function destinationsOf(rules: unknown, candidates: ModelResource[], source: ModelResource | undefined): Destination[] {
    return list(rules)
        .map(record)
        .filter((rule) => rule.status !== "Disabled")
        .map((rule) => {
            const destination = record(rule.destination);
            const arn = text(destination.bucket);
            const rtc = record(destination.replicationTime).status === "Enabled";
            let bucket: ModelResource | undefined;
            if (typeof arn === "string") {
                bucket = candidates.find((b) => bucketName(b) !== undefined && `arn:aws:s3:::${bucketName(b) as string}` === arn);
            } else {
                // An unknown ARN came from a bucket of this stack: the one the rules depend on, other than the source.
                const others = candidates.filter((b) => b.urn !== source?.urn);
                bucket = others.length === 1 ? others[0] : undefined;
            }
            return { bucket, arn: bucket ? undefined : arn, rtc, rule };
        });
}

/** Enabled rules of a replication configuration resource and the bucket each writes to. */
export function replicationDestinations(model: StackModel, config: ModelResource): Destination[] {
    return destinationsOf(config.props.rules, model.deps(config, "rules", TYPES.bucket, TYPES.bucketV2), sourceBucket(model, config));
}

/** Where a bucket replicates to: its replication configuration resources and its legacy inline `replicationConfiguration`. */
export function bucketReplications(model: StackModel, bucket: ModelResource): Destination[] {
    const configs = model.ofType(TYPES.replication).filter((c) => sourceBucket(model, c)?.urn === bucket.urn);
    const inline = record(bucket.props.replicationConfiguration);
    const inlineDestinations = destinationsOf(inline.rules, model.deps(bucket, "replicationConfiguration", TYPES.bucket, TYPES.bucketV2), bucket);
    return [...configs.flatMap((c) => replicationDestinations(model, c)), ...inlineDestinations];
}

/** The bucket a replication configuration replicates from. */
export function sourceBucket(model: StackModel, config: ModelResource): ModelResource | undefined {
    const fromDeps = model.deps(config, "bucket", TYPES.bucket, TYPES.bucketV2);
    if (fromDeps.length === 1) {
        return fromDeps[0];
    }
    const name = text(config.props.bucket);
    return typeof name === "string" ? model.ofType(TYPES.bucket, TYPES.bucketV2).find((b) => bucketName(b) === name) : undefined;
}

/** A vault of this stack named `name`, or resolved from a property's dependencies. */
function vaultByName(model: StackModel, name: string | Unknown | undefined, candidates: ModelResource[]): ModelResource | undefined {
    if (typeof name === "string") {
        return candidates.find((v) => text(v.props.name) === name) ?? model.ofType(TYPES.vault, TYPES.airGappedVault).find((v) => text(v.props.name) === name);
    }
    return undefined;
}

/** Whether a vault's lock has outlived its grace time (compliance mode): its recovery points cannot be deleted early. */
export function isLocked(model: StackModel, vault: ModelResource): boolean {
    if (vault.type === TYPES.airGappedVault) {
        return true;
    }
    return model.ofType(TYPES.vaultLock).some((lock) => {
        const forVault = model.deps(lock, "backupVaultName").some((v) => v.urn === vault.urn) || (text(lock.props.backupVaultName) !== undefined && lock.props.backupVaultName === vault.props.name);
        const days = lock.props.changeableForDays;
        return forVault && typeof days === "number" && days >= FIGURES.vaultLockMinChangeableDays;
    });
}

/** Whether a Backup selection picks `store`: by ARN, by tag (any of), and every condition. */
export function selects(model: StackModel, selection: ModelResource, store: ModelResource): boolean {
    if (!STORE_TYPES_BACKED_UP.has(store.type)) {
        return false;
    }
    const props = selection.props;
    const resources = list(props.resources);
    const byArn = resources.includes("*") || model.deps(selection, "resources").some((r) => r.urn === store.urn);
    const tags = list(props.selectionTags).map(record);
    const byTag = tags.some((t) => String(t.type ?? "STRINGEQUALS").toUpperCase() === "STRINGEQUALS" && tag(store, String(t.key)) === t.value);
    const conditions = record(list(props.conditions)[0]);
    const equals = list(conditions.stringEquals).map(record);
    const likes = list(conditions.stringLikes).map(record);
    const notEquals = list(conditions.stringNotEquals).map(record);
    const tagKey = (key: unknown) => String(key).replace(/^aws:ResourceTag\//, "");
    const conditionsHold =
        equals.every((c) => tag(store, tagKey(c.key)) === c.value) &&
        likes.every((c) => globMatch(String(c.value), tag(store, tagKey(c.key)))) &&
        notEquals.every((c) => tag(store, tagKey(c.key)) !== c.value);
    const hasConditions = equals.length + likes.length + notEquals.length > 0;
    const excluded = model.deps(selection, "notResources").some((r) => r.urn === store.urn);
    const picked = byArn || byTag || (resources.length === 0 && tags.length === 0 && hasConditions);
    return picked && conditionsHold && !excluded;
}

function globMatch(pattern: string, value: string | undefined): boolean {
    if (value === undefined) {
        return false;
    }
    const regex = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return regex.test(value);
}

/**
 * The stack's own account, for telling other accounts' vaults apart: from the Backup321 component's
 * `account` output (an invoke's answer, known at preview), else from any known ARN of the stack.
 */
function stackAccount(model: StackModel): string | undefined {
    const declared = model.ofType(TYPES.backup321).map((b) => text(b.props.account)).find((a): a is string => typeof a === "string");
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
}

function isOffsite(home: Location, at: Location): boolean {
    return at.account !== SAME || (at.region !== UNKNOWN && home.region !== UNKNOWN && at.region !== home.region);
}

/** Copies made by the Backup plans whose selections pick `store`. */
function backupCopies(model: StackModel, store: ModelResource, home: Location): Copy[] {
    const copies: Copy[] = [];
    const ownAccount = stackAccount(model);
    for (const selection of model.ofType(TYPES.selection)) {
        const region = model.regionOf(selection);
        // AWS Backup is regional: a selection backs up only resources of its own region.
        if (!selects(model, selection, store) || (typeof region === "string" && typeof home.region === "string" && region !== home.region)) {
            continue;
        }
        for (const plan of model.deps(selection, "planId", TYPES.plan)) {
            const vaultsOfPlan = model.deps(plan, "rules", TYPES.vault, TYPES.airGappedVault);
            const planRegion = model.regionOf(plan) ?? UNKNOWN;
            for (const rule of list(plan.props.rules).map(record)) {
                const interval = backupInterval(rule.schedule);
                const schedule = interval === undefined ? `schedule ${String(rule.schedule)}` : `every ${formatDuration(interval)}`;
                const target = vaultByName(model, text(rule.targetVaultName), vaultsOfPlan);
                const targetLocation: Location = { region: target ? (model.regionOf(target) ?? UNKNOWN) : planRegion, account: SAME };
                copies.push({
                    kind: "backup",
                    medium: "vault",
                    location: targetLocation,
                    offsite: isOffsite(home, targetLocation),
                    lagSeconds: interval,
                    via: `backup ${schedule} to vault ${target?.name ?? String(rule.targetVaultName)}`,
                    immutable: target ? isLocked(model, target) : false,
                    resource: plan,
                });
                const others = vaultsOfPlan.filter((v) => v.urn !== target?.urn);
                for (const action of list(rule.copyActions).map(record)) {
                    const arn = text(action.destinationVaultArn);
                    let vault: ModelResource | undefined;
                    let location: Location | undefined;
                    if (typeof arn === "string") {
                        const parsed = parseVaultArn(arn);
                        vault = parsed ? vaultByName(model, parsed.name, others) : undefined;
                        if (!vault && parsed) {
                            // A vault outside the stack (e.g. a backup account's): its ARN is the only evidence.
                            location = { region: parsed.region, account: parsed.account === ownAccount ? SAME : parsed.account };
                        }
                    } else if (others.length === 1) {
                        vault = others[0];
                    } else {
                        // Several candidate vaults: the copy is in one of them, so a region they all share is where it lives.
                        const regions = new Set(others.map((v) => model.regionOf(v) ?? UNKNOWN));
                        location = regions.size === 1 ? { region: [...regions][0], account: SAME } : undefined;
                    }
                    location = vault ? { region: model.regionOf(vault) ?? UNKNOWN, account: SAME } : (location ?? { region: UNKNOWN, account: SAME });
                    copies.push({
                        kind: "backup",
                        medium: "vault",
                        location,
                        offsite: isOffsite(home, location),
                        lagSeconds: interval === undefined ? undefined : interval + FIGURES.backupCopyLag,
                        via: `copy of the ${schedule} backup to ${vault ? `vault ${vault.name}` : typeof arn === "string" ? arn : "an unresolved vault"}`,
                        immutable: vault ? isLocked(model, vault) : false,
                        resource: plan,
                    });
                }
            }
        }
    }
    return copies;
}

/** Continuously replicated copies: global table replicas, S3 replication destinations. */
function replicaCopies(model: StackModel, store: ModelResource, home: Location): Copy[] {
    const copies: Copy[] = [];
    const replica = (region: string | Unknown, lag: number, via: string, resource: ModelResource) => {
        const location: Location = { region, account: SAME };
        copies.push({ kind: "replica", medium: "live", location, offsite: isOffsite(home, location), lagSeconds: lag, via, immutable: false, resource });
    };
    if (store.type === TYPES.table) {
        for (const r of list(store.props.replicas).map(record)) {
            replica(text(r.regionName) ?? UNKNOWN, FIGURES.dynamodbReplicaLag, "global table replica", store);
        }
        for (const r of model.ofType(TYPES.tableReplica).filter((t) => model.deps(t, "globalTableArn").some((d) => d.urn === store.urn))) {
            replica(model.regionOf(r) ?? UNKNOWN, FIGURES.dynamodbReplicaLag, "global table replica", r);
        }
        // A legacy (2017) global table joins same-named tables; each of its replica regions holds the data.
        const name = text(store.props.name);
        for (const legacy of model.ofType(TYPES.legacyGlobalTable).filter((g) => model.deps(g, "name").some((d) => d.urn === store.urn) || (typeof name === "string" && g.props.name === name))) {
            for (const r of list(legacy.props.replicas).map(record)) {
                const region = text(r.regionName) ?? UNKNOWN;
                if (region !== home.region) {
                    replica(region, FIGURES.dynamodbReplicaLag, "legacy global table replica", legacy);
                }
            }
        }
    }
    if (store.type === TYPES.bucket || store.type === TYPES.bucketV2) {
        for (const destination of bucketReplications(model, store)) {
            const region = destination.bucket ? (model.regionOf(destination.bucket) ?? UNKNOWN) : UNKNOWN;
            const lag = destination.rtc ? FIGURES.s3RtcLag : FIGURES.s3BestEffortLag;
            replica(region, lag, destination.rtc ? "S3 replication with RTC" : "S3 replication without RTC (best effort)", destination.bucket ?? store);
        }
    }
    return copies;
}

/** Everything the model knows about one store's copies and recovery point. */
export function storeRecovery(model: StackModel, store: ModelResource): StoreRecovery {
    return model.remember(`storeRecovery:${store.urn}`, () => recover(model, store));
}

function recover(model: StackModel, store: ModelResource): StoreRecovery {
    const home: Location = { region: model.regionOf(store) ?? UNKNOWN, account: SAME };
    const live: Copy = { kind: "live", medium: "live", location: home, offsite: false, lagSeconds: 0, via: "the store itself", immutable: false, resource: store };
    const copies = [live, ...replicaCopies(model, store, home), ...backupCopies(model, store, home)];
    const offsiteCopies = copies.filter((c) => c.offsite);
    const best = offsiteCopies
        .filter((c) => c.lagSeconds !== undefined)
        .sort((a, b) => (a.lagSeconds as number) - (b.lagSeconds as number))[0];
    const rpoTag = tag(store, DR_TAGS.rpo);
    return {
        store,
        classification: tag(store, DR_TAGS.classification),
        residency: tag(store, DR_TAGS.residency),
        targetRpo: parseDuration(rpoTag),
        home,
        copies,
        media: new Set(copies.map((c) => c.medium)).size,
        offsite: offsiteCopies.length,
        achievableRpo: best?.lagSeconds ?? Infinity,
        bestCopy: best,
    };
}

/** `3h` for seconds, `none` for Infinity: for messages and reports. */
export function describeSeconds(seconds: number): string {
    return Number.isFinite(seconds) ? formatDuration(seconds) : "none";
}

/** Where a copy lives, in words: `ap-northeast-3`, `eu-west-1 (account 210987654321)`. */
export function describeLocation(location: Location): string {
    const region = location.region === UNKNOWN ? "an unknown region" : location.region;
    return location.account === SAME ? region : `${region} (account ${location.account})`;
}
