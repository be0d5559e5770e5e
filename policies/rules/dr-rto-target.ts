import { formatDuration } from "../catalog";
import {
    AUTOMATIC_FAILOVER_TIERS,
    CellRecovery,
    ReadOnlyPeer,
    RecoveryStep,
    SCOPES,
    Scope,
    ScopeRecovery,
    ScopeTarget,
    ScopeTargets,
    DeclaredIntent,
    TYPES,
    cellRecovery,
    judgedScope,
    readOnlyPeers,
    scopeRecoveries,
    scopeTargets,
    stores,
} from "../catalog/model";
import { stackPolicy } from "./define";
import { stackModel } from "./model";
import { ACCOUNT_REBUILD, FASTER_REGION_RECOVERY, HEALTH_CHECKED_RECORDS, Remedy, stackRemedy } from "./remedies";
import { packTargets, packZones } from "./scopes";
import { SCOPE_WORDS, describeSeconds, describeStep, describeStore, scopeMark } from "./words";

/** The fix for a scope's recovery over its target, by what holds it up. */
function scopeFix(scope: Scope, steps: RecoveryStep[], remedy: (r: Remedy) => string): string {
    switch (scope) {
        case "region":
            return steps.some((s) => s.kind === "database-failover" && s.by === "person")
                ? "an ARC Region switch plan (aws.arcregionswitch.Plan) whose workflow fails the global database over (an AuroraGlobalDatabase block with behavior failover) and a trigger on an alarm outside the home region that starts it — the DR program's FailoverPlan component builds both"
                : remedy(FASTER_REGION_RECOVERY);
        case "az":
            return "spread the service and every database over two or more zones (subnets in two zones, an Aurora reader or an RDS Multi-AZ standby)";
        case "account":
            return remedy(ACCOUNT_REBUILD);
        case "corruption":
            return "point-in-time copies of every store (DynamoDB point-in-time recovery, S3 versioning, frequent backups), and a rehearsed restore runbook";
    }
}

/** What is wrong with a cell's recovery time in each scope that has a target, one message each; `remedy` tells a fix for its program. */
export function rtoFindings(
    cell: CellRecovery,
    scopes: Record<Scope, ScopeRecovery>,
    judged: Scope,
    targets: Record<Scope, ScopeTarget>,
    remedy: (r: Remedy) => string,
    judgedKey = "dr:rto",
): string[] {
    const findings: string[] = [];
    const where = `cell with home region ${cell.homeRegion ?? "unknown"}${cell.drRegion ? ` and DR region ${cell.drRegion}` : ""}`;
    for (const scope of SCOPES) {
        const target = targets[scope].rto;
        const { steps, achievableRto } = scopes[scope];
        if (target === undefined || achievableRto <= target) {
            continue;
        }
        const manual = steps.filter((s) => s.manual);
        const person =
            manual.length > 0
                ? ` A person must act at ${manual.length === 1 ? "the step" : "the steps"} ${manual.map((s) => `"${describeStep(s)}"`).join(", ")}, which the target leaves no time for.`
                : "";
        const key = scope === judged ? judgedKey : `dr:targets.${scope}.rto`;
        findings.push(
            `${scopeMark(scope)}The ${cell.tier ?? "untiered"} ${where} ${Number.isFinite(achievableRto) ? `recovers from ${SCOPE_WORDS[scope]} in ${describeSeconds(achievableRto)}, over` : `has no bounded recovery from ${SCOPE_WORDS[scope]} against`} its target ${formatDuration(target)} (${key}): ` +
                `${steps.map(describeStep).join(" + ")}.${person} Fix: ${scopeFix(scope, steps, remedy)}; or a target the tier can meet.`,
        );
    }
    if (cell.tier && AUTOMATIC_FAILOVER_TIERS.includes(cell.tier) && cell.drRegion && !cell.automaticFailover) {
        findings.push(
            `${scopeMark("region")}The ${where} is ${cell.tier}, which promises failover faster than a person can react, but traffic would move only by hand: ` +
                `no Route 53 health check guards a failover or latency record of the home region that has a DR-region alternative. ` +
                `Fix: ${remedy(HEALTH_CHECKED_RECORDS)}.`,
        );
    }
    return findings;
}

/** An active-active cell whose DR-region service reaches a database copy that cannot take its writes. */
export function readOnlyPeerFinding(peer: ReadOnlyPeer): string {
    return (
        `${scopeMark("region")}${describeStore(peer.service)} in ${peer.region} serves writes as an active-active peer and reaches ${describeStore(peer.copy)}, a read-only secondary of ${describeStore(peer.store)}: ` +
        `every relational write routed to ${peer.region} fails, disaster or not. Fix: set enableGlobalWriteForwarding: true on the secondary cluster (Aurora MySQL also needs aurora_replica_read_consistency; the DR program does both for active-active), or run the cell as warm-standby.`
    );
}

/** The DR targets a stack's config declares, by key. */
function declaredKeys(declared: DeclaredIntent, targets: ScopeTargets): string[] {
    return [
        ...(["tier", "rto", "rpo"] as const).filter((key) => declared[key] !== undefined).map((key) => `dr:${key}`),
        ...(Object.keys(targets).length > 0 ? ["dr:targets"] : []),
    ];
}

/** The finding for a stack that declares targets but holds nothing the pack can hold to them. */
export function nothingToJudgeFinding(declared: string[]): string {
    return (
        `The stack declares ${declared.join(", ")} but holds no DR cell, no stateful store and no ECS service the pack can see, so no target can be judged. ` +
        "If its resources come from a component provider (awsx, or another multi-language component), judge it with `pulumi preview --policy-pack` against an AWS account, which sees their children; " +
        "if the stack truly holds nothing to recover, remove the dr: targets from its stack config."
    );
}

export const drRtoTarget = stackPolicy("dr-rto-target", (args, report, skip) => {
    const model = stackModel(args.resources);
    const cell = cellRecovery(model);
    if (!cell.anchor && stores(model).length === 0 && model.ofType(TYPES.service).length === 0) {
        const declared = declaredKeys(model.declared, packTargets().value);
        if (declared.length === 0) {
            return skip("the stack has no regional cell, no stateful store and no service");
        }
        // Never a vacuous verdict (DESIGN §16): targets with nothing to hold them to is a finding, not a pass.
        return report(nothingToJudgeFinding(declared));
    }
    const zones = packZones();
    const judged = judgedScope(model, zones);
    for (const finding of rtoFindings(cell, scopeRecoveries(model), judged, scopeTargets(model, packTargets().value, zones), (r) =>
        stackRemedy(model, r),
    )) {
        report(finding, cell.anchor?.urn);
    }
    for (const peer of readOnlyPeers(model)) {
        report(readOnlyPeerFinding(peer), peer.copy.urn);
    }
});
