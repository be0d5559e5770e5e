"use strict";
// Plain JavaScript on purpose: it decides whether the compiled TypeScript can be trusted, so it cannot be part of it.
// Neither the CLI's nor the program's: both entries use it (cli/bin/dr.js for dr, infra/index.js for pulumi up).
const { spawnSync } = require("node:child_process");
const { existsSync, readFileSync, readdirSync, statSync, utimesSync } = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
/** The TypeScript projects `npm run build` compiles (tsc -b policies .), as folders of the project. */
const PROJECTS = ["policies", "."];

/** The newest modification time among a project's tsconfig and the .ts files it includes. */
function newestSource(configFile) {
    const dir = path.dirname(configFile);
    let newest = statSync(configFile).mtimeMs;
    const visit = (p) => {
        if (!existsSync(p)) {
            return;
        }
        const stat = statSync(p);
        if (stat.isDirectory()) {
            for (const entry of readdirSync(p)) {
                if (entry !== "node_modules") {
                    visit(path.join(p, entry));
                }
            }
        } else if (p.endsWith(".ts")) {
            newest = Math.max(newest, stat.mtimeMs);
        }
    };
    for (const include of JSON.parse(readFileSync(configFile, "utf8")).include ?? []) {
        visit(path.join(dir, include));
    }
    return newest;
}

function buildInfoOf(root, project) {
    const config = path.join(root, project, "tsconfig.json");
    return path.join(root, project, JSON.parse(readFileSync(config, "utf8")).compilerOptions.tsBuildInfoFile);
}

/** A project's step after tsc, where it has one: `bundle.js`, writing the file it exports as OUTFILE (policies/: the pack in one file). */
function bundlerOf(root, project) {
    const script = path.join(root, project, "bundle.js");
    return existsSync(script) ? { script, outfile: require(script).OUTFILE } : undefined;
}

/** A project is stale when its build info is missing or older than a source, or its bundle missing or older than its build. */
function isStale(root, project) {
    const buildInfo = buildInfoOf(root, project);
    if (!existsSync(buildInfo) || newestSource(path.join(root, project, "tsconfig.json")) > statSync(buildInfo).mtimeMs) {
        return true;
    }
    return staleBundler(root, project) !== undefined;
}

/** A project's bundle step when its bundle is missing or older than its build. */
function staleBundler(root, project) {
    const bundler = bundlerOf(root, project);
    const built = statSync(buildInfoOf(root, project)).mtimeMs;
    return bundler !== undefined && (!existsSync(bundler.outfile) || statSync(bundler.outfile).mtimeMs < built) ? bundler : undefined;
}

/**
 * `dr` never judges a stale build: when a source is newer than its build, it rebuilds incrementally
 * first. Returns undefined when the build is current, else the one line to print before exit 2.
 */
function ensureBuilt(root = ROOT, projects = PROJECTS) {
    if (!projects.some((project) => isStale(root, project))) {
        return undefined;
    }
    let tsc;
    try {
        tsc = require.resolve("typescript/bin/tsc", { paths: [root, ROOT] });
    } catch {
        return "dr: sources changed since the last build, and TypeScript is not installed to rebuild them; run npm ci.";
    }
    if (process.stderr.isTTY) {
        process.stderr.write("dr: sources changed; rebuilding (tsc -b)…\n");
    }
    const build = spawnSync(process.execPath, [tsc, "-b", ...projects], { cwd: root, encoding: "utf8" });
    if (build.status === 0) {
        return bundle(root, projects);
    }
    // tsc writes its build info even when the build fails: date it back so the next run compiles (and fails) again.
    for (const project of projects) {
        const buildInfo = buildInfoOf(root, project);
        if (existsSync(buildInfo)) {
            utimesSync(buildInfo, 0, 0);
        }
    }
    const output = `${build.stdout ?? ""}\n${build.stderr ?? ""}`.split("\n").map((l) => l.trim());
    const first = output.find((l) => /error TS\d+/.test(l)) ?? output.find((l) => l) ?? `tsc exited with ${build.status ?? build.signal}`;
    return `dr: the project does not compile; fix it and run again. First error: ${first.slice(0, 300)}`;
}

/** Runs the bundle steps a successful tsc left stale; undefined when all succeed, else the one line to print before exit 2. */
function bundle(root, projects) {
    for (const project of projects) {
        const bundler = staleBundler(root, project);
        if (bundler === undefined) {
            continue;
        }
        const run = spawnSync(process.execPath, [bundler.script], { cwd: path.join(root, project), encoding: "utf8" });
        if (run.status !== 0) {
            const said = `${run.stderr ?? ""}`.trim().split("\n")[0] || `it exited with ${run.status ?? run.signal}`;
            return `dr: ${path.join(project, "bundle.js")} could not bundle the build; fix it and run again. ${said.slice(0, 300)}`;
        }
    }
    return undefined;
}

module.exports = { ensureBuilt };
