// Test enclave for the adversarial-host tests (BoundaryTests.swift): each ECALL exercises
// one part of the enclave boundary. Frames are raw UntrustedBuffers of u64 fields, as in
// the Basic enclave (this tests the runtime below the EDL layer).
import SGXTrusted

/// FNV-1a over bytes: a checksum the host recomputes.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
}

/// A heap block written with a known pattern before a test's copies and checked after:
/// a copy that ran backwards (DF = 1) or past its end would change it.
final class HeapCanary {
    let bytes: [UInt8]
    init() { bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) } }
    var intact: Bool {
        for i in 0..<bytes.count where bytes[i] != UInt8(truncatingIfNeeded: i &* 7 &+ 3) { return false }
        return true
    }
}

/// Work whose result depends on the rounding mode and flush-to-zero / denormals-are-zero
/// (MXCSR). The operands come from the host, so nothing is folded at compile time.
@inline(never)
func floatingPointProbe(_ a: Double, _ b: Double, _ tiny: Double, _ c: Double, _ d: Double) -> [UInt64] {
    let quotient = a / b
    let subnormal = tiny * b
    let sum = c + d
    let single = Float(a) / Float(b)
    let root = (a + d) * b - tiny
    return [quotient.bitPattern, subnormal.bitPattern, sum.bitPattern, UInt64(single.bitPattern), root.bitPattern]
}

/// AES-GCM over a buffer with a fixed key: leaves key schedule and data in vector registers
/// (AES-NI/PCLMUL/AVX code in BoringSSL) unless the exit path scrubs them.
@inline(never)
func aesWork() -> UInt64 {
    let key = SymmetricKey(bytes: [UInt8](repeating: 0x11, count: 16))
    let box = try? AESGCM.seal([UInt8](repeating: 0x22, count: 4096), using: key, nonce: [UInt8](repeating: 0x33, count: 12))
    return fnv1a(box?.tag ?? [])
}

/// Extended-precision (x87) work, in C (x87_probe.c): Embedded Swift has no Float80.
@_extern(c, "boundary_x87_probe")
func boundary_x87_probe(_ rounds: UInt64, _ out: UnsafeMutablePointer<UInt64>)

@inline(never)
func nestedOCall(_ depth: UInt64) -> UInt32 {
    ocall(1, frameSize: 16, prepare: { $0.store(depth, at: 0) }) { status, _ in status }
}

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    switch index {
    case 0: // empty
        return 0
    case 1: // copies: frame {u64 src, u64 len, u64 dst, u64 checksum out, u64 ocall first}
        guard let frame = UntrustedBuffer(raw, count: 40),
              let src = frame.load(UInt64.self, at: 0), let len = frame.load(UInt64.self, at: 8),
              let dst = frame.load(UInt64.self, at: 16), let first = frame.load(UInt64.self, at: 32),
              len <= 1 << 20, len >= 16,
              let input = UntrustedBuffer(address: UInt(src), count: Int(len)),
              let output = UntrustedBuffer(address: UInt(dst), count: Int(len)) else { return 2 }
        if first != 0 {
            let status: UInt32 = ocall(0, frameSize: 16, prepare: { $0.store(UInt64(7), at: 0) }) { status, _ in status }
            guard status == 0 else { return status }
        }
        let canary = HeapCanary()
        guard let bytes = input.copyIn(length: Int(len)) else { return 2 }
        var copy = [UInt8](repeating: 0, count: bytes.count)
        copy.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in target.copyMemory(from: source) }
        }
        // Unaligned loads: fault with RFLAGS.AC = 1 (Linux sets CR0.AM) unless entry cleared it.
        var unaligned: UInt64 = 0
        copy.withUnsafeBytes { for offset in stride(from: 1, to: $0.count - 8, by: 7) { unaligned &+= $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) } }
        output.copyOut(copy)
        frame.store(fnv1a(copy) ^ unaligned, at: 24)
        return canary.intact && copy == bytes ? 0 : 1
    case 2: // floating point: frame {5 x f64 operands in, 5 x u64 results out}
        guard let frame = UntrustedBuffer(raw, count: 40),
              let a = frame.load(UInt64.self, at: 0), let b = frame.load(UInt64.self, at: 8),
              let tiny = frame.load(UInt64.self, at: 16), let c = frame.load(UInt64.self, at: 24),
              let d = frame.load(UInt64.self, at: 32) else { return 2 }
        let results = floatingPointProbe(Double(bitPattern: a), Double(bitPattern: b), Double(bitPattern: tiny),
                                         Double(bitPattern: c), Double(bitPattern: d))
        for (i, value) in results.enumerated() { frame.store(value, at: i * 8) }
        return 0
    case 3: // AES, then return: frame {u64 tag checksum}
        guard let frame = UntrustedBuffer(raw, count: 8) else { return 2 }
        frame.store(aesWork(), at: 0)
        return 0
    case 4: // AES, then an OCALL, then return
        let value = aesWork()
        return ocall(0, frameSize: 16, prepare: { $0.store(value, at: 0) }) { status, _ in status }
    case 5: // AES, then a Swift trap
        let value = aesWork()
        if value != 0 { fatalError("deliberate trap after AES") }
        return 0
    case 6: // spin until the host sets the flag: frame {u64 flag, u64 started, u64 iterations out}
        guard let frame = UntrustedBuffer(raw, count: 24) else { return 2 }
        frame.store(UInt64(1), at: 8)
        var iterations: UInt64 = 0
        // The barrier is an opaque call: the optimiser cannot hoist the host's flag out of the loop.
        while frame.load(UInt64.self, at: 0) == 0 { iterations &+= 1; EDLBridge.speculationBarrier() }
        frame.store(iterations, at: 16)
        return 0
    case 7: // one OCALL, then write the marker: frame {u64 marker out}
        guard let frame = UntrustedBuffer(raw, count: 8) else { return 2 }
        let status: UInt32 = ocall(0, frameSize: 16, prepare: { $0.store(UInt64(1), at: 0) }) { status, _ in status }
        frame.store(0xfeed_0000 | UInt64(status), at: 0)
        return status
    case 8: // nesting: OCALL 1, during which the host makes a nested ECALL 8, and so on
        return nestedOCall(0)
    case 9: // untrusted-stack exhaustion across nesting: frame {u64 outer, u64 inner}
        // sizes of the OCALL frames to allocate at the outer level and in the nested ECALL.
        guard let frame = UntrustedBuffer(raw, count: 16), let size = frame.load(UInt64.self, at: 0) else { return 2 }
        return ocall(2, frameSize: Int(size), prepare: { $0.store(UInt64(size), at: 0) }) { status, _ in status }
    case 10: // the nested half of 9: frame {u64 size}; returns the OCALL's status (3 = no room)
        guard let frame = UntrustedBuffer(raw, count: 8), let size = frame.load(UInt64.self, at: 0) else { return 2 }
        return ocall(3, frameSize: Int(size), prepare: { $0.zero() }) { status, _ in status }
    case 11: // snapshot: frame {u64 src, u64 len, u64 spins, u64 checksum out}
        guard let frame = UntrustedBuffer(raw, count: 32), let src = frame.load(UInt64.self, at: 0),
              let len = frame.load(UInt64.self, at: 8), let spins = frame.load(UInt64.self, at: 16),
              len <= 1 << 20, let input = UntrustedBuffer(address: UInt(src), count: Int(len)) else { return 2 }
        var x: UInt64 = 0
        for i in 0..<spins { x = x &+ i }
        guard let bytes = input.copyIn(length: Int(len)) else { return 2 }
        frame.store(fnv1a(bytes) &+ (x & 0), at: 24)
        return 0
    case 12: // AES, then a bad memory access (a fault: on hardware an AEX)
        if aesWork() != 0 {
            let pointer = UnsafeMutablePointer<UInt64>(bitPattern: 0x10)!
            pointer.pointee = 1
        }
        return 0
    case 13: // x87 (Float80) arithmetic: frame {u64 rounds} in, {u64 significand, u64 exponent} out
        guard let frame = UntrustedBuffer(raw, count: 16), let rounds = frame.load(UInt64.self, at: 0),
              rounds <= 64 else { return 2 }
        var result: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &result) { boundary_x87_probe(rounds, $0.baseAddress!.assumingMemoryBound(to: UInt64.self)) }
        frame.store(result.0, at: 0)
        frame.store(result.1, at: 8)
        return 0
    default:
        return 0x1001 // SGX_ERROR_INVALID_FUNCTION
    }
}
