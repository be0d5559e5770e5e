import { previewContext, readProject } from "../engine";
import { DEFAULT_PROGRAM, ROOT } from "../paths";
import { capture } from "./measure";

/**
 * `dr plan` without its packs, for the bench's floor: each stack named on the command line read, its program
 * run in a worker of its own, its resources made what analyzers would see — all stacks side by side, as dr plan does.
 */
async function main(stacks: string[]): Promise<void> {
    const project = readProject(ROOT);
    await Promise.all(stacks.map((stack) => capture(DEFAULT_PROGRAM, previewContext(ROOT, project, stack))));
}

main(process.argv.slice(2)).catch((err) => {
    console.error(`bench capture: ${err.message}`);
    process.exitCode = 1;
});
