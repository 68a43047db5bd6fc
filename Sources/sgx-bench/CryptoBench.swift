import BenchReport
import Crypto
import Foundation
import SGXHost
import SGXTypes
import Synchronization

/// sha256-1MiB (enclave BoringSSL against swift-crypto's SHA-256 on the host), aes-gcm-1MiB
/// (against the same BoringSSL's AES-GCM on the host, HostBoringSSL.swift), targets: ratio
/// <= 1.11, i.e. at least 90% of the host's throughput; and mutex-uncontended (ns per
/// lock/unlock inside the enclave against Synchronization.Mutex on the host).
func cryptoAndSyncRows(_ enclave: borrowing Enclave) throws -> [BenchRow] {
    let megabyte: [UInt8] = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    var rows: [BenchRow] = []
    var sink: UInt64 = 0

    // Each enclave round is one ECALL looping `rounds` times inside; its checksum is the
    // sum of one byte per result, which the host recomputes.
    let shaRounds: UInt64 = 20
    let digest = Array(Crypto.SHA256.hash(data: megabyte))
    _ = try enclave.ecall_sha256_rounds(1) // warm up (lazy 1 MiB buffer)
    let (shaEnclave, shaHost) = try interleaved(ours: {
        let start = DispatchTime.now().uptimeNanoseconds
        let check = try enclave.ecall_sha256_rounds(shaRounds)
        let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(shaRounds)
        try expectWork(check == shaRounds * UInt64(digest[0]), "enclave SHA-256 checksum \(check)")
        return ns
    }, baseline: {
        round(Int(shaRounds)) { sink &+= UInt64(Array(Crypto.SHA256.hash(data: megabyte))[0]) }
    })
    rows.append(BenchRow(name: "sha256-1MiB", ours: shaEnclave, baseline: shaHost, baselineName: "swift-crypto SHA256 on the host",
                         note: "target <= 1.11 (>= 90% of the host's throughput)"))

    let gcmRounds: UInt64 = 50
    let hostKey = try HostAESGCM(key: [UInt8](repeating: 0x42, count: 16))
    let nonce = [UInt8](repeating: 7, count: 12)
    let hostTag = Array(try hostKey.seal(megabyte, nonce: nonce).suffix(HostAESGCM.tagSize))
    var enclaveTag = [UInt8](repeating: 0, count: 16)
    try enclave.ecall_aesgcm_tag(&enclaveTag)
    try expectWork(enclaveTag == hostTag, "the enclave's AES-GCM tag differs from the host BoringSSL's")
    let (gcmEnclave, gcmHost) = try interleaved(ours: {
        let start = DispatchTime.now().uptimeNanoseconds
        let check = try enclave.ecall_aesgcm_rounds(gcmRounds)
        let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(gcmRounds)
        try expectWork(check == gcmRounds * UInt64(hostTag[0]), "enclave AES-GCM checksum \(check)")
        return ns
    }, baseline: {
        try round(Int(gcmRounds)) { sink &+= UInt64(try hostKey.seal(megabyte, nonce: nonce)[1 << 20]) }
    })
    rows.append(BenchRow(name: "aes-gcm-1MiB", ours: gcmEnclave, baseline: gcmHost, baselineName: "BoringSSL AES-128-GCM seal on the host",
                         note: "target <= 1.11 (>= 90% of the host's throughput)"))

    let mutexRounds: UInt64 = 1_000_000
    let hostMutex = Synchronization.Mutex<UInt64>(0)
    var enclaveCounter = try enclave.ecall_mutex_rounds(0)
    let (mutexEnclave, mutexHost) = try interleaved(ours: {
        let start = DispatchTime.now().uptimeNanoseconds
        let counter = try enclave.ecall_mutex_rounds(mutexRounds)
        let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(mutexRounds)
        try expectWork(counter == enclaveCounter + mutexRounds, "enclave mutex counter \(counter)")
        enclaveCounter = counter
        return ns
    }, baseline: {
        round(Int(mutexRounds)) { hostMutex.withLock { $0 &+= 1 } }
    })
    try expectWork(hostMutex.withLock { $0 } == mutexRounds * UInt64(benchRounds), "host mutex counter")
    rows.append(BenchRow(name: "mutex-uncontended", ours: mutexEnclave, baseline: mutexHost, baselineName: "Synchronization.Mutex on the host",
                         note: "ns per lock+unlock"))
    if sink == 42 { print("") }
    return rows
}
