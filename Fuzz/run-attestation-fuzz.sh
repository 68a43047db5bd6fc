#!/usr/bin/env bash
# Builds the quote verifier's collateral/CRL/certificate fuzzer (libFuzzer + ASan) and runs
# one of its targets.
#   Fuzz/run-attestation-fuzz.sh TARGET [RUNS] [extra libFuzzer flags...]
# TARGET: collateral | crl | certificate | ratls. RUNS defaults to 1000000.
#
# Only Sources/SGXAttestation/*.swift and the harness are compiled with
# -sanitize=fuzzer,address (coverage and ASan where the parsing is); SGXTypes, swift-crypto,
# swift-certificates and swift-asn1 are linked from an ordinary SwiftPM debug build (the one
# `swift build`/`swift test` already made), so nothing big is compiled twice. Set
# SWIFT_SGX_FUZZ_SCRATCH to that build's --scratch-path (default .build); it is built first
# if needed (`swift build --target SGXAttestation`).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${1:?usage: $0 collateral|crl|certificate|ratls [RUNS] [libFuzzer flags...]}"; shift
RUNS="${1:-1000000}"; shift || true
SCRATCH="${SWIFT_SGX_FUZZ_SCRATCH:-.build}"
OUT=.build/attestation-fuzz
mkdir -p "$OUT/$TARGET-corpus" "$OUT/$TARGET-seeds"

BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)"
if [ ! -f "$BIN/Modules/SGXAttestation.swiftmodule" ] || [ ! -d "$BIN/X509.build" ]; then
    swift build --scratch-path "$SCRATCH" --target SGXAttestation
fi
# Rebuild the fuzzer only when its inputs changed.
BINARY="$OUT/attestation-fuzz"
if [ ! -x "$BINARY" ] || [ -n "$(find Sources/SGXAttestation Fuzz/AttestationFuzz "$BIN/Modules/SGXTypes.swiftmodule" -newer "$BINARY" -print -quit)" ]; then
    OBJECTS=()
    for module in SGXTypes Crypto CryptoExtras _CryptoExtras CryptoBoringWrapper CCryptoBoringSSL CCryptoBoringSSLShims \
                  CXKCP CXKCPShims X509 _CertificateInternals SwiftASN1; do
        if [ -d "$BIN/$module.build" ]; then
            while IFS= read -r -d '' object; do OBJECTS+=("$object"); done \
                < <(find "$BIN/$module.build" -name '*.o' -print0)
        fi
    done
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name AttestationFuzz \
        -I "$BIN/Modules" -o "$BINARY" \
        Sources/SGXAttestation/*.swift Fuzz/AttestationFuzz/AttestationFuzz.swift \
        "${OBJECTS[@]}" -lstdc++
fi

# Seeds from the DCAP fixtures (Intel, Phala, Fortanix collateral; Tests/SGXAttestationTests).
FIXTURES=Tests/SGXAttestationTests/Fixtures/dcap
case "$TARGET" in
collateral) SEEDS=$(find "$FIXTURES" -name '*.json' -o -name '*.tcb' -o -name '*.id') ;;
crl)        SEEDS=$(find "$FIXTURES" -name '*rl*.der' -o -name '*rl*.pem' -o -name '*.crl') ;;
certificate) SEEDS=$(find "$FIXTURES" -name '*.pem' -o -name '*.cert' -o -name '*.der' -o -name '*cert_chain*.bin') ;;
ratls)      SEEDS=$(find Tests/SGXAttestationRATLSTests/Fixtures/ratls -name '*.der' -o -name '*.bin') ;;
*) echo "unknown target $TARGET" >&2; exit 2 ;;
esac
for seed in $SEEDS; do cp "$seed" "$OUT/$TARGET-seeds/$(echo "$seed" | tr '/' '_')"; done
if [ "$TARGET" = ratls ]; then
    # Extension values of all three formats around the Open Enclave fixture's quote: the OE
    # value as is, the bare quote (legacy), and a DICE tag-60000 [quote, claims] value.
    python3 - "$OUT/ratls-seeds" Tests/SGXAttestationRATLSTests/Fixtures/ratls/openenclave-negative/sgx_report_bad.bin <<'PY'
import hashlib, sys
out, report = sys.argv[1], open(sys.argv[2], 'rb').read()
quote = report[16:]
def head(major, n):
    m = major << 5
    if n < 24: return bytes([m | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size): return bytes([m | info]) + n.to_bytes(size, 'big')
def bstr(b): return head(2, len(b)) + b
inner = head(4, 2) + head(0, 1) + bstr(hashlib.sha256(b'spki').digest())
claims = head(5, 1) + head(3, 11) + b'pubkey-hash' + bstr(inner)
open(out + '/dice-value.bin', 'wb').write(head(6, 60000) + head(4, 2) + bstr(quote) + bstr(claims))
open(out + '/legacy-value.bin', 'wb').write(quote)
PY
fi

export ATTESTATION_FUZZ_TARGET="$TARGET"
exec "$BINARY" -runs="$RUNS" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$OUT/$TARGET-" -print_final_stats=1 "$@" "$OUT/$TARGET-corpus" "$OUT/$TARGET-seeds"
