// The enclave side of the math rows: the enclave libm (SGXTrusted.Math) over fixed input
// tables, the same tables and loop as the host's glibc baseline (Sources/sgx-bench/MathBench.swift).
import SGXTrusted

/// Entries per input table.
let mathTableSize = 4096

/// The functions, by the index the host passes (MathBenchFunction on the host, same order).
enum MathBenchFunction: UInt32 {
    case exp, log, pow, sin, atan2, tanh
    case exp2, expm1, log2, log10, log1p, cos, tan, asin, acos, atan, sinh, cosh, erf, cbrt, hypot, fmod, floor
    case expf, exp2f, expm1f, logf, log2f, log10f, log1pf, powf, sinf, cosf, tanf, asinf, acosf, atanf, atan2f
    case sinhf, coshf, tanhf, erff, cbrtf, hypotf, fmodf, floorf
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

func floatTable(_ values: [Double]) -> [Float] {
    var out: [Float] = []
    out.reserveCapacity(values.count)
    for v in values { out.append(Float(v)) }
    return out
}

let mathX: [Double] = mathInputs(seed: 1, low: -20, high: 20)
let mathPositive: [Double] = mathInputs(seed: 2, low: 1e-3, high: 1e6)
let mathY: [Double] = mathInputs(seed: 3, low: -5, high: 5)
let mathUnit: [Double] = mathInputs(seed: 4, low: -1, high: 1)
let mathBase: [Double] = { var b: [Double] = []; for p in mathPositive { b.append(p * 1e-5) }; return b }()
let floatX = floatTable(mathX), floatPositive = floatTable(mathPositive)
let floatY = floatTable(mathY), floatUnit = floatTable(mathUnit), floatBase = floatTable(mathBase)

@inline(__always) func sum1(_ a: [Double], _ f: (Double) -> Double) -> Double {
    var s = 0.0
    for x in a { s += f(x) }
    return s
}
@inline(__always) func sum2(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += f(a[i], b[i]) }
    return s
}
@inline(__always) func sum1f(_ a: [Float], _ f: (Float) -> Float) -> Double {
    var s = 0.0
    for x in a { s += Double(f(x)) }
    return s
}
@inline(__always) func sum2f(_ a: [Float], _ b: [Float], _ f: (Float, Float) -> Float) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += Double(f(a[i], b[i])) }
    return s
}

/// One pass of the enclave libm's `f` over its table.
@inline(never)
func mathPass(_ f: MathBenchFunction) -> Double {
    switch f {
    case .exp: sum1(mathX) { Math.exp($0) }
    case .log: sum1(mathPositive) { Math.log($0) }
    case .pow: sum2(mathBase, mathY) { Math.pow($0, $1) }
    case .sin: sum1(mathPositive) { Math.sin($0) }
    case .atan2: sum2(mathY, mathX) { Math.atan2($0, $1) }
    case .tanh: sum1(mathY) { Math.tanh($0) }
    case .exp2: sum1(mathX) { Math.exp2($0) }
    case .expm1: sum1(mathX) { Math.expMinusOne($0) }
    case .log2: sum1(mathPositive) { Math.log2($0) }
    case .log10: sum1(mathPositive) { Math.log10($0) }
    case .log1p: sum1(mathPositive) { Math.log(onePlus: $0) }
    case .cos: sum1(mathPositive) { Math.cos($0) }
    case .tan: sum1(mathPositive) { Math.tan($0) }
    case .asin: sum1(mathUnit) { Math.asin($0) }
    case .acos: sum1(mathUnit) { Math.acos($0) }
    case .atan: sum1(mathX) { Math.atan($0) }
    case .sinh: sum1(mathY) { Math.sinh($0) }
    case .cosh: sum1(mathY) { Math.cosh($0) }
    case .erf: sum1(mathY) { Math.erf($0) }
    case .cbrt: sum1(mathX) { Math.cbrt($0) }
    case .hypot: sum2(mathX, mathY) { Math.hypot($0, $1) }
    case .fmod: sum2(mathX, mathY) { Math.fmod($0, $1) }
    case .floor: sum1(mathX) { $0.rounded(.down) }
    case .expf: sum1f(floatX) { Math.exp($0) }
    case .exp2f: sum1f(floatX) { Math.exp2($0) }
    case .expm1f: sum1f(floatX) { Math.expMinusOne($0) }
    case .logf: sum1f(floatPositive) { Math.log($0) }
    case .log2f: sum1f(floatPositive) { Math.log2($0) }
    case .log10f: sum1f(floatPositive) { Math.log10($0) }
    case .log1pf: sum1f(floatPositive) { Math.log(onePlus: $0) }
    case .powf: sum2f(floatBase, floatY) { Math.pow($0, $1) }
    case .sinf: sum1f(floatPositive) { Math.sin($0) }
    case .cosf: sum1f(floatPositive) { Math.cos($0) }
    case .tanf: sum1f(floatPositive) { Math.tan($0) }
    case .asinf: sum1f(floatUnit) { Math.asin($0) }
    case .acosf: sum1f(floatUnit) { Math.acos($0) }
    case .atanf: sum1f(floatX) { Math.atan($0) }
    case .atan2f: sum2f(floatY, floatX) { Math.atan2($0, $1) }
    case .sinhf: sum1f(floatY) { Math.sinh($0) }
    case .coshf: sum1f(floatY) { Math.cosh($0) }
    case .tanhf: sum1f(floatY) { Math.tanh($0) }
    case .erff: sum1f(floatY) { Math.erf($0) }
    case .cbrtf: sum1f(floatX) { Math.cbrt($0) }
    case .hypotf: sum2f(floatX, floatY) { Math.hypot($0, $1) }
    case .fmodf: sum2f(floatX, floatY) { Math.fmod($0, $1) }
    case .floorf: sum1f(floatX) { $0.rounded(.down) }
    }
}

func ecall_math_rounds(_ function: UInt32, _ rounds: UInt64) -> UInt64 {
    guard let f = MathBenchFunction(rawValue: function) else { return UInt64.max }
    var sum = 0.0
    for _ in 0..<rounds { sum += mathPass(f) }
    return sum.bitPattern
}
