import assert from "node:assert/strict";
import { CapturedResource } from "../../cli/src/engine/capture";
import { Edit, sharedLab } from "../support/lab";

/** A stack's resources as the program registered them, with look-ups tests need. */
export class StackView {
    private readonly byUrns: Map<string, CapturedResource>;

    constructor(readonly resources: CapturedResource[]) {
        this.byUrns = new Map(resources.map((r) => [r.urn, r]));
    }

    ofType(type: string): CapturedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    one(type: string, name: string): CapturedResource {
        const found = this.resources.find((r) => r.type === type && r.name === name);
        assert.ok(
            found,
            `no ${type} named ${name}; there are: ${
                this.ofType(type)
                    .map((r) => r.name)
                    .join(", ") || "none"
            }`,
        );
        return found;
    }

    byUrn(urn: string): CapturedResource | undefined {
        return this.byUrns.get(urn);
    }

    /** The resources under `ancestor`, at any depth. */
    within(ancestor: CapturedResource): CapturedResource[] {
        return this.resources.filter((r) => {
            for (let p = this.byUrn(r.parent); p; p = this.byUrn(p.parent)) {
                if (p.urn === ancestor.urn) {
                    return true;
                }
            }
            return false;
        });
    }
}

// One lab for the whole test file: each config is captured once, in one worker.
const lab = sharedLab();

/**
 * Runs the real program for a shipped stack — optionally with its config changed — on the mock
 * runtime. `preview` (what dr plan runs) leaves computed outputs unknown; an update resolves them,
 * so IAM documents and names can be read. `base` is the shipped stack file to start from, for a stack
 * name of a test's own.
 */
export async function runStack(stack: string, options: { edit?: Edit; preview?: boolean } = {}, base = stack): Promise<StackView> {
    return new StackView(await lab.captured(lab.context(stack, options.edit, base), options.preview ? "preview" : "update"));
}
