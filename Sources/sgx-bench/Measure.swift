import Foundation

/// Nanoseconds per operation of one side of a benchmark, one sample per round.
struct Timing {
    /// One value per round, in the order measured.
    private(set) var samples: [Double]

    init(samples: [Double]) {
        precondition(!samples.isEmpty, "a timing needs at least one round")
        self.samples = samples
    }

    /// The median round (the mean of the middle two for an even count): what rows report.
    var median: Double {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    var min: Double { samples.min()! }
    var max: Double { samples.max()! }
    var rounds: Int { samples.count }

    /// Every sample transformed alike (per-operation from per-round, a fixed cost removed).
    func map(_ transform: (Double) -> Double) -> Timing { Timing(samples: samples.map(transform)) }
}

/// One benchmark row: our time per operation against a baseline doing the same work,
/// measured in the same run.
struct BenchRow {
    var name: String
    var ours: Timing
    var baseline: Timing
    var baselineName: String
    var note: String

    var ns: Double { ours.median }
    var baselineNs: Double { baseline.median }
    /// Ours over the baseline, medians (1.0 is parity; below 1.0 we are faster). Always
    /// this direction, for every row, so that ratios compare across rows and runs.
    var ratio: Double { ns / baselineNs }
}

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
