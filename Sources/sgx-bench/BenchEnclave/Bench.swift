// The enclave side of sgx-bench.
import SGXTrusted
import SGXTypes

func ecall_empty() {}

/// Makes `count` empty OCALLs; returns how many succeeded (the host checks it after timing).
func ecall_ocalls(_ count: UInt64) -> UInt64 {
    var done: UInt64 = 0
    for _ in 0..<count {
        do { try ocall_empty() } catch { return done }
        done &+= 1
    }
    return done
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
        do {
            check &+= UInt64(try AESGCM.seal(megabyte, using: benchKey, nonce: benchNonce).tag[0])
        } catch {
            return UInt64.max // never a sum of tag bytes for the round counts sgx-bench uses
        }
    }
    return check
}

func ecall_mutex_rounds(_ rounds: UInt64) -> UInt64 {
    for _ in 0..<rounds { benchMutex.withLock { benchCounter &+= 1 } }
    return benchCounter
}
