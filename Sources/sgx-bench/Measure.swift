import Foundation

/// One benchmark row: our time per operation against a baseline measured in the same run.
struct BenchRow {
    var name: String
    var ns: Double
    var baselineNs: Double
    var baselineName: String
    var note: String

    /// Ours over the baseline (1.0 is parity; below 1.0 we are faster). Always this
    /// direction, for every row, so that ratios compare across rows and runs.
    var ratio: Double { ns / baselineNs }
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
