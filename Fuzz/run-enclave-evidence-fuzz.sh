#!/usr/bin/env bash
# Builds and runs the libFuzzer target over the enclave-side RA-TLS evidence reader
# (Sources/SGXTrusted/RATLSEvidence.swift, compiled for the host with the SGXTypes sources).
# Usage: Fuzz/run-enclave-evidence-fuzz.sh [RUNS] [extra libFuzzer flags...]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-1000000}"; shift || true
OUT=.build/enclave-evidence-fuzz
mkdir -p "$OUT/corpus" "$OUT/seeds"
# One module: the reader's `import SGXTypes` is dropped, the SGXTypes sources are compiled in.
sed '/^import SGXTypes$/d' Sources/SGXTrusted/RATLSEvidence.swift > "$OUT/RATLSEvidence.swift"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name EnclaveEvidenceFuzz \
    Sources/SGXTypes/*.swift "$OUT/RATLSEvidence.swift" Fuzz/EnclaveEvidenceFuzz/*.swift \
    -o "$OUT/enclave-evidence-fuzz"
# Seeds: DICE values around the Open Enclave fixture's quote (well formed, an extra claim,
# a non-shortest length head) and the raw quote.
python3 - "$OUT/seeds" Tests/SGXAttestationRATLSTests/Fixtures/ratls/openenclave-negative/sgx_report_bad.bin <<'PY'
import hashlib, sys
out, report = sys.argv[1], open(sys.argv[2], 'rb').read()
quote = report[16:]
def head(major, n):
    m = major << 5
    if n < 24: return bytes([m | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size): return bytes([m | info]) + n.to_bytes(size, 'big')
def bstr(b): return head(2, len(b)) + b
def tstr(s): return head(3, len(s)) + s
inner = head(4, 2) + head(0, 1) + bstr(hashlib.sha256(b'spki').digest())
claims = head(5, 1) + tstr(b'pubkey-hash') + bstr(inner)
extra = head(5, 2) + tstr(b'nonce') + head(4, 2) + head(0, 7) + bstr(b'x' * 5) + tstr(b'pubkey-hash') + bstr(inner)
def dice(q, c): return head(6, 60000) + head(4, 2) + bstr(q) + bstr(c)
open(out + '/dice.bin', 'wb').write(dice(quote, claims))
open(out + '/dice-extra-claim.bin', 'wb').write(dice(quote, extra))
open(out + '/dice-long-head.bin', 'wb').write(head(6, 60000) + head(4, 2) + bytes([0x5a]) + len(quote).to_bytes(4, 'big') + quote + bstr(claims))
open(out + '/raw-quote.bin', 'wb').write(quote)
PY
exec "$OUT/enclave-evidence-fuzz" -runs="$RUNS" -max_len=16384 -timeout=10 -artifact_prefix="$OUT/" \
    -print_final_stats=1 "$@" "$OUT/corpus" "$OUT/seeds"
