#!/usr/bin/env bash
# Prints performance figures (not tests): the core natively on 1M characters and 20,000
# annotations (time, and the heap its pieces hold), and the release build in headless
# Chromium on a 1M-character article.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh test
source scripts/env.sh
cargo test --release --locked --test bench_core -- --ignored --nocapture 2>&1 | grep '^bench:'
cargo test --release --locked --test bench_memory -- --ignored --nocapture 2>&1 | grep '^bench:'
[ -f dist/index.html ] || trunk build --release --offline
node tests/e2e/bench-render.mjs
node tests/e2e/bench-revision.mjs
node tests/e2e/bench-append.mjs
node tests/e2e/bench-search.mjs
