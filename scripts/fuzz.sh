#!/usr/bin/env bash
# A bounded fuzz run of the importer: scripts/fuzz.sh [SECONDS] (default 60).
# cargo fuzz wants nightly flags; RUSTC_BOOTSTRAP lets this machine's stable rustc take
# them. New inputs go to target/fuzz-corpus; the committed seeds stay as they are.
# A crash fails the run and leaves its input in tests/fuzz/artifacts/import/: fix the
# bug, then add that input to tests/fuzz/corpus/import as a regression test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p target/fuzz-corpus
RUSTC_BOOTSTRAP=1 cargo fuzz run import --fuzz-dir tests/fuzz target/fuzz-corpus tests/fuzz/corpus/import \
  -- -max_total_time="${1:-60}" -max_len=65536 -print_final_stats=0 2>&1 | grep -vE '^#[0-9]+\s+(NEW|REDUCE|pulse)|NEW_FUNC'
