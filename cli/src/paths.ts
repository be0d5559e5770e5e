import { readFileSync } from "node:fs";
import * as path from "node:path";

/** The project `dr` ships with (compiled to dist/cli/src/paths.js). */
export const ROOT = path.resolve(__dirname, "../../..");
/** The project's policy pack: the default for --policy-pack. */
export const DEFAULT_PACK = path.join(ROOT, "policies");
/**
 * The DR pack's config in a project folder, in the Pulumi CLI's `--policy-pack-config` format: what `dr` judges with when
 * no `--policy-pack-config` is given for that pack, and what the workflows pass to `pulumi preview` and `pulumi up`.
 */
export const PACK_CONFIG_FILE = "policy-pack-config.json";
/** The project's compiled program: the default for --program. */
export const DEFAULT_PROGRAM = path.join(ROOT, "dist", "infra", "index.js");

function projectPackage(): { version: string; homepage: string } {
    return JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
}

/** dr's version: the project's. */
export function version(): string {
    return projectPackage().version;
}

/** Where dr is documented: the project's homepage, its README. */
export function homepage(): string {
    return projectPackage().homepage;
}
