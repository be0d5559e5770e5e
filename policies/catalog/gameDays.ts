/**
 * The game days: the DR whitepaper's disaster scenarios that AWS Fault Injection Service can inject, one experiment
 * template each per cell (`infra/components/gameDays.ts`), and how `dr evidence` tells a run of one from its actions.
 * https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/testing-disaster-recovery.html
 */

/** The tag on each experiment template naming its game day; its experiments' targets carry the cell's `dr:cell` tag. */
export const GAME_DAY_TAG = "dr:game-day";

/** What a game day injects, and the failure scope (DESIGN §14) whose recovery it exercises. */
export interface GameDay {
    /** The disaster, in a report's words. */
    disaster: string;
    scope: "region" | "az";
    /**
     * The AWS FIS action ids that mark a run of this game day in `aws fis get-experiment` output: the first game day
     * one of whose markers the experiment runs is the one it is. https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html
     */
    markers: readonly string[];
}

export const GAME_DAYS = {
    /** The network between the home region and the DR region is cut. */
    "region-cut": {
        disaster: "the home region is cut off from the DR region",
        scope: "region",
        markers: ["aws:network:route-table-disrupt-cross-region-connectivity"],
    },
    /** One availability zone of the home region loses power: its subnets go dark, a writer there fails over. */
    "zone-power": {
        disaster: "an availability zone of the home region loses power",
        scope: "az",
        markers: ["aws:network:disrupt-connectivity"],
    },
    /** Half the home region's tasks stop at once. */
    "task-loss": { disaster: "half the home region's tasks are lost", scope: "az", markers: ["aws:ecs:stop-task"] },
    /** The home region's databases fail over to another zone. */
    "database-failover": {
        disaster: "the home region's databases fail over to another zone",
        scope: "az",
        markers: ["aws:rds:failover-db-cluster", "aws:rds:reboot-db-instances"],
    },
} as const satisfies Record<string, GameDay>;

export type GameDayName = keyof typeof GAME_DAYS;

export const GAME_DAY_NAMES = Object.keys(GAME_DAYS) as GameDayName[];

/** The game day a run of these FIS actions is, if any. */
export function gameDayOf(actionIds: readonly string[]): GameDayName | undefined {
    return GAME_DAY_NAMES.find((name) => GAME_DAYS[name].markers.some((marker) => actionIds.includes(marker)));
}

/**
 * How long a game day's fault lasts: twice its scope's RTO target, so that recovering within the target is seen while
 * the fault still holds; half an hour where the scope has no target. Within FIS's bounds for an action's duration, one
 * minute to 12 hours. https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html
 */
export function faultSeconds(targetRtoSeconds: number | undefined): number {
    const seconds = targetRtoSeconds === undefined ? 30 * 60 : 2 * targetRtoSeconds;
    return Math.min(12 * 3600, Math.max(60, seconds));
}

/** A duration as AWS FIS takes it: ISO 8601, `PT30M`. */
export function isoDuration(seconds: number): string {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return `PT${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || (!h && !m) ? `${s}S` : ""}`;
}
