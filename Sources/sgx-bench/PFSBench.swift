import BenchReport
import Foundation
import SGXHost
import SGXTypes

#if canImport(Glibc)
import Glibc
#endif

/// pfs-write-64MiB / pfs-read-64MiB: a protected file (user KDK, default 48-node cache)
/// written in the enclave with 4 KiB writes, flushed and closed, then read back with 4 KiB
/// reads (BenchEnclave/PFSBench.swift). Baseline: the host writing and reading the same
/// 64 MiB to a plain file in the same directory with 4 KiB write(2)/read(2) calls. Neither
/// side fsyncs (a protected file's flush does not unless opened `durable`). Target: ratio <= 2.
func pfsBenchRows(_ enclave: borrowing Enclave) throws -> [BenchRow] {
    let directory = NSTemporaryDirectory() + "sgx-bench-pfs-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let protectedPath = directory + "/protected.bin"
    let plainPath = directory + "/plain.bin"
    let size: UInt64 = 64 << 20
    let piece: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    // Both sides sum the first and last byte of every 4 KiB piece they read.
    let expectedSum = (UInt64(piece[0]) + UInt64(piece[4095])) * (size / 4096)
    let rounds = 5

    func check(_ status: UInt32, _ what: String) throws {
        guard status == 0 else { throw SGXError(SGXStatus(rawValue: status) ?? .unexpected, what) }
    }
    func timed(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start)
    }

    let (write, plainWrite) = try interleaved(rounds: rounds, ours: {
        try timed { try check(try enclave.ecall_pfs_write(protectedPath, size), "protected write") }
    }, baseline: {
        try timed {
            let fd = open(plainPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw BenchFailure("cannot create \(plainPath)") }
            defer { close(fd) }
            try piece.withUnsafeBytes { raw in
                for _ in 0..<(size / 4096) {
                    guard Glibc.write(fd, raw.baseAddress, 4096) == 4096 else { throw BenchFailure("plain write failed") }
                }
            }
        }
    })
    let protectedBytes = try FileManager.default.attributesOfItem(atPath: protectedPath)[.size] as? UInt64
    try expectWork(protectedBytes == ProtectedFileFormat.physicalNodeCount(plaintextSize: size) * 4096,
                   "protected file is \(protectedBytes ?? 0) bytes")

    var plainSum: UInt64 = 0
    var protectedSum: UInt64 = 0
    let (read, plainRead) = try interleaved(rounds: rounds, ours: {
        try timed { try check(try enclave.ecall_pfs_read(protectedPath, size, &protectedSum), "protected read") }
    }, baseline: {
        try timed {
            let fd = open(plainPath, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw BenchFailure("cannot open \(plainPath)") }
            defer { close(fd) }
            var buffer = [UInt8](repeating: 0, count: 4096)
            var total: UInt64 = 0
            while true {
                let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 4096) }
                guard got > 0 else { break }
                total &+= UInt64(buffer[0]) &+ UInt64(buffer[got - 1])
            }
            plainSum = total
        }
    })
    try expectWork(protectedSum == expectedSum && plainSum == expectedSum,
                   "byte sums: protected \(protectedSum), plain \(plainSum), expected \(expectedSum)")
    return [
        BenchRow(name: "pfs-write-64MiB", ours: write, baseline: plainWrite,
                 baselineName: "plain file, 64 MiB in 4 KiB write(2)s on the host",
                 note: String(format: "target <= 2.0; %.0f MB/s protected", Double(size) / write.median * 1000)),
        BenchRow(name: "pfs-read-64MiB", ours: read, baseline: plainRead,
                 baselineName: "plain file, 64 MiB in 4 KiB read(2)s on the host",
                 note: String(format: "target <= 2.0; %.0f MB/s protected", Double(size) / read.median * 1000)),
    ]
}
