import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_PACK } from "../paths";

/**
 * The peer a team would run beside our pack: Pulumi's AWSGuard (`@pulumi/awsguard`, its latest published
 * release), as Pulumi's `awsguard-typescript` template makes it: every policy, advisory. It is never a
 * dependency of the project: the bench installs it on demand into a cache of its own.
 */
export const AWSGUARD_VERSION = "0.3.1";

const ENTRY = `// Written by dr's npm run bench: Pulumi's awsguard-typescript template, every policy advisory.
const { AwsGuard } = require("@pulumi/awsguard");
new AwsGuard({ all: "advisory" });
`;

/** Where the bench keeps what it installs: the XDG cache, outside any repository. */
function cacheDir(): string {
    return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "dr-bench");
}

/**
 * The AWSGuard pack's folder in the cache, its packages installed first when they are missing. It runs on the very policy SDK and
 * Pulumi SDK versions our pack pins, so the comparison is of the packs, not of SDK releases.
 */
export function awsguardPack(progress: (line: string) => void): string {
    const dir = path.join(cacheDir(), `awsguard-${AWSGUARD_VERSION}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "bench-awsguard", version: AWSGUARD_VERSION, private: true, main: "index.js" }, null, 2) + "\n",
    );
    writeFileSync(
        path.join(dir, "PulumiPolicy.yaml"),
        "runtime: nodejs\ndescription: AWSGuard, the peer dr's bench measures our pack against.\n",
    );
    writeFileSync(path.join(dir, "index.js"), ENTRY);
    const ours: Record<string, string> = JSON.parse(readFileSync(path.join(DEFAULT_PACK, "package.json"), "utf8")).dependencies;
    const pins: [string, string][] = [
        ["@pulumi/awsguard", AWSGUARD_VERSION],
        ["@pulumi/policy", ours["@pulumi/policy"]],
        ["@pulumi/pulumi", ours["@pulumi/pulumi"]],
    ];
    if (pins.every(([name, version]) => installedVersion(dir, name) === version)) {
        return dir;
    }
    const specs = pins.map(([name, version]) => `${name}@${version}`);
    progress(`installing ${specs.join(" ")} into ${dir}`);
    // --ignore-scripts: @pulumi/aws's install script would fetch a provider plugin, which no pack run needs.
    const npm = spawnSync(
        "npm",
        ["install", "--prefix", dir, "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", ...specs],
        {
            encoding: "utf8",
            stdio: ["ignore", "ignore", "pipe"],
        },
    );
    if (npm.status !== 0 || installedVersion(dir, "@pulumi/awsguard") !== AWSGUARD_VERSION) {
        const said = (npm.stderr ?? npm.error?.message ?? "").trim().split("\n").pop();
        throw new Error(
            `could not install ${specs[0]} into ${dir} (npm exited ${npm.status}${said ? `: ${said}` : ""}); the bench needs the npm registry once`,
        );
    }
    return dir;
}

/** The version of a package installed under `dir`, if any (@pulumi/policy publishes its own as "v1.21.0"). */
function installedVersion(dir: string, name: string): string | undefined {
    const manifest = path.join(dir, "node_modules", name, "package.json");
    return existsSync(manifest) ? String(JSON.parse(readFileSync(manifest, "utf8")).version).replace(/^v/, "") : undefined;
}
