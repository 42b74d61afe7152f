#!/usr/bin/env bash
# Times `tlayer site` (release build) on the biggest schemas and reports the sites' sizes: the
# figures of BENCHMARKS.md, section "Site".
#
#   scripts/site-bench.sh [RUNS]     (default 7 runs each)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"

cargo build --quiet --release --locked -p tlayer-cli
tlayer="${CARGO_TARGET_DIR:-target}/release/tlayer"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %10s %10s %10s %10s %6s %10s %10s\n' site "new dir" "min" "cpu" "replace" files size "index.js"
bench() {
    local label="$1"
    shift
    python3 - "$runs" "$work/$label" "$tlayer" "$@" <<'EOF'
import os, resource, subprocess, sys, time
runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]

def run(dest):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd[:1] + ["site"] + cmd[1:] + ["-o", dest], check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime

# Each run writes a new folder (deleting a site and at once writing the same files again costs
# the file system several times more here, which says nothing about tlayer), then once more
# into the last folder, replacing its files.
fresh = [run("%s.%d" % (out, i)) for i in range(runs)]
again = [run("%s.%d" % (out, runs - 1)) for _ in range(runs)]
files = size = 0
for d, _, names in os.walk(out + ".0"):
    for n in names:
        files += 1
        size += os.path.getsize(os.path.join(d, n))
med = lambda xs: sorted(xs)[len(xs) // 2]
index = os.path.getsize(os.path.join(out + ".0", "search-index.js"))
print("%7.0f ms %7.0f ms %7.0f ms %7.0f ms %6d %6.1f MiB %6.0f KiB" % (
    med([w for w, _ in fresh]) * 1e3, min(w for w, _ in fresh) * 1e3, med([c for _, c in fresh]) * 1e3,
    med([w for w, _ in again]) * 1e3, files, size / 2**20, index / 2**10))
EOF
}
for spec in \
    "layer 230|schema/tl/layer230.tl" \
    "tdlib td_api|corpus/tdlib_td_api.tl" \
    "layers 1-3|--layer 1=schema/tl/layer001.tl --layer 2=schema/tl/layer002.tl --layer 3=schema/tl/layer003.tl" \
    "layers 222+230 (history)|--layer 222=corpus/grammers_api_layer222.tl --layer 230=schema/tl/layer230.tl"; do
    label="${spec%%|*}"
    # shellcheck disable=SC2086
    printf '%-26s ' "$label"
    bench "${label// /_}" ${spec#*|}
done
