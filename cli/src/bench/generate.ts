import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { StackContext, readProject } from "../engine";
import { stackConfigOf } from "../engine/stackConfig";

/**
 * Stacks of any size from the shipped config, through the real program: the tokyo stack (active-active, every
 * kind of store) with its data tier — two tables, a bucket, a database — repeated `cells` times under suffixed
 * names. One cell is the shipped stack; each more adds about 50 resources.
 */
export function generatedStack(projectDir: string, cells: number): StackContext {
    const project = readProject(projectDir);
    const doc = parse(readFileSync(path.join(projectDir, "Pulumi.tokyo.yaml"), "utf8"));
    const config = doc.config;
    const suffixed = (entries: { name: string }[], i: number) => entries.map((e) => ({ ...e, name: i === 0 ? e.name : `${e.name}-${i}` }));
    for (const key of ["dr:tables", "dr:buckets", "dr:databases"]) {
        const entries = config[key];
        config[key] = Array.from({ length: cells }, (_, i) => suffixed(entries, i)).flat();
    }
    const stack = `bench-${cells}`;
    const { config: values, secretKeys } = stackConfigOf(doc, project, `Pulumi.${stack}.yaml`);
    return { project: project.name, stack, organization: "organization", dryRun: true, config: values, secretKeys };
}
