#!/usr/bin/env bash
# Builds a new crate OUTSIDE this workspace from the README alone: `cargo new my-app` next to a
# checkout named `tlayer` (a link to this one), then every README block marked
# `<!-- outside: FILE -->` written to FILE (blocks marked with the same FILE are joined in
# order; Cargo.toml's block replaces the empty `[dependencies]` of `cargo new`). Then it runs
# the crate and checks that the wrong written id of its own schema reached cargo as a warning.
# One debug build; its target folder is kept under target/outside so reruns are cheap.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ln -s "$repo" "$work/tlayer"
(cd "$work" && cargo new --quiet --vcs none my-app)
crate="$work/my-app"
# `cargo new` leaves an empty `[dependencies]` at the end of Cargo.toml and a hello-world main.
sed -i '/^\[dependencies\]$/d' "$crate/Cargo.toml"
rm "$crate/src/main.rs"
for f in $(grep -o '^<!-- outside: [^ ]* -->$' "$repo/README.md" | awk '{print $3}' | sort -u); do
    mkdir -p "$(dirname "$crate/$f")"
done
# Each marked block, appended to its file.
awk -v dir="$crate" '
    /^<!-- outside: .* -->$/ { file = dir "/" $3; next }
    file != "" && /^```/ && !inside { inside = 1; next }
    inside && /^```$/ { inside = 0; file = ""; next }
    inside { print >> file; close(file) }
' "$repo/README.md"
for f in Cargo.toml build.rs src/lib.rs src/main.rs; do
    [ -s "$crate/$f" ] || { echo "outside crate: the README gave no $f" >&2; exit 1; }
done
# The workspace's lock file pins the same dependency versions (cargo drops what is unused), so
# the build needs no registry index.
cp "$repo/Cargo.lock" "$crate/Cargo.lock"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}/outside"
log="$work/build.log"
if ! (cd "$crate" && cargo build -j "${JOBS:-1}" 2>&1 | tee "$log"); then
    echo "outside crate: build failed" >&2
    exit 1
fi
out="$("$CARGO_TARGET_DIR/debug/my-app")"
echo "$out"
[ "$out" = "my-app: ok, layer Some(230)" ] || { echo "outside crate: unexpected output" >&2; exit 1; }
# Cargo shows a build script's `cargo:warning=` lines of a local crate only when it runs it, which
# the build above did (a fresh folder); the line names the file, line and column.
if ! grep -q "warning: my-app@0.1.0: tl/mine.tl:1:1: warning: written id #12345678 of \`point\`" "$log"; then
    echo "outside crate: the wrong written id did not reach cargo as a warning" >&2
    exit 1
fi
echo "outside crate: built from the README, ran, warning seen"
