#!/bin/sh
# Seeds the fuzzer with pieces of the real schemas: every 7th chunk of 30 lines of each corpus
# file (under 4 KB each, libFuzzer's default -max_len), about 200 files in corpus/parse/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
schemas="${1:-$here/../corpus}"
out="$here/corpus/parse"
mkdir -p "$out"
for f in "$schemas"/*.tl; do
  awk -v out="$out" -v base="$(basename "$f" .tl)" '
    { chunk = int((NR - 1) / 30); if (chunk % 7 == 0) { file = out "/" base "-" chunk; print > file } }
  ' "$f"
done
# Chunks of long lines can pass 4 KB: drop those.
find "$out" -type f -size +4000c -delete
ls "$out" | wc -l
