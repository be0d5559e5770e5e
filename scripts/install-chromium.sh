#!/usr/bin/env bash
# Debian's headless Chromium (and a font it measures text with), for `npm run diagrams` and the diagram test.
# Never a browser download: playwright-core drives this one at /usr/bin/chromium.
set -euo pipefail
# A machine that has a Chromium or Chrome already (GitHub's Ubuntu runners ship Chrome) uses it: tools/diagramRenderer.ts.
if [ -n "${CHROMIUM:-}" ] || command -v chromium >/dev/null || [ -x /usr/bin/google-chrome ]; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
