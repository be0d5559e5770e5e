import { EdgeKind, NodeKind, Topology, TopologyNode, nodeId } from "../commands/plan/topology";

/**
 * The topology as a Mermaid flowchart (GitHub renders ```mermaid blocks): zones as boxes holding their
 * regions, compute, stores, vaults and geographies as shapes, replication, backups, copies and routing as
 * arrows with their lag. Labels are quoted with `"` written #quot;, the one character a quoted label cannot hold.
 */

function label(text: string): string {
    return `"${text.replace(/"/g, "#quot;")}"`;
}

const SHAPES: Record<NodeKind, (text: string) => string> = {
    compute: (t) => `[${label(t)}]`,
    store: (t) => `[(${label(t)})]`,
    replica: (t) => `[(${label(t)})]`,
    vault: (t) => `[[${label(t)}]]`,
    geography: (t) => `([${label(t)}])`,
    edge: (t) => `{{${label(t)}}}`,
};

/** Replication, backups and the edge's origins solid, copies dotted, routing thick. */
const ARROWS: Record<EdgeKind, string> = {
    replication: "-->",
    backup: "-->",
    copy: "-.->",
    geolocation: "==>",
    failover: "==>",
    origin: "-->",
};

function node(n: TopologyNode, indent: string): string {
    return `${indent}${n.id}${SHAPES[n.kind](n.label)}`;
}

export function mermaid(topology: Topology): string {
    const lines = ["flowchart LR"];
    for (const zone of topology.zones) {
        lines.push(
            `  subgraph ${nodeId("zone", zone.name)}[${label(zone.name.includes(" ") ? zone.name : `residency zone ${zone.name}`)}]`,
        );
        for (const box of zone.regions) {
            lines.push(`    subgraph ${box.id}[${label(box.account ? `${box.region} · account ${box.account}` : box.region)}]`);
            lines.push(...box.nodes.map((n) => node(n, "      ")));
            lines.push("    end");
        }
        lines.push("  end");
    }
    lines.push(...topology.outside.map((n) => node(n, "  ")));
    for (const e of topology.edges) {
        lines.push(`  ${e.from} ${ARROWS[e.kind]}|${label(e.label)}| ${e.to}`);
    }
    return lines.join("\n");
}
