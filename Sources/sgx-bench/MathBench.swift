// math-* rows: the enclave libm against the host's glibc, per call, over the same input
// tables in the same loop (the enclave side: BenchEnclave/MathBench.swift).
import BenchReport
import Foundation
import SGXHost

/// The functions, by the index the enclave's `ecall_math_rounds` takes (the same list in
/// BenchEnclave/MathBench.swift). Rows are named `math-<case>`.
enum MathBenchFunction: UInt32, CaseIterable {
    case exp, log, pow, sin, atan2, tanh
    case exp2, expm1, log2, log10, log1p, cos, tan, asin, acos, atan, sinh, cosh, erf, cbrt, hypot, fmod, floor
    case expf, exp2f, expm1f, logf, log2f, log10f, log1pf, powf, sinf, cosf, tanf, asinf, acosf, atanf, atan2f
    case sinhf, coshf, tanhf, erff, cbrtf, hypotf, fmodf, floorf

    var isFloat: Bool { rawValue >= MathBenchFunction.expf.rawValue }
}

/// The enclave's input tables, generated the same way (Knuth's MMIX LCG onto [low, high)).
private func mathInputs(seed: UInt64, low: Double, high: Double) -> [Double] {
    var state = seed
    return (0..<4096).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return low + (high - low) * Double(state >> 11) * 0x1p-53
    }
}

private let mathX = mathInputs(seed: 1, low: -20, high: 20)
private let mathPositive = mathInputs(seed: 2, low: 1e-3, high: 1e6)
private let mathY = mathInputs(seed: 3, low: -5, high: 5)
private let mathUnit = mathInputs(seed: 4, low: -1, high: 1)
private let mathBase = mathPositive.map { $0 * 1e-5 }
private let floatX = mathX.map(Float.init), floatPositive = mathPositive.map(Float.init)
private let floatY = mathY.map(Float.init), floatUnit = mathUnit.map(Float.init)
private let floatBase = mathBase.map(Float.init)

/// Sum of `f` over a table, in Double.
@inline(__always) private func sum1(_ a: [Double], _ f: (Double) -> Double) -> Double {
    var s = 0.0
    for x in a { s += f(x) }
    return s
}
@inline(__always) private func sum2(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += f(a[i], b[i]) }
    return s
}
@inline(__always) private func sum1f(_ a: [Float], _ f: (Float) -> Float) -> Double {
    var s = 0.0
    for x in a { s += Double(f(x)) }
    return s
}
@inline(__always) private func sum2f(_ a: [Float], _ b: [Float], _ f: (Float, Float) -> Float) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += Double(f(a[i], b[i])) }
    return s
}

/// One pass of glibc's `function` over its table: the sum of the results.
@inline(never)
private func glibcPass(_ function: MathBenchFunction) -> Double {
    switch function {
    case .exp: sum1(mathX) { Foundation.exp($0) }
    case .log: sum1(mathPositive) { Foundation.log($0) }
    case .pow: sum2(mathBase, mathY) { Foundation.pow($0, $1) }
    case .sin: sum1(mathPositive) { Foundation.sin($0) }
    case .atan2: sum2(mathY, mathX) { Foundation.atan2($0, $1) }
    case .tanh: sum1(mathY) { Foundation.tanh($0) }
    case .exp2: sum1(mathX) { Foundation.exp2($0) }
    case .expm1: sum1(mathX) { Foundation.expm1($0) }
    case .log2: sum1(mathPositive) { Foundation.log2($0) }
    case .log10: sum1(mathPositive) { Foundation.log10($0) }
    case .log1p: sum1(mathPositive) { Foundation.log1p($0) }
    case .cos: sum1(mathPositive) { Foundation.cos($0) }
    case .tan: sum1(mathPositive) { Foundation.tan($0) }
    case .asin: sum1(mathUnit) { Foundation.asin($0) }
    case .acos: sum1(mathUnit) { Foundation.acos($0) }
    case .atan: sum1(mathX) { Foundation.atan($0) }
    case .sinh: sum1(mathY) { Foundation.sinh($0) }
    case .cosh: sum1(mathY) { Foundation.cosh($0) }
    case .erf: sum1(mathY) { Foundation.erf($0) }
    case .cbrt: sum1(mathX) { Foundation.cbrt($0) }
    case .hypot: sum2(mathX, mathY) { Foundation.hypot($0, $1) }
    case .fmod: sum2(mathX, mathY) { Foundation.fmod($0, $1) }
    case .floor: sum1(mathX) { Foundation.floor($0) }
    case .expf: sum1f(floatX) { Foundation.exp($0) }
    case .exp2f: sum1f(floatX) { Foundation.exp2($0) }
    case .expm1f: sum1f(floatX) { Foundation.expm1($0) }
    case .logf: sum1f(floatPositive) { Foundation.log($0) }
    case .log2f: sum1f(floatPositive) { Foundation.log2($0) }
    case .log10f: sum1f(floatPositive) { Foundation.log10($0) }
    case .log1pf: sum1f(floatPositive) { Foundation.log1p($0) }
    case .powf: sum2f(floatBase, floatY) { Foundation.pow($0, $1) }
    case .sinf: sum1f(floatPositive) { Foundation.sin($0) }
    case .cosf: sum1f(floatPositive) { Foundation.cos($0) }
    case .tanf: sum1f(floatPositive) { Foundation.tan($0) }
    case .asinf: sum1f(floatUnit) { Foundation.asin($0) }
    case .acosf: sum1f(floatUnit) { Foundation.acos($0) }
    case .atanf: sum1f(floatX) { Foundation.atan($0) }
    case .atan2f: sum2f(floatY, floatX) { Foundation.atan2($0, $1) }
    case .sinhf: sum1f(floatY) { Foundation.sinh($0) }
    case .coshf: sum1f(floatY) { Foundation.cosh($0) }
    case .tanhf: sum1f(floatY) { Foundation.tanh($0) }
    case .erff: sum1f(floatY) { Foundation.erf($0) }
    case .cbrtf: sum1f(floatX) { Foundation.cbrt($0) }
    case .hypotf: sum2f(floatX, floatY) { Foundation.hypot($0, $1) }
    case .fmodf: sum2f(floatX, floatY) { Foundation.fmod($0, $1) }
    case .floorf: sum1f(floatX) { Foundation.floor($0) }
    }
}

/// One row per function: ns per call in the enclave (one ECALL runs `rounds` passes of 4096
/// calls) against glibc on the host; the two sums must agree (to 1e-9 relative for double,
/// 1e-4 for float functions: glibc's float functions are not all correctly rounded, e.g.
/// sinhf is off by an ulp on a few inputs per table, and a float ulp is 6e-8 relative).
func mathBenchRows(_ enclave: borrowing Enclave) throws -> [BenchRow] {
    let rounds = 50
    let calls = Double(rounds * 4096)
    var rows: [BenchRow] = []
    for function in MathBenchFunction.allCases {
        var enclaveBits: UInt64?, hostSum = 0.0
        let (ours, baseline) = try interleaved(ours: {
            let start = DispatchTime.now().uptimeNanoseconds
            let bits = try enclave.ecall_math_rounds(function.rawValue, UInt64(rounds))
            let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / calls
            try expectWork(enclaveBits == nil || enclaveBits == bits, "math-\(function): the enclave's sum changed between rounds")
            enclaveBits = bits
            return ns
        }, baseline: {
            let start = DispatchTime.now().uptimeNanoseconds
            var sum = 0.0
            for _ in 0..<rounds { sum += glibcPass(function) }
            hostSum = sum
            return Double(DispatchTime.now().uptimeNanoseconds - start) / calls
        })
        let enclaveSum = Double(bitPattern: enclaveBits ?? UInt64.max)
        let difference = abs(enclaveSum - hostSum) / max(abs(hostSum), 1)
        try expectWork(difference <= (function.isFloat ? 1e-4 : 1e-9), "math-\(function): enclave sum \(enclaveSum), glibc sum \(hostSum)")
        rows.append(BenchRow(name: "math-\(function)", ours: ours, baseline: baseline,
                             baselineName: "glibc \(function) on the host, same inputs",
                             note: "ns per call; target <= 1.25"))
    }
    return rows
}
