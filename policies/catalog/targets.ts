import { ConfigFail, TARGETS, readValue } from "./config";
import { SCOPES, ScopeTargets } from "./model/scopes";

/**
 * The failure-scope targets a stack declares in `dr:targets`, in seconds: read by the pack from the stack's config and
 * by `dr` from the stack file, through the same schema the program checks the key with. `fail` reports a bad value.
 */
export function declaredTargets(value: unknown, fail: ConfigFail): ScopeTargets {
    const targets = readValue(TARGETS, value, "dr:targets", fail) ?? {};
    return Object.fromEntries(
        SCOPES.flatMap((scope) => {
            const target = scope === "region" ? undefined : targets[scope];
            return target ? [[scope, { rto: target.rto.seconds, rpo: target.rpo.seconds }]] : [];
        }),
    );
}
