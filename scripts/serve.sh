#!/usr/bin/env bash
# Installs what is missing, then serves Marginalia on http://127.0.0.1:8080 (PORT to
# change it) with the sample article ready to annotate. Release build by default;
# `scripts/serve.sh --dev` serves a faster-to-build debug build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh app
source scripts/env.sh
profile=(--release)
[ "${1:-}" = "--dev" ] && profile=()
echo "Marginalia: http://127.0.0.1:${PORT:-8080}/"
# No live-reload or error-overlay scripts: they are inline, and the CSP forbids inline code.
exec trunk serve --offline "${profile[@]}" --no-autoreload --no-error-reporting --address 127.0.0.1 --port "${PORT:-8080}"
