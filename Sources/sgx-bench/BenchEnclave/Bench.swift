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
