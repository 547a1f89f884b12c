#!/usr/bin/env bash
# The exchange formats proven by the real tools (tests/interop/readers.py): every export of
# the two fixtures read by spaCy, pyld and the W3C schemas, Apache Annotator and Recogito,
# brat's reader and verifier, label-studio-sdk, cassis and seqeval; files written by those
# tools imported by Marginalia. scripts/setup.sh test installs them (target/interop-venv,
# tests/interop/node_modules). Ends with "interop: N passed, M failed"; fails if any failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cargo build --locked --quiet --bin marginalia
out=target/interop-out
rm -rf "$out"
exec target/interop-venv/bin/python tests/interop/readers.py target/debug/marginalia \
  tests/fixtures/exports/sample-session.marginalia.json tests/fixtures/exports/emoji-persian.marginalia.json --out "$out"
