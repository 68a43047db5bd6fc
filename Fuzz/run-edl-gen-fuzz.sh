#!/usr/bin/env bash
# Builds the EDL code-generator fuzzer (libFuzzer + AddressSanitizer) and runs it.
#   Fuzz/run-edl-gen-fuzz.sh [RUNS] [extra libFuzzer flags...]
# RUNS defaults to 1000000. Seeds: every .edl fixture (and the SDK's runtime EDL); new
# inputs go to .build/edl-gen-fuzz/corpus, crashes to .build/edl-gen-fuzz/crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-1000000}"
shift || true
OUT=.build/edl-gen-fuzz
mkdir -p "$OUT/corpus" "$OUT/seeds"
find Tests/SGXEDLTests/Fixtures Tests/EDLBridgeTests/Enclaves Sources/SGXTrusted/Runtime Sources/hello-enclave \
    -name '*.edl' | while read -r f; do
    cp "$f" "$OUT/seeds/$(echo "$f" | tr '/' '_')"
done
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name EDLGenFuzz -o "$OUT/edl-gen-fuzz" \
    Sources/SGXEDL/*.swift Fuzz/EDLGenFuzz/EDLGenFuzz.swift
exec "$OUT/edl-gen-fuzz" -runs="$RUNS" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$OUT/" -print_final_stats=1 "$@" "$OUT/corpus" "$OUT/seeds"
