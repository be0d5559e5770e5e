/** How Pulumi's engine writes values on the wire to analyzers (and in `--json` output and state files). */

/** The engine's marker for a value not known until the resource exists. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The key that marks a secret or a resource reference in serialized values, and their signatures. */
export const SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
