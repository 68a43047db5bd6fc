#!/usr/bin/env bash
# Builds the EDL parser fuzzer (libFuzzer + AddressSanitizer) and runs it.
#   Fuzz/run-edl-fuzz.sh [RUNS] [extra libFuzzer flags...]
# RUNS defaults to 1000000. The seed corpus is every .edl fixture; new inputs
# go to .build/edl-fuzz/corpus, crashes to .build/edl-fuzz/crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-1000000}"
shift || true
OUT=.build/edl-fuzz
mkdir -p "$OUT/corpus" "$OUT/seeds"
find Tests/SGXEDLTests/Fixtures -name '*.edl' | while read -r f; do
    cp "$f" "$OUT/seeds/$(echo "$f" | tr '/' '_')"
done
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name EDLFuzz -o "$OUT/edl-fuzz" \
    Sources/SGXEDL/*.swift Fuzz/EDLFuzz/EDLFuzz.swift
exec "$OUT/edl-fuzz" -runs="$RUNS" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$OUT/" -print_final_stats=1 "$@" "$OUT/corpus" "$OUT/seeds"
