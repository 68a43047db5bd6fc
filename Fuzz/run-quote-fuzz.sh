#!/usr/bin/env bash
# Builds and runs the libFuzzer target over the DCAP quote parser.
# Usage: Fuzz/run-quote-fuzz.sh [RUNS] [extra libFuzzer flags...]   (default 1000000 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-1000000}"; shift || true
OUT=.build/fuzz
mkdir -p "$OUT/quote-corpus"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name QuoteFuzz \
    Sources/SGXTypes/*.swift Fuzz/QuoteFuzz/QuoteFuzz.swift -o "$OUT/quote-fuzz"
# Seed with the fixture quotes (v3, certification data types 1, 3 and 5).
for quote in Tests/SGXAttestationTests/Fixtures/dcap/*/quote*.bin Tests/SGXAttestationTests/Fixtures/dcap/*/quote.dat; do
    cp "$quote" "$OUT/quote-corpus/$(basename "$(dirname "$quote")")-$(basename "$quote")"
done
exec "$OUT/quote-fuzz" "$OUT/quote-corpus" -runs="$RUNS" -max_len=8192 -print_final_stats=1 "$@"
