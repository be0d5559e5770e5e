import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ROOT, tempDir } from "../helpers";

const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, "policies", file), "utf8"));

describe("the policy pack publishes alone", () => {
    it("has a lock file of its own that matches its package.json, so npm ci works in a copy of the folder", () => {
        const manifest = read("package.json");
        const lock = read("package-lock.json");
        assert.equal(lock.name, manifest.name);
        assert.equal(lock.version, manifest.version);
        const root = lock.packages[""];
        assert.deepEqual(root.dependencies, manifest.dependencies);
        assert.deepEqual(root.devDependencies, manifest.devDependencies);
        for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
            assert.ok(lock.packages[`node_modules/${dependency}`], `${dependency} is not locked`);
        }
    });

    it("imports nothing from outside its folder", () => {
        const config = read("tsconfig.json");
        assert.deepEqual(config.include.sort(), ["catalog", "index.ts", "rules"]);
        assert.equal(config.compilerOptions.rootDir, ".");
    });
});

describe("the pack is served from one bundle", () => {
    it("loads no module from disk but its bundle and its package.json, so it starts without the whole Pulumi SDK", () => {
        const dir = path.join(ROOT, "policies");
        const main = path.join(dir, JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).main);
        // The pack prints its port first; the modules it loaded follow on a line of their own.
        const script = `require(${JSON.stringify(main)}); process.stdout.write("\\n" + JSON.stringify(Object.keys(require.cache)) + "\\n"); process.exit(0);`;
        const run = spawnSync(process.execPath, ["-e", script], {
            cwd: dir,
            encoding: "utf8",
            env: { ...process.env, PULUMI_CONFIG: "{}" },
        });
        assert.equal(run.status, 0, run.stderr);
        const loaded = JSON.parse(run.stdout.trim().split("\n").pop()!) as string[];
        assert.deepEqual(loaded.map((f) => path.relative(dir, f)).sort(), [path.join("bin", "pack.js"), "package.json"]);
    });

    it("hands @pulumi/policy the slice of the SDK it reads, and refuses to bundle one that reads more", () => {
        const { checkSdkSlice } = require(path.join(ROOT, "policies", "bundle.js")) as { checkSdkSlice: (file: string) => void };
        checkSdkSlice(require.resolve("@pulumi/policy/deserialize", { paths: [path.join(ROOT, "policies")] }));
        const dir = tempDir();
        const deserialize = (source: string) => {
            writeFileSync(path.join(dir, "deserialize.js"), source);
            return () => checkSdkSlice(path.join(dir, "deserialize.js"));
        };
        assert.throws(
            deserialize("const a = new pulumi_1.asset.FileAsset(p); const s = rpc_1.specialSigKey; pulumi_1.runtime.isDryRun();"),
            /reads runtime; policies\/bundle\.js hands it only @pulumi\/pulumi's asset, Output and runtime\/rpc's specialSigKey/,
        );
        assert.throws(deserialize("const sdk = require('@pulumi/pulumi'); sdk.asset;"), /in a form this bundle does not recognise/);
    });
});

describe("the policy SDK deserializes a request once for all the pack's policies", () => {
    it("hands every stack policy of one analyzeStack the same property objects, and the next request new ones", () => {
        // In a process of its own: the pack changes the SDK module it loads, and this test process shares that module.
        const script = `
            const path = require("node:path");
            const pack = ${JSON.stringify(path.join(ROOT, "policies"))};
            const from = (m) => require(require.resolve(m, { paths: [pack] }));
            require(${JSON.stringify(path.join(ROOT, "dist", "policies", "rules", "deserializeOnce.js"))}).deserializeOncePerRequest();
            const server = from("@pulumi/policy/server");
            const pb = from("@pulumi/pulumi/proto/analyzer_pb");
            const stubs = path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [pack] }));
            const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [stubs] }));
            const request = () => {
                const req = new pb.AnalyzeStackRequest();
                req.setResourcesList(["a", "b"].map((name) => {
                    const r = new pb.AnalyzerResource();
                    r.setType("aws:s3/bucket:Bucket");
                    r.setUrn("urn:pulumi:s::p::aws:s3/bucket:Bucket::" + name);
                    r.setName(name);
                    r.setProperties(Struct.fromJavaScript({ bucket: name, tags: { "dr:tier": "warm-standby" } }));
                    r.setOptions(new pb.AnalyzerResourceOptions());
                    return r;
                }));
                return req;
            };
            const seen = [];
            const policy = (name) => ({ name, description: name, enforcementLevel: "advisory",
                validateStack: (args) => { seen.push(args.resources.map((r) => r.props.__getSpecialProxyTarget)); } });
            const analyzeStack = server.makeAnalyzeStackRpcFun("probe", "1.0.0", "advisory", [policy("one"), policy("two")]);
            const call = (req) => new Promise((resolve, reject) => analyzeStack({ request: req }, (err) => (err ? reject(err) : resolve())));
            (async () => {
                await call(request());
                await call(request());
                const [one, two, next] = seen;
                process.stdout.write(JSON.stringify({
                    shared: one.every((p, i) => p === two[i]),
                    distinct: one[0] !== one[1],
                    renewed: next.every((p, i) => p !== one[i]),
                    content: one.map((p) => p.bucket),
                }));
            })();
        `;
        const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout), { shared: true, distinct: true, renewed: true, content: ["a", "b"] });
    });
});
