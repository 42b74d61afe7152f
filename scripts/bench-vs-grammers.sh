#!/usr/bin/env bash
# tlayer vs grammers (crates.io grammers-tl-parser 1.2.2, grammers-tl-gen 0.11.0,
# grammers-tl-types 0.11.0), every stage in one run, on layer 230 (schema/tl/layer230.tl, the
# exact schema of grammers-tl-types 0.11.0). Results and method: BENCHMARKS.md.
#
#   scripts/bench-vs-grammers.sh            # full: about 15 min on 2 cores
#   QUICK=1 scripts/bench-vs-grammers.sh    # fewer repetitions: about 8 min
#
# Stages: parse (criterion), generate (process runs), compile-debug / check / compile-release /
# rlib-size (cold builds of the generated crate only), encode / decode (criterion, plus
# allocations per decode), the largest generated enum, and what a user builds (separate
# crates under bench/target/user, cargo's default profiles): first-build (cold: a build.rs
# generating layer 230 + an app decoding five types), generate-build-script (that build
# script's run), app-rebuild-ci (edit the app, rebuild with CARGO_INCREMENTAL=0), subset (the
# same app generating only what 20 client functions reach, against the grammers app). Ours and
# theirs alternate within every stage, and which side goes first alternates between runs.
#
#   STAGES="user compile" ...   # only these stage groups (parse codec generate compile user)
#   JOBS=N ...                  # cargo -j for the user crates (default 1: the machine is shared)
#
# bench/ is a Cargo workspace of its own (never built by the root workspace's `cargo test`).
# Everything is built under bench/target; the compile stage uses bench/target/compile. The
# tlayer CLI is built from the root workspace into bench/target/cli (--locked).
#
# Output: a report (markdown tables, also saved to bench/target/bench-results/report.md), ending
# with one line per stage, `ratio STAGE X.XX` (grammers' cost / ours: above 1 means tlayer is
# faster or smaller), then `largest-enum-bytes N`. Raw samples: bench/target/bench-results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/bench"
unset CARGO_TARGET_DIR

if [[ "${QUICK:-0}" != "0" ]]; then
    runs_crit=1 runs_gen=3 runs_compile=1
    crit_args=(--warm-up-time 1 --measurement-time 2 --sample-size 30)
else
    runs_crit=3 runs_gen=7 runs_compile=3
    crit_args=(--warm-up-time 2 --measurement-time 4 --sample-size 50)
fi

out="$root/bench/target/bench-results"
rm -rf "$out" "$root/bench/target/criterion"
mkdir -p "$out"
results="$out/results.txt"
: >"$results"
log() { echo "bench-vs-grammers: $*" >&2; }
started=$(date +%s)

{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
    echo "memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
    echo "kernel: $(uname -sr)"
    echo "rustc: $(rustc --version)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "mode: $([[ "${QUICK:-0}" != "0" ]] && echo QUICK || echo full) (criterion runs $runs_crit, generation runs $runs_gen, compile runs $runs_compile)"
} >"$out/machine.txt"
cat "$out/machine.txt" >&2

log "building the harness (release and debug) and the benches"
cargo build --quiet --release -p tlayer-bench --bins
cargo build --quiet -p tlayer-bench --bin gen
cargo bench --quiet -p tlayer-bench --no-run
runner="$root/bench/target/release/runner"
stages="${STAGES:-parse codec generate compile user}"
want() { [[ " $stages " == *" $1 "* ]]; }

# 6. What a user builds: separate crates, each in a workspace and target dir of its own. First:
# the stages the issue adds, and the longest under load.
if want user; then
    log "user crates: $runs_compile runs (cold builds, -j ${JOBS:-1})"
    "$runner" user --runs "$runs_compile" --root "$root" --dir "$root/bench/target/user" \
        --jobs "${JOBS:-1}" --results "$results"
fi

if want generate; then
    log "building the tlayer CLI (release) from the root workspace"
    (cd "$root" && cargo build --quiet --locked --release -p tlayer-cli --target-dir "$root/bench/target/cli")
fi

# 5. Enum sizes (compile-time facts: measured once).
"$root/bench/target/release/sizes" | tee -a "$results" | grep -v '^SIZE' >&2

# 1 and 4. Parse, encode, decode (criterion), in alternating order between runs.
for ((i = 0; i < runs_crit; i++)); do
    if ((i % 2)); then order=theirs-first; else order=ours-first; fi
    for bench in parse codec; do
        want "$bench" || continue
        log "criterion: $bench, run $((i + 1)) of $runs_crit ($order)"
        BENCH_ORDER=$order cargo bench --quiet -p tlayer-bench --bench "$bench" -- "${crit_args[@]}" \
            >"$out/criterion-$bench-$i.txt" 2>&1 || { cat "$out/criterion-$bench-$i.txt" >&2; exit 1; }
        grep -E '^(ALLOC|DEFS) ' "$out/criterion-$bench-$i.txt" >>"$results" || true
        "$runner" criterion --dir "$root/bench/target/criterion" --run "$i" --results "$results"
    done
done

# 2. Generation.
if want generate; then
    log "generation: $runs_gen runs"
    "$runner" generate --runs "$runs_gen" --results "$results" \
        --schema "$root/schema/tl/layer230.tl" --out "$root/bench/target/gen-out" \
        --gen-debug "$root/bench/target/debug/gen" --gen-release "$root/bench/target/release/gen" \
        --cli "$root/bench/target/cli/release/tlayer"
fi

# 3. Compiling the generated crates.
if want compile; then
    log "compile: $runs_compile runs of debug, check and release, each side cold"
    CARGO_TARGET_DIR="$root/bench/target/compile" "$runner" compile --runs "$runs_compile" --results "$results"
fi


log "done in $(( $(date +%s) - started )) s; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
echo "total time: $(( $(date +%s) - started )) s" >>"$out/machine.txt"
"$runner" report --results "$results" | tee "$out/report.md"
