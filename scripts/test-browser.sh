#!/usr/bin/env bash
# Runs every browser test of the web UI in a real headless Chromium:
#   1. web-ui unit tests (native),
#   2. wasm-bindgen-test component tests in Chromium through chromedriver,
#   3. the end-to-end test of the built, served page (playwright-core driving
#      Debian's chromium), including browser-vs-CLI result parity for every
#      built-in scenario.
# Installs chromium and chromium-driver with apt-get when missing (as root);
# otherwise prints exactly what to install. MEASURE=1 also prints the budget
# figures (first render, re-run after a slider change, wasm size).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '\033[1m[test-browser]\033[0m %s\n' "$*" >&2; }

# --- Chromium, chromedriver, Node -------------------------------------------
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || true)}"
if [ -z "$CHROMIUM" ] || [ -z "$CHROMEDRIVER" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing chromium and chromium-driver (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
    CHROMIUM="$(command -v chromium)"; CHROMEDRIVER="$(command -v chromedriver)"
  else
    cat >&2 <<'MSG'
Chromium and ChromeDriver are needed for the browser tests. Install them, then re-run:
  Debian/Ubuntu:  sudo apt-get install chromium chromium-driver
  (or set CHROMIUM=/path/to/chrome and CHROMEDRIVER=/path/to/chromedriver, same major version)
MSG
    exit 1
  fi
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing nodejs and npm (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  else
    echo "Node.js (>= 18) and npm are needed: sudo apt-get install nodejs npm" >&2; exit 1
  fi
fi
say "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1); chromedriver: $("$CHROMEDRIVER" --version | head -1)"

# --- build ---------------------------------------------------------------------
scripts/serve.sh --dist-only   # also installs the wasm32 target and wasm-bindgen-cli
say "building the CLI (release) for the parity check"
cargo build --release --bin virtsim
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
VIRTSIM_BIN="$TARGET_DIR/release/virtsim"

# --- 1. lint and unit tests -----------------------------------------------------
say "clippy for the browser build (bans Instant::now and thread::spawn, see web-ui/clippy.toml)"
cargo clippy --target wasm32-unknown-unknown -p web-ui --all-targets -- -D warnings
say "web-ui unit tests (native)"
cargo test -p web-ui --lib --quiet

# --- 2. component tests in Chromium (wasm-bindgen-test + chromedriver) ---------
say "component tests in headless Chromium (wasm-bindgen-test, chromedriver)"
(
  cd web-ui   # webdriver.json (Chromium flags) lives here
  CHROMEDRIVER="$CHROMEDRIVER" \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p web-ui --target wasm32-unknown-unknown --test browser
)

# --- 3. end-to-end test of the served page -------------------------------------
say "end-to-end test of the built, served page"
(cd web-ui/e2e && npm ci --no-audit --no-fund --silent)
E2E_PORT="${E2E_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
python3 -m http.server "$E2E_PORT" --bind 127.0.0.1 --directory "$ROOT/dist" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$E2E_PORT/')" 2>/dev/null && break
  sleep 0.1
done
BASE_URL="http://127.0.0.1:$E2E_PORT/" CHROMIUM="$CHROMIUM" VIRTSIM_BIN="$VIRTSIM_BIN" \
  SCENARIOS_DIR="$ROOT/scenarios" node web-ui/e2e/e2e.mjs

if [ -n "${MEASURE:-}" ]; then
  WASM="$ROOT/dist/pkg/web_ui_bg.wasm"
  say "wasm: $(wc -c <"$WASM") bytes; gzip -9: $(gzip -9 -c "$WASM" | wc -c) bytes (budget 600 KB)"
fi
say "all browser tests passed"
