import { BackupOutputs, CellOutputs, CellRole, NightModeOutputs, RoutingOutputs } from "../contract";
import { Tier, isTier } from "../tiers";
import { ModelResource, StackModel, TYPES, list, text } from "./resources";

/**
 * Typed readers of what the program's components register (`policies/catalog/contract.ts`). A field
 * is present only when its value is known and of its contract type: a user's own component of the
 * same type token, or a value unknown at preview, yields less, never a wrong type.
 */

function knownText(value: unknown): string | undefined {
    const t = text(value);
    return typeof t === "string" ? t : undefined;
}

/**
 * Whether the DR program's components built the resource (a `dr:` component on its URN's parent chain): a finding on
 * it names our stack config; on any other resource, the property to change on the resource itself (DESIGN §16).
 */
export function builtByDrComponents(urn: string): boolean {
    const types = urn.split("::")[2] ?? "";
    return types
        .split("$")
        .slice(0, -1)
        .some((type) => type.startsWith("dr:"));
}

/** The part of a cell's outputs the model reads. */
export type CellView = Partial<Pick<CellOutputs, "cell" | "region" | "role" | "tier" | "rto" | "rpo" | "residency">>;

export function readCell(cell: ModelResource): CellView {
    const p = cell.props;
    const role = knownText(p.role);
    const tier = knownText(p.tier);
    return {
        cell: knownText(p.cell),
        region: knownText(p.region),
        role: role === "primary" || role === "standby" ? (role as CellRole) : undefined,
        tier: isTier(tier) ? (tier as Tier) : undefined,
        rto: knownText(p.rto),
        rpo: knownText(p.rpo),
        residency: knownText(p.residency),
    };
}

/** The cell components of a stack, each with its typed outputs. */
export function cells(model: StackModel): { resource: ModelResource; outputs: CellView }[] {
    return model.ofType(TYPES.cell).map((resource) => ({ resource, outputs: readCell(resource) }));
}

export type BackupView = Partial<Pick<BackupOutputs, "account">>;

export function readBackup(backup: ModelResource): BackupView {
    return { account: knownText(backup.props.account) };
}

export type RoutingView = Partial<Pick<RoutingOutputs, "hostName" | "geo">>;

export function readRouting(routing: ModelResource): RoutingView {
    const geo = list(routing.props.geo);
    return {
        hostName: knownText(routing.props.hostName),
        geo: geo.every((code) => typeof code === "string") ? (geo as string[]) : undefined,
    };
}

/** The part of a night mode's outputs the model reads: all of it, each field only when known and well-typed. */
export type NightModeView = Partial<NightModeOutputs>;

function knownCount(value: unknown): number | undefined {
    return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function readNightMode(nightMode: ModelResource): NightModeView {
    const p = nightMode.props;
    const tier = knownText(p.tier);
    return {
        cell: knownText(p.cell),
        region: knownText(p.region),
        from: knownText(p.from),
        to: knownText(p.to),
        timeZone: knownText(p.timeZone),
        tier: isTier(tier) ? (tier as Tier) : undefined,
        desiredCount: knownCount(p.desiredCount),
        minCount: knownCount(p.minCount),
        maxCount: knownCount(p.maxCount),
        rto: knownText(p.rto),
    };
}
