/**
 * DR strategies of the AWS whitepaper "Disaster Recovery of Workloads on AWS", from cheapest to fastest.
 * https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
export const TIERS = ["backup-restore", "pilot-light", "warm-standby", "active-active"] as const;

export type Tier = (typeof TIERS)[number];

export function isTier(value: unknown): value is Tier {
    return typeof value === "string" && (TIERS as readonly string[]).includes(value);
}
