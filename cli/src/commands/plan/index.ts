import { EXIT } from "../../errors";
import { progressOn } from "../../progress";
import { PLAN_USAGE, readPlanArgs } from "./args";
import { renderHuman, renderJson } from "./render";
import { plan } from "./run";

/** `dr plan`: read the arguments, plan every stack, render; exit 1 when a stack is rejected. */
export async function planCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
    const options = readPlanArgs(argv, process.cwd());
    if (options.help) {
        out.write(`${PLAN_USAGE}\n`);
        return EXIT.pass;
    }
    const progress = progressOn(err, "plan");
    const plans = await plan(options, progress).finally(() => progress.done());
    out.write(options.json ? renderJson(plans) : renderHuman(plans));
    return plans.some((p) => p.verdict.rejected) ? EXIT.rejected : EXIT.pass;
}
