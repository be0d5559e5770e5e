/**
 * `npm test`'s reporter (node:test's custom reporter interface): nothing for a passing test; each failure with its
 * test's name, source line and error; then the run's totals. `npm run test:verbose` runs the suite with node's TAP.
 */
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import * as path from "node:path";
import type { TestEvent } from "node:test/reporters";
import { inspect } from "node:util";

const ROOT = path.resolve(__dirname, "..", "..", "..");
/** The most lines of one failure's error shown. */
const MAX_LINES = 40;

/** `file:line` in the TypeScript source, through the compiled file's source map; the compiled place when it has none. */
function sourceOf(file: string | undefined, line: number | undefined, column: number | undefined): string {
    if (!file || !line) {
        return "(no location)";
    }
    try {
        const map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
        const entry = map.findEntry(line - 1, (column ?? 1) - 1) as { originalSource?: string; originalLine?: number };
        if (entry.originalSource) {
            const source = path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, ""));
            return `${path.relative(ROOT, source)}:${entry.originalLine! + 1}`;
        }
    } catch {
        // No map beside it: the compiled place still finds the test.
    }
    return `${path.relative(ROOT, file)}:${line}`;
}

/** The error a failure carries, indented: its message, and the values when the assertion's own message hides them. */
function describeError(error: Error): string[] {
    // node:test wraps what the test threw (ERR_TEST_FAILURE); a hook's or a cancelled test's reason is the wrapper's.
    const cause = (error.cause instanceof Error ? error.cause : error) as Error & {
        actual?: unknown;
        expected?: unknown;
        operator?: string;
        generatedMessage?: boolean;
    };
    const lines = (cause.message || String(cause)).trimEnd().split("\n");
    // assert.equal and deepEqual add the values to a message of the test's own; match and doesNotMatch do not.
    if (cause.generatedMessage === false && (cause.operator === "match" || cause.operator === "doesNotMatch")) {
        const show = (value: unknown) => inspect(value, { breakLength: Infinity, maxStringLength: 2_000 });
        lines.push(`${cause.operator}: actual ${show(cause.actual)}, expected ${show(cause.expected)}`);
    }
    // Where it was thrown, in the project's files (not node's or a dependency's), when it is not an assertion.
    if (cause.name !== "AssertionError" && cause.stack) {
        const frames = cause.stack.split("\n").filter((l) => /^\s+at /.test(l) && l.includes(ROOT) && !l.includes("node_modules"));
        lines.push(...frames.slice(0, 3).map((l) => l.trim()));
    }
    // A message quoting a whole command's output is cut: the rest is in npm run test:verbose.
    const shown =
        lines.length > MAX_LINES
            ? [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines (npm run test:verbose)`]
            : lines;
    return shown.map((l) => `    ${l}`);
}

async function* quietReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
    const names: string[] = [];
    const totals: string[] = [];
    for await (const event of source) {
        switch (event.type) {
            case "test:start":
                names.length = event.data.nesting;
                names.push(event.data.name);
                break;
            case "test:fail": {
                const { data } = event;
                // A suite fails when a test in it does: that test is reported already.
                if ((data.details.error as { failureType?: string }).failureType === "subtestsFailed") {
                    break;
                }
                const name = [...names.slice(0, data.nesting), data.name].join(" › ");
                yield (
                    [`✖ ${name}`, `    at ${sourceOf(data.file, data.line, data.column)}`, ...describeError(data.details.error), ""].join(
                        "\n",
                    ) + "\n"
                );
                break;
            }
            case "test:stderr":
                // What the test process wrote outside any assertion (a crash, a warning) is shown as written.
                yield event.data.message;
                break;
            case "test:diagnostic":
                if (event.data.nesting === 0) {
                    totals.push(`# ${event.data.message}`);
                }
                break;
        }
    }
    yield `${totals.join("\n")}\n`;
}

export = quietReporter;
