import BenchReport
import Foundation

/// Nanoseconds per call of `body`: the spread (median, min, max) over `rounds` rounds (at
/// least 5) of `iterations` calls each. Rows report the median and show the extremes, so a
/// round disturbed by the other builds on this machine shows up instead of hiding.
func measure(iterations: Int, rounds: Int = 7, _ body: () throws -> Void) rethrows -> Spread {
    precondition(rounds >= 5, "a row measures at least 5 rounds")
    var samples: [Double] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { try body() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
        samples.append(elapsed / Double(iterations))
    }
    return Spread(samples: samples)
}
