#!/usr/bin/env bash
# Prints Marginalia side by side with Recogito's text annotator (not a test): builds the
# release app if there is none, installs the peer in tests/peer/ (benchmark only; ignored
# by git, quick when present) and runs tests/e2e/bench-peer.mjs with the arguments given
# (default: 1,000, 5,000 and 20,000 annotations, 3 runs each; --sizes, --runs, --only).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh test
source scripts/env.sh
[ -f dist/index.html ] || trunk build --release --offline
if [ ! -d tests/peer/node_modules/@recogito/text-annotator ] || ! cmp -s tests/peer/package-lock.json tests/peer/node_modules/.package-lock.json.copy; then
  echo "bench-peer: installing the peer in tests/peer"
  (cd tests/peer && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.package-lock.json.copy)
fi
mkdir -p target
node tests/e2e/bench-peer.mjs "$@"
