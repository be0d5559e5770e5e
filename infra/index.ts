import { program } from "./program";

// The Pulumi Node.js host calls an exported function and uses its result as the stack outputs;
// `dr plan` runs the same function on the mock runtime.
export = program;
