import { formatDuration } from "../catalog";
import { AUTOMATIC_FAILOVER_TIERS, CellRecovery, cellRecovery, stores } from "../catalog/model";
import { stackPolicy } from "./define";
import { stackModel } from "./model";
import { describeSeconds, describeStep } from "./words";

/** What is wrong with a cell's recovery time, one message each. */
export function rtoFindings(cell: CellRecovery): string[] {
    const findings: string[] = [];
    const where = `cell with home region ${cell.homeRegion ?? "unknown"}${cell.drRegion ? ` and DR region ${cell.drRegion}` : ""}`;
    if (cell.targetRto !== undefined && cell.achievableRto > cell.targetRto) {
        findings.push(
            `The ${cell.tier ?? "untiered"} ${where} ${Number.isFinite(cell.achievableRto) ? `recovers from a loss of its home region in ${describeSeconds(cell.achievableRto)}, over` : "has no bounded recovery from a loss of its home region against"} its target ${formatDuration(cell.targetRto)} (dr:rto): ` +
                `${cell.steps.map(describeStep).join(" + ")}. Fix: the slowest step — health-checked failover records (dr:routing.healthCheck), standby capacity (dr:tier), data replicated to the DR region — or a dr:rto the tier can meet.`,
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

export const drRtoTarget = stackPolicy("dr-rto-target", (args, report, skip) => {
    const model = stackModel(args.resources);
    const cell = cellRecovery(model);
    if (!cell.anchor && stores(model).length === 0) {
        return skip("the stack has no regional cell and no stateful store");
    }
    for (const finding of rtoFindings(cell)) {
        report(finding, cell.anchor?.urn);
    }
});
