// The enclave side of sgx-bench.
import SGXTrusted
import SGXTypes

nonisolated(unsafe) var benchEmptyCalls: UInt64 = 0

func ecall_empty() { benchEmptyCalls &+= 1 }

func ecall_empty_count() -> UInt64 { benchEmptyCalls }

func ecall_ocalls(_ count: UInt64) -> UInt64 {
    var succeeded: UInt64 = 0
    for _ in 0..<count {
        do {
            try ocall_empty()
            succeeded &+= 1
        } catch {}
    }
    return succeeded
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
            let box = try AESGCM.seal(megabyte, using: benchKey, nonce: benchNonce)
            check &+= UInt64(box.tag[0])
        } catch {
            return .max // the host's check (rounds x tag[0]) cannot match
        }
    }
    return check
}

func ecall_aesgcm_tag(_ tag: inout [UInt8]) {
    do {
        tag = Array(try AESGCM.seal(megabyte, using: benchKey, nonce: benchNonce).tag.prefix(16))
    } catch {
        // The tag stays zeros, which the host's check does not accept.
    }
}

func ecall_mutex_rounds(_ rounds: UInt64) -> UInt64 {
    for _ in 0..<rounds { benchMutex.withLock { benchCounter &+= 1 } }
    return benchCounter
}
