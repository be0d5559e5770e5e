import { EXIT } from "../../errors";
import { writeReport } from "../../output";
import { progressOn } from "../../progress";
import { COST_USAGE, readCostArgs } from "./args";
import { renderCostHuman, renderCostJson, renderCostMarkdown } from "./render";
import { priceStacks } from "./run";

/** `dr cost`: price every stack at every tier, by mode, from the catalog's dated price table. */
export async function costCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
    const options = readCostArgs(argv, process.cwd());
    if (options.help) {
        out.write(`${COST_USAGE}\n`);
        return EXIT.pass;
    }
    const progress = progressOn(err, "cost");
    const stacks = await priceStacks(options, progress).finally(() => progress.done());
    const report =
        options.format === "json"
            ? renderCostJson(stacks)
            : options.format === "markdown"
              ? renderCostMarkdown(stacks)
              : renderCostHuman(stacks);
    writeReport(options.output, report, out);
    return EXIT.pass;
}
