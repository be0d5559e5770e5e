import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ROOT, tempDir } from "../helpers";

const { ensureBuilt } = require(path.join(ROOT, "scripts", "ensureBuilt.js")) as {
    ensureBuilt: (root: string, projects: string[]) => string | undefined;
};

/** The global types tsc needs, declared empty: the real compiler, without parsing the standard library each time. */
const LIB =
    "interface Array<T> {} interface Boolean {} interface Function {} interface CallableFunction {} interface NewableFunction {} interface IArguments {} interface Number {} interface Object {} interface RegExp {} interface String {}\n";

/** A one-file TypeScript project with its own build info, as the project's two are. */
function project(source: string): string {
    const root = tempDir("dr-build-");
    mkdirSync(path.join(root, "src"));
    writeFileSync(
        path.join(root, "tsconfig.json"),
        JSON.stringify({
            compilerOptions: {
                strict: true,
                composite: true,
                noLib: true,
                rootDir: ".",
                outDir: "out",
                tsBuildInfoFile: "out/.tsbuildinfo",
                types: [],
            },
            include: ["src"],
        }),
    );
    writeFileSync(path.join(root, "src", "lib.d.ts"), LIB);
    writeFileSync(path.join(root, "src", "program.ts"), source);
    return root;
}

/** Writes a source and dates it after the last build, as an editor would. */
function edit(root: string, source: string): void {
    const file = path.join(root, "src", "program.ts");
    writeFileSync(file, source);
    const later = new Date(statSync(path.join(root, "out", ".tsbuildinfo")).mtimeMs + 2000);
    utimesSync(file, later, later);
}

describe("dr never judges a stale build", () => {
    it("builds a project that has no build yet, then leaves a current build alone", () => {
        const root = project("export const answer: number = 42;\n");
        assert.equal(ensureBuilt(root, ["."]), undefined);
        assert.match(readFileSync(path.join(root, "out", "src", "program.js"), "utf8"), /answer = 42/);
        const built = statSync(path.join(root, "out", ".tsbuildinfo")).mtimeMs;
        assert.equal(ensureBuilt(root, ["."]), undefined);
        assert.equal(statSync(path.join(root, "out", ".tsbuildinfo")).mtimeMs, built, "a current build was rebuilt");
    });

    it("rebuilds when a source is newer than its build", () => {
        const root = project("export const answer: number = 42;\n");
        ensureBuilt(root, ["."]);
        edit(root, "export const answer: number = 43;\n");
        assert.equal(ensureBuilt(root, ["."]), undefined);
        assert.match(readFileSync(path.join(root, "out", "src", "program.js"), "utf8"), /answer = 43/);
    });

    it("stops with the compiler's first error when a changed source does not compile", () => {
        const root = project("export const answer: number = 42;\n");
        ensureBuilt(root, ["."]);
        edit(root, 'export const answer: number = "forty-two";\n');
        const problem = ensureBuilt(root, ["."]);
        assert.match(
            problem ?? "",
            /^dr: the project does not compile; fix it and run again\. First error: src\/program\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\.$/,
        );
        assert.ok(existsSync(path.join(root, "out", "src", "program.js")), "tsc emits despite the error");
        assert.equal(
            ensureBuilt(root, ["."]),
            problem,
            "a second run must not take the emitted output of a failed build for a current one",
        );
    });
});

/** A bundle step as policies/bundle.js is one: it exports OUTFILE and, run, copies the compiled program there (or fails, saying `failure`). */
function withBundleStep(root: string, failure?: string): string {
    const outfile = path.join(root, "out", "bundle.js");
    const run = failure
        ? `process.stderr.write(${JSON.stringify(failure + "\n")}); process.exitCode = 1;`
        : `require("node:fs").copyFileSync(require("node:path").join(__dirname, "out", "src", "program.js"), ${JSON.stringify(outfile)});`;
    writeFileSync(
        path.join(root, "bundle.js"),
        `module.exports = { OUTFILE: ${JSON.stringify(outfile)} };\nif (require.main === module) { ${run} }\n`,
    );
    return outfile;
}

describe("dr never serves a stale bundle", () => {
    it("bundles a project with a bundle step after compiling it, then leaves a current bundle alone", () => {
        const root = project("export const answer: number = 42;\n");
        const outfile = withBundleStep(root);
        assert.equal(ensureBuilt(root, ["."]), undefined);
        assert.match(readFileSync(outfile, "utf8"), /answer = 42/);
        const bundled = statSync(outfile).mtimeMs;
        assert.equal(ensureBuilt(root, ["."]), undefined);
        assert.equal(statSync(outfile).mtimeMs, bundled, "a current bundle was remade");
    });

    it("bundles again when a source changes, and remakes a bundle that is missing", () => {
        const root = project("export const answer: number = 42;\n");
        const outfile = withBundleStep(root);
        ensureBuilt(root, ["."]);
        edit(root, "export const answer: number = 43;\n");
        assert.equal(ensureBuilt(root, ["."]), undefined);
        assert.match(readFileSync(outfile, "utf8"), /answer = 43/);
        rmSync(outfile);
        assert.equal(ensureBuilt(root, ["."]), undefined);
        assert.match(readFileSync(outfile, "utf8"), /answer = 43/, "a missing bundle was not remade");
    });

    it("stops with the bundle step's first words when it fails", () => {
        const root = project("export const answer: number = 42;\n");
        withBundleStep(root, 'esbuild: Could not resolve "missing"');
        assert.equal(
            ensureBuilt(root, ["."]),
            'dr: bundle.js could not bundle the build; fix it and run again. esbuild: Could not resolve "missing"',
        );
    });
});

describe("the deploy entry", () => {
    it("loads the program and the DR catalog, never the dr command", () => {
        const entry = path.join(ROOT, "infra", "index.js");
        const script = `require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
        const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        const loaded = (JSON.parse(run.stdout) as string[]).filter((f) => !f.includes("node_modules")).map((f) => path.relative(ROOT, f));
        assert.ok(loaded.includes(path.join("dist", "infra", "program.js")), `the program was not loaded: ${loaded.join(", ")}`);
        assert.deepEqual(
            loaded.filter((f) => f.split(path.sep).includes("cli")),
            [],
            "pulumi up must not load dr's CLI",
        );
    });
});
