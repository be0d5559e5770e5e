import { ModelResource, StackModel, UNKNOWN } from "../catalog/model";
import { StoreGuard, isStatefulType, storeTypeOf } from "../catalog/stores";
import { stackPolicy } from "./define";
import { unknownAtPreview } from "./guard";
import { stackModel } from "./model";
import { remedyFor } from "./remedies";
import { describeStore } from "./words";

/** The guards a store lacks; those that cannot be read at preview apart. */
export function missingGuards(store: ModelResource): { missing: StoreGuard[]; unknown: StoreGuard[] } {
    const guards = storeTypeOf(store.type)?.guards ?? [];
    return {
        missing: guards.filter((g) => g.holds(store.props) === false),
        unknown: guards.filter((g) => g.holds(store.props) === UNKNOWN),
    };
}

/** The finding for a store missing guards: what each risks, and the fix on the resource (and whether our components set it). */
export function protectionFinding(store: ModelResource, missing: StoreGuard[]): string {
    return (
        `${describeStore(store)} has no ${missing.map((g) => `${g.what} (${g.property})`).join(" and no ")}: ` +
        `${[...new Set(missing.map((g) => g.risk))].join("; ")}. ` +
        `Fix: ${missing.map((g) => g.fix).join("; ")}${remedyFor(store.urn, { ours: " (the DR program's components do)", theirs: "" })}.`
    );
}

function judged(model: StackModel): ModelResource[] {
    return model.resources.filter((r) => isStatefulType(r.type) && (storeTypeOf(r.type)?.guards.length ?? 0) > 0);
}

export const drStoreProtection = stackPolicy("dr-store-protection", (args, report, skip) => {
    const stores = judged(stackModel(args.resources));
    if (stores.length === 0) {
        return skip("the stack holds no store that has guards (deletion protection, encryption, a final snapshot)");
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
