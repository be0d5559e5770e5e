/** How a CloudWatch alarm watches one metric: the threshold, and how long it must be crossed. */
export interface AlarmShape {
    /** In the metric's own unit. */
    threshold: number;
    /** Seconds per evaluation period. */
    period: number;
    /** Consecutive periods the threshold must be crossed before the alarm fires. */
    evaluationPeriods: number;
}

/** Units AWS reports replication latency in: DynamoDB in milliseconds, S3 in seconds. */
export type LatencyUnit = "Milliseconds" | "Seconds";

const MINUTE = 60;
const HOUR = 3600;
// CloudWatch evaluates at most one day of periods.
const MAX_WINDOW = 86400;

/**
 * A replication-latency alarm for a store with this RPO: it fires once the lag has stayed above half
 * the RPO for one to five one-minute periods, never more than a quarter of the RPO, so even a stalled
 * replication alarms with a quarter of the RPO to spare (below a 4-minute RPO, the one-minute period
 * is the floor).
 */
export function replicationLatencyAlarm(rpoSeconds: number, unit: LatencyUnit): AlarmShape {
    const halfRpo = rpoSeconds / 2;
    const evaluationPeriods = Math.min(5, Math.max(1, Math.floor(rpoSeconds / 4 / MINUTE)));
    return { threshold: unit === "Milliseconds" ? halfRpo * 1000 : halfRpo, period: MINUTE, evaluationPeriods };
}

/**
 * An alarm on pending replication operations for a store with this RPO: it fires when the backlog has
 * not once drained to zero for half the RPO (one-minute periods up to an hour, five-minute ones beyond,
 * capped at CloudWatch's one-day window).
 */
export function replicationBacklogAlarm(rpoSeconds: number): AlarmShape {
    const window = Math.min(rpoSeconds / 2, MAX_WINDOW);
    const period = window > HOUR ? 5 * MINUTE : MINUTE;
    return { threshold: 0, period, evaluationPeriods: Math.max(1, Math.floor(window / period)) };
}
