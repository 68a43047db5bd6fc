// The enclave's SHA256 (SGXTrusted/CryptoSHA.swift) calls the enclave's BoringSSL, which is
// not linked into this host fuzzer. The parser never hashes; only the writer's claim and
// report-data helpers do, and the harness does not call them. Any call is a harness bug.
enum SHA256 {
    static func hash(_ data: [UInt8]) -> [UInt8] {
        preconditionFailure("the evidence parser does not hash")
    }
}
