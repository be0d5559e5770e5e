import { DEFAULT_RESIDENCY_ZONES, ResidencyZones, declaredTargets } from "../catalog";
import { DeclaredIntent, ScopeTargets, declaredIntent } from "../catalog/model";
import { stackConfig, stackConfigObject } from "./stackConfig";

/**
 * What the pack's policies share across policies: the intent and failure-scope targets the stack declares (`dr:`
 * keys, from the stack config the policy SDK gives the pack) and the residency zones of the data-residency policy's config.
 */

/** The DR intent the stack's config declares (`dr:tier`, `dr:rto`, `dr:rpo`, `dr:residency`, `dr:drRegion`). */
export function packDeclared(): DeclaredIntent {
    return declaredIntent((key) => stackConfig("dr", key));
}

let targets: { value: ScopeTargets; problem?: string } | undefined;

/** The stack's `dr:targets`, in seconds; none when the key is absent, or malformed (the program's own check stops that preview first). */
export function packTargets(): { value: ScopeTargets; problem?: string } {
    if (!targets) {
        try {
            const value = declaredTargets(stackConfigObject<unknown>("dr", "targets"), (key, value, allowed) => {
                throw new Error(`${key} is ${JSON.stringify(value)}; expected ${allowed}`);
            });
            targets = { value };
        } catch (e) {
            targets = { value: {}, problem: (e as Error).message };
        }
    }
    return targets;
}

let zones: ResidencyZones | undefined;

/**
 * Records the residency zones of the data-residency policy's config. A policy reads only its own config, so the pack
 * registers data-residency before every other stack policy (policies/rules/manifest.ts) and the SDK runs stack
 * policies one after another in that order: every policy after it sees the zones the company configured.
 */
export function recordZones(configured: ResidencyZones): void {
    zones = configured;
}

/** The residency zones in force: the configured ones once data-residency has run, else the catalog's defaults. */
export function packZones(): ResidencyZones {
    return zones ?? DEFAULT_RESIDENCY_ZONES;
}
