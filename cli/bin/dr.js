#!/usr/bin/env node
"use strict";
// The dr command runs from the compiled project, rebuilt first when a source is newer than its build.
const problem = require("../../scripts/ensureBuilt.js").ensureBuilt();
if (problem) {
    console.error(problem);
    process.exitCode = 2;
} else {
    require("../../dist/cli/src/main.js");
}
