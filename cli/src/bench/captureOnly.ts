import * as path from "node:path";
import { ORGANIZATION, readProject, readStackConfig } from "../engine";
import { CaptureWorker } from "../engine/captureStack";
import { fromCapture } from "../engine/resources";
import { DEFAULT_PROGRAM, ROOT } from "../paths";

/**
 * `dr plan` without its packs, for the bench's floor: each stack named on the command line read, its program
 * run in a worker of its own, its resources made what analyzers would see — all stacks side by side, as dr plan does.
 */
async function main(stacks: string[]): Promise<void> {
    const project = readProject(ROOT);
    await Promise.all(
        stacks.map(async (stack) => {
            const { config, secretKeys } = readStackConfig(ROOT, project, stack);
            const worker = new CaptureWorker();
            try {
                const captured = await worker.capture({ programPath: DEFAULT_PROGRAM, project: project.name, stack, config, secretKeys });
                fromCapture(captured, { project: project.name, stack, organization: ORGANIZATION, dryRun: true, config, secretKeys }, path.dirname(DEFAULT_PROGRAM));
            } finally {
                worker.close();
            }
        }),
    );
}

main(process.argv.slice(2)).catch((err) => {
    console.error(`bench capture: ${err.message}`);
    process.exitCode = 1;
});
