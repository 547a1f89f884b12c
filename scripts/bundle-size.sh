#!/usr/bin/env bash
# Prints the raw and gzip size of what the app loads from dist/ (run after
# `trunk build --release`): first what the page loads before it is usable, then what
# loads after first paint (the suggestion worker's script and wasm, the tagger's model).
# A figure, not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../dist"
row() { printf '%-45s %10s %10s\n' "$@"; }
group() { # group TITLE FILE...
  local title=$1 raw gz total_raw=0 total_gz=0; shift
  for f in "$@"; do
    [ -f "$f" ] || continue
    raw=$(stat -c%s "$f"); gz=$(gzip -9c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    row "$f" "$raw" "$gz"
  done
  row "$title" "$total_raw" "$total_gz"
}
row file bytes gzip-9
page=(index.html)
for f in *.js *.wasm *.css *.svg; do
  case $f in marginalia-worker*) ;; *) page+=("$f") ;; esac
done
group "page total (before it is usable)" "${page[@]}"
group "after first paint (worker and model)" marginalia-worker_loader.js marginalia-worker.js marginalia-worker_bg.wasm model/tagger.mgtag
