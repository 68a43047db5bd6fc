import Foundation

/// One benchmark row: our time per operation against a baseline measured in the same run.
struct BenchRow {
    var name: String
    var ns: Double
    var baselineNs: Double
    /// Ours relative to the baseline, in the direction the row's target is stated.
    var ratio: Double
    var baselineName: String
    var note: String
}

/// Nanoseconds per call of `body`: the best of `rounds` rounds of `iterations` calls, so
/// that interruptions from the other core's load count as little as possible.
func measure(iterations: Int, rounds: Int = 7, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { try body() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
        best = min(best, elapsed / Double(iterations))
    }
    return best
}
