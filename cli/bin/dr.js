#!/usr/bin/env node
"use strict";
// The dr command runs from the compiled project (`npm run build`, done by `npm ci`).
require("../../dist/cli/src/main.js");
