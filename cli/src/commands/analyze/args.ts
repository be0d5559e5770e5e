import * as path from "node:path";
import { PACK_OPTIONS, parseCommandArgs, readFormat, readPacks } from "../../args";
import { PackSpec } from "../../engine";
import { InputError } from "../../errors";

export const ANALYZE_USAGE = `usage: dr analyze --state FILE [--stack NAME] [--format human|json|markdown] [--policy-pack DIR]... [--policy-pack-config FILE]...

  Re-judges a stack's live state — a pulumi stack export (deployment version 3 or 4) — with the policy
  packs through the analyzer protocol, as pulumi policy analyze --file does, and reports the DR posture
  that state achieves. Stack config comes from Pulumi.<stack>.yaml here when it is that stack's; else only
  the region of the state's default provider.

  --state FILE              the output of pulumi stack export --file FILE (add --show-secrets to judge secret values)
  --stack NAME              the stack the state must be of (default: the one its URNs name)
  --format FORMAT           human (default), json or markdown; --json is --format json
  --policy-pack DIR         a policy pack folder (repeatable; default: this project's policies/)
  --policy-pack-config FILE config for the pack of the same position, in the Pulumi CLI's format

exit: 0 compliant, 4 a live mandatory violation, 2 bad input, 70 internal error`;

export const FORMATS = ["human", "json", "markdown"] as const;

export interface AnalyzeOptions {
    help: false;
    cwd: string;
    state: string;
    stack?: string;
    format: string;
    packs: PackSpec[];
}

export function readAnalyzeArgs(argv: string[], cwd: string): AnalyzeOptions | { help: true } {
    const { values } = parseCommandArgs("analyze", argv, {
        state: { type: "string" },
        stack: { type: "string" },
        format: { type: "string" },
        json: { type: "boolean", default: false },
        ...PACK_OPTIONS,
        help: { type: "boolean", short: "h", default: false },
    });
    if (values.help) {
        return { help: true };
    }
    if (values.state === undefined) {
        throw new InputError("dr analyze: --state is missing; expected the file pulumi stack export wrote (dr analyze --help).");
    }
    const format = readFormat("analyze", values.format, values.json!, FORMATS);
    return { help: false, cwd, state: path.resolve(cwd, values.state), stack: values.stack, format, packs: readPacks(values, cwd) };
}
