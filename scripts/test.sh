#!/usr/bin/env bash
# `npm test`: unit + integration (real HTTP simulators, real keychain), renderer
# component tests, the integration and contract tests again in the simulators'
# variant mode, then a fresh build and the end-to-end tests in Debian Chromium.
# Ends with one plain "N passed, N failed" line over all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${FLOTILLA_KEYRING_READY:-}" ]; then exec bash scripts/with-keyring.sh bash scripts/test.sh "$@"; fi
mkdir -p .tmp
rm -f .tmp/vitest-*.json
npx vitest run --project unit --project renderer --reporter=default --reporter=json --outputFile=.tmp/vitest-unit.json
# The same integration and contract tests with every adapter assumption flipped (docs/assumptions-*.md).
FLOTILLA_SIM_VARIANT=1 npx vitest run --project unit test/integration test/contract --reporter=default --reporter=json --outputFile=.tmp/vitest-variant.json
npx electron-vite build
npx vitest run --project e2e --reporter=default --reporter=json --outputFile=.tmp/vitest-e2e.json
node scripts/test-summary.mjs .tmp/vitest-unit.json .tmp/vitest-variant.json .tmp/vitest-e2e.json
