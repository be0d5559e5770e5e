import * as path from "node:path";
import { clip } from "../../text";
import { PACK_OPTIONS, parseCommandArgs, readFormat, readPacks } from "../../args";
import { PackSpec } from "../../engine";
import { InputError } from "../../errors";
import { FORMATS } from "../analyze/args";

export const DRIFT_USAGE = `usage: dr drift DIGEST [--stack NAME] [--format human|json|markdown] [--policy-pack DIR]... [--policy-pack-config FILE]...

  Reads what pulumi refresh --preview-only --expect-no-changes --json printed (it never writes state), says
  which properties drifted and what each means for DR (residency-critical, recovery-critical, security,
  operational, cosmetic), and re-judges the refreshed live state with the policy packs, with the DR posture
  it achieves beside the one deployed.

  DIGEST                    the file the refresh's JSON went to (text before the JSON is skipped)
  --stack NAME              the stack the digest must be of (default: the one its URNs name)
  --format FORMAT           human (default), json or markdown; --json is --format json
  --policy-pack DIR         a policy pack folder (repeatable; default: this project's policies/)
  --policy-pack-config FILE config for the pack of the same position, in the Pulumi CLI's format

exit: 0 no drift and compliant, 3 drift with nothing critical, 4 critical drift or a live violation,
      2 bad input, 70 internal error`;

export interface DriftOptions {
    help: false;
    cwd: string;
    digest: string;
    stack?: string;
    format: string;
    packs: PackSpec[];
}

export function readDriftArgs(argv: string[], cwd: string): DriftOptions | { help: true } {
    const { values, positionals } = parseCommandArgs(
        "drift",
        argv,
        {
            stack: { type: "string" },
            format: { type: "string" },
            json: { type: "boolean", default: false },
            ...PACK_OPTIONS,
            help: { type: "boolean", short: "h", default: false },
        },
        true,
    );
    if (values.help) {
        return { help: true };
    }
    if (positionals.length !== 1) {
        const found =
            positionals.length === 0 ? "no digest" : `${positionals.length} files (${positionals.map((p) => clip(p, 40)).join(", ")})`;
        throw new InputError(
            `dr drift: ${found}; expected one file holding the output of pulumi refresh --preview-only --expect-no-changes --json (dr drift --help).`,
        );
    }
    const format = readFormat("drift", values.format, values.json!, FORMATS);
    return { help: false, cwd, digest: path.resolve(cwd, positionals[0]), stack: values.stack, format, packs: readPacks(values, cwd) };
}
