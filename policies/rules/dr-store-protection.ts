import { ModelResource, StackModel, TYPES, UNKNOWN, record } from "../catalog/model";
import { isStatefulType } from "../catalog/tags";
import { stackPolicy } from "./define";
import { unknownAtPreview } from "./guard";
import { stackModel } from "./model";
import { describeStore } from "./words";

/** A store's guard against loss, and how to read it. */
interface Guard {
    /** What the guard is, in a finding. */
    what: string;
    /** The property that sets it, and how to fix it. */
    property: string;
    fix: string;
    /** Whether it holds; UNKNOWN when computed at preview. */
    holds: (store: ModelResource) => boolean | typeof UNKNOWN;
}

const isTrue = (value: unknown) => (value === UNKNOWN ? UNKNOWN : value === true);

/**
 * What each relational or table store must have so one mistaken call or a stolen disk loses nothing:
 * deletion protection, and storage encryption (a provisioned Aurora cluster is unencrypted unless asked, and
 * encryption cannot be turned on later). https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
 */
const GUARDS: Record<string, Guard[]> = {
    [TYPES.rdsCluster]: [
        {
            what: "deletion protection",
            property: "deletionProtection",
            fix: "set deletionProtection: true",
            holds: (s) => isTrue(s.props.deletionProtection),
        },
        {
            what: "storage encryption",
            property: "storageEncrypted",
            fix: "set storageEncrypted: true with kmsKeyId, the region's customer-managed key (a new cluster: encryption cannot be added to an existing one)",
            holds: (s) => isTrue(s.props.storageEncrypted),
        },
    ],
    [TYPES.rdsInstance]: [
        {
            what: "deletion protection",
            property: "deletionProtection",
            fix: "set deletionProtection: true",
            holds: (s) => isTrue(s.props.deletionProtection),
        },
        // A cross-region replica is encrypted by its kmsKeyId; storageEncrypted is ignored there.
        {
            what: "storage encryption",
            property: "storageEncrypted",
            fix: "set storageEncrypted: true with kmsKeyId, the region's customer-managed key",
            holds: (s) =>
                s.props.replicateSourceDb !== undefined && s.props.kmsKeyId !== undefined ? true : isTrue(s.props.storageEncrypted),
        },
        {
            what: "automated backups",
            property: "backupRetentionPeriod",
            fix: "set backupRetentionPeriod to 1-35 days",
            holds: (s) =>
                s.props.backupRetentionPeriod === UNKNOWN
                    ? UNKNOWN
                    : typeof s.props.backupRetentionPeriod === "number" && s.props.backupRetentionPeriod > 0,
        },
    ],
    [TYPES.table]: [
        {
            what: "deletion protection",
            property: "deletionProtectionEnabled",
            fix: "set deletionProtectionEnabled: true",
            holds: (s) => isTrue(record(s.props).deletionProtectionEnabled),
        },
    ],
};

/** The guards a store lacks; those that cannot be read at preview apart. */
export function missingGuards(store: ModelResource): { missing: Guard[]; unknown: Guard[] } {
    const guards = GUARDS[store.type] ?? [];
    return { missing: guards.filter((g) => g.holds(store) === false), unknown: guards.filter((g) => g.holds(store) === UNKNOWN) };
}

export function protectionFinding(store: ModelResource, missing: Guard[]): string {
    return (
        `${describeStore(store)} has no ${missing.map((g) => `${g.what} (${g.property})`).join(" and no ")}: ` +
        `${missing.some((g) => g.property.startsWith("deletion")) ? "one mistaken delete, by a person or a pipeline, destroys it and its data" : "its data sits unencrypted on disk and in every snapshot"}. ` +
        `Fix: ${missing.map((g) => g.fix).join("; ")} (the DR program's components do).`
    );
}

function judged(model: StackModel): ModelResource[] {
    return model.resources.filter((r) => isStatefulType(r.type) && GUARDS[r.type] !== undefined);
}

export const drStoreProtection = stackPolicy("dr-store-protection", (args, report, skip) => {
    const stores = judged(stackModel(args.resources));
    if (stores.length === 0) {
        return skip("the stack holds no table or database");
    }
    let unreadable: ModelResource | undefined;
    for (const store of stores) {
        const { missing, unknown } = missingGuards(store);
        if (missing.length > 0) {
            report(protectionFinding(store, missing), store.urn);
        } else if (unknown.length > 0) {
            unreadable ??= store;
        }
    }
    if (unreadable) {
        throw unknownAtPreview(unreadable.name, missingGuards(unreadable).unknown[0].property);
    }
});
