import { readFileSync } from "node:fs";
import * as path from "node:path";
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";
import { storeTypeOf } from "../../../../policies/catalog";
import { configKeyPath, entryKeyRole } from "../../../../policies/rules/manifest";

/**
 * Where in a stack file a finding comes from: the config entry behind the resource (a table's or bucket's
 * entry, and within it the key that decides the finding), else the key the policy judges, else line 1.
 * Reading only: the lines of `Pulumi.<stack>.yaml`.
 */

export class StackFileLines {
    private readonly doc;
    private readonly lines = new LineCounter();

    constructor(readonly file: string) {
        let text = "";
        try {
            text = readFileSync(file, "utf8");
        } catch {
            // A stack file gone since the plan: every finding falls back to line 1.
        }
        this.doc = parseDocument(text, { lineCounter: this.lines });
    }

    private lineOf(node: unknown): number | undefined {
        const range = (node as { range?: [number, number, number] } | undefined)?.range;
        return range ? this.lines.linePos(range[0]).line : undefined;
    }

    /** The pair `key` of a map node, at its key's line. */
    private pair(map: unknown, key: string): { line?: number; value: unknown } | undefined {
        if (!isMap(map)) {
            return undefined;
        }
        const item = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
        return item ? { line: this.lineOf(item.key), value: item.value } : undefined;
    }

    /** The line of `keys` under the stack's `config:`, each key one level deeper. */
    private keyLine(keys: string[]): number | undefined {
        let node: unknown = this.pair(this.doc.contents, "config")?.value;
        let line: number | undefined;
        for (const key of keys) {
            const found = this.pair(node, key);
            if (!found) {
                return line;
            }
            line = found.line;
            node = found.value;
        }
        return line;
    }

    /** The entry of a store list (dr:tables, dr:buckets, …) named `name`: its line, and the line of `key` in it when set. */
    private entryLine(list: string, name: string, key: string | undefined): number | undefined {
        const seq = this.pair(this.pair(this.doc.contents, "config")?.value, list)?.value;
        if (!isSeq(seq)) {
            return undefined;
        }
        const entry = seq.items.find(
            (item) => isScalar(this.pair(item, "name")?.value) && (this.pair(item, "name")!.value as { value: unknown }).value === name,
        );
        if (!entry) {
            return undefined;
        }
        return (key ? this.pair(entry, key)?.line : undefined) ?? this.pair(entry, "name")?.line ?? this.lineOf(entry);
    }

    /**
     * The line a finding of `policy` on the resource `name` of `type` points at; a finding of a failure scope whose
     * target `dr:targets` declares points at that scope's target.
     */
    lineFor(policy: string, type: string, name: string, scope?: string): number {
        return this.configLine(policy, type, name, scope) ?? 1;
    }

    /** The line of the config behind a finding (see lineFor); undefined where the stack file holds none. */
    configLine(policy: string, type: string, name: string, scope?: string): number | undefined {
        const scopeTarget = scope ? this.keyLine(["dr:targets", scope]) : undefined;
        if (scopeTarget !== undefined && this.keyLine(["dr:targets"]) !== scopeTarget) {
            return scopeTarget;
        }
        const config = storeTypeOf(type)?.config;
        const role = entryKeyRole(policy);
        const entry = config ? this.entryLine(config.list, config.entryName(name), role ? config.keys[role] : undefined) : undefined;
        return entry ?? this.keyLine(configKeyPath(policy));
    }
}

/** A stack file's path as SARIF locates it: relative to the project folder, with forward slashes. */
export function relativeUri(projectDir: string, file: string): string {
    return path.relative(projectDir, file).split(path.sep).join("/");
}
