import { FIGURES } from "../figures";
import { perModel } from "./cache";
import { ModelResource, StackModel, TYPES, Unknown, list, record, text } from "./resources";

/**
 * ARC Region switch plans: what a plan does when the home region is lost, in order, and whether anything but
 * a person starts it. Read from the plan resource itself, in our program or a user's.
 * https://docs.aws.amazon.com/r53recovery/latest/dg/region-switch.html
 */

/**
 * The tag on a plan's custom action Lambda that names the ElastiCache global datastore it promotes (by its
 * globalReplicationGroupIdSuffix): the model cannot read a function's code, and ARC has no ElastiCache block.
 */
export const PROMOTES_TAG = "dr:promotes";

/** One execution block of the workflow a loss of the home region runs, in the order it runs. */
export interface PlanBlock {
    /** The block's executionBlockType, e.g. `AuroraGlobalDatabase`. */
    type: string;
    /** Aurora: whether it fails over with the home region gone (behavior failover, or an ungraceful failover). */
    failsOver?: boolean;
    /** Aurora: the global cluster identifier as written, when known. */
    globalClusterIdentifier?: string | Unknown;
    /** Custom action Lambda: whether an ungraceful execution skips it. */
    skipsUngraceful?: boolean;
}

/** What starts the plan without a person: a trigger on alarms that outlive the home region. */
export interface PlanTrigger {
    /** The trigger's alarms, each with the region it lives in. */
    alarms: { resource?: ModelResource; region?: string | Unknown }[];
    /** How long until the alarms go red after the home region fails: health-check detection plus the alarms' evaluation. */
    detectionSeconds: number;
}

/** A Region switch plan as a loss of the home region uses it. */
export interface FailoverPlan {
    plan: ModelResource;
    /** The blocks of the workflow that moves the cell out of its home region. */
    blocks: PlanBlock[];
    /** A ManualApproval block runs before the blocks that recover: a person must act. */
    approvalFirst: boolean;
    /** The trigger that starts that workflow, when one does; absent: a person starts the plan. */
    trigger?: PlanTrigger;
    /** Whether the trigger can fire with the home region gone: every alarm it waits on lives elsewhere. */
    startsWithoutPerson: boolean;
    /** Resources the workflows name (services, clusters): what the blocks act on. */
    targets: ModelResource[];
}

/** A workflow step's blocks in order: a Parallel block's steps stand where it stands. */
function blocksOf(steps: unknown): Record<string, any>[] {
    return list(steps)
        .map(record)
        .flatMap((step) =>
            step.executionBlockType === "Parallel" ? list(step.parallelConfigs).flatMap((p) => blocksOf(record(p).steps)) : [step],
        );
}

/**
 * Whether an Aurora block fails the database over when its primary's region is gone: `failover` does, in any
 * mode; `switchoverOnly` does only in an ungraceful execution with an ungraceful `failover`, since a
 * switchover needs a healthy primary. https://docs.aws.amazon.com/arc-region-switch/latest/api/API_GlobalAuroraConfiguration.html
 */
function auroraFailsOver(config: Record<string, any>): boolean {
    return config.behavior === "failover" || list(config.ungracefuls).some((u) => record(u).ungraceful === "failover");
}

function block(step: Record<string, any>): PlanBlock {
    const type = String(step.executionBlockType);
    if (type === "AuroraGlobalDatabase") {
        const configs = list(step.globalAuroraConfigs).map(record);
        return {
            type,
            failsOver: configs.length > 0 && configs.every(auroraFailsOver),
            globalClusterIdentifier: text(configs[0]?.globalClusterIdentifier),
        };
    }
    if (type === "CustomActionLambda") {
        const configs = list(step.customActionLambdaConfigs).map(record);
        return { type, skipsUngraceful: configs.some((c) => list(c.ungracefuls).some((u) => record(u).behavior === "skip")) };
    }
    return { type };
}

/**
 * The workflow a loss of `home` runs: for an active/passive plan, the one that activates the DR region (or any
 * region); for an active/active plan, the one that deactivates home (or any region).
 * https://docs.aws.amazon.com/r53recovery/latest/dg/working-with-rs-workflows.html
 */
function homeLossWorkflow(plan: ModelResource, home: string, drRegion: string): Record<string, any> | undefined {
    const workflows = list(plan.props.workflows).map(record);
    const activeActive = plan.props.recoveryApproach === "activeActive";
    const matches = (w: Record<string, any>) =>
        activeActive
            ? w.workflowTargetAction === "deactivate" && (w.workflowTargetRegion === home || w.workflowTargetRegion === undefined)
            : w.workflowTargetAction === "activate" && (w.workflowTargetRegion === drRegion || w.workflowTargetRegion === undefined);
    return workflows.find(matches);
}

/**
 * The alarm an associated alarm names: the stack's alarm with that ARN (or, unknown at preview, the one it was built
 * from), else the region its ARN names (an alarm outside the stack).
 */
function alarmNamed(model: StackModel, arn: unknown, candidates: ModelResource[]): ModelResource | string | undefined {
    const known = text(arn);
    if (typeof known === "string") {
        const own = model.ofType(TYPES.metricAlarm).find((a) => a.props.arn === known);
        return own ?? /^arn:aws[a-z-]*:cloudwatch:([a-z0-9-]+):/.exec(known)?.[1];
    }
    return candidates.length === 1 ? candidates[0] : undefined;
}

/** Seconds until an alarm goes red once what it watches fails: its evaluation, plus a watched health check's own detection. */
function alarmDetection(model: StackModel, alarm: ModelResource | undefined): number {
    if (!alarm) {
        return FIGURES.alarmDetectionBudget;
    }
    const period = typeof alarm.props.period === "number" ? alarm.props.period : 60;
    const periods = typeof alarm.props.evaluationPeriods === "number" ? alarm.props.evaluationPeriods : 1;
    const check = model.deps(alarm, "dimensions", TYPES.healthCheck)[0];
    const checkSeconds = check
        ? (typeof check.props.requestInterval === "number" ? check.props.requestInterval : FIGURES.healthCheckDefaultInterval) *
          (typeof check.props.failureThreshold === "number" ? check.props.failureThreshold : FIGURES.healthCheckDefaultThreshold)
        : 0;
    return checkSeconds + period * periods;
}

/**
 * The trigger that runs the home-loss workflow, and the alarms it waits on. A trigger starts an execution when
 * all its alarms turn to its condition. https://docs.aws.amazon.com/arc-region-switch/latest/api/API_Trigger.html
 */
function triggerOf(model: StackModel, plan: ModelResource, home: string, drRegion: string): PlanTrigger | undefined {
    const activeActive = plan.props.recoveryApproach === "activeActive";
    const trigger = list(plan.props.triggers)
        .map(record)
        .find((t) =>
            activeActive ? t.action === "deactivate" && t.targetRegion === home : t.action === "activate" && t.targetRegion === drRegion,
        );
    if (!trigger) {
        return undefined;
    }
    const associated = list(plan.props.associatedAlarms).map(record);
    const stackAlarms = model.deps(plan, "associatedAlarms", TYPES.metricAlarm);
    const alarms = list(trigger.conditions)
        .map(record)
        .filter((c) => c.condition === "red")
        .map((c): PlanTrigger["alarms"][number] => {
            const entry = associated.find((a) => a.mapBlockKey === c.associatedAlarmName);
            const found = entry ? alarmNamed(model, entry.resourceIdentifier, stackAlarms) : undefined;
            return typeof found === "object" ? { resource: found, region: model.regionOf(found) } : { region: found };
        });
    if (alarms.length === 0) {
        return undefined;
    }
    return { alarms, detectionSeconds: Math.max(...alarms.map((a) => alarmDetection(model, a.resource))) };
}

/** The Region switch plan of the cell's two regions, as a loss of the home region uses it; undefined without one. */
export const failoverPlan = perModel((model): ((home: string, drRegion: string) => FailoverPlan | undefined) => {
    const found = new Map<string, FailoverPlan | undefined>();
    return (home, drRegion) => {
        const key = `${home} ${drRegion}`;
        if (!found.has(key)) {
            found.set(key, readPlan(model, home, drRegion));
        }
        return found.get(key);
    };
});

function readPlan(model: StackModel, home: string, drRegion: string): FailoverPlan | undefined {
    for (const plan of model.ofType(TYPES.regionSwitchPlan)) {
        const regions = list(plan.props.regions);
        if (!regions.includes(home) || !regions.includes(drRegion)) {
            continue;
        }
        const workflow = homeLossWorkflow(plan, home, drRegion);
        if (!workflow) {
            continue;
        }
        const steps = blocksOf(workflow.steps);
        const blocks = steps.map(block);
        const firstRecovering = blocks.findIndex((b) => b.type !== "ManualApproval");
        const approvalFirst = blocks.some((b, i) => b.type === "ManualApproval" && (firstRecovering < 0 || i < firstRecovering));
        const trigger = triggerOf(model, plan, home, drRegion);
        const startsWithoutPerson = trigger !== undefined && trigger.alarms.every((a) => typeof a.region === "string" && a.region !== home);
        return { plan, blocks, approvalFirst, trigger, startsWithoutPerson, targets: model.deps(plan, "workflows") };
    }
    return undefined;
}
