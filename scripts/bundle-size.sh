#!/usr/bin/env bash
# Prints the raw and gzip size of everything the page loads from dist/ (run after
# `trunk build --release`). A figure, not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../dist"
total_raw=0; total_gz=0
printf '%-45s %10s %10s\n' file bytes gzip-9
for f in index.html *.js *.wasm *.css *.svg; do
  [ -f "$f" ] || continue
  raw=$(stat -c%s "$f"); gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-45s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-45s %10d %10d\n' "page total" "$total_raw" "$total_gz"
