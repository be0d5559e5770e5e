/** The policy SDK's deserializer, as its server calls it: a request's protobuf Struct to plain values. */
type Deserializer = (struct: unknown, proxySecrets: boolean, ...rest: unknown[]) => unknown;

/**
 * The policy SDK (@pulumi/policy 1.x, server.js) deserializes a request's resources anew for every policy: for an
 * `analyzeStack`, every resource's properties and its provider's once per stack policy, each a walk of a protobuf
 * Struct, which with the garbage it leaves was most of the pack's analyzer phase on a large stack. The server calls
 * its deserializer through its module's exports; this makes that call keep its answer for each Struct while the
 * request holds it, so every policy of one request reads the very same objects. Policies only read what they are
 * handed (the model copies it), so they can share it; secrets kept as secrets (a remediation's) are still made
 * anew. Where the SDK stops deserializing this way nothing changes but speed (tests/unit/pack.test.ts notices).
 */
export function deserializeOncePerRequest(): void {
    const sdk: { deserializeProperties?: Deserializer } = require("@pulumi/policy/deserialize");
    const deserialize = sdk.deserializeProperties;
    if (typeof deserialize !== "function") {
        return;
    }
    const answers = new WeakMap<object, unknown>();
    sdk.deserializeProperties = (struct, proxySecrets, ...rest) => {
        if (proxySecrets || rest.length > 0 || typeof struct !== "object" || struct === null) {
            return deserialize(struct, proxySecrets, ...rest);
        }
        if (!answers.has(struct)) {
            answers.set(struct, deserialize(struct, proxySecrets));
        }
        return answers.get(struct);
    };
}
