import { EXIT } from "../../errors";
import { progressOn } from "../../progress";
import { EVIDENCE_USAGE, readEvidenceArgs } from "./args";
import { renderEvidenceHuman, renderEvidenceJson, renderEvidenceMarkdown } from "./render";
import { judgeStacks } from "./run";

/** `dr evidence PATH...`: read the evidence, judge each stack's beside its model, render; exit 4 when any stack's evidence rejects it. */
export async function evidenceCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WriteStream): Promise<number> {
    const options = readEvidenceArgs(argv, process.cwd());
    if (options.help) {
        out.write(`${EVIDENCE_USAGE}\n`);
        return EXIT.pass;
    }
    const progress = progressOn(err, "evidence");
    const reports = await judgeStacks(options, progress).finally(() => progress.done());
    out.write(
        options.format === "json"
            ? renderEvidenceJson(reports)
            : options.format === "markdown"
              ? renderEvidenceMarkdown(reports)
              : renderEvidenceHuman(reports),
    );
    return reports.some((r) => r.rejected) ? EXIT.critical : EXIT.pass;
}
