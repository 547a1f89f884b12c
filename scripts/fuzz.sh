#!/usr/bin/env bash
# Bounded fuzz runs of every importer: scripts/fuzz.sh [SECONDS] (per target, default 15).
# Targets (tests/fuzz/fuzz_targets): import (Marginalia's own JSON) and one per exchange
# format (w3c, brat, spacy, label_studio, uima_xmi, uima_json, citron, text, zip).
# cargo fuzz wants nightly flags; RUSTC_BOOTSTRAP lets this machine's stable rustc take
# them. New inputs go to target/fuzz-corpus/<target>; the committed seeds stay as they are.
# A crash fails the run and leaves its input in tests/fuzz/artifacts/<target>/: fix the
# bug, then add that input to tests/fuzz/corpus/<target> as a regression test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-15}
targets=(import w3c brat spacy label_studio uima_xmi uima_json citron text zip)
status=0
for t in "${targets[@]}"; do
  mkdir -p "target/fuzz-corpus/$t"
  echo "fuzz target $t, ${seconds}s:"
  if ! RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" --fuzz-dir tests/fuzz "target/fuzz-corpus/$t" "tests/fuzz/corpus/$t" \
      -- -max_total_time="$seconds" -max_len=65536 -print_final_stats=0 2>&1 | grep -vE '^#[0-9]+\s+(NEW|REDUCE|pulse)|NEW_FUNC|^INFO:'; then
    status=1
  fi
done
exit $status
