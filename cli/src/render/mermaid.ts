import { EDGE_KINDS, Line, NODE_KINDS, Shape, Topology, TopologyNode, nodeId } from "../commands/plan/topology";

/**
 * A topology as a Mermaid flowchart (GitHub renders ```mermaid blocks): zones as boxes holding their regions, the
 * cell's service, stores, vaults and geographies as shapes, replication, backups, copies and traffic as arrows
 * with their lag, and a legend of the arrows. Labels are quoted; in them `"`, `<` and `>` are written as Mermaid's
 * entity codes (#quot;, #lt;, #gt;), and a label's lines are joined with <br/>.
 */

function label(lines: string[]): string {
    const escaped = lines.map((l) => l.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;"));
    return `"${escaped.join("<br/>")}"`;
}

const SHAPES: Record<Shape, (text: string) => string> = {
    box: (t) => `[${t}]`,
    cylinder: (t) => `[(${t})]`,
    vault: (t) => `[[${t}]]`,
    stadium: (t) => `([${t}])`,
    hexagon: (t) => `{{${t}}}`,
};

/** Each line's arrow one way and both ways, and how the legend draws it. */
const ARROWS: Record<Line, { oneWay: string; twoWay: string; glyph: string }> = {
    solid: { oneWay: "-->", twoWay: "<-->", glyph: "──▶" },
    dotted: { oneWay: "-.->", twoWay: "<-.->", glyph: "┄┄▶" },
    thick: { oneWay: "==>", twoWay: "<==>", glyph: "━━▶" },
};

/**
 * An overview's nodes and ranks closer than Mermaid's 50 px, in the diagram's own config so GitHub lays it out the
 * same way. A column layout keeps the default: closer ranks there put a region's title under its first node.
 */
const SPACING: Record<Direction, string[]> = {
    LR: ["---", "config:", "  flowchart:", "    nodeSpacing: 25", "    rankSpacing: 25", "---"],
    TB: [],
};

function node(n: TopologyNode, indent: string): string {
    return `${indent}${n.id}${SHAPES[NODE_KINDS[n.kind].shape](label(n.lines))}`;
}

/** The legend: what each kind of arrow is; below the diagram where `last` holds it there by an invisible link. */
function legend(topology: Topology, last: string | undefined): string[] {
    const kinds = [...new Set(topology.edges.map((e) => e.kind))];
    if (kinds.length === 0) {
        return [];
    }
    const lines = kinds.map((k) => `${ARROWS[EDGE_KINDS[k].line].glyph} ${EDGE_KINDS[k].legend}`);
    return [`  legend${SHAPES.box(label(["legend", ...lines]))}`, ...(last ? [`  ${last} ~~~ legend`] : [])];
}

/**
 * How the diagram flows. `TB` keeps each region a column, its nodes held in their order by invisible links (the
 * cell's service above its data, its data above its vaults), so regions stand side by side within a page's width;
 * `LR` suits an overview, whose chains (users, cell, failover) are short.
 */
export type Direction = "TB" | "LR";

export function mermaid(topology: Topology, direction: Direction): string {
    const lines = [...SPACING[direction], `flowchart ${direction}`];
    const columns: string[] = [];
    for (const zone of topology.zones) {
        lines.push(
            `  subgraph ${nodeId("zone", zone.name)}[${label([zone.name.includes(" ") ? zone.name : `residency zone ${zone.name}`])}]`,
        );
        for (const box of zone.regions) {
            lines.push(`    subgraph ${box.id}[${label([box.account ? `${box.region} · account ${box.account}` : box.region])}]`);
            lines.push(...box.nodes.map((n) => node(n, "      ")));
            lines.push("    end");
            if (direction === "TB" && box.nodes.length > 1) {
                columns.push(`  ${box.nodes.map((n) => n.id).join(" ~~~ ")}`);
            }
        }
        lines.push("  end");
    }
    lines.push(...topology.outside.map((n) => node(n, "  ")));
    for (const e of topology.edges) {
        const arrow = ARROWS[EDGE_KINDS[e.kind].line];
        lines.push(`  ${e.from} ${e.twoWay ? arrow.twoWay : arrow.oneWay}${e.lines.length > 0 ? `|${label(e.lines)}|` : ""} ${e.to}`);
    }
    lines.push(...columns);
    // Left alone, the legend takes the first rank: at the top of a column layout, in the way of the users' arrows.
    const last = direction === "TB" ? topology.zones.at(-1)?.regions.at(-1)?.nodes.at(-1)?.id : undefined;
    lines.push(...legend(topology, last));
    return lines.join("\n");
}
