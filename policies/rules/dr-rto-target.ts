import { formatDuration } from "../catalog";
import { AUTOMATIC_FAILOVER_TIERS, CellRecovery, ReadOnlyPeer, cellRecovery, readOnlyPeers, stores } from "../catalog/model";
import { stackPolicy } from "./define";
import { stackModel } from "./model";
import { describeSeconds, describeStep, describeStore } from "./words";

/** What is wrong with a cell's recovery time, one message each. */
export function rtoFindings(cell: CellRecovery): string[] {
    const findings: string[] = [];
    const where = `cell with home region ${cell.homeRegion ?? "unknown"}${cell.drRegion ? ` and DR region ${cell.drRegion}` : ""}`;
    if (cell.targetRto !== undefined && cell.achievableRto > cell.targetRto) {
        const manual = cell.steps.filter((s) => s.manual);
        const byHand = cell.steps.some((s) => s.kind === "database-failover" && s.by === "person");
        const person =
            manual.length > 0
                ? ` A person must act at ${manual.length === 1 ? "the step" : "the steps"} ${manual.map((s) => `"${describeStep(s)}"`).join(", ")}, which the target leaves no time for.`
                : "";
        const fix = byHand
            ? "an ARC Region switch plan (aws.arcregionswitch.Plan) whose workflow fails the global database over (an AuroraGlobalDatabase block with behavior failover) and a trigger on an alarm outside the home region that starts it — the DR program's FailoverPlan component builds both"
            : "the slowest step — health-checked failover records (dr:routing.healthCheck), standby capacity (dr:tier), data replicated to the DR region, a failover plan a trigger starts";
        findings.push(
            `The ${cell.tier ?? "untiered"} ${where} ${Number.isFinite(cell.achievableRto) ? `recovers from a loss of its home region in ${describeSeconds(cell.achievableRto)}, over` : "has no bounded recovery from a loss of its home region against"} its target ${formatDuration(cell.targetRto)} (dr:rto): ` +
                `${cell.steps.map(describeStep).join(" + ")}.${person} Fix: ${fix}; or a dr:rto the tier can meet.`,
        );
    }
    if (cell.tier && AUTOMATIC_FAILOVER_TIERS.includes(cell.tier) && cell.drRegion && !cell.automaticFailover) {
        findings.push(
            `The ${where} is ${cell.tier}, which promises failover faster than a person can react, but traffic would move only by hand: ` +
                `no Route 53 health check guards a failover or latency record of the home region that has a DR-region alternative. ` +
                "Fix: set dr:routing.healthCheck: true (the default) so the records carry health checks, or choose pilot-light or backup-restore.",
        );
    }
    return findings;
}

/** An active-active cell whose DR-region service reaches a database copy that cannot take its writes. */
export function readOnlyPeerFinding(peer: ReadOnlyPeer): string {
    return (
        `${describeStore(peer.service)} in ${peer.region} serves writes as an active-active peer and reaches ${describeStore(peer.copy)}, a read-only secondary of ${describeStore(peer.store)}: ` +
        `every relational write routed to ${peer.region} fails, disaster or not. Fix: set enableGlobalWriteForwarding: true on the secondary cluster (Aurora MySQL also needs aurora_replica_read_consistency; the DR program does both for active-active), or run the cell as warm-standby.`
    );
}

export const drRtoTarget = stackPolicy("dr-rto-target", (args, report, skip) => {
    const model = stackModel(args.resources);
    const cell = cellRecovery(model);
    if (!cell.anchor && stores(model).length === 0) {
        return skip("the stack has no regional cell and no stateful store");
    }
    for (const finding of rtoFindings(cell)) {
        report(finding, cell.anchor?.urn);
    }
    for (const peer of readOnlyPeers(model)) {
        report(readOnlyPeerFinding(peer), peer.copy.urn);
    }
});
