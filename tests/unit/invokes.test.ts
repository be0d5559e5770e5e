import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { crc32 } from "node:zlib";
import { InvokeError, answerInvoke, readInvokeAnswers } from "../../cli/src/engine/invokes";
import { InputError } from "../../cli/src/errors";
import { tempDir } from "../helpers";

const POLICY_DOCUMENT = "aws:iam/getPolicyDocument:getPolicyDocument";
const context = { stack: "orders", region: "eu-west-1" };
const document = (inputs: Record<string, unknown>) => answerInvoke(POLICY_DOCUMENT, inputs, context) as Record<string, any>;

describe("aws.iam.getPolicyDocument, computed as the AWS provider computes it", () => {
    // terraform-provider-aws's acceptance test TestAccIAMPolicyDocumentDataSource_basic (internal/service/iam/
    // policy_document_data_source_test.go), with its expected JSON as provider v5 and later write it: no empty Sid.
    const basic = {
        policyId: "policy_id",
        statements: [
            { sid: "1", actions: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"], resources: ["arn:aws:s3:::*"] },
            {
                actions: ["s3:ListBucket"],
                resources: ["arn:aws:s3:::foo"],
                conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["home/", "", "home/&{aws:username}/"] }],
                notPrincipals: [{ type: "AWS", identifiers: ["arn:blahblah:example"] }],
            },
            {
                actions: ["s3:*"],
                resources: ["arn:aws:s3:::foo/home/&{aws:username}", "arn:aws:s3:::foo/home/&{aws:username}/*"],
                principals: [{ type: "AWS", identifiers: ["arn:blahblah:example"] }],
            },
            { effect: "Deny", notActions: ["s3:*"], notResources: ["arn:aws:s3:::*"] },
            { effect: "Allow", actions: ["kinesis:*"], principals: [{ type: "AWS", identifiers: ["*"] }] },
            { effect: "Allow", actions: ["firehose:*"], principals: [{ type: "*", identifiers: ["*"] }] },
        ],
    };
    const expected = `{
  "Version": "2012-10-17",
  "Id": "policy_id",
  "Statement": [
    {
      "Sid": "1",
      "Effect": "Allow",
      "Action": [
        "s3:ListAllMyBuckets",
        "s3:GetBucketLocation"
      ],
      "Resource": "arn:aws:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::foo",
      "NotPrincipal": {
        "AWS": "arn:blahblah:example"
      },
      "Condition": {
        "StringLike": {
          "s3:prefix": [
            "home/",
            "",
            "home/\${aws:username}/"
          ]
        }
      }
    },
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": [
        "arn:aws:s3:::foo/home/\${aws:username}/*",
        "arn:aws:s3:::foo/home/\${aws:username}"
      ],
      "Principal": {
        "AWS": "arn:blahblah:example"
      }
    },
    {
      "Effect": "Deny",
      "NotAction": "s3:*",
      "NotResource": "arn:aws:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "kinesis:*",
      "Principal": {
        "AWS": "*"
      }
    },
    {
      "Effect": "Allow",
      "Action": "firehose:*",
      "Principal": "*"
    }
  ]
}`;

    it("writes the provider's document: one value as a string, sets sorted in reverse, &{…} as a policy variable", () => {
        const result = document(basic);
        assert.equal(result.json, expected);
        assert.deepEqual(JSON.parse(result.minifiedJson), JSON.parse(expected));
        assert.doesNotMatch(result.minifiedJson, /\n/);
        assert.equal(result.id, String(crc32(expected)), "the provider's id is the hash code of the document");
    });

    it("groups a type's principals in their blocks' order, each block's identifiers sorted in reverse", () => {
        // TestAccIAMPolicyDocumentDataSource_StatementPrincipalIdentifiers_stringAndSlice.
        const result = document({
            statements: [
                {
                    actions: ["*"],
                    resources: ["*"],
                    principals: [
                        { type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] },
                        { type: "AWS", identifiers: ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"] },
                    ],
                },
            ],
        });
        assert.deepEqual(JSON.parse(result.json).Statement[0].Principal, {
            AWS: ["arn:aws:iam::111111111111:root", "arn:aws:iam::333333333333:root", "arn:aws:iam::222222222222:root"],
        });
    });

    it("merges source documents, then its own statements, then overrides, a later statement replacing one of the same Sid", () => {
        // TestAccIAMPolicyDocumentDataSource_overrideList.
        const a = document({ statements: [{ actions: ["foo:ActionOne"] }, { sid: "overrideSid", actions: ["bar:ActionOne"] }] });
        const b = document({ statements: [{ sid: "validSid", effect: "Deny", actions: ["foo:ActionTwo"] }] });
        const c = document({ statements: [{ sid: "overrideSid", effect: "Deny", actions: ["bar:ActionOne"] }] });
        const merged = document({ version: "2012-10-17", overridePolicyDocuments: [a.json, b.json, c.json] });
        assert.deepEqual(JSON.parse(merged.json).Statement, [
            { Effect: "Allow", Action: "foo:ActionOne" },
            { Sid: "overrideSid", Effect: "Deny", Action: "bar:ActionOne" },
            { Sid: "validSid", Effect: "Deny", Action: "foo:ActionTwo" },
        ]);
        const sourced = document({ sourcePolicyDocuments: [a.json], statements: [{ sid: "overrideSid", actions: ["baz:Only"] }] });
        assert.deepEqual(
            JSON.parse(sourced.json).Statement.map((s: any) => s.Action),
            ["foo:ActionOne", "baz:Only"],
        );
    });

    it("escapes <, > and & as Go's encoding/json does", () => {
        const result = document({ statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a&b<c>"] }] });
        assert.match(result.json, /"arn:aws:s3:::a\\u0026b\\u003cc\\u003e"/);
        assert.equal(JSON.parse(result.json).Statement[0].Resource, "arn:aws:s3:::a&b<c>");
    });

    it("fails as the provider fails, naming the function: a duplicate Sid, a variable in a 2008-10-17 document, a bad effect", () => {
        const fails = (inputs: Record<string, unknown>, why: RegExp) =>
            assert.throws(
                () => document(inputs),
                (e: Error) =>
                    e instanceof InvokeError &&
                    e.message.includes(`stack orders: the provider function ${POLICY_DOCUMENT} fails`) &&
                    why.test(e.message),
            );
        fails(
            {
                statements: [
                    { sid: "1", actions: ["a:B"] },
                    { sid: "1", actions: ["c:D"] },
                ],
            },
            /duplicate Sid \(1\)/,
        );
        fails(
            { version: "2008-10-17", statements: [{ actions: ["a:B"], resources: ["arn:aws:s3:::&{aws:username}"] }] },
            /not supported in document version 2008-10-17/,
        );
        fails({ statements: [{ effect: "Permit", actions: ["a:B"] }] }, /expected Allow or Deny/);
    });
});

describe("look-ups answered from config, and the rest from the user's answers", () => {
    it("answers the region's default VPC with AWS's default CIDR, and its subnets one per zone", () => {
        const vpc = answerInvoke("aws:ec2/getVpc:getVpc", { default: true }, context);
        assert.equal(vpc.cidrBlock, "172.31.0.0/16");
        const subnets = answerInvoke("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: [vpc.id] }] }, context);
        assert.equal((subnets.ids as string[]).length, 3);
    });

    it("refuses a look-up it cannot answer without misleading, naming the function and where to answer it", () => {
        const answers = { file: "/project/dr-answers.json", byToken: {} };
        assert.throws(() => answerInvoke("aws:ec2/getVpc:getVpc", { tags: { Name: "main" } }, { ...context, answers }), {
            name: "InvokeError",
            message:
                'stack orders: the program calls the provider function aws:ec2/getVpc:getVpc for a VPC other than the region\'s default one, which dr plan cannot answer offline; add its result to /project/dr-answers.json: {"aws:ec2/getVpc:getVpc": {…the result…}}.',
        });
        assert.throws(() => answerInvoke("aws:ssm/getParameter:getParameter", { name: "/x" }, { ...context, answers }), {
            name: "InvokeError",
            message:
                /the provider function aws:ssm\/getParameter:getParameter, which dr plan cannot answer offline; add its result to \/project\/dr-answers\.json/,
        });
    });

    it("takes the user's answer first, for any function", () => {
        const answers = { file: "a.json", byToken: { "aws:ec2/getVpc:getVpc": { id: "vpc-0abc", cidrBlock: "10.1.0.0/16" } } };
        assert.deepEqual(answerInvoke("aws:ec2/getVpc:getVpc", { tags: { Name: "main" } }, { ...context, answers }), {
            id: "vpc-0abc",
            cidrBlock: "10.1.0.0/16",
        });
    });

    it("reads an answers file, refusing one that is not a map of function tokens to result objects", () => {
        const dir = tempDir();
        const file = (name: string, text: string) => {
            writeFileSync(path.join(dir, name), text);
            return path.join(dir, name);
        };
        const good = file("good.json", JSON.stringify({ "aws:ssm/getParameter:getParameter": { value: "x" } }));
        assert.deepEqual(readInvokeAnswers(good).byToken, { "aws:ssm/getParameter:getParameter": { value: "x" } });
        const refused = (name: string, text: string, why: RegExp) =>
            assert.throws(
                () => readInvokeAnswers(file(name, text)),
                (e: Error) => e instanceof InputError && why.test(e.message),
            );
        refused("list.json", "[]", /expected a JSON object mapping each function token to its result/);
        refused("broken.json", "{", /not valid JSON/);
        refused(
            "token.json",
            JSON.stringify({ getParameter: {} }),
            /"getParameter" is not a function token; expected package:module:function/,
        );
        refused(
            "answer.json",
            JSON.stringify({ "aws:ssm/getParameter:getParameter": "x" }),
            /the answer for aws:ssm\/getParameter:getParameter is "x"; expected an object/,
        );
        assert.throws(() => readInvokeAnswers(path.join(dir, "missing.json")), /--answers .*missing\.json: not found/);
    });
});
