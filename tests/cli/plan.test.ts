import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ROOT, jsonFile, projectWithStack, projectWithStacks, runDr, tempDir } from "../helpers";

const fixture = (name: string) => path.join(ROOT, "tests", "fixtures", name);

describe("dr plan, end to end: one test per behaviour", () => {
    it("npm run plan: the main job passes the shipped stacks, reports each stack's worst store, and prints no progress to a pipe", () => {
        const run = spawnSync("npm", ["run", "plan"], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        for (const stack of ["eu", "tokyo", "us"]) {
            assert.match(run.stdout, new RegExp(`^stack ${stack} .* PASSED$`, "m"));
        }
        assert.match(
            run.stdout,
            /^ {2}posture {2}tier active-active {3}RTO target 15m {2}achievable 11m {3}RPO \(worst store: uploads\) target 15m {2}achievable 15m$/m,
        );
        assert.match(run.stdout, /^3 stacks: 3 passed, 0 rejected$/m);
        assert.doesNotMatch(run.stderr, /capturing|judging/);
    });

    it("every JSON command the README shows prints pure JSON on stdout, in the documented shape", () => {
        const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
        const commands = readme
            .split("\n")
            .map((line) => line.replace(/#.*$/, "").trim())
            .filter((line) => /^(npx|npm) .*--json\b/.test(line));
        assert.ok(commands.length > 0, "the README shows no JSON command");
        for (const command of commands) {
            const [bin, ...args] = command.split(/\s+/);
            const run = spawnSync(bin, args, { cwd: ROOT, encoding: "utf8" });
            assert.equal(run.status, 0, `${command}: ${run.stderr}`);
            let report: any;
            assert.doesNotThrow(() => (report = JSON.parse(run.stdout)), `${command} printed more than JSON: ${run.stdout.slice(0, 120)}`);
            if (args[1] === "cost") {
                // dr cost: each stack at every tier, money in whole cents.
                for (const s of report.stacks) {
                    assert.deepEqual(Object.keys(s).sort(), ["lines", "regions", "stack", "tier", "tiers"]);
                    assert.ok(s.tiers.every((t: any) => Number.isInteger(t.month.cents)));
                }
                continue;
            }
            for (const s of report.stacks) {
                assert.deepEqual(Object.keys(s).sort(), ["cost", "posture", "rejected", "resources", "stack", "violations"]);
                // A stack with a night mode adds its night.
                assert.deepEqual(
                    Object.keys(s.posture)
                        .filter((k) => k !== "night")
                        .sort(),
                    ["afterFailover", "dataStores", "judgedScope", "rpo", "rto", "scopes", "tier"],
                );
                if (s.posture.night) {
                    assert.deepEqual(Object.keys(s.posture.night).sort(), [
                        "from",
                        "region",
                        "rpo",
                        "rto",
                        "scopes",
                        "tier",
                        "timeZone",
                        "to",
                    ]);
                }
                // Money as integer cents; the month is the sum of its services.
                assert.ok(Number.isInteger(s.cost.month.cents));
                assert.equal(
                    Object.values<number>(s.cost.month.byService).reduce((a, b) => a + b, 0),
                    s.cost.month.cents,
                );
                // DESIGN §14: each scope's RTO and RPO, and the steps of the judged recovery.
                assert.deepEqual(Object.keys(s.posture.scopes), ["region", "az", "account", "corruption"]);
                for (const scope of Object.values<any>(s.posture.scopes)) {
                    assert.deepEqual(Object.keys(scope.rpo).sort(), ["achievableSeconds", "targetSeconds"]);
                    assert.ok(["achievableSeconds", "targetSeconds"].every((k) => k in scope.rto));
                }
                for (const step of s.posture.rto.steps) {
                    assert.deepEqual(Object.keys(step).sort(), ["manual", "seconds", "step"]);
                }
                for (const v of s.violations) {
                    assert.deepEqual(Object.keys(v).sort(), ["enforcementLevel", "message", "policy", "policyPack", "urn"]);
                }
                for (const store of s.posture.dataStores) {
                    assert.deepEqual(Object.keys(store).sort(), [
                        "classification",
                        "copies",
                        "media",
                        "name",
                        "offsite",
                        "regions",
                        "rpo",
                        "scopes",
                        "singleZone",
                        "type",
                    ]);
                    assert.deepEqual(Object.keys(store.rpo).sort(), ["achievableSeconds", "targetSeconds"]);
                }
            }
        }
    });

    it("rejects a stack that breaks a policy (exit 1), and leaves no temporary folder behind", async () => {
        const tmp = tempDir("dr-tmp-");
        const run = await runDr(["plan", "--stack", "fixture", "--program", program("untagged")], fixture("untagged"), { TMPDIR: tmp });
        assert.equal(run.code, 1, run.stderr);
        assert.match(run.stdout, /^stack fixture .* REJECTED \(\d+ mandatory violations?\)$/m);
        assert.match(run.stdout, /mandatory dr-classification {2}aws:dynamodb\/table:Table "untagged"/);
        assert.deepEqual(readdirSync(tmp), [], "dr left files in its temporary folder");
    });

    it("reports a waived violation in the text and the JSON, and passes the stack until the waiver expires", async () => {
        const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        const dir = projectWithStack("eu", (c) => {
            c["dr:tables"][0].replicaRegions = ["us-east-1"];
            c["dr:waivers"] = [
                { policy: "data-residency", resource: "users", reason: "DPA, ticket SEC-1234", approvedBy: "ciso@example.com", expires },
            ];
        });
        const text = await runDr(["plan", "--stack", "eu"], dir);
        assert.equal(text.code, 0, text.stderr);
        assert.match(text.stdout, /^ {2}waived {4}data-residency {2}aws:dynamodb\/table:Table "users"$/m);
        assert.match(
            text.stdout,
            new RegExp(`^ {12}waived until ${expires} \\(approved by ciso@example\\.com: DPA, ticket SEC-1234\\)$`, "m"),
        );
        const json = JSON.parse((await runDr(["plan", "--stack", "eu", "--json"], dir)).stdout);
        const [v] = json.stacks[0].violations.filter((v: any) => v.policy === "data-residency");
        assert.deepEqual(v.waived, { reason: "DPA, ticket SEC-1234", approvedBy: "ciso@example.com", expires });
        assert.equal(json.stacks[0].rejected, false);
    });

    it("rejects stacks that claim one geolocation on a name (exit 1): Route 53 would refuse the second stack's record", async () => {
        const dir = projectWithStacks({ tokyo: { base: "tokyo" }, us: { base: "us", edit: (c) => c["dr:routing"].geo.push("OC") } });
        const run = await runDr(["plan", "--stack", "all", "--json"], dir);
        assert.equal(run.code, 1, run.stderr);
        const report = JSON.parse(run.stdout);
        for (const stack of report.stacks) {
            assert.equal(stack.rejected, true, stack.stack);
            const [v] = stack.violations.filter((v: any) => v.policy === "dr-geolocation-unique");
            assert.equal(v.policyPack, "dr plan");
            assert.match(
                v.message,
                /^Stacks tokyo and us both route OC on app\.example\.com: Route 53 takes one geolocation record per location and name/,
            );
        }
    });
});

describe("dr plan: bad input exits 2 with one bounded line naming what to fix", () => {
    it("a bad config value, quoted at most about 80 characters however long it is", async () => {
        const dir = projectWithStack("us", (c) => (c["dr:tier"] = "g".repeat(1_000_000)));
        const run = await runDr(["plan", "--stack", "us"], dir);
        assert.equal(run.code, 2);
        assert.equal(run.stdout, "");
        assert.match(
            run.stderr,
            /^dr: Pulumi\.us\.yaml: dr:tier is "g{78}… \(1000000 characters\); expected one of backup-restore, pilot-light, warm-standby, active-active\.\n$/,
        );
    });

    it("a malformed waiver, or one naming a policy no pack has", async () => {
        const waiver = {
            policy: "data-residency",
            resource: "users",
            reason: "ticket SEC-1",
            approvedBy: "ciso@example.com",
            expires: "2027-13-01",
        };
        const malformed = await runDr(
            ["plan", "--stack", "us"],
            projectWithStack("us", (c) => (c["dr:waivers"] = [waiver])),
        );
        assert.equal(malformed.code, 2);
        assert.equal(
            malformed.stderr,
            'dr: Pulumi.us.yaml: dr:waivers[0].expires is "2027-13-01"; expected a date, YYYY-MM-DD (the waiver holds through that day, UTC).\n',
        );
        const unknown = await runDr(
            ["plan", "--stack", "us"],
            projectWithStack("us", (c) => (c["dr:waivers"] = [{ ...waiver, policy: "dr-rpo", expires: "2027-03-31" }])),
        );
        assert.equal(unknown.code, 2);
        assert.match(
            unknown.stderr,
            /^dr: Pulumi\.us\.yaml: dr:waivers\[0\]\.policy is "dr-rpo"; expected a policy of the packs that judged the stack: dr-classification, data-residency, dr-rpo-target, .*dr-geolocation-unique\.\n$/,
        );
    });

    it("an unknown stack", async () => {
        const unknown = await runDr(["plan", "--stack", "mars"]);
        assert.equal(unknown.code, 2);
        assert.match(unknown.stderr, /^dr: --stack mars: no such stack here; expected one of eu, tokyo, us, all/);
    });

    it("a folder that is not a policy pack", async () => {
        const run = await runDr(
            ["plan", "--stack", "fixture", "--program", program("untagged"), "--policy-pack", fixture("providers")],
            fixture("untagged"),
        );
        assert.equal(run.code, 2);
        assert.match(
            run.stderr,
            /^dr: --policy-pack .*providers: not a policy pack; expected a folder with PulumiPolicy.yaml and package.json\.$/m,
        );
    });

    it("a pack that crashes before serving, in its own last words", async () => {
        const pack = tempDir("dr-pack-");
        writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "broken", version: "1.0.0", main: "index.js" }));
        writeFileSync(path.join(pack, "index.js"), 'throw new Error("missing dependency left-pad");\n');
        const run = await runDr(
            ["plan", "--stack", "fixture", "--program", program("untagged"), "--policy-pack", pack],
            fixture("untagged"),
        );
        assert.equal(run.code, 2);
        assert.match(run.stderr, /^dr: --policy-pack .*: exited with code 1 before serving: .*missing dependency left-pad\.\n$/);
    });

    it("a policy pack config naming an unknown level, and a huge one quoted briefly", async () => {
        const strict = await runDr(["plan", "--stack", "eu", "--policy-pack-config", jsonFile("config.json", { all: "strict" })]);
        assert.equal(strict.code, 2);
        assert.match(strict.stderr, /"all" is "strict"; expected one of advisory, mandatory, remediate, disabled/);
        const huge = await runDr(["plan", "--stack", "eu", "--policy-pack-config", jsonFile("huge.json", { all: "x".repeat(2_000_000) })]);
        assert.equal(huge.code, 2);
        assert.ok(huge.stderr.length < 300, `${huge.stderr.length} characters of error`);
        assert.match(huge.stderr, /"all" is "x+… \(2000000 characters\); expected one of/);
    });

    it("no command, an unknown command, an unknown flag (listing the valid ones)", async () => {
        for (const args of [[], ["deploy"]]) {
            const run = await runDr(args);
            assert.equal(run.code, 2);
            assert.equal(run.stdout, "");
            assert.match(run.stderr, /^dr: .*expected one of plan/);
            assert.equal(run.stderr.trim().split("\n").length, 1);
        }
        const flag = await runDr(["plan", "--stacks", "eu"]);
        assert.equal(flag.code, 2);
        assert.equal(
            flag.stderr,
            "dr: dr plan: unknown option --stacks; expected one of --stack, --json, --format, --output, --policy-pack, --policy-pack-config, --program, --answers, --evidence, --as-of, --help (dr plan --help).\n",
        );
    });

    it("--version and --help, which lists every command", async () => {
        const version = await runDr(["--version"]);
        assert.equal(version.stdout, `dr ${JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version}\n`);
        const help = await runDr(["--help"]);
        assert.equal(help.code, 0);
        assert.match(help.stdout, /^commands:\n {2}plan /m);
    });
});

describe("dr plan --program: any program, judged or refused, never passed unseen", () => {
    const plan = (name: string, ...args: string[]) =>
        runDr(["plan", "--stack", "fixture", "--program", program(name), ...args], fixture(name));

    it("refuses a program whose components a provider plugin builds (awsx's): exit 2 naming them and the command that can judge them", async () => {
        const run = await plan("component-provider", "--json");
        assert.equal(run.code, 2);
        assert.equal(run.stdout, "");
        assert.equal(
            run.stderr,
            "dr: stack fixture: awsx:ec2:Vpc, awsx:ecs:FargateService are components that their provider plugins build, so dr plan cannot see " +
                "the resources inside and will not judge the stack without them; judge it where the plugins run: " +
                "pulumi preview --stack fixture --policy-pack ../../../policies\n",
        );
    });

    it("answers provider functions in both forms: computed, looked up, or from the project's dr-answers.json; no resource dropped", async () => {
        const run = await plan("functions", "--json");
        assert.equal(run.code, 1, run.stderr);
        // The stack, the table named by the SSM answer and keyed by the KMS one, the policy built from its document,
        // the launch template on the looked-up image, the security group in the default VPC, the load balancer in its subnets.
        assert.equal(JSON.parse(run.stdout).stacks[0].resources, 6);
    });

    it("names a function nobody answers, in the Output form (whose dependents it once dropped) and the direct form (once an empty cause)", async () => {
        const answers = (byToken: object) => jsonFile("answers.json", byToken);
        const outputForm = await plan("functions", "--answers", answers({ "aws:ssm/getParameter:getParameter": { value: "orders" } }));
        assert.equal(outputForm.code, 2);
        assert.match(
            outputForm.stderr,
            /^dr: stack fixture: the program calls the provider function aws:kms\/getAlias:getAlias, which dr plan cannot answer offline; add its result to \/.*\/answers\.json: \{"aws:kms\/getAlias:getAlias": \{…the result…\}\}\.\n$/,
        );
        const directForm = await plan(
            "functions",
            "--answers",
            answers({ "aws:kms/getAlias:getAlias": { targetKeyArn: "arn" } }),
            "--json",
        );
        assert.equal(directForm.code, 2);
        assert.equal(directForm.stdout, "");
        assert.match(
            directForm.stderr,
            /^dr: stack fixture: the program calls the provider function aws:ssm\/getParameter:getParameter, which dr plan cannot answer offline; add its result to .*answers\.json/,
        );
    });

    it("a failed input of the program's fails it, as the Pulumi CLI fails it, where it once dropped the resource", async () => {
        const dir = tempDir();
        const file = path.join(dir, "program.js");
        writeFileSync(
            file,
            `const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});\n` +
                'module.exports = async () => { new pulumi.CustomResource("aws:sns/topic:Topic", "alarms", { name: pulumi.output("a").apply(() => { throw new Error("no name today"); }) }); };\n',
        );
        const run = await runDr(["plan", "--stack", "fixture", "--program", file], fixture("untagged"));
        assert.equal(run.code, 2);
        assert.equal(run.stderr, 'dr: stack fixture: the program failed: error serializing property "name": no name today\n');
    });

    it("places a finding on a foreign program's resource at the line that declared it, in the program's source", async () => {
        const run = await plan("untagged", "--format", "sarif");
        assert.equal(run.code, 1, run.stderr);
        const results = JSON.parse(run.stdout).runs[0].results;
        const classification = results.find((r: any) => r.ruleId === "dr-classification");
        const { artifactLocation, region } = classification.locations[0].physicalLocation;
        assert.equal(artifactLocation.uri, "program.ts");
        const line = readFileSync(path.join(fixture("untagged"), artifactLocation.uri), "utf8").split("\n")[region.startLine - 1];
        assert.match(line, /new aws\.dynamodb\.Table\("untagged"/);
    });

    it("refuses a module that exports nothing to run, at once, saying how to export the program", async () => {
        const file = path.join(tempDir(), "program.js");
        writeFileSync(file, "module.exports = { region: 'eu-west-1' };\n");
        const run = await runDr(["plan", "--stack", "fixture", "--program", file], fixture("untagged"));
        assert.equal(run.code, 2);
        assert.equal(
            run.stderr,
            `dr: --program ${file}: exports nothing dr plan can run; export the program's body as a function: export = async () => { … } (TypeScript) or module.exports = async () => { … }.\n`,
        );
    });

    it("checks --output before anything runs: a missing folder is one line naming it", async () => {
        const missing = path.join(tempDir(), "reports", "dr.sarif");
        // A program that is no program fails only once it runs: the --output line shows the check came first.
        const file = path.join(tempDir(), "program.js");
        writeFileSync(file, "module.exports = {};\n");
        const run = await runDr(["plan", "--stack", "fixture", "--program", file, "--output", missing], fixture("untagged"));
        assert.equal(run.code, 2);
        assert.equal(
            run.stderr,
            `dr: --output ${missing}: cannot be written: its folder ${path.dirname(missing)} does not exist; name a file in a folder that exists and you may write.\n`,
        );
    });
});

function program(name: string): string {
    return path.join(ROOT, "dist", "tests", "fixtures", name, "program.js");
}
