// The enclave side of the math rows: the enclave libm (SGXTrusted.Math) over fixed input
// tables, the same tables and loop as the host's glibc baseline (Sources/sgx-bench/MathBench.swift).
import SGXTrusted

/// Entries per input table.
let mathTableSize = 4096

/// The functions, by the index the host passes (MathBenchFunction on the host).
enum MathBenchFunction: UInt32 {
    case exp, log, pow, sin, atan2, tanh
}

/// Deterministic inputs: an LCG (Knuth's MMIX constants) mapped onto [low, high).
func mathInputs(seed: UInt64, low: Double, high: Double) -> [Double] {
    var state = seed
    var values: [Double] = []
    values.reserveCapacity(mathTableSize)
    for _ in 0..<mathTableSize {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        values.append(low + (high - low) * Double(state >> 11) * 0x1p-53)
    }
    return values
}

let mathX: [Double] = mathInputs(seed: 1, low: -20, high: 20)
let mathPositive: [Double] = mathInputs(seed: 2, low: 1e-3, high: 1e6)
let mathY: [Double] = mathInputs(seed: 3, low: -5, high: 5)

func ecall_math_rounds(_ function: UInt32, _ rounds: UInt64) -> UInt64 {
    guard let f = MathBenchFunction(rawValue: function) else { return UInt64.max }
    var sum = 0.0
    for _ in 0..<rounds {
        switch f {
        case .exp: for x in mathX { sum += Math.exp(x) }
        case .log: for x in mathPositive { sum += Math.log(x) }
        case .pow:
            for i in 0..<mathTableSize { sum += Math.pow(mathPositive[i] * 1e-5, mathY[i]) }
        case .sin: for x in mathPositive { sum += Math.sin(x) }
        case .atan2:
            for i in 0..<mathTableSize { sum += Math.atan2(mathY[i], mathX[i]) }
        case .tanh: for y in mathY { sum += Math.tanh(y) }
        }
    }
    return sum.bitPattern
}
