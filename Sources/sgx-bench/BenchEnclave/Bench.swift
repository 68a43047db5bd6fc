// The enclave side of sgx-bench.
import SGXTrusted
import SGXTypes

func ecall_empty() {}

func ecall_ocalls(_ count: UInt64) {
    for _ in 0..<count { try? ocall_empty() }
}

/// Touches the copied-in buffer so the copy cannot be skipped.
func ecall_in(_ buffer: [UInt8], _ len: Int) -> UInt64 {
    UInt64(buffer.count) &+ UInt64(buffer.first ?? 0) &+ UInt64(buffer.last ?? 0)
}

func ecall_inout(_ buffer: inout [UInt8], _ len: Int) {
    if !buffer.isEmpty { buffer[0] &+= 1 }
}

/// 1 MiB of enclave memory, made once.
let megabyte: [UInt8] = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
let benchKey = SymmetricKey(bytes: [UInt8](repeating: 0x42, count: 16))
let benchNonce = [UInt8](repeating: 7, count: 12)
let benchMutex = Mutex()
nonisolated(unsafe) var benchCounter: UInt64 = 0

func ecall_sha256_rounds(_ rounds: UInt64) -> UInt64 {
    var check: UInt64 = 0
    for _ in 0..<rounds { check &+= UInt64(SHA256.hash(megabyte)[0]) }
    return check
}

func ecall_aesgcm_rounds(_ rounds: UInt64) -> UInt64 {
    var check: UInt64 = 0
    for _ in 0..<rounds {
        guard let box = try? AESGCM.seal(megabyte, using: benchKey, nonce: benchNonce) else { return 0 }
        check &+= UInt64(box.tag[0])
    }
    return check
}

func ecall_mutex_rounds(_ rounds: UInt64) -> UInt64 {
    for _ in 0..<rounds { benchMutex.withLock { benchCounter &+= 1 } }
    return benchCounter
}
