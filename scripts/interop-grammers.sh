#!/usr/bin/env bash
# Differential test against grammers-tl-types 0.11.0 (see docs/interop.md, "Differential
# tests"): random layer-230 values from tlayer's schema-driven encoder are decoded and
# re-encoded by tlayer's generated code and by grammers, and each side's encoding by the other.
#
#   scripts/interop-grammers.sh [--samples N] [--seed S] [--show K]
#
# interop/grammers is its own Cargo workspace (not a member of tlayer's), so the normal
# `cargo test --workspace` never builds grammers; this script builds and runs it (debug
# profile, target dir interop/grammers/target unless CARGO_TARGET_DIR is set). The last line is
#   grammers-tl-types 0.11.0: compared N constructors, M mismatches, K excluded
# and the exit status is non-zero when M > 0 (or anything fails).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/interop/grammers"
echo "interop-grammers: building interop/grammers" >&2
cargo build --bin interop-grammers
exec cargo run --quiet --bin interop-grammers -- "$@"
