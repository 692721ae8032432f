#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, then runs
# formatting and lint checks, the Rust tests (golden results, determinism, invalid
# scenarios, model properties, CLI, fuzz regressions), a minute of fuzzing, the wasm
# build of sim-core, the docs, and the browser tests of the web UI in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain: rustfmt, clippy, wasm32 target"
rustup component list --installed | grep -q "^rustfmt" || rustup component add rustfmt
rustup component list --installed | grep -q "^clippy" || rustup component add clippy
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "format"
cargo fmt --all -- --check

step "clippy (native crates)"
cargo clippy --workspace --exclude web-ui --all-targets -- -D warnings

step "tests (release: golden results are computed by full runs)"
cargo test --release --workspace --exclude web-ui

step "fuzzing for 60 s (fuzz/: failures are saved in fuzz/regressions/)"
# A new seed each run explores new inputs; a failure prints the input and its seed.
cargo run --release -p virtsim-fuzz -- --seconds "${FUZZ_SECONDS:-60}" --seed "${FUZZ_SEED:-$(date +%s)}"

step "sim-core builds for wasm32-unknown-unknown"
cargo build --release -p sim-core --target wasm32-unknown-unknown

step "docs build without warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p sim-core -p virtsim-library -p virtsim-cli

if [ -x scripts/test-browser.sh ]; then
    step "browser tests (headless Chromium)"
    scripts/test-browser.sh
fi

step "all checks passed"
