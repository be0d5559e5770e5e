/** Residency zones: the regions where a zone's personal data may live. */
export type ResidencyZones = Record<string, string[]>;

/**
 * Defaults of the `data-residency` policy's `zones`, which a company replaces or extends with `--policy-pack-config`
 * (a zone it names replaces the default of that name; a new name adds a zone, e.g. `sg`). They are the seed data of
 * the design this project follows (DESIGN §7), not law: eu holds eu-west-1 alone, so GDPR data stays there until
 * the company's counsel widens it; us lists us-east-1, us-west-2 and ap-northeast-1 (the seed's Tokyo processing) but
 * not us-east-2 or us-west-1. Decide your zones with counsel and set them in the pack's config.
 */
export const DEFAULT_RESIDENCY_ZONES: ResidencyZones = {
    eu: ["eu-west-1"],
    jp: ["ap-northeast-1", "ap-northeast-3"],
    us: ["us-east-1", "us-west-2", "ap-northeast-1"],
};

/** The zones of a data-residency policy config: the defaults, with each zone the config names replaced or added. */
export function zonesFromConfig(config: unknown): ResidencyZones {
    const zones = typeof config === "object" && config !== null ? (config as { zones?: unknown }).zones : undefined;
    const result: ResidencyZones = { ...DEFAULT_RESIDENCY_ZONES };
    for (const [zone, regions] of Object.entries(typeof zones === "object" && zones !== null ? zones : {})) {
        if (Array.isArray(regions) && regions.every((r) => typeof r === "string")) {
            result[zone] = regions as string[];
        }
    }
    return result;
}

/**
 * What a store's data is: `personal` (bound by residency), `internal`, `public`, or `reproducible` — rebuilt from its
 * source (a static site's build, a cache, a search index of another store), so it is held to no RPO and no 3-2-1, but
 * its rebuild time (`dr:rebuild`) counts in every recovery that must rebuild it.
 */
export const CLASSIFICATIONS = ["personal", "internal", "public", "reproducible"] as const;

export type Classification = (typeof CLASSIFICATIONS)[number];

export function isClassification(value: unknown): value is Classification {
    return typeof value === "string" && (CLASSIFICATIONS as readonly string[]).includes(value);
}
