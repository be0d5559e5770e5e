"use strict";
// Plain JavaScript, run after tsc (`npm run build`): it turns the compiled pack into the one file it is served from.
const { readFileSync } = require("node:fs");
const path = require("node:path");

/** The compiled pack (tsc's output) and the file package.json's `main` names, which the Pulumi CLI and dr start. */
const ENTRY = path.join(__dirname, "bin", "index.js");
const OUTFILE = path.join(__dirname, "bin", "pack.js");

/**
 * `@pulumi/policy` (deserialize.js) imports `@pulumi/pulumi`'s index and `runtime/rpc` for the asset classes, the
 * Output class (to refuse one a remediation returns) and the wire signatures of assets, archives and secrets; each of
 * those modules loads most of the SDK (about 750 modules: the automation API, closure serialization with npm's
 * arborist, TypeScript), which a pack never runs. The bundle hands it exactly what it reads: the real asset module,
 * the real Output module loaded on first use (only a remediation reaches it), and the signatures as the real
 * `runtime/rpc` defines them.
 */
const POLICY_DESERIALIZE = path.join("@pulumi", "policy", "deserialize.js");
const INDEX_SLICE = `exports.asset = require("@pulumi/pulumi/asset");
Object.defineProperty(exports, "Output", { enumerable: true, get: () => require("@pulumi/pulumi/output").Output });`;
const INDEX_NAMES = ["asset", "Output"];
const SIGNATURES = ["specialSigKey", "specialAssetSig", "specialArchiveSig", "specialSecretSig"];

/** What deserialize.js reads of `@pulumi/pulumi` (as `pulumi_1`) and of its `runtime/rpc` (as `rpc_1`); throws where it reads more. */
function checkSdkSlice(deserializeFile) {
    const source = readFileSync(deserializeFile, "utf8");
    const read = (alias) => new Set([...source.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, "g"))].map((m) => m[1]));
    const [index, rpc] = [read("pulumi_1"), read("rpc_1")];
    const beyond = [...[...index].filter((name) => !INDEX_NAMES.includes(name)), ...[...rpc].filter((name) => !SIGNATURES.includes(name))];
    if (index.size === 0 || rpc.size === 0 || beyond.length > 0) {
        throw new Error(
            `${deserializeFile} reads ${beyond.length > 0 ? beyond.join(", ") : "@pulumi/pulumi in a form this bundle does not recognise"}; ` +
                `policies/bundle.js hands it only @pulumi/pulumi's ${INDEX_NAMES.join(", ")} and runtime/rpc's ${SIGNATURES.join(", ")}: extend the slice.`,
        );
    }
}

/** An esbuild plugin: the SDK slice for `@pulumi/policy`, and an error for any other import of the SDK's heavy modules. */
const sdkSlice = {
    name: "pulumi-sdk-slice",
    setup(build) {
        build.onResolve({ filter: /^@pulumi\/pulumi(\/runtime\/rpc)?$/ }, (args) => {
            if (!args.importer.endsWith(POLICY_DESERIALIZE)) {
                return {
                    errors: [
                        {
                            text: `${path.relative(__dirname, args.importer)} imports ${args.path}, which loads the whole Pulumi SDK into the pack; import the module it needs (e.g. @pulumi/pulumi/runtime/config).`,
                        },
                    ],
                };
            }
            checkSdkSlice(args.importer);
            return { path: args.path, namespace: "pulumi-sdk-slice" };
        });
        build.onLoad({ filter: /.*/, namespace: "pulumi-sdk-slice" }, (args) => {
            if (args.path === "@pulumi/pulumi") {
                return { contents: INDEX_SLICE, resolveDir: __dirname, loader: "js" };
            }
            const rpc = require("@pulumi/pulumi/runtime/rpc");
            return { contents: SIGNATURES.map((name) => `exports.${name} = ${JSON.stringify(rpc[name])};`).join("\n"), loader: "js" };
        });
    },
};

/** Bundles the compiled pack and every module it loads into `bin/pack.js`. */
async function bundle() {
    const esbuild = require("esbuild");
    await esbuild.build({
        entryPoints: [ENTRY],
        outfile: OUTFILE,
        // The bundle names each module it holds in a comment, relative to here: where profiles find them (npm run bench:profile).
        absWorkingDir: path.dirname(OUTFILE),
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        plugins: [sdkSlice],
        logLevel: "warning",
    });
}

module.exports = { bundle, checkSdkSlice, OUTFILE };

if (require.main === module) {
    bundle().catch((err) => {
        console.error(`policies/bundle.js: ${err.message}`);
        process.exitCode = 1;
    });
}
