import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listStacks } from "../../cli/src/engine/stackConfig";
import { ROOT } from "../helpers";
import { runJob, usesOf, workflow } from "../support/workflow";

const PINNED = /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/;

describe("drift.yml: scheduled drift detection", () => {
    const doc = workflow("drift.yml");
    const job = doc.jobs.drift;
    const runs = job.steps.filter((s: any) => s.run).map((s: any) => s.run as string);

    it("runs on a schedule and by hand, over every stack of the project", () => {
        assert.ok(doc.on.schedule[0].cron);
        assert.ok("workflow_dispatch" in doc.on);
        assert.deepEqual([...job.strategy.matrix.stack].sort(), listStacks(ROOT));
        assert.equal(job.strategy["fail-fast"], false);
    });

    it("pins every action to a commit and the Pulumi CLI to a version, and asks only for the permissions it uses", () => {
        for (const uses of usesOf(doc)) {
            assert.match(uses, PINNED, uses);
        }
        assert.match(job.steps.find((s: any) => s.uses?.startsWith("pulumi/actions@")).with["pulumi-version"], /^\d+\.\d+\.\d+$/);
        assert.deepEqual(doc.permissions, { contents: "read" });
        assert.deepEqual(job.permissions, { contents: "read", "id-token": "write", issues: "write" });
        assert.equal(job.environment, undefined, "a deployment environment could hold the scheduled check for an approval");
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

    /** The job's steps run with stubs: the refresh and dr exit with the given codes; gh sees `open` as the open issue. */
    function scenario(refreshCode: number, driftCode: number, open = "") {
        return runJob(
            job,
            { "matrix.stack": "eu", "secrets.PULUMI_ACCESS_TOKEN": "pul-token", "github.token": "gh-token", "github.server_url": "https://github.com", "github.repository": "org/dr", "github.run_id": "42" },
            {
                npm: "exit 0",
                pulumi: `echo '{"changeSummary": {}}'; exit ${refreshCode}`,
                node: `echo "## Drift in stack eu"; exit ${driftCode}`,
                gh: `if [ "$1 $2" = "issue list" ]; then echo "${open}"; fi`,
            },
        );
    }

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
