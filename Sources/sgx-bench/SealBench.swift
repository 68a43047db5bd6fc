// sgx-bench rows for sealing, report verification and local attestation (issue 5).
// SIMULATION MODE: EGETKEY/EREPORT are runtime OCALLs to the simulated CPU here.
import Crypto
import Foundation
import SGXHost
import SGXTypes

/// seal-1MiB / unseal-1MiB (against the same BoringSSL's AES-128-GCM on the host, target: ratio
/// <= 1.18, i.e. at least 85% of the host's throughput), ereport-verify and dh-session (µs in the note; baseline: empty ECALL).
func sealBenchRows(_ enclave: borrowing Enclave, emptyECallNs: Double) throws -> [BenchRow] {
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
    let rounds: UInt64 = 8
    let seal = try measure(iterations: 1) { try check(try enclave.ecall_seal_rounds(UInt64(size), rounds), "seal") }
        / Double(rounds)
    rows.append(BenchRow(name: "seal-1MiB", ns: seal, baselineNs: hostSeal, baselineName: "BoringSSL AES-128-GCM seal 1 MiB on the host", note: "target <= 1.18 (>= 85% of the host's throughput)"))
    try check(try enclave.ecall_unseal_prepare(UInt64(size)), "unseal prepare")
    let unseal = try measure(iterations: 1) { try check(try enclave.ecall_unseal_rounds(rounds), "unseal") }
        / Double(rounds)
    rows.append(BenchRow(name: "unseal-1MiB", ns: unseal, baselineNs: hostOpen, baselineName: "BoringSSL AES-128-GCM open 1 MiB on the host", note: "target <= 1.18 (>= 85% of the host's throughput)"))
    let verifyRounds: UInt64 = 200
    let verify = try measure(iterations: 1) { try check(try enclave.ecall_report_verify_rounds(verifyRounds), "verify") }
        / Double(verifyRounds)
    rows.append(BenchRow(name: "ereport-verify", ns: verify, baselineNs: emptyECallNs, baselineName: "empty ECALL", note: String(format: "%.2f µs per verification", verify / 1000)))
    let sessions: UInt64 = 20
    let dh = try measure(iterations: 1) { try check(try enclave.ecall_dh_sessions(sessions), "dh") } / Double(sessions)
    rows.append(BenchRow(name: "dh-session", ns: dh, baselineNs: emptyECallNs, baselineName: "empty ECALL", note: String(format: "%.1f µs per sgx_dh session (both roles)", dh / 1000)))
    if sink == 42 { print("") }
    return rows
}
