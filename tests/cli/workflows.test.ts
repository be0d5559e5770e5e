import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { readPolicyPackConfig } from "../../cli/src/engine/policyConfig";
import { listStacks } from "../../cli/src/engine/stackConfig";
import { PACK_CONFIG_FILE } from "../../cli/src/paths";
import { ROOT, runDr, tempDir } from "../helpers";
import { sharedLab } from "../support/lab";
import { deployedStack, printedDigest, refreshDigest } from "../support/liveState";
import { pulumiUrnGlob, runJob, usesOf, workflow } from "../support/workflow";

const PINNED = /^[\w.-]+\/[\w.-]+(\/[\w.-]+)*@[0-9a-f]{40}$/;
const WORKFLOWS = readdirSync(path.join(ROOT, ".github", "workflows")).filter((f) => f.endsWith(".yml"));
/** How a job's matrix runs every stack: the list stacks.yml makes from the stack files. */
const EVERY_STACK = "${{ fromJSON(needs.stacks.outputs.stacks) }}";
/** Reading one returns the secret's value: the drift role may not, so the refresh leaves them out. */
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

const lab = sharedLab();

/** An IAM policy document of docs/iam/. */
function iamPolicy(file: string): { Statement: Record<string, any>[] } {
    return JSON.parse(readFileSync(path.join(ROOT, "docs", "iam", file), "utf8"));
}

describe("every workflow", () => {
    for (const name of WORKFLOWS) {
        it(`${name}: pins every action to a full commit, and lets no dependency's install script run`, () => {
            const doc = workflow(name);
            for (const uses of usesOf(doc)) {
                assert.match(uses, PINNED, uses);
            }
            const runs = Object.values(doc.jobs).flatMap((job: any) =>
                (job.steps ?? []).filter((s: any) => s.run).map((s: any) => s.run as string),
            );
            assert.ok(!runs.some((r) => /^\s*npm (ci|install)\s*$/m.test(r)), "npm ci without --ignore-scripts");
        });
    }
});

describe("stacks.yml: every workflow's stacks, found as dr plan finds them", () => {
    const list = workflow("stacks.yml").jobs.list;

    /** The stacks the job lists in a checkout holding `files`. */
    function listed(files: string[]) {
        const run = runJob(list, {}, {}, Object.fromEntries(files.map((f) => [f, "config: {}\n"])));
        return { run, stacks: run.outputs.list?.stacks };
    }

    it("lists the repository's stack files, the stacks dr plan --stack all runs", () => {
        const files = readdirSync(ROOT).filter((f) => f.startsWith("Pulumi."));
        assert.deepEqual(JSON.parse(listed(files).stacks), listStacks(ROOT));
    });

    it("lists a cell added by its file alone, .yaml or .yml, and no name dr would not plan", () => {
        const { stacks } = listed(["Pulumi.yaml", "Pulumi.eu.yaml", "Pulumi.sg.yaml", "Pulumi.staging.yml", "Pulumi.eu.bak.yaml"]);
        assert.deepEqual(JSON.parse(stacks), ["eu", "sg", "staging"]);
    });

    it("fails, rather than run an empty matrix, in a checkout with no stack file", () => {
        const { run } = listed(["Pulumi.yaml"]);
        assert.deepEqual(run.steps.at(-1), { name: "List the stack files", ran: true, code: 1 });
    });

    it("feeds every per-stack job's matrix: deploy, drift and the real preview, each after the list", () => {
        const perStack = WORKFLOWS.flatMap((name) =>
            Object.entries<any>(workflow(name).jobs)
                .filter(([, job]) => job.strategy?.matrix?.stack)
                .map(([id, job]) => ({ name, id, job, doc: workflow(name) })),
        );
        assert.deepEqual(
            perStack.map((j) => `${j.name} ${j.id}`),
            ["deploy.yml deploy", "drift.yml drift", "preview.yml preview"],
        );
        for (const { name, id, job, doc } of perStack) {
            assert.equal(job.strategy.matrix.stack, EVERY_STACK, `${name} ${id}`);
            assert.ok([job.needs].flat().includes("stacks"), `${name} ${id} needs stacks`);
            assert.deepEqual(doc.jobs.stacks, { uses: "./.github/workflows/stacks.yml", permissions: { contents: "read" } }, name);
        }
    });

    it("gives pulumi up and pulumi preview the pack config dr plan reads by default", () => {
        for (const [name, id] of [
            ["deploy.yml", "deploy"],
            ["preview.yml", "preview"],
        ]) {
            const step = workflow(name).jobs[id].steps.find((s: any) => s.uses?.startsWith("pulumi/actions@"));
            assert.equal(step.with.policyPacks, "policies", name);
            assert.equal(step.with.policyPackConfigs, PACK_CONFIG_FILE, name);
        }
        assert.doesNotThrow(() => readPolicyPackConfig(path.join(ROOT, PACK_CONFIG_FILE)));
    });
});

describe("drift.yml: scheduled drift detection", () => {
    const doc = workflow("drift.yml");
    const job = doc.jobs.drift;
    const runs = job.steps.filter((s: any) => s.run).map((s: any) => s.run as string);

    it("runs on a schedule and by hand, over every stack of the project", () => {
        assert.ok(doc.on.schedule[0].cron);
        assert.ok("workflow_dispatch" in doc.on);
        assert.equal(job.strategy.matrix.stack, EVERY_STACK);
        assert.equal(job.strategy["fail-fast"], false);
    });

    it("pins every action to a commit and the Pulumi CLI to a version, and asks only for the permissions it uses", () => {
        for (const uses of usesOf(doc)) {
            assert.match(uses, PINNED, uses);
        }
        assert.match(job.steps.find((s: any) => s.uses?.startsWith("pulumi/actions@")).with["pulumi-version"], /^\d+\.\d+\.\d+$/);
        assert.deepEqual(doc.permissions, { contents: "read" });
        assert.deepEqual(job.permissions, { contents: "read", "id-token": "write", issues: "write" });
        // Its own environment (main only, no reviewers: docs/security.md), never a stack's, whose approval would hold it.
        assert.equal(job.environment, "drift");
    });

    it("refreshes as a preview only, and never writes state or deploys", () => {
        const refresh = runs.filter((r: string) => /\bpulumi refresh\b/.test(r));
        assert.equal(refresh.length, 1);
        for (const flag of ["--preview-only", "--expect-no-changes", "--json"]) {
            assert.ok(refresh[0].includes(flag), flag);
        }
        assert.ok(!runs.some((r: string) => /\bpulumi (up|destroy|import)\b|pulumi refresh[^\n]*--yes/.test(r)));
        assert.ok(!job.steps.some((s: any) => s.with?.command), "pulumi/actions runs no command: its refresh would write state");
    });

    it("runs no dependency's install script in the job that can mint an AWS token, and dr from the checkout", () => {
        assert.ok(runs.includes("npm ci --ignore-scripts"));
        assert.ok(!runs.some((r: string) => /^npm (ci|install)\s*$/m.test(r)));
        assert.ok(!runs.some((r: string) => /\bnpx\b/.test(r)), "npx could fetch a package from the registry");
    });

    it("names secrets only in step environments, never in a script", () => {
        for (const run of runs) {
            assert.doesNotMatch(run, /secrets\.|github\.token/);
        }
    });

    /**
     * The job's steps run with stubs: the refresh and dr exit with the given codes (pulumi leaves its arguments in
     * pulumi-args, one a line); gh sees `open` as the open issue.
     */
    function scenario(refreshCode: number, driftCode: number, open = "") {
        return runJob(
            job,
            {
                "matrix.stack": "eu",
                "secrets.PULUMI_ACCESS_TOKEN": "pul-token",
                "github.token": "gh-token",
                "github.server_url": "https://github.com",
                "github.repository": "org/dr",
                "github.run_id": "42",
            },
            {
                npm: "exit 0",
                pulumi: `printf '%s\\n' "$@" > pulumi-args; echo '{"changeSummary": {}}'; exit ${refreshCode}`,
                node: `echo "## Drift in stack eu"; exit ${driftCode}`,
                gh: `if [ "$1 $2" = "issue list" ]; then echo "${open}"; fi`,
            },
        );
    }

    /** The URN globs the refresh step passes to --exclude. */
    function excludes(): string[] {
        const args = readFileSync(path.join(scenario(0, 0).workdir, "pulumi-args"), "utf8").split("\n");
        return args.flatMap((arg, i) => (arg === "--exclude" ? [args[i + 1]] : []));
    }

    it("refreshes every resource but the secret versions of each shipped stack, by globs a stack without one accepts", async () => {
        const globs = excludes();
        // An --exclude URN that names no resource of the stack fails its refresh (pkg/engine/deployment.go checkTargets).
        assert.ok(globs.length > 0 && globs.every((g) => g.includes("*")), globs.join(" "));
        const excluded = (urn: string) => globs.some((g) => pulumiUrnGlob(g)(urn));
        let secretVersions = 0;
        for (const stack of listStacks(ROOT)) {
            const { state } = await deployedStack(lab, stack);
            const expected = state.filter((r) => r.type === SECRET_VERSION).map((r) => r.urn);
            assert.deepEqual(
                state.filter((r) => excluded(r.urn)).map((r) => r.urn),
                expected,
                stack,
            );
            secretVersions += expected.length;
        }
        assert.ok(secretVersions > 0, "no shipped stack has a secret version: the case is untested");
        // One outside any component too; a secret is refreshed.
        assert.ok(excluded(`urn:pulumi:eu::dr::${SECRET_VERSION}::projects-master`));
        assert.ok(!excluded("urn:pulumi:eu::dr::dr:data:AuroraDatabase$aws:secretsmanager/secret:Secret::projects-master"));
    });

    it("docs/security.md shows the excludes the workflow passes, as the shell reads them", () => {
        const doc = readFileSync(path.join(ROOT, "docs", "security.md"), "utf8");
        for (const glob of excludes()) {
            assert.ok(doc.includes(`--exclude "${glob.replace("$", "\\$")}"`), glob);
        }
    });

    it("an excluded secret version is no drift: dr drift reads the refresh's digest as unchanged (exit 0)", async () => {
        const globs = excludes();
        const { context, state } = await deployedStack(lab, "us");
        assert.ok(state.some((r) => r.type === SECRET_VERSION));
        // The refresh makes no step for an excluded resource (pkg/resource/deploy/deployment_executor.go, refresh).
        const refreshed = state.filter((r) => !globs.some((g) => pulumiUrnGlob(g)(r.urn)));
        const digest = path.join(tempDir("dr-excluded-"), "us-refresh.json");
        writeFileSync(digest, printedDigest(refreshDigest(refreshed, [], { config: context.config })));
        const run = await runDr(["drift", digest, "--json"]);
        assert.equal(run.code, 0, run.stdout + run.stderr);
        const report = JSON.parse(run.stdout);
        assert.deepEqual([report.status, report.drift.drifted, report.drift.unexplained], ["no-drift", false, undefined]);
    });

    it("says in the report, and so in the issue and the summary, that the secret versions were not checked", () => {
        const run = scenario(7, 3);
        for (const file of ["report.md", "body.md", ".summary"]) {
            const text = readFileSync(path.join(run.workdir, file), "utf8");
            assert.match(text, /^\*\*Not checked:\*\* resources of type `aws:secretsmanager\/secretVersion:SecretVersion`/m, file);
        }
    });

    it("no drift and no open issue: nothing to file, the job passes", () => {
        const run = scenario(0, 0);
        assert.ok(run.steps.every((s) => s.code === 0));
        assert.doesNotMatch(run.log, /gh issue (create|edit|close)/);
    });

    it("no drift while an issue is open: closes it", () => {
        const run = scenario(0, 0, "12");
        assert.match(run.log, /^gh issue close 12 --comment No drift on https:\/\/github\.com\/org\/dr\/actions\/runs\/42: closing\.$/m);
    });

    it("drift, nothing critical: opens one issue with the report, and the job passes", () => {
        const run = scenario(7, 3);
        assert.match(run.log, /^gh issue create --title Drift: stack eu --label drift --body-file body\.md$/m);
        assert.ok(run.steps.every((s) => s.code === 0));
    });

    it("drift while its issue is open: updates that issue, never a second one", () => {
        const run = scenario(7, 3, "5");
        assert.match(run.log, /^gh issue edit 5 --body-file body\.md$/m);
        assert.doesNotMatch(run.log, /gh issue create/);
    });

    it("critical drift: files the issue, then fails the job", () => {
        const run = scenario(7, 4, "5");
        assert.match(run.log, /^gh issue edit 5/m);
        assert.deepEqual(run.steps.at(-1), { name: "Fail on critical drift or a live violation", ran: true, code: 1 });
    });

    it("a refresh that fails (not 0, not 7), or a digest dr cannot judge, fails the job before any issue is touched", () => {
        const refresh = scenario(255, 0);
        assert.equal(refresh.steps.find((s) => s.name.startsWith("Refresh"))!.code, 255);
        assert.doesNotMatch(refresh.log, /^node|^gh/m);
        const judge = scenario(7, 2);
        assert.equal(judge.steps.find((s) => s.name === "dr drift")!.code, 2);
        assert.doesNotMatch(judge.log, /^gh/m);
    });
});

describe("preview.yml and preview-comment.yml: the gate's report on every pull request", () => {
    const preview = workflow("preview.yml");
    const comment = workflow("preview-comment.yml");
    const context = {
        "github.event.pull_request.number": "17",
        "github.event.workflow_run.head_sha": "abc123",
        "github.repository": "org/dr",
        "github.token": "gh-token",
    };

    it("plans with no secret and no write token but code scanning's, uploading SARIF only for this repository's pull requests", () => {
        const plan = preview.jobs.plan;
        assert.deepEqual(plan.permissions, { contents: "read", "security-events": "write" });
        assert.doesNotMatch(JSON.stringify(plan), /secrets\./);
        const upload = plan.steps.find((s: any) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
        assert.match(upload.if, /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
    });

    it("previews for real only after the gate passed, for this repository's branches, once approved in the preview environment", () => {
        const job = preview.jobs.preview;
        assert.deepEqual(Object.keys(preview.on), ["pull_request"]);
        assert.deepEqual(job.needs, ["plan", "stacks"]);
        assert.equal(job.if, "github.event.pull_request.head.repo.full_name == github.repository");
        assert.equal(job.environment, "preview");
        assert.deepEqual(job.permissions, { contents: "read", "id-token": "write" });
    });

    /** The plan job's steps, with dr exiting `code` for the Markdown run (and Chromium's install a no-op). */
    function plan(code: number) {
        return runJob(preview.jobs.plan, context, {
            npm: "exit 0",
            sudo: "exit 0",
            node: `case "$*" in *markdown*) echo "# dr plan: report" > plan.md; exit ${code} ;; *) touch dr.sarif dr-junit.xml ;; esac`,
        });
    }

    it("puts the report in the summary and the comment's artifact, then fails on a rejected stack", () => {
        const passed = plan(0);
        assert.ok(passed.steps.every((s) => s.code === 0));
        assert.equal(readFileSync(path.join(passed.workdir, "report", "pr-number"), "utf8"), "17\n");
        assert.match(readFileSync(path.join(passed.workdir, ".summary"), "utf8"), /^# dr plan: report$/m);
        const rejected = plan(1);
        assert.deepEqual(rejected.steps.at(-1), { name: "Fail on a rejected stack, or a plan that could not run", ran: true, code: 1 });
        assert.match(readFileSync(path.join(rejected.workdir, "report", "plan.md"), "utf8"), /^# dr plan: report$/m);
    });

    it("says in the report when the plan could not run (exit 2 or 70)", () => {
        const broken = plan(2);
        assert.match(readFileSync(path.join(broken.workdir, "report", "plan.md"), "utf8"), /^## dr plan could not run \(exit 2\)$/m);
        assert.equal(broken.steps.at(-1)!.code, 1);
    });

    it("comments from workflow_run without checking out or running the pull request's code", () => {
        assert.deepEqual(Object.keys(comment.on), ["workflow_run"]);
        assert.deepEqual(comment.permissions, {});
        assert.deepEqual(comment.jobs.comment.permissions, { actions: "read", "pull-requests": "write" });
        assert.ok(!comment.jobs.comment.steps.some((s: any) => s.uses?.startsWith("actions/checkout@")));
        const run = comment.jobs.comment.steps.find((s: any) => s.run).run as string;
        assert.doesNotMatch(run, /\bnpm\b|\bnode\b|\bnpx\b|bash report|source /);
    });

    /** The comment job's step, with the artifact as the plan job left it and gh answering `comments` for the listing. */
    function post(number: string, comments: string, head = "abc123") {
        return runJob(
            comment.jobs.comment,
            context,
            { gh: `case "$*" in *"/pulls/"*) echo "${head}" ;; *"/comments --paginate"*) echo "${comments}" ;; esac` },
            { "report/pr-number": `${number}\n`, "report/plan.md": "# dr plan: 1 rejected\nping @someone\n" },
        );
    }

    it("creates the sticky comment once, then updates that one", () => {
        const first = post("17", "");
        assert.match(first.log, /^gh api -X POST repos\/org\/dr\/issues\/17\/comments -F body=@body\.md$/m);
        const body = readFileSync(path.join(first.workdir, "body.md"), "utf8");
        assert.match(body, /^<!-- dr-plan-report -->\n# dr plan: 1 rejected\nping @\u200bsomeone\n$/);
        const again = post("17", "4242");
        assert.match(again.log, /^gh api -X PATCH repos\/org\/dr\/issues\/comments\/4242 -F body=@body\.md$/m);
        assert.doesNotMatch(again.log, /-X POST/);
    });

    it("refuses a pull request number that is not a number, and comments nowhere when the pull request moved on", () => {
        const forged = post("17; rm -rf /", "");
        assert.equal(forged.steps[0].code, 1);
        assert.doesNotMatch(forged.log, /-X (POST|PATCH)/);
        const moved = post("17", "", "def456");
        assert.equal(moved.steps[0].code, 0);
        assert.doesNotMatch(moved.log, /-X (POST|PATCH)/);
    });
});

describe("credentials: only a job in an environment can get one, and each role trusts its environment alone", () => {
    const docs = Object.fromEntries(WORKFLOWS.map((name) => [name, workflow(name)]));

    it("no workflow runs on pull_request_target", () => {
        for (const [name, doc] of Object.entries(docs)) {
            assert.ok(!("pull_request_target" in doc.on), name);
        }
    });

    it("every job that can mint an AWS token or names a secret references an environment", () => {
        for (const [name, doc] of Object.entries(docs)) {
            for (const [id, job] of Object.entries<any>(doc.jobs)) {
                const oidc = (job.permissions ?? doc.permissions)?.["id-token"] === "write";
                const secret = /\bsecrets\./.test(JSON.stringify(job));
                if (oidc || secret) {
                    assert.ok(job.environment, `${name} ${id}`);
                }
            }
        }
    });

    for (const [file, name, job] of [
        ["preview-trust.json", "preview.yml", "preview"],
        ["drift-trust.json", "drift.yml", "drift"],
    ]) {
        it(`docs/iam/${file}: assumable only by a job in the environment ${name} uses, never by a branch or a pull request`, () => {
            const environment = docs[name].jobs[job].environment;
            const statements = iamPolicy(file).Statement;
            assert.equal(statements.length, 1);
            const [trust] = statements;
            assert.deepEqual([trust.Effect, trust.Action], ["Allow", "sts:AssumeRoleWithWebIdentity"]);
            // StringEquals alone: a StringLike wildcard would admit other environments, branches or pull requests.
            assert.deepEqual(Object.keys(trust.Condition), ["StringEquals"]);
            assert.deepEqual(trust.Condition.StringEquals, {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": `repo:OWNER/REPO:environment:${environment}`,
            });
        });
    }

    it("docs/iam/deny-data-reads.json: the drift and preview roles can read no secret value and decrypt nothing, whatever else they hold", () => {
        const statements = iamPolicy("deny-data-reads.json").Statement;
        assert.ok(statements.every((s) => s.Effect === "Deny"));
        for (const action of ["secretsmanager:GetSecretValue", "kms:Decrypt", "kms:ReEncrypt*", "s3:GetObject", "dynamodb:Scan"]) {
            // Unconditional and on every resource: an explicit deny overrides any allow of the role's other policies.
            assert.ok(
                statements.some((s) => s.Resource === "*" && !s.Condition && [s.Action].flat().includes(action)),
                action,
            );
        }
    });
});
