import { createHash } from "node:crypto";

/** The account id `dr plan` reports as the caller's: documentation's example account, never a real one. */
export const PLAN_ACCOUNT_ID = "123456789012";

interface InvokeContext {
    stack: string;
    /** The stack's `aws:region`, the default provider's region. */
    region?: string;
}

/**
 * Answers the provider functions the program calls, with plausible values derived from config, as a
 * preview against real AWS would get them. An invoke without an answer stops the plan by name.
 */
export function answerInvoke(token: string, inputs: Record<string, any>, context: InvokeContext): Record<string, unknown> {
    const region: string = inputs.region ?? context.region ?? "us-east-1";
    switch (token) {
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const names = ["a", "b", "c"].map((zone) => `${region}${zone}`);
            return { id: region, region, names, zoneIds: names.map((_, i) => `${shortRegion(region)}-az${i + 1}`), state: "available" };
        }
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                id: PLAN_ACCOUNT_ID,
                accountId: PLAN_ACCOUNT_ID,
                arn: `arn:aws:sts::${PLAN_ACCOUNT_ID}:assumed-role/dr-plan/${context.stack}`,
                userId: `AROAEXAMPLE:${context.stack}`,
            };
        case "aws:index/getRegion:getRegion":
            return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
        case "aws:index/getPartition:getPartition":
            return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:route53/getZone:getZone": {
            const name = String(inputs.name ?? "").replace(/\.$/, "");
            const zoneId = `Z${createHash("sha256").update(name).digest("hex").slice(0, 20).toUpperCase()}`;
            return { id: zoneId, zoneId, name, arn: `arn:aws:route53:::hostedzone/${zoneId}`, privateZone: false, nameServers: [] };
        }
        default:
            throw new Error(`dr plan has no offline answer for the provider function ${token}; add one to cli/src/invokes.ts`);
    }
}

/** `ap-northeast-1` → `apne1`, the prefix of AWS availability-zone ids. */
function shortRegion(region: string): string {
    const [area, direction, number] = region.split("-");
    const initials = direction.replace(/(north|south|east|west|central)/g, (word) => word[0]);
    return `${area}${initials}${number}`;
}
