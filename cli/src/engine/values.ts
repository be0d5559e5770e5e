import { UnknownMarker } from "../../../policies/catalog/model";

/** How Pulumi's engine writes values on the wire to analyzers (and in `--json` output and state files). */

/** The engine's marker for a value not known until the resource exists. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every unknown marker the policy SDK recognises (string, boolean, number, array, asset, archive, object). */
const UNKNOWN_SENTINELS = new Set([
    UNKNOWN_SENTINEL,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The key that marks a secret or a resource reference in serialized values, and their signatures. */
export const SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8b";

/** The engine's wire form, for the catalog's model adapter: a sentinel stands where the value would be. */
export const ENGINE_UNKNOWN: UnknownMarker = { isSentinel: (value) => typeof value === "string" && UNKNOWN_SENTINELS.has(value) };
