/**
 * examples/: live state to try `dr drift` and `dr analyze` on with no cloud and no Pulumi CLI (docs/drift.md). The eu
 * stack as its first `pulumi up` on the mock runtime left it, written as the Pulumi CLI writes `pulumi stack export`,
 * and the digests of two `pulumi refresh --preview-only --expect-no-changes --json` runs over it: one that found
 * nothing, one that found changes made in the console. `npm run examples` writes them (tools/genExamples.ts);
 * tests/live/examples.test.ts fails while one differs from what the program makes now.
 */
import type { StackSource } from "../tests/support/liveState";
import { Drift, deployedStack, printedDigest, refreshDigest, stackExport } from "../tests/support/liveState";

/** The command that rewrites the examples, for messages. */
export const EXAMPLES_COMMAND = "npm run examples";

/** The stack the examples are made from: its personal data bound to one region makes residency drift critical. */
const STACK = "eu";

/** What changed outside Pulumi in the drifted refresh: a residency breach, and a tag nobody minds. */
const CONSOLE_CHANGES: Drift[] = [
    // A global-table replica of personal data in us-east-1, outside the eu zone: residency-critical drift.
    { type: "aws:dynamodb/table:Table", name: "users", change: (p) => (p.replicas = [{ regionName: "us-east-1" }]) },
    // A tag added by hand: cosmetic drift.
    { type: "aws:dynamodb/table:Table", name: "sessions", change: (p) => (p.tags = { ...p.tags, team: "payments" }) },
];

/** Each example file (a path from the project's root) with its text. */
export async function exampleFiles(source: StackSource): Promise<{ file: string; text: string }[]> {
    const { context, state } = await deployedStack(source, STACK);
    const config = context.config;
    return [
        { file: `examples/${STACK}-stack-export.json`, text: `${JSON.stringify(stackExport(state), null, 4)}\n` },
        { file: `examples/${STACK}-refresh.json`, text: printedDigest(refreshDigest(state, [], { config })) },
        { file: `examples/${STACK}-refresh-drifted.json`, text: printedDigest(refreshDigest(state, CONSOLE_CHANGES, { config })) },
    ];
}
