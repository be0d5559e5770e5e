import * as path from "node:path";
import { ORGANIZATION } from "../../engine";
import { analyzedFromState, configForState, liveContext, readExport, stackOf } from "../../engine/state";
import { EXIT } from "../../errors";
import { ANALYZE_USAGE, readAnalyzeArgs } from "./args";
import { NameOf, renderAnalyzeHuman, renderAnalyzeJson, renderAnalyzeMarkdown } from "./render";
import { checkLive, judgeWithPacks } from "./run";

/** A name for each URN of `resources`, for reports. */
export function namesOf(resources: { urn: string; type: string; name: string }[]): NameOf {
    const names = new Map(resources.map((r) => [r.urn, `${r.type} "${r.name}"`]));
    return (urn) => names.get(urn) ?? (urn || "stack");
}

/** `dr analyze --state FILE`: read the export, re-judge it, render; exit 4 on a live mandatory violation. */
export async function analyzeCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
    const options = readAnalyzeArgs(argv, process.cwd());
    if (options.help) {
        out.write(`${ANALYZE_USAGE}\n`);
        return EXIT.pass;
    }
    const exported = readExport(options.state);
    const stack = stackOf(options.state, exported.resources, options.stack);
    const context = liveContext(stack, configForState(options.cwd, stack, exported.resources), ORGANIZATION);
    const live = analyzedFromState(exported.resources);
    const file = path.relative(options.cwd, options.state) || options.state;
    const check = await checkLive(live, context, judgeWithPacks(options.packs), file);
    const nameOf = namesOf(live);
    out.write(
        options.format === "json"
            ? renderAnalyzeJson(check)
            : options.format === "markdown"
              ? renderAnalyzeMarkdown(check, file, nameOf)
              : renderAnalyzeHuman(check, file, nameOf),
    );
    return check.verdict.rejected ? EXIT.critical : EXIT.pass;
}
