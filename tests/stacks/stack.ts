import assert from "node:assert/strict";
import * as path from "node:path";
import { CapturedResource } from "../../cli/src/engine/capture";
import { captureStack } from "../../cli/src/engine/captureStack";
import { readProject, readStackConfig } from "../../cli/src/engine/stackConfig";
import { ROOT, projectWithStack } from "../helpers";

/** A stack's resources as the program registered them, with look-ups tests need. */
export class StackView {
    constructor(readonly resources: CapturedResource[]) {}

    ofType(type: string): CapturedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    one(type: string, name: string): CapturedResource {
        const found = this.resources.find((r) => r.type === type && r.name === name);
        assert.ok(found, `no ${type} named ${name}; there are: ${this.ofType(type).map((r) => r.name).join(", ") || "none"}`);
        return found;
    }

    byUrn(urn: string): CapturedResource | undefined {
        return this.resources.find((r) => r.urn === urn);
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

/**
 * Runs the real program for a shipped stack — optionally with its config changed — on the mock
 * runtime. `preview` (what dr plan runs) leaves computed outputs unknown; an update resolves them,
 * so IAM documents and names can be read.
 */
export async function runStack(stack: string, options: { edit?: (config: Record<string, any>) => void; preview?: boolean } = {}): Promise<StackView> {
    const dir = options.edit ? projectWithStack(stack, options.edit) : ROOT;
    const project = readProject(dir);
    const { config, secretKeys } = readStackConfig(dir, project, stack);
    const resources = await captureStack({
        programPath: path.join(ROOT, "dist", "infra", "index.js"),
        project: project.name,
        stack,
        config,
        secretKeys,
        outputsModule: options.preview ? undefined : path.join(ROOT, "dist", "tests", "support", "deployedOutputs.js"),
    });
    return new StackView(resources);
}
