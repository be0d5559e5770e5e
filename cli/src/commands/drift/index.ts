import * as path from "node:path";
import { analyzedFromState, readDigest, refreshSteps, statesOf } from "../../engine/state";
import { EXIT } from "../../errors";
import { namesOf } from "../analyze";
import { judgeWithPacks } from "../analyze/run";
import { DRIFT_USAGE, readDriftArgs } from "./args";
import { renderDriftHuman, renderDriftJson, renderDriftMarkdown } from "./render";
import { driftExitCode, driftReport } from "./run";

/** `dr drift DIGEST`: read the digest, classify what drifted, re-check what runs, render; exit 0, 3 or 4. */
export async function driftCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
    const options = readDriftArgs(argv, process.cwd());
    if (options.help) {
        out.write(`${DRIFT_USAGE}\n`);
        return EXIT.pass;
    }
    const digest = readDigest(options.digest);
    const report = await driftReport(digest, options.digest, options.stack, judgeWithPacks(options.packs));
    const code = driftExitCode(report);
    const file = path.relative(options.cwd, options.digest) || options.digest;
    const nameOf = namesOf(analyzedFromState(statesOf(refreshSteps(digest)).deployed));
    out.write(
        options.format === "json"
            ? renderDriftJson(report, code)
            : options.format === "markdown"
              ? renderDriftMarkdown(report, file, code, nameOf)
              : renderDriftHuman(report, file, code, nameOf),
    );
    return code;
}
