import { EXIT } from "../../errors";
import { writeReport } from "../../output";
import { DEFAULT_PROGRAM, homepage, version } from "../../paths";
import { progressOn } from "../../progress";
import { PLAN_USAGE, readPlanArgs } from "./args";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { renderHuman, renderJson } from "./render";
import { StackPlan, plan } from "./run";
import { renderSarif } from "./sarif";

function render(format: string, plans: StackPlan[], projectDir: string, programPath: string): string {
    switch (format) {
        case "json":
            return renderJson(plans);
        case "markdown":
            return renderMarkdown(plans);
        case "sarif":
            return renderSarif(
                plans,
                projectDir,
                { version: version(), informationUri: homepage() },
                programPath === DEFAULT_PROGRAM ? "stack file" : "program",
            );
        case "junit":
            return renderJunit(plans);
        default:
            return renderHuman(plans);
    }
}

/** `dr plan`: read the arguments, plan every stack, render; exit 1 when a stack is rejected. */
export async function planCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
    const options = readPlanArgs(argv, process.cwd());
    if (options.help) {
        out.write(`${PLAN_USAGE}\n`);
        return EXIT.pass;
    }
    const progress = progressOn(err, "plan");
    const plans = await plan(options, progress).finally(() => progress.done());
    const report = render(options.format, plans, options.projectDir, options.programPath);
    writeReport(options.output, report, out);
    return plans.some((p) => p.verdict.rejected) ? EXIT.rejected : EXIT.pass;
}
