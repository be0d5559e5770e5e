import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** A place in a program's source: an absolute file path and a 1-based line and column. */
export interface SourcePosition {
    file: string;
    line: number;
    column: number;
}

/** Each compiled file's source map, read once; null where it has none. */
const maps = new Map<string, { map: SourceMap; dir: string } | null>();

function sourceMapOf(file: string): { map: SourceMap; dir: string } | null {
    if (!maps.has(file)) {
        let found: { map: SourceMap; dir: string } | null = null;
        try {
            const text = readFileSync(file, "utf8");
            const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text.slice(-1000))?.[1];
            if (url && !url.startsWith("data:")) {
                const mapFile = path.resolve(path.dirname(file), url);
                const payload = JSON.parse(readFileSync(mapFile, "utf8"));
                found = { map: new SourceMap(payload), dir: path.resolve(path.dirname(mapFile), payload.sourceRoot ?? "") };
            }
        } catch {
            // No readable map: the compiled position stands.
        }
        maps.set(file, found);
    }
    return maps.get(file)!;
}

/**
 * Where a resource was declared, from the `sourcePosition` the SDK sends with its registration (a `file://` URL
 * of the running JavaScript): through the file's source map to the source it was compiled from, when that exists.
 */
export function originalPosition(
    position: { getUri(): string; getLine(): number; getColumn(): number } | undefined,
): SourcePosition | undefined {
    if (!position?.getUri().startsWith("file:")) {
        return undefined;
    }
    const compiled = { file: fileURLToPath(position.getUri()), line: position.getLine(), column: position.getColumn() };
    const source = sourceMapOf(compiled.file);
    const entry = source?.map.findEntry(compiled.line - 1, compiled.column - 1) as
        { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (!source || entry?.originalSource === undefined) {
        return compiled;
    }
    const file = entry.originalSource.startsWith("file:")
        ? fileURLToPath(entry.originalSource)
        : path.resolve(source.dir, entry.originalSource);
    return existsSync(file) ? { file, line: entry.originalLine! + 1, column: entry.originalColumn! + 1 } : compiled;
}
