#!/usr/bin/env bash
# Builds tlayer-echo (interop/echo, its own workspace: the tlayer side of the differential tests,
# see docs/interop.md) in release mode, runs its unit tests (same profile, so the generated
# layer-230 library is built once), and prints the path of the binary as the last line.
#
#   scripts/build-echo.sh            -> .../interop/echo/target/release/tlayer-echo
#
# Cargo's progress and diagnostics go to stderr; CARGO_TARGET_DIR is honoured.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/interop/echo"
cargo test --release >&2
messages="$(cargo build --release --message-format=json-render-diagnostics)"
bin="$(printf '%s\n' "$messages" | grep -o '"executable":"[^"]*tlayer-echo[^"]*"' | tail -n1 | cut -d'"' -f4 || true)"
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "build-echo.sh: cargo reported no tlayer-echo executable" >&2
    exit 1
fi
echo "$bin"
