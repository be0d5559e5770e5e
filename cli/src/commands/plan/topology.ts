import { ResidencyZones, formatDuration } from "../../../../policies/catalog";
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
    record,
    readRouting,
    storeRecovery,
    stores,
} from "../../../../policies/catalog/model";
import { modelOf } from "../../assess";
import { StackPlan } from "./run";

/**
 * Where each stack's data lives and how it flows, as data for a diagram: residency zones holding regions
 * (one box per region and account), the cells' compute and stores in them, and the edges between them —
 * replication with its lag, backups and their copies, routing from geographies to cells, and the global tier in
 * front of them: CloudFront distributions and Global Accelerators, which live in no region.
 */

export type NodeKind = "compute" | "store" | "replica" | "vault" | "geography" | "edge";
export type EdgeKind = "replication" | "backup" | "copy" | "geolocation" | "failover" | "origin";

export interface TopologyNode {
    id: string;
    kind: NodeKind;
    label: string;
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
    label: string;
}

export interface Topology {
    zones: ZoneBox[];
    /** Nodes outside any region: the geographies users come from. */
    outside: TopologyNode[];
    edges: TopologyEdge[];
}

const OUTSIDE = "outside every zone";

/** An id Mermaid takes: letters, digits and underscores. */
export function nodeId(...parts: string[]): string {
    return parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
}

class Builder {
    readonly zones: ZoneBox[] = [];
    readonly outside: TopologyNode[] = [];
    readonly edges: TopologyEdge[] = [];
    private readonly boxes = new Map<string, RegionBox>();
    private readonly nodes = new Set<string>();

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
            this.nodes.add(node.id);
            (box ? box.nodes : this.outside).push(node);
        }
        return node.id;
    }

    edge(edge: TopologyEdge): void {
        if (!this.edges.some((e) => e.from === edge.from && e.to === edge.to && e.kind === edge.kind)) {
            this.edges.push(edge);
        }
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
        label: `vault ${name}${lock && lock !== "none" ? ` · ${lock} lock` : ""}`,
    };
}

function addStack(b: Builder, plan: StackPlan): void {
    const model = modelOf(plan.resources, plan.context.config);
    const zone = plan.context.config["dr:residency"];
    const stack = plan.stack;
    const boxOf = (region: unknown, account = SAME_ACCOUNT) =>
        typeof region === "string" ? b.box(region, account === SAME_ACCOUNT ? undefined : account, zone, plan.zones) : undefined;

    const cellNodes = new Map<string, string>();
    for (const { resource, outputs } of cells(model)) {
        if (!outputs.region) {
            continue;
        }
        const compute = resource.props.compute === "none" ? "no compute" : taskWords(resource.props.desiredCount, resource.props.maxCount);
        const id = b.node(boxOf(outputs.region), {
            id: nodeId(stack, "cell", outputs.region),
            kind: "compute",
            label: `${stack} ${outputs.role ?? "cell"} · ${compute}`,
        });
        cellNodes.set(outputs.region, id);
    }

    const storeNodes = new Map<string, string>();
    const all = stores(model);
    for (const store of all) {
        const classification = store.props.tags?.["dr:classification"];
        storeNodes.set(
            store.urn,
            b.node(boxOf(model.regionOf(store)), {
                id: nodeId(stack, "store", store.name),
                kind: "store",
                label: `${store.name} · ${store.type.split(":")[1] ?? store.type}${classification ? ` · ${classification}` : ""}`,
            }),
        );
    }
    for (const store of all) {
        const from = storeNodes.get(store.urn)!;
        const recovery = storeRecovery(model, store);
        const backupVaults = new Map<string, string>();
        for (const copy of recovery.copies) {
            if (copy.kind === "replica") {
                const target = storeNodes.get(copy.resource.urn);
                const to =
                    target && copy.resource.urn !== store.urn
                        ? target
                        : b.node(boxOf(copy.location.region), {
                              id: nodeId(stack, "replica", store.name, String(copy.location.region)),
                              kind: "replica",
                              label: `${store.name} replica`,
                          });
                b.edge({
                    from,
                    to,
                    kind: "replication",
                    label: `${copy.mechanism === "s3-replication" ? (copy.rtc ? "S3 RTC" : "S3 best effort") : "replica"} ≤${lagWords(copy.lagSeconds)}`,
                });
            } else if (copy.mechanism === "backup") {
                const to = b.node(boxOf(copy.location.region, copy.location.account), vaultNode(stack, model, copy));
                backupVaults.set(copy.resource.urn, to);
                b.edge({ from, to, kind: "backup", label: `backup every ${lagWords(copy.intervalSeconds)}` });
            }
        }
        for (const copy of recovery.copies.filter((c) => c.mechanism === "backup-copy")) {
            const source = backupVaults.get(copy.resource.urn);
            const to = b.node(boxOf(copy.location.region, copy.location.account), vaultNode(stack, model, copy));
            const where = copy.location.account === SAME_ACCOUNT ? "copy" : `copy to account ${copy.location.account}`;
            b.edge({ from: source ?? from, to, kind: "copy", label: `${where} ≤${lagWords(copy.lagSeconds)}` });
        }
    }

    // Routing: each geography the stack claims reaches its home cell; traffic moves between its cell's regions.
    const intent = cellIntent(model);
    const home = intent.homeRegion ? cellNodes.get(intent.homeRegion) : undefined;
    for (const routing of model.ofType(TYPES.routing)) {
        const { geo } = readRouting(routing);
        if (home && geo && geo.length > 0) {
            const id = b.node(undefined, { id: nodeId(stack, "geo"), kind: "geography", label: `users in ${geo.join(", ")}` });
            b.edge({ from: id, to: home, kind: "geolocation", label: "geolocation" });
        }
    }
    const dr = intent.drRegion ? cellNodes.get(intent.drRegion) : undefined;
    if (home && dr) {
        const records = model.ofType(TYPES.record);
        const how =
            intent.homeRegion && intent.drRegion && acceleratorBetween(model, intent.homeRegion, intent.drRegion)
                ? "Global Accelerator"
                : records.some((r) => list(r.props.latencyRoutingPolicies).length > 0)
                  ? "latency"
                  : records.some((r) => list(r.props.failoverRoutingPolicies).length > 0)
                    ? "failover"
                    : "manual DNS change";
        b.edge({ from: home, to: dr, kind: "failover", label: `${how}${cellRecovery(model).automaticFailover ? ", health-checked" : ""}` });
    }
    addGlobalTier(b, stack, model, cellNodes);
}

/**
 * The global tier: each accelerator and distribution as a node outside every zone (edge locations are not regions),
 * with an arrow to each cell region it sends traffic to.
 */
function addGlobalTier(b: Builder, stack: string, model: StackModel, cellNodes: Map<string, string>): void {
    const cellIn = (region: unknown) => (typeof region === "string" ? cellNodes.get(region) : undefined);
    for (const { accelerator, groups } of accelerators(model)) {
        const id = b.node(undefined, {
            id: nodeId(stack, "accelerator", accelerator.name),
            kind: "edge",
            label: `Global Accelerator ${String(accelerator.props.name ?? accelerator.name)} · anycast`,
        });
        for (const group of groups) {
            const to = cellIn(group.region);
            if (to) {
                b.edge({ from: id, to, kind: "origin", label: `traffic dial ${group.dial}%` });
            }
        }
    }
    for (const d of distributions(model)) {
        const name = list(d.distribution.props.aliases)[0] ?? d.distribution.name;
        const cached = d.behaviors.filter((bh) => bh.caches !== false).map((bh) => String(bh.pathPattern));
        const id = b.node(undefined, {
            id: nodeId(stack, "edge", d.distribution.name),
            kind: "edge",
            label: `CloudFront ${String(name)} · ${cached.length > 0 ? `caches ${cached.join(", ")}` : "caches nothing"}`,
        });
        // Requests go to the default behavior's origin; a failover group's second member takes public reads on an error.
        const fallbacks = new Set(list(d.distribution.props.originGroups).map((g) => String(record(list(record(g).members)[1]).originId)));
        const labels = new Map<string, Set<string>>();
        for (const origin of d.origins) {
            for (const region of new Set(origin.destinations.map((t) => t.region))) {
                const to = cellIn(region);
                if (to) {
                    labels.set(to, (labels.get(to) ?? new Set()).add(fallbacks.has(origin.id) ? "public reads on 5xx" : "requests"));
                }
            }
        }
        for (const [to, words] of labels) {
            b.edge({ from: id, to, kind: "origin", label: [...words].join(" · ") });
        }
    }
}

/** The topology of the planned stacks. */
export function topologyOf(plans: StackPlan[]): Topology {
    const builder = new Builder();
    for (const plan of plans) {
        addStack(builder, plan);
    }
    return { zones: builder.zones, outside: builder.outside, edges: builder.edges };
}
