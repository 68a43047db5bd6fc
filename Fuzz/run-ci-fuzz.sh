#!/usr/bin/env bash
# CI smoke run of every fuzz target: build each harness (a build failure fails CI), then
# fuzz it for a few seconds from its seed corpus (a crash, ASan report, leak or timeout
# fails CI). Not a substitute for the long runs recorded in Fuzz/README.md.
#   Fuzz/run-ci-fuzz.sh [SECONDS per target, default 5]
# The attestation targets link the SwiftPM debug build in SWIFT_SGX_FUZZ_SCRATCH (default
# .build, which `swift test` has just made).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-5}"
FLAGS=(-max_total_time="$SECONDS_EACH")
run() {
    local name="$1"; shift
    local start=$SECONDS log=".build/ci-fuzz-$name.log"
    mkdir -p .build
    echo "== fuzz $name (${SECONDS_EACH}s)"
    local status=0
    "$@" 100000000 "${FLAGS[@]}" > "$log" 2>&1 || status=$?
    grep -E '^(Done [0-9]+ runs|stat::number_of_executed_units|INFO: Seed)' "$log" || true
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$log"
        echo "== fuzz $name FAILED (exit $status); full log: $log"
        exit "$status"
    fi
    echo "== fuzz $name: ok, $((SECONDS - start))s including the build"
}
run quote Fuzz/run-quote-fuzz.sh
run edl Fuzz/run-edl-fuzz.sh
run edl-gen Fuzz/run-edl-gen-fuzz.sh
run collateral Fuzz/run-attestation-fuzz.sh collateral
run crl Fuzz/run-attestation-fuzz.sh crl
run certificate Fuzz/run-attestation-fuzz.sh certificate
run ratls Fuzz/run-attestation-fuzz.sh ratls
run enclave-evidence Fuzz/run-enclave-evidence-fuzz.sh
