// The host side of stats-example, in a library so that tests can drive it: provisions two
// columns into the stats enclave, and cross-checks the enclave's results against the
// host's own, independently written formulas.
import SGXHost
import SGXTypes

/// The stats enclave has no OCALLs.
struct NoOCalls: StatsOCalls {}

/// The statistics the enclave returns, in the EDL's order.
public struct StatsResults: Equatable, Sendable {
    public var mean, variance, p10, median, p90, slope, intercept, rSquared: Double

    /// The names and values, in the EDL's order.
    public var named: [(name: String, value: Double)] {
        [("mean", mean), ("sample variance", variance), ("p10", p10), ("median", median), ("p90", p90),
         ("slope", slope), ("intercept", intercept), ("R²", rSquared)]
    }

    init(_ values: [Double]) {
        (mean, variance, p10, median, p90) = (values[0], values[1], values[2], values[3], values[4])
        (slope, intercept, rSquared) = (values[5], values[6], values[7])
    }
}

/// The stats-example's steps.
public enum StatsExample {
    /// Agreement required between the enclave and the host: |enclave − host| ≤
    /// tolerance · max(1, |host|). The two sides use different algorithms (Welford vs. sums
    /// of squares, centered vs. raw sums), so they may differ in the last bits.
    public static let tolerance = 1e-9

    /// Loads a stats enclave.
    public static func loadEnclave() throws(SGXError) -> Enclave {
        try Enclave(path: StatsEnclave.path, ocalls: Stats.ocallTable(NoOCalls()))
    }

    /// Little-endian bytes of `values`.
    static func bytes(_ values: [Double]) -> [UInt8] {
        var result: [UInt8] = []
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { result += $0 } }
        return result
    }

    /// The enclave's statistics of x and of y against x; `count` is what the host claims
    /// (x.count unless a test lies on purpose).
    public static func enclaveStatistics(_ enclave: borrowing Enclave, x: [Double], y: [Double],
                                         count: UInt64) throws(SGXError) -> StatsResults {
        let xBytes = bytes(x), yBytes = bytes(y)
        var results = [Double](repeating: 0, count: 8)
        let status = try enclave.ecall_statistics(xBytes, xBytes.count, yBytes, yBytes.count, count, &results)
        guard status == 0 else {
            throw SGXError(SGXStatus(rawValue: status) ?? .unexpected, "the stats enclave refused the data")
        }
        return StatsResults(results)
    }

    /// The same statistics computed on the host by different formulas: mean = Σx/n,
    /// variance = (Σx² − n·mean²)/(n − 1), quantiles by the same type-7 rule written
    /// with `rounded(.down)`, slope = (nΣxy − ΣxΣy)/(nΣx² − (Σx)²), R² = r².
    public static func hostStatistics(x: [Double], y: [Double]) -> StatsResults {
        let n = Double(x.count)
        let sumX = x.reduce(0, +), sumY = y.reduce(0, +)
        let sumXX = x.reduce(0) { $0 + $1 * $1 }, sumYY = y.reduce(0) { $0 + $1 * $1 }
        let sumXY = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        let mean = sumX / n
        let variance = (sumXX - n * mean * mean) / (n - 1)
        let sorted = x.sorted()
        func quantile(_ p: Double) -> Double {
            let position = p * (n - 1)
            let below = position.rounded(.down)
            let i = Int(below)
            return i + 1 < sorted.count ? sorted[i] * (1 - (position - below)) + sorted[i + 1] * (position - below) : sorted[i]
        }
        let slope = (n * sumXY - sumX * sumY) / (n * sumXX - sumX * sumX)
        let intercept = (sumY - slope * sumX) / n
        let r = (n * sumXY - sumX * sumY) / ((n * sumXX - sumX * sumX) * (n * sumYY - sumY * sumY)).squareRoot()
        return StatsResults([mean, variance, quantile(0.1), quantile(0.5), quantile(0.9), slope, intercept, r * r])
    }

    /// The names of the results where the enclave and the host disagree beyond ``tolerance``.
    public static func disagreements(_ enclave: StatsResults, _ host: StatsResults) -> [String] {
        zip(enclave.named, host.named).compactMap { pair in
            let (e, h) = pair
            return abs(e.value - h.value) <= tolerance * max(1, abs(h.value)) ? nil : e.name
        }
    }
}
