// math-* rows: the enclave libm against the host's glibc, per call, over the same input
// tables in the same loop (the enclave side: BenchEnclave/MathBench.swift).
import BenchReport
import Foundation
import SGXHost

/// The functions, by the index the enclave's `ecall_math_rounds` takes.
enum MathBenchFunction: UInt32, CaseIterable {
    case exp, log, pow, sin, atan2, tanh
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

/// `rounds` passes of glibc's `function` over its table: the sum of the results.
@inline(never)
private func glibcRounds(_ function: MathBenchFunction, _ rounds: Int) -> Double {
    var sum = 0.0
    for _ in 0..<rounds {
        switch function {
        case .exp: for x in mathX { sum += Foundation.exp(x) }
        case .log: for x in mathPositive { sum += Foundation.log(x) }
        case .pow: for i in 0..<mathX.count { sum += Foundation.pow(mathPositive[i] * 1e-5, mathY[i]) }
        case .sin: for x in mathPositive { sum += Foundation.sin(x) }
        case .atan2: for i in 0..<mathX.count { sum += Foundation.atan2(mathY[i], mathX[i]) }
        case .tanh: for y in mathY { sum += Foundation.tanh(y) }
        }
    }
    return sum
}

/// One row per function: ns per call in the enclave (one ECALL runs `rounds` passes of 4096
/// calls) against glibc on the host; the two sums must agree to 1e-9 (both libms are within
/// an ulp or so of the true value).
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
            hostSum = glibcRounds(function, rounds)
            return Double(DispatchTime.now().uptimeNanoseconds - start) / calls
        })
        let enclaveSum = Double(bitPattern: enclaveBits ?? UInt64.max)
        let difference = abs(enclaveSum - hostSum) / max(abs(hostSum), 1)
        try expectWork(difference <= 1e-9, "math-\(function): enclave sum \(enclaveSum), glibc sum \(hostSum)")
        rows.append(BenchRow(name: "math-\(function)", ours: ours, baseline: baseline,
                             baselineName: "glibc \(function) on the host, same inputs",
                             note: "ns per call; target <= 1.25"))
    }
    return rows
}
