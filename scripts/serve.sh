#!/usr/bin/env bash
# Build the virtsim web UI (Yew -> wasm32) into dist/ and serve it on
# http://127.0.0.1:${PORT:-8080}.
#
#   scripts/serve.sh               build and serve (Ctrl-C stops)
#   scripts/serve.sh --dist-only   build dist/ only (any static host can serve it)
#   PORT=9000 scripts/serve.sh     another port (or: scripts/serve.sh --port 9000)
#   VIRTSIM_DIST=/tmp/d scripts/serve.sh --dist-only   build into another directory
#
# On a fresh machine it installs what it needs: the wasm32-unknown-unknown
# target (rustup) and wasm-bindgen-cli at exactly the wasm-bindgen version
# recorded in Cargo.lock (cargo install, without --locked).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${PORT:-8080}"
SERVE=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dist-only|--dist) SERVE=0 ;;
    --port) shift; PORT="$1" ;;
    --port=*) PORT="${1#--port=}" ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\033[1m[serve]\033[0m %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------
if ! command -v cargo >/dev/null; then
  echo "cargo not found: install Rust from https://rustup.rs first" >&2; exit 1
fi
if command -v rustup >/dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
else
  say "rustup not found; assuming the wasm32-unknown-unknown target is installed"
fi

WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$WB_VERSION" ]; then
  say "resolving dependencies (Cargo.lock has no wasm-bindgen yet)"
  cargo generate-lockfile
  WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
fi
HAVE_WB="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$HAVE_WB" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (found: ${HAVE_WB:-none}); this takes a few minutes once"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# --- build -------------------------------------------------------------------
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
say "building web-ui (release, wasm32)"
# Size-oriented settings for the browser build only, without touching the
# workspace's native release profile: everything optimized for size except
# sim-core, whose speed sets how fast a re-run is (opt-level z for the UI and
# its dependencies saves about 35 KB of gzipped wasm).
CARGO_PROFILE_RELEASE_LTO=true \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
CARGO_PROFILE_RELEASE_DEBUG=0 \
CARGO_PROFILE_RELEASE_PANIC=abort \
  cargo build --release --target wasm32-unknown-unknown -p web-ui \
    --config 'profile.release.opt-level="z"' \
    --config 'profile.release.package.sim-core.opt-level=3'

DIST="${VIRTSIM_DIST:-$ROOT/dist}"
rm -rf "$DIST"
mkdir -p "$DIST"
# The name section only serves debugging (symbol names in stack traces): ~60 KB gzipped.
# No wasm-opt pass: binaryen 132's (npm) -Oz cuts the raw file by 8% but makes it 7% larger
# gzipped and brotli'd (docs/performance.md, "Page size"), which is what a browser downloads.
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$DIST/pkg" --out-name web_ui \
  "$TARGET_DIR/wasm32-unknown-unknown/release/web_ui.wasm"
cp -r "$ROOT"/static/. "$DIST"/
# The library's texts, fetched by the page when a scenario or an assignment is chosen (the
# wasm holds only their index and the scenario the page opens on; web-ui/src/builtin.rs).
mkdir -p "$DIST/scenarios/assignments"
cp "$ROOT"/scenarios/*.toml "$DIST/scenarios/"
cp "$ROOT"/scenarios/assignments/*.toml "$DIST/scenarios/assignments/"

# The scenario editor: CodeMirror 6 from npm (versions fixed by
# web-ui/editor/package-lock.json), bundled with esbuild into dist/editor.js.
# Without node and npm the page falls back to a plain text area.
if command -v npm >/dev/null && command -v node >/dev/null; then
  say "bundling the editor (CodeMirror 6, npm ci + esbuild)"
  if ! (cd "$ROOT/web-ui/editor" && npm ci --no-audit --no-fund --silent \
    && ./node_modules/.bin/esbuild editor.js --bundle --minify --format=iife --target=es2020 --loader:.md=text \
         --log-level=warning --outfile="$DIST/editor.js"); then
    say "WARNING: the editor bundle failed (is the npm registry reachable?); the page falls back to a plain text area"
  fi
else
  say "node/npm not found: the page gets a plain text editor (install nodejs and npm for CodeMirror)"
fi

# Precompressed copies for static hosts that serve them as they are (nginx gzip_static
# and brotli_static, most CDNs): .gz from zopfli when installed (a gzip file about 4%
# smaller than gzip -9's), else gzip -9; .br when brotli is installed. Set
# VIRTSIM_NO_PRECOMPRESS=1 to skip (zopfli and brotli -q 11 take a minute on the wasm).
if [ -z "${VIRTSIM_NO_PRECOMPRESS:-}" ]; then
  say "precompressing dist/ (.gz$(command -v brotli >/dev/null && echo ', .br'))"
  find "$DIST" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.toml' \) | sort | while read -r f; do
    if command -v zopfli >/dev/null; then zopfli -c "$f" >"$f.gz"; else gzip -9 -n -c "$f" >"$f.gz"; fi
    if command -v brotli >/dev/null; then brotli -q 11 -c "$f" >"$f.br"; fi
  done
fi

WASM="$DIST/pkg/web_ui_bg.wasm"
say "dist/ ready: wasm $(wc -c <"$WASM") bytes, $(gzip -9 -c "$WASM" | wc -c) bytes after gzip -9$( [ -f "$WASM.gz" ] && echo ", $(wc -c <"$WASM.gz") in web_ui_bg.wasm.gz")$( [ -f "$WASM.br" ] && echo ", $(wc -c <"$WASM.br") in web_ui_bg.wasm.br")"

[ "$SERVE" = 1 ] || exit 0

# --- serve -------------------------------------------------------------------
command -v python3 >/dev/null || { echo "python3 is needed to serve dist/ (or serve it with any static server)" >&2; exit 1; }
say "serving on http://127.0.0.1:$PORT/  (Ctrl-C stops)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$DIST"
