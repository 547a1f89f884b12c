# Sourced by the scripts: tools installed by cargo and npm on PATH, nothing downloaded
# at build time.
export PATH="$HOME/.cargo/bin:$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/e2e/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/webdriver.json"
export TRUNK_SKIP_VERSION_CHECK=true
