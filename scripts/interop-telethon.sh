#!/usr/bin/env bash
# Differential test against Telethon (see docs/interop.md, "Differential tests"):
# random layer-230 values built by Telethon are decoded and re-encoded by tlayer's generated
# code (tlayer-echo), and random values from tlayer's schema-driven encoder are read and
# re-serialized by Telethon; both must give back the same bytes.
#
#   scripts/interop-telethon.sh [compare.py options: --samples N --seed S --show K]
#
# Creates a virtualenv with telethon==1.45.0 (pinned) under target/interop-venv (or
# $INTEROP_VENV), builds tlayer-echo, runs interop/telethon/compare.py. The last line is
#   telethon 1.45.0: compared N constructors, M mismatches
# and the exit status is non-zero when M > 0 (or anything fails).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
TELETHON_VERSION=1.45.0
venv="${INTEROP_VENV:-$root/target/interop-venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "interop-telethon: creating $venv" >&2
    "$python" -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import sys, telethon; sys.exit(telethon.__version__ != '$TELETHON_VERSION')" 2>/dev/null; then
    echo "interop-telethon: installing telethon==$TELETHON_VERSION" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check --quiet "telethon==$TELETHON_VERSION" >&2
fi

echo "interop-telethon: building tlayer-echo" >&2
echo_bin="$("$root/scripts/build-echo.sh" | tail -n1)"

exec "$venv/bin/python" "$root/interop/telethon/compare.py" \
    --echo "$echo_bin" --schema "$root/schema/tl/layer230.tl" "$@"
