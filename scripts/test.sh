#!/usr/bin/env bash
# Installs what is missing, then runs every test:
#   1. native: core unit, integration, property and doc tests (cargo test)
#   2. DOM tests in headless Chromium (wasm-bindgen-test)
#   2b. the exchange formats read by the real tools, and theirs read by us (tests/interop)
#   3. a bounded fuzz run of every importer (cargo fuzz; FUZZ_SECONDS per target, default 15)
#   4. the release build (trunk, wasm-opt) and its size
#   5. end to end on that build in headless Chromium (playwright-core, node --test)
# Ends with one line "total: N passed, N failed"; exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh test || { echo "setup failed"; exit 1; }
source scripts/env.sh

log=$(mktemp -d)
failed_steps=()
step() { # step NAME COMMAND...: runs a step, keeps its output for the totals
  local name=$1; shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  if ! "$@" 2>&1 | tee "$log/$name.log"; then failed_steps+=("$name"); fi
}

step native cargo test --locked
step dom cargo test --locked --target wasm32-unknown-unknown --test dom
step interop bash tests/interop/run.sh
step fuzz bash scripts/fuzz.sh "${FUZZ_SECONDS:-15}"
step build trunk build --release --offline
step size bash scripts/bundle-size.sh
step e2e bash -c 'cd tests/e2e && node --test --test-concurrency=1 ./*.test.mjs'

passed=0; failed=0
for f in "$log"/native.log "$log"/dom.log "$log"/interop.log; do
  [ -f "$f" ] || continue
  p=$(grep -Eo '[0-9]+ passed' "$f" | awk '{s+=$1} END {print s+0}')
  q=$(grep -Eo '[0-9]+ failed' "$f" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + q))
done
passed=$((passed + $(grep -c '^Done [0-9]* runs' "$log/fuzz.log" 2>/dev/null || true)))
if [ -f "$log/e2e.log" ]; then
  passed=$((passed + $(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log/e2e.log" | tail -1)))
  failed=$((failed + $(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log/e2e.log" | tail -1)))
fi
echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}"
  [ "$failed" -gt 0 ] || failed=${#failed_steps[@]}
fi
echo "total: $passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ] && [ "$failed" -eq 0 ]
