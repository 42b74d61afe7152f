#!/usr/bin/env bash
# Builds a new crate OUTSIDE this workspace, made as the README's "From build.rs" says (path
# dependencies on this checkout, schema paths from tlayer_schema::files), runs it, and checks
# that the wrong written id of its own schema reached cargo as a warning. One debug build; its
# target folder is kept under target/outside so reruns are cheap.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
crate="$work/outside"
mkdir -p "$crate"
cp -r "$repo/tests/outside/src" "$repo/tests/outside/tl" "$repo/tests/outside/build.rs" "$crate/"
sed "s|@REPO@|$repo|g" "$repo/tests/outside/Cargo.toml.in" > "$crate/Cargo.toml"
# The workspace's lock file pins the same dependency versions (cargo drops what is unused).
cp "$repo/Cargo.lock" "$crate/Cargo.lock"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}/outside"
log="$work/build.log"
if ! (cd "$crate" && cargo build -j "${JOBS:-1}" 2>&1 | tee "$log"); then
    echo "outside crate: build failed" >&2
    exit 1
fi
out="$("$CARGO_TARGET_DIR/debug/outside")"
echo "$out"
[ "$out" = "outside: ok" ] || { echo "outside crate: unexpected output" >&2; exit 1; }
# Cargo shows a build script's `cargo:warning=` lines of a local crate only when it runs it, which
# the build above did (a fresh folder); the line names the file, line and column.
if ! grep -q "warning: outside@0.1.0: tl/wrong-id.tl:1:1: warning: written id #12345678" "$log"; then
    echo "outside crate: the wrong written id did not reach cargo as a warning" >&2
    exit 1
fi
echo "outside crate: built, ran, warning seen"
