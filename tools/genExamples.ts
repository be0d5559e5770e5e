/** Rewrites examples/ from the program (`npm run examples`): see tools/examples.ts. */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { previewContext, readProject } from "../cli/src/engine";
import { CaptureWorker } from "../cli/src/engine/captureStack";
import { DEFAULT_PROGRAM, ROOT } from "../cli/src/paths";
import { exampleFiles } from "./examples";

async function main(): Promise<void> {
    const project = readProject(ROOT);
    const worker = new CaptureWorker();
    try {
        const files = await exampleFiles({
            context: (stack) => previewContext(ROOT, project, stack),
            captured: (context) =>
                worker.capture({
                    programPath: DEFAULT_PROGRAM,
                    project: context.project,
                    stack: context.stack,
                    config: context.config,
                    secretKeys: context.secretKeys,
                    outputsModule: require.resolve("../tests/support/deployedOutputs"),
                }),
        });
        for (const { file, text } of files) {
            const full = path.join(ROOT, file);
            const current = existsSync(full) && readFileSync(full, "utf8") === text;
            if (!current) {
                mkdirSync(path.dirname(full), { recursive: true });
                writeFileSync(full, text);
            }
            console.log(`${file}: ${current ? "already current" : "written"}`);
        }
    } finally {
        worker.close();
    }
}

main().catch((err) => {
    console.error(`npm run examples: ${err.message}`);
    process.exitCode = 1;
});
