/// One sgx-bench row: our time per operation against a baseline doing the same work,
/// measured in the same run.
public struct BenchRow: Equatable, Sendable {
    public var name: String
    /// Our nanoseconds per operation (the median when ``spread`` is known).
    public var ns: Double
    /// The baseline's nanoseconds per operation (the median when ``baselineSpread`` is known).
    public var baselineNs: Double
    /// What the baseline is (e.g. "native twin", "memcpy 64 KiB").
    public var baselineName: String
    public var note: String
    /// Median, min and max of our rounds, when the row measured several.
    public var spread: Spread?
    /// Median, min and max of the baseline's rounds.
    public var baselineSpread: Spread?
    /// The checksum both sides computed (compute kernels), when the row has one.
    public var checksum: UInt64?

    public init(name: String, ns: Double, baselineNs: Double, baselineName: String, note: String,
                spread: Spread? = nil, baselineSpread: Spread? = nil, checksum: UInt64? = nil) {
        self.name = name
        self.ns = ns
        self.baselineNs = baselineNs
        self.baselineName = baselineName
        self.note = note
        self.spread = spread
        self.baselineSpread = baselineSpread
        self.checksum = checksum
    }

    /// A row from two spreads: `ns` and `baselineNs` are their medians.
    public init(name: String, spread: Spread, baselineSpread: Spread, baselineName: String, note: String, checksum: UInt64? = nil) {
        self.init(name: name, ns: spread.median, baselineNs: baselineSpread.median, baselineName: baselineName,
                  note: note, spread: spread, baselineSpread: baselineSpread, checksum: checksum)
    }

    /// Ours over the baseline: `ns / baselineNs` (1.0 is parity; below 1.0 we are faster).
    /// Always this direction, for every row, so that ratios compare across rows and runs.
    public var ratio: Double { ns / baselineNs }
}
