import BenchReport
import Crypto
import Foundation
import SGXHost
import SGXTypes
import Synchronization

/// aes-gcm-1MiB, sha256-1MiB (enclave BoringSSL against swift-crypto's SHA-256 and the same BoringSSL's AES-GCM on
/// the host (HostBoringSSL.swift), target:
/// ratio <= 1.11, i.e. at least 90% of the host's throughput) and mutex-uncontended (ns per
/// lock/unlock inside the enclave against Synchronization.Mutex on the host).
func cryptoAndSyncRows(_ enclave: borrowing Enclave) throws -> [BenchRow] {
    let megabyte: [UInt8] = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    var rows: [BenchRow] = []
    var sink: UInt64 = 0

    /// ns per round of an ECALL that loops `rounds` times inside the enclave.
    func enclaveRounds(_ rounds: UInt64, _ call: (UInt64) throws(SGXError) -> UInt64) throws -> Spread {
        try measure(iterations: 1, rounds: 5) { sink &+= try call(rounds) }.map { $0 / Double(rounds) }
    }

    _ = try enclave.ecall_sha256_rounds(1) // warm up (lazy 1 MiB buffer)
    let shaEnclave = try enclaveRounds(20) { (n) throws(SGXError) in try enclave.ecall_sha256_rounds(n) }
    let shaHost = measure(iterations: 20, rounds: 5) { sink &+= UInt64(Array(Crypto.SHA256.hash(data: megabyte))[0]) }
    // After timing: the enclave hashed the same megabyte to the same digest byte.
    let digestByte = UInt64(Array(Crypto.SHA256.hash(data: megabyte))[0])
    guard try enclave.ecall_sha256_rounds(3) == 3 * digestByte else { throw BenchFailure("sha256-1MiB: the enclave's digest differs from the host's") }
    rows.append(BenchRow(name: "sha256-1MiB", spread: shaEnclave, baselineSpread: shaHost, baselineName: "swift-crypto SHA256 on the host", note: "target <= 1.11 (>= 90% of the host's throughput)"))

    _ = try enclave.ecall_aesgcm_rounds(1)
    let gcmEnclave = try enclaveRounds(50) { (n) throws(SGXError) in try enclave.ecall_aesgcm_rounds(n) }
    let hostKey = try HostAESGCM(key: [UInt8](repeating: 0x42, count: 16))
    let nonce = [UInt8](repeating: 7, count: 12)
    let gcmHost = try measure(iterations: 50, rounds: 5) {
        sink &+= UInt64(try hostKey.seal(megabyte, nonce: nonce)[1 << 20])
    }
    // After timing: the enclave's tag (same key, nonce, plaintext) equals the host's.
    let tagByte = UInt64(try hostKey.seal(megabyte, nonce: nonce)[1 << 20])
    guard try enclave.ecall_aesgcm_rounds(3) == 3 * tagByte else { throw BenchFailure("aes-gcm-1MiB: the enclave's tag differs from the host's (or a seal failed)") }
    rows.append(BenchRow(name: "aes-gcm-1MiB", spread: gcmEnclave, baselineSpread: gcmHost, baselineName: "BoringSSL AES-128-GCM seal on the host", note: "target <= 1.11 (>= 90% of the host's throughput)"))

    let counterBefore = try enclave.ecall_mutex_rounds(0)
    let mutexEnclave = try enclaveRounds(1_000_000) { (n) throws(SGXError) in try enclave.ecall_mutex_rounds(n) }
    guard try enclave.ecall_mutex_rounds(0) == counterBefore + 5 * 1_000_000 else { throw BenchFailure("mutex-uncontended: the enclave's counter missed increments") }
    let hostMutex = Synchronization.Mutex<UInt64>(0)
    let mutexHost = measure(iterations: 1_000_000) { hostMutex.withLock { $0 &+= 1 } }
    guard hostMutex.withLock({ $0 }) == 7 * 1_000_000 else { throw BenchFailure("mutex-uncontended: the host's counter missed increments") }
    rows.append(BenchRow(name: "mutex-uncontended", spread: mutexEnclave, baselineSpread: mutexHost, baselineName: "Synchronization.Mutex on the host", note: "ns per lock+unlock"))
    if sink == 42 { print("") }
    return rows
}
