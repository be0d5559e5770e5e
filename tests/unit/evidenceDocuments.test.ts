import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { Evidence, readEvidence } from "../../cli/src/assess/evidence";
import { readDocument } from "../../cli/src/assess/evidence/documents";
import { ROOT } from "../helpers";

const FIXTURES = path.join(ROOT, "tests", "fixtures", "evidence");

function fixture(file: string): any {
    return JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8"));
}

/** What one document reads as. */
function read(doc: unknown, file = "evidence.json"): Evidence {
    const into: Evidence = { files: [], deployed: [], restoreJobs: [], executions: [], experiments: [], controls: [] };
    readDocument(file, typeof doc === "string" ? doc : JSON.stringify(doc), into);
    return into;
}

/** The one line a bad document fails with. */
function failure(doc: unknown, file = "evidence.json"): string {
    try {
        read(doc, file);
    } catch (e) {
        assert.equal((e as Error).name, "InputError");
        assert.ok(!(e as Error).message.includes("\n"), "one line");
        return (e as Error).message;
    }
    assert.fail("read without complaint");
}

describe("evidence documents: AWS CLI JSON output, read by its shape", () => {
    it("reads every fixture folder: restore jobs, executions, experiments, a compliance report and a stack export", () => {
        const us = readEvidence([path.join(FIXTURES, "us")], ROOT);
        assert.equal(us.files.length, 9);
        assert.equal(us.restoreJobs.length, 6, "five listed, one described");
        assert.equal(us.executions.length, 3);
        assert.deepEqual(us.experiments.map((e) => e.actionIds[0]).sort(), [
            "aws:ecs:stop-task",
            "aws:network:disrupt-connectivity",
            "aws:network:route-table-disrupt-cross-region-connectivity",
            "aws:rds:failover-db-cluster",
        ]);
        assert.equal(us.controls.length, 8);
        assert.deepEqual(
            us.deployed.map((d) => [d.stack, d.type, d.name]),
            [
                ["us", "aws:s3/bucket:Bucket", "uploads"],
                ["us", "aws:s3/bucket:Bucket", "uploads-replica"],
            ],
        );
    });

    it("list-restore-jobs and describe-restore-job: status, source, the drill's plan name, times, validation", () => {
        const [job] = read(fixture("us/restore-job-us-east-1.json")).restoreJobs;
        assert.equal(job.status, "COMPLETED");
        assert.equal(job.resourceType, "S3");
        assert.equal(job.sourceArn, "arn:aws:s3:::us-uploads-us-west-2-replica-4f9a2c1e");
        // arn:…:restore-testing-plan:<name>-<suffix>, a name of letters, digits and underscores.
        assert.equal(job.testingPlan, "dr_us_us_east_1_drill");
        assert.equal(job.validation, "SUCCESSFUL");
        assert.equal((job.completed!.getTime() - job.created.getTime()) / 1000, 24 * 60 + 17);
        // The AWS CLI v1 prints epoch seconds, v2 ISO 8601: the same instant.
        const epoch = read({ ...fixture("us/restore-job-us-east-1.json"), CreationDate: job.created.getTime() / 1000 }).restoreJobs[0];
        assert.equal(epoch.created.getTime(), job.created.getTime());
    });

    it("list-plan-executions: the plan's name from its ARN, the action, and the actual recovery time in seconds", () => {
        const [newest, , failed] = read(fixture("us/plan-executions.json")).executions;
        assert.deepEqual([newest.plan, newest.action, newest.mode, newest.state], ["us-failover", "activate", "ungraceful", "completed"]);
        assert.equal(newest.actualRecoverySeconds, 38 * 60 + 20);
        assert.equal(failed.state, "failed");
        assert.equal(failed.actualRecoverySeconds, undefined);
        const single = read(fixture("us/plan-executions.json").items[0]).executions;
        assert.equal(single.length, 1, "get-plan-execution: one execution at the top level");
    });

    it("get-experiment: the actions it ran and the tags its targets select by", () => {
        const [run] = read(fixture("eu/experiments/zone-power.json")).experiments;
        assert.equal(run.status, "completed");
        assert.deepEqual(run.actionIds, ["aws:network:disrupt-connectivity", "aws:rds:failover-db-cluster"]);
        assert.ok(run.targetTags.includes("dr:cell=eu"));
    });

    it("bad or foreign JSON is one line naming the file, the field, the value and what is allowed", () => {
        const job = fixture("us/restore-job-us-east-1.json");
        const cases: [unknown, RegExp][] = [
            ["{not json", /^evidence\.json: not JSON \(.*\); expected the JSON output of aws backup list-restore-jobs/],
            [[1, 2], /^evidence\.json: \[1,2\] is not an AWS CLI output; expected/],
            [
                { Reservations: [] },
                /^evidence\.json: not an output dr evidence reads \(found keys \["Reservations"\]\); expected aws backup list-restore-jobs/,
            ],
            [
                { ...job, CreationDate: "yesterday" },
                /^evidence\.json: the job\.CreationDate is "yesterday"; expected a timestamp \(ISO 8601 or epoch seconds/,
            ],
            [
                { RestoreJobs: [{ ...job, Status: "DONE" }] },
                /^evidence\.json: RestoreJobs\[0\]\.Status is "DONE"; expected one of PENDING, RUNNING, COMPLETED, ABORTED, FAILED\.$/,
            ],
            [
                { items: [{ ...fixture("us/plan-executions.json").items[0], actualRecoveryTime: "38 minutes" }] },
                /items\[0\]\.actualRecoveryTime is "38 minutes"; expected an ISO 8601 duration such as PT12M30S\.$/,
            ],
            [
                { items: [{ ...fixture("us/plan-executions.json").items[0], planArn: "us-failover" }] },
                /items\[0\]\.planArn is "us-failover"; expected a Region switch plan ARN/,
            ],
            [
                { experiments: [] },
                /aws fis list-experiments output, whose summaries name no actions; save aws fis get-experiment --id <id> for each/,
            ],
            [
                { reportItems: [{ restoreJobId: "x", jobStatus: "COMPLETED" }] },
                /a Backup Audit Manager report other than CONTROL_COMPLIANCE_REPORT/,
            ],
        ];
        for (const [doc, pattern] of cases) {
            assert.match(failure(doc), pattern);
        }
    });

    it("a path that is not there, or a folder without JSON, is bad input", () => {
        assert.throws(() => readEvidence(["no-such-evidence"], ROOT), /^InputError: evidence no-such-evidence: no such file or folder\.$/);
        // A folder's files are read at any depth: the first foreign one is named.
        assert.throws(() => readEvidence(["docs"], ROOT), /^InputError: docs\/iam\/deny-data-reads\.json: not an output dr evidence reads/);
        assert.throws(() => readEvidence(["policies/rules"], ROOT), /^InputError: evidence policies\/rules: a folder with no \.json files/);
    });
});
