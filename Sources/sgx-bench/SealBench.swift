// sgx-bench rows for sealing, report verification and local attestation (issue 5).
// SIMULATION MODE: EGETKEY/EREPORT are runtime OCALLs to the simulated CPU here.
import _CryptoExtras
import BenchReport
import Crypto
import Foundation
import SGXHost
import SGXTypes

/// seal-1MiB / unseal-1MiB (against the same BoringSSL's AES-128-GCM on the host, target: ratio
/// <= 1.18, i.e. at least 85% of the host's throughput); ereport-verify against the host
/// computing the same AES-128-CMAC over a REPORT body and comparing it; dh-session against
/// the host doing the session's P-256 work (two key pairs, two ECDH agreements).
func sealBenchRows(_ enclave: borrowing Enclave) throws -> [BenchRow] {
    func check(_ status: UInt32, _ what: String) throws {
        guard status == 0 else { throw SGXError(SGXStatus(rawValue: status) ?? .unexpected, what) }
    }
    var rows: [BenchRow] = []
    let size = 1 << 20
    let plaintext = [UInt8](repeating: 0x5a, count: size)
    let key = try HostAESGCM(key: [UInt8](repeating: 0x3c, count: 16))
    let nonce = [UInt8](repeating: 0, count: 12)
    var sink = 0
    let hostSeal = try measure(iterations: 8) {
        sink &+= try key.seal(plaintext, nonce: nonce).count
    }
    let box = try key.seal(plaintext, nonce: nonce)
    let hostOpen = try measure(iterations: 8) {
        sink &+= try key.open(box, nonce: nonce).count
    }
    guard sink == 7 * 8 * (2 * size + 16) else { throw BenchFailure("host seal/open produced other lengths") }
    let rounds: UInt64 = 8
    // Each ECALL returns the first failure's status: check() throws it, inside the timed loop
    // too (nothing is swallowed).
    let seal = try measure(iterations: 1) { try check(try enclave.ecall_seal_rounds(UInt64(size), rounds), "seal") }
        .map { $0 / Double(rounds) }
    rows.append(BenchRow(name: "seal-1MiB", spread: seal, baselineSpread: hostSeal, baselineName: "BoringSSL AES-128-GCM seal 1 MiB on the host", note: "target <= 1.18 (>= 85% of the host's throughput)"))
    try check(try enclave.ecall_unseal_prepare(UInt64(size)), "unseal prepare")
    let unseal = try measure(iterations: 1) { try check(try enclave.ecall_unseal_rounds(rounds), "unseal") }
        .map { $0 / Double(rounds) }
    rows.append(BenchRow(name: "unseal-1MiB", spread: unseal, baselineSpread: hostOpen, baselineName: "BoringSSL AES-128-GCM open 1 MiB on the host", note: "target <= 1.18 (>= 85% of the host's throughput)"))

    // ereport-verify: the enclave gets its report key (EGETKEY) and recomputes the REPORT's
    // CMAC. Baseline: the same AES-128-CMAC over a 384-byte REPORT body and a constant-time
    // compare on the host, with the key already at hand.
    let verifyRounds: UInt64 = 200
    let verify = try measure(iterations: 1) { try check(try enclave.ecall_report_verify_rounds(verifyRounds), "verify") }
        .map { $0 / Double(verifyRounds) }
    let reportKey = SymmetricKey(data: [UInt8](repeating: 0x17, count: 16))
    let body = [UInt8](repeating: 0x2c, count: 384)
    var reference = try AES.CMAC(key: reportKey)
    reference.update(data: body)
    let expectedMAC = Array(reference.finalize())
    var matches = 0
    let hostCMAC = try measure(iterations: 2_000) {
        var cmac = try AES.CMAC(key: reportKey)
        cmac.update(data: body)
        let mac = Array(cmac.finalize())
        var difference: UInt8 = 0 // constant time, as the enclave compares
        for index in 0..<16 { difference |= mac[index] ^ expectedMAC[index] }
        if difference == 0 { matches += 1 }
    }
    guard matches == 7 * 2_000 else { throw BenchFailure("ereport-verify baseline: a CMAC differed") }
    rows.append(BenchRow(name: "ereport-verify", spread: verify, baselineSpread: hostCMAC, baselineName: "host AES-128-CMAC of a 384-byte REPORT body + compare",
                         note: String(format: "%.2f µs per verification; the enclave also runs EGETKEY (an OCALL to the simulated CPU)", verify.median / 1000)))

    // dh-session: a complete sgx_dh exchange inside the enclave, both roles. Baseline: its
    // public-key work on the host (two P-256 key pairs, two ECDH agreements).
    let sessions: UInt64 = 20
    let dh = try measure(iterations: 1) { try check(try enclave.ecall_dh_sessions(sessions), "dh") }.map { $0 / Double(sessions) }
    var agreed = 0
    let hostECDH = try measure(iterations: 50) {
        let responder = P256.KeyAgreement.PrivateKey(), initiator = P256.KeyAgreement.PrivateKey()
        let a = try responder.sharedSecretFromKeyAgreement(with: initiator.publicKey)
        let b = try initiator.sharedSecretFromKeyAgreement(with: responder.publicKey)
        if a == b { agreed += 1 }
    }
    guard agreed == 7 * 50 else { throw BenchFailure("dh-session baseline: an ECDH agreement differed") }
    rows.append(BenchRow(name: "dh-session", spread: dh, baselineSpread: hostECDH, baselineName: "host P-256: 2 key pairs + 2 ECDH agreements",
                         note: String(format: "%.1f µs per sgx_dh session (both roles; also CMACs and 2 EREPORT OCALLs)", dh.median / 1000)))
    if sink == 42 { print("") }
    return rows
}
