import { ResidencyZones, Tier, formatDuration, storeTypeOf } from "../../../../policies/catalog";
import {
    Copy,
    SAME_ACCOUNT,
    StackModel,
    TYPES,
    acceleratorBetween,
    accelerators,
    cellIntent,
    cellRecovery,
    cells,
    distributions,
    list,
    lockOf,
    nightMode,
    readRouting,
    record,
    storeRecovery,
    stores,
} from "../../../../policies/catalog/model";
import { modelOf } from "../../assess";
import { StackPlan } from "./run";

/**
 * Where a stack's data lives and how it flows, as data for a diagram: residency zones holding regions (one box per
 * region and account), the cell's service, its stores, their replicas and its vaults in them, and the edges between
 * them — replication with its lag, backups and their copies, and user traffic, with the global tier in front of the
 * cells (CloudFront distributions and Global Accelerators, which live in no region). Stores of a region are one node and
 * edges that say the same thing between the same nodes are one edge, so a diagram stays small enough to read.
 */

/** How a node is drawn; a renderer maps each to its own syntax. */
export type Shape = "box" | "cylinder" | "vault" | "stadium" | "hexagon";

/** How an edge is drawn. */
export type Line = "solid" | "dotted" | "thick";

/** Every kind of node, in one place: how it is drawn, and whether the overview of all stacks (zones, cells, routing) shows it. */
export const NODE_KINDS = {
    geography: { shape: "stadium", overview: true },
    /** A CloudFront distribution or a Global Accelerator: in front of the cells, in no region; drawn per stack (the overview would fall under 12 px at 900 px wide). */
    edge: { shape: "hexagon", overview: false },
    compute: { shape: "box", overview: true },
    data: { shape: "cylinder", overview: false },
    vault: { shape: "vault", overview: false },
} as const satisfies Record<string, { shape: Shape; overview: boolean }>;

export type NodeKind = keyof typeof NODE_KINDS;

/** Every kind of edge: how it is drawn, what the legend calls it, and whether the overview shows it. */
export const EDGE_KINDS = {
    routing: { line: "thick", legend: "user traffic", overview: true },
    origin: { line: "solid", legend: "edge to its origins", overview: false },
    replication: { line: "solid", legend: "replication (lag)", overview: false },
    backup: { line: "solid", legend: "backup (interval)", overview: false },
    copy: { line: "dotted", legend: "copy between vaults", overview: false },
} as const satisfies Record<string, { line: Line; legend: string; overview: boolean }>;

export type EdgeKind = keyof typeof EDGE_KINDS;

export interface TopologyNode {
    id: string;
    kind: NodeKind;
    /** The label, a line each. */
    lines: string[];
}

/** A region of one account: the stack's own, or another account's (a backup account's vault). */
export interface RegionBox {
    id: string;
    region: string;
    account?: string;
    nodes: TopologyNode[];
}

export interface ZoneBox {
    /** A residency zone's name; "outside every zone" for regions none holds. */
    name: string;
    regions: RegionBox[];
}

export interface TopologyEdge {
    from: string;
    to: string;
    kind: EdgeKind;
    /** Both ways: each node copies to the other the same way. */
    twoWay: boolean;
    /** What flows, a line each: how (a mechanism and its lag), and which stores where not all of the node's. */
    lines: string[];
}

export interface Topology {
    zones: ZoneBox[];
    /** Nodes outside any region: the geographies users come from, the distributions and accelerators in front of the cells. */
    outside: TopologyNode[];
    edges: TopologyEdge[];
}

const OUTSIDE = "outside every zone";

/** An id Mermaid takes: letters, digits and underscores. */
export function nodeId(...parts: string[]): string {
    return parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
}

/** One flow before grouping: from node to node, how (empty where the edge says it all), a line more, and which store it carries. */
interface Flow {
    from: string;
    to: string;
    kind: EdgeKind;
    how: string;
    detail?: string;
    store?: string;
}

class Builder {
    readonly zones: ZoneBox[] = [];
    readonly outside: TopologyNode[] = [];
    readonly flows: Flow[] = [];
    private readonly boxes = new Map<string, RegionBox>();
    private readonly nodes = new Map<string, TopologyNode>();
    /** What each data node holds: its stores' and replicas' names. */
    readonly members = new Map<string, string[]>();

    /** The box of a region (and account): in the stack's own zone if it holds the region, else the first zone that does (the zones the pack judged with), else outside. */
    box(region: string, account: string | undefined, zone: string | undefined, zones: ResidencyZones): RegionBox {
        const id = account ? nodeId("r", region, account) : nodeId("r", region);
        let box = this.boxes.get(id);
        if (!box) {
            box = { id, region, account, nodes: [] };
            this.boxes.set(id, box);
            const home =
                zone && (zones[zone] ?? []).includes(region)
                    ? zone
                    : Object.entries(zones).find(([, regions]) => regions.includes(region))?.[0];
            const zoneName = home ?? OUTSIDE;
            let zoneBox = this.zones.find((z) => z.name === zoneName);
            if (!zoneBox) {
                zoneBox = { name: zoneName, regions: [] };
                this.zones.push(zoneBox);
            }
            zoneBox.regions.push(box);
        }
        return box;
    }

    node(box: RegionBox | undefined, node: TopologyNode): string {
        if (!this.nodes.has(node.id)) {
            this.nodes.set(node.id, node);
            (box ? box.nodes : this.outside).push(node);
        }
        return node.id;
    }

    /** The node of a region's data (its stores and replicas), with `member` added to it as a line of its label. */
    data(box: RegionBox, stack: string, member: string, line: string): string {
        const id = this.node(box, { id: nodeId(stack, "data", box.id), kind: "data", lines: [] });
        const node = this.nodes.get(id)!;
        // Two stores may share a name (a sessions table and a sessions cache): a line each, told apart by its type.
        if (!node.lines.includes(line)) {
            node.lines.push(line);
            this.members.set(id, [...(this.members.get(id) ?? []), member]);
        }
        return id;
    }

    flow(flow: Flow): void {
        this.flows.push(flow);
    }
}

function taskWords(desired: unknown, max: unknown): string {
    const [d, m] = [typeof desired === "number" ? desired : undefined, typeof max === "number" ? max : undefined];
    if (d === undefined) {
        return "compute";
    }
    const tasks = (n: number) => `${n} task${n === 1 ? "" : "s"}`;
    return m !== undefined && m > d ? `${d} → ${tasks(m)}` : tasks(d);
}

/** What a region of a cell does: its home region serves; its DR region serves too in an active-active cell, else waits at the tier. */
function duty(role: string | undefined, tier: Tier | undefined): string {
    return role === "primary" || tier === "active-active" ? "active" : (tier?.replace("-", " ") ?? "standby");
}

/** A resource type in words: `aws:dynamodb/table:Table` is a "dynamodb table". */
function typeWords(type: string): string {
    return (type.split(":")[1] ?? type).replace("/", " ");
}

function lagWords(seconds: number | undefined): string {
    return seconds === undefined ? "lag unknown" : formatDuration(seconds);
}

/** The vault a copy lands in, as a node: the stack's vault by name, or the vault an ARN names. */
function vaultNode(stack: string, model: StackModel, copy: Copy): TopologyNode {
    const name = copy.vault
        ? String(copy.vault.props.name ?? copy.vault.name)
        : String(copy.vaultRef ?? "vault")
              .split(":")
              .pop()!;
    const lock = copy.vault ? lockOf(model, copy.vault) : undefined;
    return {
        id: nodeId(stack, "vault", copy.vault ? copy.vault.name : `${copy.location.account}_${name}`),
        kind: "vault",
        lines: [`vault ${name}`, ...(lock && lock !== "none" ? [`${lock} lock`] : [])],
    };
}

function addStack(b: Builder, plan: StackPlan): void {
    const model = modelOf(plan.resources, plan.context.config);
    const zone = plan.context.config["dr:residency"];
    const stack = plan.stack;
    const boxOf = (region: unknown, account = SAME_ACCOUNT) =>
        typeof region === "string" ? b.box(region, account === SAME_ACCOUNT ? undefined : account, zone, plan.zones) : undefined;

    const night = nightMode(model);
    const cellNodes = new Map<string, string>();
    for (const { resource, outputs } of cells(model)) {
        if (!outputs.region) {
            continue;
        }
        const compute = resource.props.compute === "none" ? "no compute" : taskWords(resource.props.desiredCount, resource.props.maxCount);
        const atNight =
            night?.region === outputs.region
                ? [
                      `${night.from}–${night.to} ${night.timeZone}: ${duty("standby", night.tier)} · ${taskWords(night.desiredCount, night.maxCount)}`,
                  ]
                : [];
        const id = b.node(boxOf(outputs.region), {
            id: nodeId(stack, "cell", outputs.region),
            kind: "compute",
            lines: [`${stack} · ${duty(outputs.role, outputs.tier)} · ${compute}`, ...atNight],
        });
        cellNodes.set(outputs.region, id);
    }

    const storeNodes = new Map<string, string>();
    const all = stores(model);
    const shared = new Set(all.map((s) => s.name).filter((name, i, names) => names.indexOf(name) !== i));
    for (const store of all) {
        const box = boxOf(model.regionOf(store));
        if (!box) {
            continue;
        }
        const classification = store.props.tags?.["dr:classification"];
        const line = `${store.name} · ${typeWords(store.type)}${classification ? ` · ${classification}` : ""}`;
        storeNodes.set(store.urn, b.data(box, stack, store.name, line));
    }
    for (const store of all) {
        const from = storeNodes.get(store.urn);
        if (!from) {
            continue;
        }
        const recovery = storeRecovery(model, store);
        const backupVaults = new Map<string, string>();
        for (const copy of recovery.copies) {
            const box = boxOf(copy.location.region, copy.location.account);
            if (copy.kind === "replica") {
                const target = copy.resource.urn !== store.urn ? storeNodes.get(copy.resource.urn) : undefined;
                const replica = shared.has(store.name)
                    ? `${store.name} ${storeTypeOf(store.type)?.kind ?? typeWords(store.type)} replica`
                    : `${store.name} replica`;
                const to = target ?? (box && b.data(box, stack, `${store.name} replica`, replica));
                const how = `${copy.mechanism === "s3-replication" ? (copy.rtc ? "S3 RTC" : "S3 best effort") : "replica"} ≤${lagWords(copy.lagSeconds)}`;
                if (to) {
                    b.flow({ from, to, kind: "replication", how, store: store.name });
                }
            } else if (copy.mechanism === "backup") {
                const to = b.node(box, vaultNode(stack, model, copy));
                backupVaults.set(copy.resource.urn, to);
                b.flow({ from, to, kind: "backup", how: `backup every ${lagWords(copy.intervalSeconds)}`, store: store.name });
            }
        }
        for (const copy of recovery.copies.filter((c) => c.mechanism === "backup-copy")) {
            const source = backupVaults.get(copy.resource.urn);
            const to = b.node(boxOf(copy.location.region, copy.location.account), vaultNode(stack, model, copy));
            const where = copy.location.account === SAME_ACCOUNT ? "copy" : `copy to account ${copy.location.account}`;
            b.flow({
                from: source ?? from,
                to,
                kind: "copy",
                how: `${where} ≤${lagWords(copy.lagSeconds)}`,
                store: source ? undefined : store.name,
            });
        }
    }

    // Routing: geolocation sends the stack's geographies to its cell, whose name resolves by latency to every region
    // of an active-active cell, else to the home region, failing over to the DR region.
    const intent = cellIntent(model);
    const home = intent.homeRegion ? cellNodes.get(intent.homeRegion) : undefined;
    const dr = intent.drRegion ? cellNodes.get(intent.drRegion) : undefined;
    const records = model.ofType(TYPES.record);
    const latency = records.some((r) => list(r.props.latencyRoutingPolicies).length > 0);
    const checked = cellRecovery(model).automaticFailover ? "health-checked" : undefined;
    const geo = model.ofType(TYPES.routing).flatMap((routing) => readRouting(routing).geo ?? []);
    if (home && geo.length > 0) {
        const users = b.node(undefined, { id: nodeId(stack, "geo"), kind: "geography", lines: [`users in ${geo.join(", ")}`] });
        for (const to of latency && dr ? [home, dr] : [home]) {
            b.flow({ from: users, to, kind: "routing", ...(latency && dr ? { how: "latency", detail: checked } : { how: "" }) });
        }
    }
    if (home && dr && !latency) {
        const how =
            intent.homeRegion && intent.drRegion && acceleratorBetween(model, intent.homeRegion, intent.drRegion)
                ? "Global Accelerator"
                : records.some((r) => list(r.props.failoverRoutingPolicies).length > 0)
                  ? "failover"
                  : "manual DNS change";
        b.flow({ from: home, to: dr, kind: "routing", how, detail: checked });
    }
    addGlobalTier(b, stack, model, cellNodes);
}

/** The global tier: each accelerator and distribution as a node outside every region, a flow to each cell region it sends traffic to. */
function addGlobalTier(b: Builder, stack: string, model: StackModel, cellNodes: Map<string, string>): void {
    const cellIn = (region: unknown) => (typeof region === "string" ? cellNodes.get(region) : undefined);
    for (const { accelerator, groups } of accelerators(model)) {
        const from = b.node(undefined, {
            id: nodeId(stack, "accelerator", accelerator.name),
            kind: "edge",
            lines: [`Global Accelerator ${String(accelerator.props.name ?? accelerator.name)}`, "anycast"],
        });
        for (const group of groups) {
            const to = cellIn(group.region);
            if (to) {
                b.flow({ from, to, kind: "origin", how: `traffic dial ${group.dial}%` });
            }
        }
    }
    for (const d of distributions(model)) {
        const name = list(d.distribution.props.aliases)[0] ?? d.distribution.name;
        const cached = d.behaviors.filter((bh) => bh.caches !== false).map((bh) => String(bh.pathPattern));
        const from = b.node(undefined, {
            id: nodeId(stack, "edge", d.distribution.name),
            kind: "edge",
            lines: [`CloudFront ${String(name)}`, cached.length > 0 ? `caches ${cached.join(", ")}` : "caches nothing"],
        });
        // Requests go to the default behavior's origin; a failover group's second member takes public reads on an error.
        const fallbacks = new Set(list(d.distribution.props.originGroups).map((g) => String(record(list(record(g).members)[1]).originId)));
        for (const origin of d.origins) {
            for (const region of new Set(origin.destinations.map((t) => t.region))) {
                const to = cellIn(region);
                if (to) {
                    b.flow({ from, to, kind: "origin", how: fallbacks.has(origin.id) ? "public reads on 5xx" : "requests" });
                }
            }
        }
    }
}

/** The lines saying how flows go, naming their stores unless they are all of those the edge leaves from. */
function flowLines(how: string, flows: Flow[], all: string[]): string[] {
    const named = [...new Set(flows.flatMap((f) => (f.store ? [f.store] : [])))];
    const first = named.length === 0 || all.every((s) => named.includes(s)) ? how : `${how}: ${named.join(", ")}`;
    return [first, ...new Set(flows.flatMap((f) => (f.detail ? [f.detail] : [])))].filter((line) => line !== "");
}

/**
 * Flows grouped into edges: one per pair of nodes and kind, a line per way of flowing. A way that goes both ways
 * (two-way replication, vaults copying to each other) is one line saying so, or an edge with two heads when every
 * way between the two nodes does; only flows one way against the rest get an edge of their own.
 */
function edgesOf(flows: Flow[], members: Map<string, string[]>): TopologyEdge[] {
    const pairs = new Map<string, Flow[]>();
    for (const flow of flows) {
        const key = JSON.stringify([[flow.from, flow.to].sort(), flow.kind]);
        pairs.set(key, [...(pairs.get(key) ?? []), flow]);
    }
    return [...pairs.values()].flatMap((group) => {
        const { from, to, kind } = group[0];
        const hows = (f: string, t: string) => [...new Set(group.filter((g) => g.from === f && g.to === t).map((g) => g.how))];
        const [forth, back] = [hows(from, to), hows(to, from)];
        const both = forth.filter((h) => back.includes(h));
        const backOnly = back.filter((h) => !both.includes(h));
        const twoWay = both.length > 0 && both.length === forth.length && backOnly.length === 0;
        const line = (how: string, f: string, t: string) => {
            const way = both.includes(how) && f === from;
            const carried = group.filter((g) => g.how === how && ((g.from === f && g.to === t) || (way && g.from === t && g.to === f)));
            const all = [...(members.get(f) ?? []), ...(way ? (members.get(t) ?? []) : [])];
            return flowLines(way && !twoWay ? `${how}, both ways` : how, carried, all);
        };
        return [
            { from, to, kind, twoWay, lines: forth.flatMap((h) => line(h, from, to)) },
            ...(backOnly.length > 0
                ? [{ from: to, to: from, kind, twoWay: false, lines: backOnly.flatMap((h) => line(h, to, from)) }]
                : []),
        ];
    });
}

/** The topology of one planned stack. */
export function stackTopology(plan: StackPlan): Topology {
    const builder = new Builder();
    addStack(builder, plan);
    return { zones: builder.zones, outside: builder.outside, edges: edgesOf(builder.flows, builder.members) };
}

/** The overview of the planned stacks: their zones, regions and cells, and how users reach them. */
export function overviewTopology(plans: StackPlan[]): Topology {
    const builder = new Builder();
    for (const plan of plans) {
        addStack(builder, plan);
    }
    const shown = (n: TopologyNode) => NODE_KINDS[n.kind].overview;
    const zones = builder.zones
        .map((z) => ({ ...z, regions: z.regions.map((r) => ({ ...r, nodes: r.nodes.filter(shown) })).filter((r) => r.nodes.length > 0) }))
        .filter((z) => z.regions.length > 0);
    const edges = edgesOf(
        builder.flows.filter((f) => EDGE_KINDS[f.kind].overview),
        builder.members,
    );
    return { zones, outside: builder.outside.filter(shown), edges };
}
