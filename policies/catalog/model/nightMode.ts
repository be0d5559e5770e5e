import { clockMinutes } from "../config";
import { parseDuration } from "../durations";
import { FIGURES } from "../figures";
import { NightModeOutputs } from "../contract";
import { perModel } from "./cache";
import { readNightMode } from "./components";
import { ModelResource, StackModel, TYPES } from "./resources";

/** A cell's night mode, as its component registers it (`NightModeOutputs`): when the DR region runs a cheaper tier, and what it leaves running. */
export interface NightMode extends Pick<
    NightModeOutputs,
    "region" | "from" | "to" | "timeZone" | "tier" | "desiredCount" | "minCount" | "maxCount"
> {
    resource: ModelResource;
    /** The night's own RTO target, in seconds, where the stack declares one; else the day's holds. */
    targetRto?: number;
    /** Minutes of the day inside the window. */
    windowMinutes: number;
    /**
     * Minutes a day the DR region runs at its night size: the window, less the time its tasks take to drain after the
     * window opens and the lead by which capacity returns before it closes.
     */
    nightMinutes: number;
}

const MINUTES_PER_DAY = 24 * 60;

/** The stack's night mode, when a night mode component registers every field it needs. */
export const nightMode = perModel((model): NightMode | undefined => {
    for (const resource of model.ofType(TYPES.nightMode)) {
        const view = readNightMode(resource);
        const [from, to] = [clockMinutes(view.from), clockMinutes(view.to)];
        const { region, timeZone, tier, desiredCount, minCount, maxCount } = view;
        if (
            from === undefined ||
            to === undefined ||
            region === undefined ||
            timeZone === undefined ||
            tier === undefined ||
            desiredCount === undefined ||
            minCount === undefined ||
            maxCount === undefined
        ) {
            continue;
        }
        const windowMinutes = (to - from + MINUTES_PER_DAY) % MINUTES_PER_DAY;
        return {
            resource,
            region,
            from: view.from!,
            to: view.to!,
            timeZone,
            tier,
            desiredCount,
            minCount,
            maxCount,
            targetRto: parseDuration(view.rto),
            windowMinutes,
            nightMinutes: Math.max(0, windowMinutes - (FIGURES.scaleInDrain + FIGURES.nightScaleUpLead) / 60),
        };
    }
    return undefined;
});

/** `resource` with some of its properties replaced. */
function withProps(resource: ModelResource, props: Record<string, unknown>): ModelResource {
    return { ...resource, props: { ...resource.props, ...props } };
}

/**
 * The stack as its night mode leaves it: the DR region's services at their night size within the night's scaling
 * bounds, and the cell at the night tier, judged against the night's RTO target. Built from the same resources, so every
 * derivation of the model — recovery, posture, cost — reads the night as it reads the day. None without a night mode.
 */
export const nightModel = perModel((model): StackModel | undefined => {
    const night = nightMode(model);
    if (!night) {
        return undefined;
    }
    const services = model.ofType(TYPES.service).filter((s) => model.regionOf(s) === night.region);
    const changed = new Map<string, ModelResource>();
    for (const service of services) {
        changed.set(service.urn, withProps(service, { desiredCount: night.desiredCount }));
        for (const target of model.referrers(service, TYPES.scalingTarget, "resourceId")) {
            changed.set(target.urn, withProps(target, { minCapacity: night.minCount, maxCapacity: night.maxCount }));
        }
    }
    const targets = night.targetRto !== undefined ? { rto: night.resource.props.rto } : {};
    for (const cell of model.ofType(TYPES.cell)) {
        const size = cell.props.region === night.region ? { desiredCount: night.desiredCount, maxCount: night.maxCount } : {};
        changed.set(cell.urn, withProps(cell, { tier: night.tier, ...targets, ...size }));
    }
    // The night view has no night of its own.
    const resources = model.resources.filter((r) => r.urn !== night.resource.urn).map((r) => changed.get(r.urn) ?? r);
    return new StackModel(resources, model.defaultRegion);
});
