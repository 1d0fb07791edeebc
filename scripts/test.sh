#!/usr/bin/env bash
# `npm test`: unit + integration (real HTTP simulators, real keychain), renderer
# component tests, then a fresh build and the end-to-end tests in Debian Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${FLOTILLA_KEYRING_READY:-}" ]; then exec bash scripts/with-keyring.sh bash scripts/test.sh "$@"; fi
npx vitest run --project unit --project renderer
npx electron-vite build
npx vitest run --project e2e
