import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { clip } from "../text";
import { InputError } from "../errors";
import { PolicyDocumentError, policyDocument } from "./policyDocument";

/** The account id `dr plan` reports as the caller's: documentation's example account, never a real one. */
export const PLAN_ACCOUNT_ID = "123456789012";

/** What the user answers for provider functions `dr plan` cannot: a function token → the function's result. */
export interface InvokeAnswers {
    /** The answers file, given or where it would be: messages name it as the place to add an answer. */
    file: string;
    byToken: Record<string, Record<string, unknown>>;
}

interface InvokeContext {
    stack: string;
    /** The stack's `aws:region`, the default provider's region. */
    region?: string;
    answers?: InvokeAnswers;
}

/** A provider function the program called that `dr plan` cannot answer, or that its provider would refuse: the program's input. */
export class InvokeError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InvokeError";
    }
}

type Answer = (inputs: Record<string, any>, context: InvokeContext & { region: string }) => Record<string, unknown>;

/**
 * Functions whose result is a function of their arguments alone: computed as the provider computes them,
 * so the program gets what `pulumi preview` would give it.
 */
const COMPUTED: Record<string, Answer> = {
    "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => policyDocument(inputs),
};

/**
 * Look-ups answered with plausible values derived from the stack's config, each only where no DR verdict can
 * turn on the answer: the pack reads where a resource lives from its `region` input or provider, and copies,
 * zones and keys from resources in the stack, never from a looked-up id. Everything else the user answers.
 */
const LOOKUPS: Record<string, Answer> = {
    // Zone names and ids only: a resource's zones count when they come from subnets in the stack.
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_, { region }) => {
        const names = ["a", "b", "c"].map((zone) => `${region}${zone}`);
        return { id: region, region, names, zoneIds: names.map((_, i) => `${shortRegion(region)}-az${i + 1}`), state: "available" };
    },
    // The account a policy names: the pack tells accounts apart by the stack's own resources and config, not by this id.
    "aws:index/getCallerIdentity:getCallerIdentity": (_, { stack }) => ({
        id: PLAN_ACCOUNT_ID,
        accountId: PLAN_ACCOUNT_ID,
        arn: `arn:aws:sts::${PLAN_ACCOUNT_ID}:assumed-role/dr-plan/${stack}`,
        userId: `AROAEXAMPLE:${stack}`,
    }),
    // The provider's own region, which the pack reads from the provider itself.
    "aws:index/getRegion:getRegion": (_, { region }) => ({
        id: region,
        name: region,
        region,
        endpoint: `ec2.${region}.amazonaws.com`,
        description: region,
    }),
    "aws:index/getPartition:getPartition": () => ({
        id: "aws",
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
    }),
    // A hosted zone's id, derived from its name: routing is judged from the records the stack declares.
    "aws:route53/getZone:getZone": (inputs) => {
        const name = String(inputs.name ?? "").replace(/\.$/, "");
        const zoneId = `Z${digest(name, 20).toUpperCase()}`;
        return { id: zoneId, zoneId, name, arn: `arn:aws:route53:::hostedzone/${zoneId}`, privateZone: false, nameServers: [] };
    },
    // An image id: what an instance boots says nothing of where its data lives or how it is copied.
    "aws:ec2/getAmi:getAmi": (inputs, { region }) => {
        const imageId = `ami-${digest(JSON.stringify([region, inputs]), 17)}`;
        return {
            id: imageId,
            imageId,
            arn: `arn:aws:ec2:${region}::image/${imageId}`,
            region,
            name: "dr-plan-image",
            architecture: "x86_64",
            rootDeviceType: "ebs",
            virtualizationType: "hvm",
            state: "available",
            mostRecent: inputs.mostRecent ?? false,
            owners: inputs.owners ?? [],
        };
    },
    // The region's default VPC only: AWS creates one per region with 172.31.0.0/16 and a default subnet in each zone
    // (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html). Any other VPC is the user's to answer.
    "aws:ec2/getVpc:getVpc": (inputs, context) => {
        if (inputs.default !== true || inputs.id || inputs.filters?.length || Object.keys(inputs.tags ?? {}).length) {
            throw unanswerable("aws:ec2/getVpc:getVpc", context, "a VPC other than the region's default one");
        }
        const { region } = context;
        const id = defaultVpcId(region);
        return {
            id,
            arn: `arn:aws:ec2:${region}:${PLAN_ACCOUNT_ID}:vpc/${id}`,
            region,
            default: true,
            cidrBlock: "172.31.0.0/16",
            state: "available",
            enableDnsHostnames: true,
            enableDnsSupport: true,
            instanceTenancy: "default",
            ownerId: PLAN_ACCOUNT_ID,
            tags: {},
        };
    },
    // The default VPC's subnets, one per zone: ids only, which the pack never counts as zones.
    "aws:ec2/getSubnets:getSubnets": (inputs, context) => {
        const { region } = context;
        const filters: { name: string; values: string[] }[] = inputs.filters ?? [];
        const inDefaultVpc = filters.some((f) => f.name === "vpc-id" && f.values?.length === 1 && f.values[0] === defaultVpcId(region));
        if (!inDefaultVpc || filters.some((f) => !["vpc-id", "default-for-az"].includes(f.name)) || Object.keys(inputs.tags ?? {}).length) {
            throw unanswerable("aws:ec2/getSubnets:getSubnets", context, "subnets other than the default VPC's");
        }
        return { id: region, ids: ["a", "b", "c"].map((zone) => `subnet-${digest(`${region}${zone}`, 17)}`), filters };
    },
};

/**
 * Answers a provider function the program calls, as a preview against real AWS would: the user's answer when the
 * answers file has one, else a computed or plausible one. A function nobody answers stops the plan by name.
 */
export function answerInvoke(token: string, inputs: Record<string, any>, context: InvokeContext): Record<string, unknown> {
    const full = { ...context, region: inputs.region ?? context.region ?? "us-east-1" };
    const given = context.answers?.byToken[token];
    if (given) {
        return given;
    }
    const answer = COMPUTED[token] ?? LOOKUPS[token];
    if (!answer) {
        throw unanswerable(token, full);
    }
    try {
        return answer(inputs, full);
    } catch (e) {
        if (e instanceof PolicyDocumentError) {
            throw new InvokeError(
                `stack ${context.stack}: the provider function ${token} fails with these arguments: ${clip(e.message, 200)}`,
            );
        }
        throw e;
    }
}

/** The message for a function `dr plan` has no answer to: which, and where the user answers it. */
function unanswerable(token: string, context: InvokeContext, which?: string): InvokeError {
    const file = context.answers?.file ?? "dr-answers.json";
    return new InvokeError(
        `stack ${context.stack}: the program calls the provider function ${token}${which ? ` for ${which}` : ""}, which dr plan cannot answer offline; ` +
            `add its result to ${file}: {"${token}": {…the result…}}.`,
    );
}

/** Reads an answers file: a JSON object mapping each function token to its result object. */
export function readInvokeAnswers(file: string): InvokeAnswers {
    let raw: unknown;
    try {
        raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
        const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : `not valid JSON (${clip((e as Error).message, 120)})`;
        throw new InputError(`--answers ${clip(file)}: ${why}; expected a JSON object mapping each function token to its result.`);
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new InputError(
            `--answers ${clip(file)}: expected a JSON object mapping each function token to its result, e.g. {"aws:ssm/getParameter:getParameter": {"value": "…"}}.`,
        );
    }
    for (const [token, answer] of Object.entries(raw)) {
        if (!/^[^:\s]+:[^:\s]*:[^:\s]+$/.test(token)) {
            throw new InputError(
                `--answers ${clip(file)}: ${clip(JSON.stringify(token))} is not a function token; expected package:module:function, e.g. aws:ssm/getParameter:getParameter.`,
            );
        }
        if (answer === null || typeof answer !== "object" || Array.isArray(answer)) {
            throw new InputError(
                `--answers ${clip(file)}: the answer for ${clip(token)} is ${clip(JSON.stringify(answer))}; expected an object, the function's result.`,
            );
        }
    }
    return { file, byToken: raw as InvokeAnswers["byToken"] };
}

function defaultVpcId(region: string): string {
    return `vpc-${digest(region, 17)}`;
}

function digest(text: string, length: number): string {
    return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** `ap-northeast-1` → `apne1`, the prefix of AWS availability-zone ids. */
function shortRegion(region: string): string {
    const [area, direction, number] = region.split("-");
    const initials = direction.replace(/(north|south|east|west|central)/g, (word) => word[0]);
    return `${area}${initials}${number}`;
}
