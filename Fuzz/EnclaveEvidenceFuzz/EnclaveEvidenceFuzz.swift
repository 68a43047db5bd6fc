// libFuzzer target over the enclave's own RA-TLS evidence reader
// (Sources/SGXTrusted/RATLSEvidence.swift: the DICE tag-60000 wrapper, its claims map and
// the CBOR reader), which runs inside the enclave on certificates from TLS peers. It is
// compiled for the host, with the SGXTypes sources, by Fuzz/run-enclave-evidence-fuzz.sh.
// Legacy evidence is the quote itself (the quote fuzzer covers its parser), and the
// certificate itself is parsed by BoringSSL in the enclave.
//
// Properties checked on every input:
// * parsing never crashes (ASan + Swift runtime checks): it throws SGXError with a detail,
//   or returns contents;
// * what parses holds a 32-byte key hash, and re-encoding its quote and claims with the
//   enclave's writer parses back to the same contents.

@_cdecl("LLVMFuzzerTestOneInput")
public func enclaveEvidenceFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let contents: RATLSEvidence.DICEContents
    do {
        contents = try RATLSEvidence.parseDICE(bytes)
    } catch {
        precondition(!error.detail.isEmpty, "parse errors must say what is wrong")
        return 0
    }
    precondition(contents.publicKeyHash.count == 32, "a parsed pubkey-hash is 32 bytes")
    let encoded = RATLSEvidence.diceExtensionValue(quote: contents.quote, claims: contents.claims)
    do {
        let again = try RATLSEvidence.parseDICE(encoded)
        precondition(again.quote == contents.quote && again.claims == contents.claims
                     && again.publicKeyHash == contents.publicKeyHash, "re-encoded evidence parses differently")
    } catch {
        preconditionFailure("the writer's encoding of parsed evidence does not parse: \(error.detail)")
    }
    return 0
}
