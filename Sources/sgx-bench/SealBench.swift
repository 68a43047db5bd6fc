// sgx-bench rows for sealing, report verification and local attestation (issue 5).
// SIMULATION MODE: EGETKEY/EREPORT are runtime OCALLs to the simulated CPU here.
import BenchReport
import CNIOBoringSSL
import Crypto
import Foundation
import SGXHost
import SGXTypes

/// seal-1MiB / unseal-1MiB (against the same BoringSSL's AES-128-GCM on the host, target: ratio
/// <= 1.2, i.e. at least 83% of the host's throughput); ereport-verify (against one AES-CMAC
/// of a REPORT body on the host, the MAC the verification recomputes) and dh-session (against
/// the key agreement inside an sgx_dh exchange done on the host: two P-256 key pairs and two
/// ECDH shared secrets with swift-crypto).
func sealBenchRows(_ enclave: borrowing Enclave) throws -> [BenchRow] {
    func check(_ status: UInt32, _ what: String) throws {
        guard status == 0 else { throw SGXError(SGXStatus(rawValue: status) ?? .unexpected, what) }
    }
    /// ns per operation of one ECALL that repeats it `rounds` times and returns a status.
    func enclaveRound(_ rounds: UInt64, _ call: () throws -> UInt32, _ what: String) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let status = try call()
        let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(rounds)
        try check(status, what)
        return ns
    }
    var rows: [BenchRow] = []
    let size = 1 << 20
    let plaintext = [UInt8](repeating: 0x5a, count: size)
    let key = try HostAESGCM(key: [UInt8](repeating: 0x3c, count: 16))
    let nonce = [UInt8](repeating: 0, count: 12)
    var sink = 0
    let rounds: UInt64 = 8

    let (seal, hostSeal) = try interleaved(ours: {
        try enclaveRound(rounds, { try enclave.ecall_seal_rounds(UInt64(size), rounds) }, "seal")
    }, baseline: {
        try round(Int(rounds)) { sink &+= try key.seal(plaintext, nonce: nonce).count }
    })
    try expectWork(sink == Int(rounds) * benchRounds * (size + HostAESGCM.tagSize), "host seal output sizes")
    rows.append(BenchRow(name: "seal-1MiB", ours: seal, baseline: hostSeal, baselineName: "BoringSSL AES-128-GCM seal 1 MiB on the host",
                         note: "target <= 1.2 (>= 83% of the host's throughput)"))

    try check(try enclave.ecall_unseal_prepare(UInt64(size)), "unseal prepare")
    let box = try key.seal(plaintext, nonce: nonce)
    sink = 0
    let (unseal, hostOpen) = try interleaved(ours: {
        try enclaveRound(rounds, { try enclave.ecall_unseal_rounds(rounds) }, "unseal")
    }, baseline: {
        try round(Int(rounds)) { sink &+= try key.open(box, nonce: nonce).count }
    })
    try expectWork(sink == Int(rounds) * benchRounds * size, "host open output sizes")
    rows.append(BenchRow(name: "unseal-1MiB", ours: unseal, baseline: hostOpen, baselineName: "BoringSSL AES-128-GCM open 1 MiB on the host",
                         note: "target <= 1.2 (>= 83% of the host's throughput)"))

    // ereport-verify: EGETKEY(REPORT) + AES-CMAC over the 384-byte body + compare, in the
    // enclave. Baseline: the CMAC alone with the same BoringSSL on the host.
    let verifyRounds: UInt64 = 200
    let reportBody = [UInt8](repeating: 0x6b, count: 384)
    let cmacKey = [UInt8](repeating: 0x2d, count: 16)
    var mac = [UInt8](repeating: 0, count: 16)
    var macs = 0
    let (verify, hostCMAC) = try interleaved(ours: {
        try enclaveRound(verifyRounds, { try enclave.ecall_report_verify_rounds(verifyRounds) }, "verify")
    }, baseline: {
        round(Int(verifyRounds)) { macs += Int(AES_CMAC(&mac, cmacKey, 16, reportBody, reportBody.count)) }
    })
    try expectWork(macs == Int(verifyRounds) * benchRounds, "host AES_CMAC failed \(Int(verifyRounds) * benchRounds - macs) times")
    rows.append(BenchRow(name: "ereport-verify", ours: verify, baseline: hostCMAC, baselineName: "one AES-CMAC of a REPORT body on the host (BoringSSL)",
                         note: String(format: "%.2f µs per verification (EGETKEY is a simulated-CPU OCALL here)", verify.median / 1000)))

    // dh-session: a complete sgx_dh exchange with itself (both roles: two key pairs, two
    // ECDH, two REPORTs made and verified, the message MACs). Baseline: its key agreement.
    let sessions: UInt64 = 20
    var agreed = 0
    let (dh, hostECDH) = try interleaved(ours: {
        try enclaveRound(sessions, { try enclave.ecall_dh_sessions(sessions) }, "dh")
    }, baseline: {
        try round(Int(sessions)) {
            let a = P256.KeyAgreement.PrivateKey(), b = P256.KeyAgreement.PrivateKey()
            let ab = try a.sharedSecretFromKeyAgreement(with: b.publicKey)
            let ba = try b.sharedSecretFromKeyAgreement(with: a.publicKey)
            if ab == ba { agreed += 1 }
        }
    })
    try expectWork(agreed == Int(sessions) * benchRounds, "host ECDH agreed \(agreed) times")
    rows.append(BenchRow(name: "dh-session", ours: dh, baseline: hostECDH,
                         baselineName: "two P-256 key pairs + two ECDH on the host (swift-crypto)",
                         note: String(format: "%.1f µs per sgx_dh session (both roles)", dh.median / 1000)))
    if mac == [UInt8](repeating: 0, count: 16) { print("") }
    return rows
}
