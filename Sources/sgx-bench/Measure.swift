import BenchReport
import Foundation

/// Rounds every side of a row runs (at least 5, as the medians and spreads need).
let benchRounds = 7

/// Nanoseconds per call over one round of `iterations` calls of `body`.
func round(_ iterations: Int, _ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<iterations { try body() }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(iterations)
}

/// `rounds` rounds of `iterations` calls of `body`.
func measure(iterations: Int, rounds: Int = benchRounds, _ body: () throws -> Void) rethrows -> Timing {
    var samples: [Double] = []
    for _ in 0..<rounds { samples.append(try round(iterations, body)) }
    return Timing(samples: samples)
}

/// Both sides of a row, rounds interleaved (ours, baseline, ours, ...) so that load from
/// the rest of the machine falls on both alike. Each closure runs one round and returns
/// nanoseconds per operation.
func interleaved(rounds: Int = benchRounds, ours: () throws -> Double,
                 baseline: () throws -> Double) rethrows -> (ours: Timing, baseline: Timing) {
    var mine: [Double] = [], theirs: [Double] = []
    for _ in 0..<rounds {
        mine.append(try ours())
        theirs.append(try baseline())
    }
    return (Timing(samples: mine), Timing(samples: theirs))
}

/// Throws when a row's work check fails: a benchmark that measured failures or nothing.
func expectWork(_ condition: Bool, _ what: @autoclosure () -> String) throws {
    guard condition else { throw BenchFailure("work check failed: \(what())") }
}
