"use strict";
// What `pulumi up` runs (Pulumi.yaml: main infra/, typescript: false): the program as the project compiles it
// (npm run build), rebuilt first when a source is newer than its build, so a run never deploys stale code.
const problem = require("../scripts/ensureBuilt.js").ensureBuilt();
if (problem) {
    throw new Error(problem);
}
module.exports = require("../dist/infra/index.js");
