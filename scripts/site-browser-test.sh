#!/usr/bin/env bash
# Browser test of `tlayer site` in headless Chromium (see site-browser-test.py for the checks).
#
#   scripts/site-browser-test.sh [--screenshots DIR]
#
# Writes two sites into a temporary folder: layers 1-3 of the shipped schemas, and a small schema
# whose docs hold markup. Needs python3 and Chromium: $CHROMIUM, else chromium / chromium-browser /
# google-chrome on PATH; as root with apt-get it installs Debian's `chromium` package. Without
# them it prints why and exits 0 (skipped), so CI on a machine without a browser still passes;
# SITE_BROWSER_REQUIRED=1 makes a skip an error.
set -euo pipefail
cd "$(dirname "$0")/.."

screenshots=""
if [[ "${1:-}" == "--screenshots" ]]; then
    screenshots="$(mkdir -p "$2" && cd "$2" && pwd)"
fi

skip() {
    echo "site browser test: SKIPPED: $*"
    if [[ "${SITE_BROWSER_REQUIRED:-0}" == 1 ]]; then
        exit 1
    fi
    exit 0
}

find_chromium() {
    if [[ -n "${CHROMIUM:-}" && -x "${CHROMIUM}" ]]; then
        echo "$CHROMIUM"
        return
    fi
    for c in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$c" >/dev/null 2>&1; then
            command -v "$c"
            return
        fi
    done
}

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"

chromium="$(find_chromium)"
if [[ -z "$chromium" ]]; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "site browser test: installing Debian's chromium package"
        log="$(mktemp)"
        if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; } >"$log" 2>&1; then
            tail -5 "$log"
            skip "no Chromium, and apt-get could not install the chromium package (log: $log)"
        fi
        chromium="$(find_chromium)"
    fi
    [[ -n "$chromium" ]] || skip "no Chromium found (set CHROMIUM=/path/to/chromium, or install Debian's chromium package)"
fi
echo "site browser test: $("$chromium" --version 2>/dev/null || echo "$chromium")"

cargo build --quiet --locked -p tlayer-cli
tlayer="${CARGO_TARGET_DIR:-target}/debug/tlayer"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$tlayer" site --layer 1=schema/tl/layer001.tl --layer 2=schema/tl/layer002.tl --layer 3=schema/tl/layer003.tl \
    -o "$work/layers"

# Docs that would be markup, script or a comment end if they were not escaped.
cat >"$work/evil.tl" <<'EOF'
//@class Evil @description A type doc <script>window.PWNED=1</script> */
//@description <script>window.PWNED=1</script> <img src=x onerror="window.PWNED=1"> <b>bold</b> `code` */ "quotes" 'single' & </p>
//@text A field doc with </td></tr></table><script>window.PWNED=1</script>
evil text:string = Evil;
---functions---
//@description Returns <i>evil</i> --> <!--
getEvil = Evil;
EOF
"$tlayer" site "$work/evil.tl" -o "$work/evil"

python3 scripts/site-browser-test.py --chromium "$chromium" --layers-site "$work/layers" --escape-site "$work/evil" \
    --all-pages ${screenshots:+--screenshots "$screenshots"}
