#!/usr/bin/env bash
# Installs whatever Marginalia needs and is missing; quick when all is there.
#   scripts/setup.sh app    what serving the app needs (Rust wasm target, wasm-bindgen-cli,
#                           trunk, binaryen's wasm-opt)
#   scripts/setup.sh test   all of that plus Chromium, ChromeDriver, playwright-core, cargo-fuzz
#                           and the interop readers (target/interop-venv, tests/interop)
# Source scripts/env.sh afterwards for PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
what=${1:-test}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# The wasm target for rustc.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli, exactly the version the crate pins.
want_bindgen=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want_bindgen" ]; then
  say "installing wasm-bindgen-cli $want_bindgen (a few minutes)"
  cargo install wasm-bindgen-cli --version "=$want_bindgen" --locked \
    || cargo install wasm-bindgen-cli --version "=$want_bindgen" --force
fi

# trunk 0.21 (0.22 needs a newer rustc than this machine's).
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21 (about 8 minutes)"
  cargo install trunk --version '~0.21' --locked
fi

# binaryen (wasm-opt for trunk), playwright-core and axe-core (the accessibility audit),
# pinned in tests/e2e/package-lock.json.
if [ ! -x tests/e2e/node_modules/.bin/wasm-opt ] || [ ! -d tests/e2e/node_modules/playwright-core ] \
   || ! cmp -s tests/e2e/package-lock.json tests/e2e/node_modules/.package-lock.json.copy; then
  say "installing npm packages in tests/e2e"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.package-lock.json.copy)
fi

# The real readers of the exchange formats (tests/interop, tests only), pinned: spaCy,
# cassis, label-studio-sdk, brat's reader, pyld, jsonschema, seqeval in a virtualenv under
# target/, and Apache Annotator, Recogito and jsdom from npm.
if [ "$what" = test ]; then
  venv=target/interop-venv
  if ! cmp -s tests/interop/requirements.lock "$venv/requirements.lock.copy"; then
    say "installing the interop readers in $venv (a minute or two)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r tests/interop/requirements.lock
    cp tests/interop/requirements.lock "$venv/requirements.lock.copy"
  fi
  if [ ! -d tests/interop/node_modules/jsdom ] || ! cmp -s tests/interop/package-lock.json tests/interop/node_modules/.package-lock.json.copy; then
    say "installing npm packages in tests/interop"
    (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.package-lock.json.copy)
  fi
fi

# cargo-fuzz, for the importer's bounded fuzz run (tests only).
if [ "$what" = test ] && ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz (a few minutes)"
  cargo install cargo-fuzz --locked
fi

# Chromium and its driver, for the browser tests only.
if [ "$what" = test ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  say "installing Debian's chromium and chromium-driver"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
say "ready"
