import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import * as vm from "node:vm";
import { VALIDATOR } from "../../infra/components/restoreValidation";

/** What each AWS SDK call the validator makes answers, by command name. */
type Answers = Record<string, (input: any) => unknown>;

interface Put {
    options: { method: string; host: string; path: string; headers: Record<string, string | number> };
    body: string;
}

const ENV = {
    AWS_REGION: "ap-northeast-3",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    AWS_SESSION_TOKEN: "session-token",
    BACKUP_ENDPOINT: "backup.ap-northeast-3.amazonaws.com",
};

/**
 * The shipped validator source, run as Lambda runs it (CommonJS, Node.js 20), with the runtime's SDK clients
 * replaced by `answers` and HTTPS by a recorder answering `status`: what it called, and what it reported.
 */
function validator(answers: Answers, status = 204) {
    const calls: { command: string; input: any }[] = [];
    const puts: Put[] = [];
    const client = class {
        send(command: { command: string; input: any }) {
            calls.push(command);
            const answer = answers[command.command];
            return answer ? Promise.resolve(answer(command.input)) : Promise.reject(new Error(`unexpected ${command.command}`));
        }
    };
    const commands = (...names: string[]) =>
        Object.fromEntries(
            names.map((command) => [
                command,
                class {
                    readonly command = command;
                    constructor(readonly input: unknown) {}
                },
            ]),
        );
    const https = {
        request(options: Put["options"], respond: (response: EventEmitter & { statusCode: number }) => void) {
            const call = new EventEmitter() as EventEmitter & { end(body: string): void; destroy(e: Error): void };
            call.end = (body) => {
                puts.push({ options, body });
                const response = Object.assign(new EventEmitter(), { statusCode: status });
                respond(response);
                response.emit("data", status < 300 ? "" : '{"message":"denied"}');
                response.emit("end");
            };
            call.destroy = (e) => call.emit("error", e);
            return call;
        },
    };
    const modules: Record<string, unknown> = {
        "node:crypto": crypto,
        "node:https": https,
        "@aws-sdk/client-backup": { BackupClient: client, ...commands("DescribeRestoreJobCommand") },
        "@aws-sdk/client-dynamodb": { DynamoDBClient: client, ...commands("DescribeTableCommand", "ScanCommand") },
        "@aws-sdk/client-s3": { S3Client: client, ...commands("ListObjectsV2Command") },
        "@aws-sdk/client-rds": { RDSClient: client, ...commands("DescribeDBClustersCommand", "DescribeDBInstancesCommand") },
    };
    const exports: Record<string, any> = {};
    const load = vm.runInThisContext(`(function (require, exports, process, console) {${VALIDATOR}\n})`);
    load((name: string) => modules[name], exports, { env: ENV }, { log: () => undefined });
    return { exports, calls, puts, called: (command: string) => calls.filter((c) => c.command === command).map((c) => c.input) };
}

const EVENT = { source: "aws.backup", "detail-type": "Restore Job State Change", detail: { restoreJobId: "job-1", status: "COMPLETED" } };
const PLAN = "arn:aws:backup:ap-northeast-3:123456789012:restore-testing-plan:dr_tokyo_ap_northeast_3_drill-abc";

function job(resourceType: string, createdResourceArn: string, more: Record<string, unknown> = {}) {
    return {
        DescribeRestoreJobCommand: () => ({
            RestoreJobId: "job-1",
            Status: "COMPLETED",
            ResourceType: resourceType,
            CreatedResourceArn: createdResourceArn,
            CreatedBy: { RestoreTestingPlanArn: PLAN },
            BackupSizeInBytes: 2048,
            ...more,
        }),
    };
}

const TABLE = "arn:aws:dynamodb:ap-northeast-3:123456789012:table/awsbackup-restore-test-4f2a";
const table = (items: number, more: Record<string, unknown> = {}, status = "ACTIVE"): Answers => ({
    ...job("DynamoDB", TABLE, more),
    DescribeTableCommand: () => ({ Table: { TableStatus: status } }),
    ScanCommand: () => ({ Count: items }),
});

/** The verdict the validator reported, from the one PutRestoreValidationResult request it made. */
function verdict(puts: Put[]): { ValidationStatus: string; ValidationStatusMessage: string } {
    assert.equal(puts.length, 1, "one verdict per restore job");
    return JSON.parse(puts[0].body);
}

describe("the restore validator's request signing", () => {
    // AWS's Signature Version 4 test suite: GET and POST of / on example.amazonaws.com, 2015-08-30T12:36:00Z.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
    const suite = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
    const sign = (method: string) =>
        validator({}).exports.signedHeaders(
            { method, host: "example.amazonaws.com", path: "/", headers: {}, body: "" },
            suite,
            "us-east-1",
            "service",
            new Date("2015-08-30T12:36:00Z"),
        );

    it("reproduces the get-vanilla and post-vanilla vectors of AWS's Signature Version 4 test suite", () => {
        const credential = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date";
        assert.equal(
            sign("GET").authorization,
            `${credential}, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
        );
        assert.equal(
            sign("POST").authorization,
            `${credential}, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b`,
        );
        assert.equal(sign("GET")["x-amz-date"], "20150830T123600Z");
    });

    it("signs the session token of the function's role with the request", () => {
        const signed = validator({}).exports.signedHeaders(
            { method: "PUT", host: "backup.ap-northeast-3.amazonaws.com", path: "/restore-jobs/j/validations", headers: {}, body: "{}" },
            { ...suite, sessionToken: "token" },
            "ap-northeast-3",
            "backup",
            new Date("2026-03-02T03:00:00Z"),
        );
        assert.equal(signed["x-amz-security-token"], "token");
        assert.match(
            signed.authorization,
            /Credential=AKIDEXAMPLE\/20260302\/ap-northeast-3\/backup\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token,/,
        );
    });
});

describe("the restore validator", () => {
    it("reports a restored table that is active and holds an item SUCCESSFUL, signed, to AWS Backup in its region", async () => {
        const v = validator(table(1));
        await v.exports.handler(EVENT);
        assert.deepEqual(v.called("DescribeRestoreJobCommand"), [{ RestoreJobId: "job-1" }]);
        assert.deepEqual(v.called("ScanCommand"), [{ TableName: "awsbackup-restore-test-4f2a", Select: "COUNT", Limit: 1 }]);
        assert.deepEqual(verdict(v.puts), {
            ValidationStatus: "SUCCESSFUL",
            ValidationStatusMessage: "table awsbackup-restore-test-4f2a holds at least one item",
        });
        const { options } = v.puts[0];
        assert.deepEqual([options.method, options.host, options.path], ["PUT", ENV.BACKUP_ENDPOINT, "/restore-jobs/job-1/validations"]);
        assert.match(
            String(options.headers.authorization),
            /Credential=AKIDEXAMPLE\/\d{8}\/ap-northeast-3\/backup\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,/,
        );
        assert.equal(options.headers["content-length"], Buffer.byteLength(v.puts[0].body));
    });

    it("reports an empty restore of a backup that held data FAILED, and fails so the Errors alarm pages", async () => {
        const v = validator(table(0));
        await assert.rejects(
            v.exports.handler(EVENT),
            /restore drill .*drill-abc failed validation: table awsbackup-restore-test-4f2a holds no item though its backup holds 2048 bytes/,
        );
        assert.equal(verdict(v.puts).ValidationStatus, "FAILED");
    });

    it("passes an empty restore of an empty backup: that is the faithful restore", async () => {
        const v = validator(table(0, { BackupSizeInBytes: 0 }));
        await v.exports.handler(EVENT);
        assert.deepEqual(verdict(v.puts), {
            ValidationStatus: "SUCCESSFUL",
            ValidationStatusMessage: "table awsbackup-restore-test-4f2a is empty, as its backup of 0 bytes was",
        });
    });

    it("fails a restored table that is not ACTIVE without scanning it", async () => {
        const v = validator(table(1, {}, "CREATING"));
        await assert.rejects(v.exports.handler(EVENT), /is CREATING, not ACTIVE/);
        assert.deepEqual(v.called("ScanCommand"), []);
        assert.equal(verdict(v.puts).ValidationStatus, "FAILED");
    });

    it("checks a restored bucket for an object", async () => {
        const listed = (keys: number) => ({
            ...job("S3", "arn:aws:s3:::awsbackup-restore-test-9c1d"),
            ListObjectsV2Command: () => ({ KeyCount: keys }),
        });
        const full = validator(listed(1));
        await full.exports.handler(EVENT);
        assert.deepEqual(full.called("ListObjectsV2Command"), [{ Bucket: "awsbackup-restore-test-9c1d", MaxKeys: 1 }]);
        assert.equal(verdict(full.puts).ValidationStatus, "SUCCESSFUL");
        const empty = validator(listed(0));
        await assert.rejects(empty.exports.handler(EVENT), /bucket awsbackup-restore-test-9c1d holds no object/);
    });

    it("passes an Aurora cluster once available, saying no query ran (it has no instance); fails one that is not", async () => {
        const cluster = (status: string) => ({
            ...job("Aurora", "arn:aws:rds:ap-northeast-3:123456789012:cluster:awsbackup-restore-test7b3e"),
            DescribeDBClustersCommand: () => ({ DBClusters: [{ Status: status, DBClusterMembers: [] }] }),
        });
        const available = validator(cluster("available"));
        await available.exports.handler(EVENT);
        assert.deepEqual(available.called("DescribeDBClustersCommand"), [{ DBClusterIdentifier: "awsbackup-restore-test7b3e" }]);
        assert.deepEqual(verdict(available.puts), {
            ValidationStatus: "SUCCESSFUL",
            ValidationStatusMessage: "cluster awsbackup-restore-test7b3e is available (restored without instances: no query ran)",
        });
        const broken = validator(cluster("inaccessible-encryption-credentials"));
        await assert.rejects(
            broken.exports.handler(EVENT),
            /cluster awsbackup-restore-test7b3e is inaccessible-encryption-credentials, not available/,
        );
    });

    it("passes an RDS instance once available", async () => {
        const v = validator({
            ...job("RDS", "arn:aws:rds:ap-northeast-3:123456789012:db:awsbackup-restore-test-2d4f"),
            DescribeDBInstancesCommand: () => ({ DBInstances: [{ DBInstanceStatus: "available" }] }),
        });
        await v.exports.handler(EVENT);
        assert.deepEqual(v.called("DescribeDBInstancesCommand"), [{ DBInstanceIdentifier: "awsbackup-restore-test-2d4f" }]);
        assert.equal(verdict(v.puts).ValidationStatus, "SUCCESSFUL");
    });

    it("fails a restored type it has no check for rather than passing it", async () => {
        const v = validator(job("EFS", "arn:aws:elasticfilesystem:ap-northeast-3:123456789012:file-system/fs-1"));
        await assert.rejects(v.exports.handler(EVENT), /no check for a restored EFS/);
        assert.equal(verdict(v.puts).ValidationStatus, "FAILED");
    });

    it("leaves alone a job already judged (a verdict cannot change; Lambda may deliver an event twice) and a restore no drill started", async () => {
        for (const more of [
            { ValidationStatus: "SUCCESSFUL" },
            { ValidationStatus: "FAILED" },
            { CreatedBy: undefined },
            { Status: "RUNNING" },
        ]) {
            const v = validator(table(1, more));
            await v.exports.handler(EVENT);
            assert.deepEqual([v.puts, v.called("ScanCommand")], [[], []], JSON.stringify(more));
        }
    });

    it("fails when AWS Backup refuses the verdict, naming the answer", async () => {
        const v = validator(table(1), 403);
        await assert.rejects(v.exports.handler(EVENT), /PutRestoreValidationResult answered 403: \{"message":"denied"\}/);
    });

    it("fails on an event that names no restore job", async () => {
        await assert.rejects(validator({}).exports.handler({ detail: {} }), /the event names no restore job/);
    });
});
