// The sample enclave of `swift run hello-enclave`: Embedded Swift, running inside the
// (simulated) enclave. ECALL numbers are listed in Sources/hello-enclave/HelloCalls.swift.
import SGXTrusted

/// ECALL 0: say hello from inside, with the name the host passed (copied in once).
func greet(_ name: [UInt8]) {
    var text = ""
    for byte in name where byte >= 0x20 && byte < 0x7f { text.append(Character(Unicode.Scalar(byte))) }
    print("Hello, \(text), from inside the enclave!")
}

/// ECALL 1: mean and standard deviation of samples, computed on an enclave copy.
func statistics(_ samples: [Double]) -> (mean: Double, deviation: Double) {
    guard !samples.isEmpty else { return (0, 0) }
    let mean = samples.reduce(0, +) / Double(samples.count)
    let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count)
    return (mean, squareRoot(variance))
}

/// Newton's method: the enclave has no libm.
func squareRoot(_ x: Double) -> Double {
    guard x > 0 else { return 0 }
    var guess = x
    for _ in 0..<60 { guess = 0.5 * (guess + x / guess) }
    return guess
}

/// ECALL 2: ask the host for a number through an OCALL; the answer is host-controlled.
func askHost() -> UInt64? {
    ocall(0, frameSize: 8, prepare: { $0.store(UInt64(0), at: 0) }) { status, frame in
        status == 0 ? frame?.load(UInt64.self, at: 0) : nil
    }
}

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    switch index {
    case 0: // frame { u64 name, u64 length }
        guard let frame = UntrustedBuffer(raw, count: 16),
              let address = frame.load(UInt64.self, at: 0), let length = frame.load(UInt64.self, at: 8),
              length <= 256, let name = UntrustedBuffer(address: UInt(address), count: Int(length)),
              let bytes = name.copyIn(length: Int(length)) else { return 2 }
        greet(bytes)
        return 0
    case 1: // frame { u64 samples, u64 count, f64 mean (out), f64 deviation (out) }
        guard let frame = UntrustedBuffer(raw, count: 32),
              let address = frame.load(UInt64.self, at: 0), let count = frame.load(UInt64.self, at: 8),
              count <= 1 << 20, let input = UntrustedBuffer(address: UInt(address), count: Int(count) * 8),
              let bytes = input.copyIn(length: Int(count) * 8) else { return 2 }
        var samples: [Double] = []
        samples.reserveCapacity(Int(count))
        for i in 0..<Int(count) {
            var bits: UInt64 = 0
            for b in 0..<8 { bits |= UInt64(bytes[i * 8 + b]) << (8 * b) }
            samples.append(Double(bitPattern: bits))
        }
        let result = statistics(samples)
        frame.store(result.mean.bitPattern, at: 16)
        frame.store(result.deviation.bitPattern, at: 24)
        return 0
    case 2: // frame { u64 answer (out) }
        guard let frame = UntrustedBuffer(raw, count: 8), let answer = askHost() else { return 1 }
        print("The host says \(answer) (an untrusted value).")
        frame.store(answer, at: 0)
        return 0
    case 3:
        fatalError("deliberate crash, to show containment")
    default:
        return 0x1001
    }
}
