/// One sgx-bench row: our time per operation against a baseline doing the same work,
/// measured in the same run, rounds interleaved.
public struct BenchRow: Equatable, Sendable {
    public var name: String
    /// Our rounds (nanoseconds per operation).
    public var ours: Timing
    /// The baseline's rounds (nanoseconds per operation).
    public var baseline: Timing
    /// What the baseline is (e.g. "native twin", "memcpy 64 KiB").
    public var baselineName: String
    public var note: String
    /// The checksum both sides computed (compute kernels), when the row has one.
    public var checksum: UInt64?

    public init(name: String, ours: Timing, baseline: Timing, baselineName: String, note: String, checksum: UInt64? = nil) {
        self.name = name
        self.ours = ours
        self.baseline = baseline
        self.baselineName = baselineName
        self.note = note
        self.checksum = checksum
    }

    /// Our median.
    public var ns: Double { ours.median }
    /// The baseline's median.
    public var baselineNs: Double { baseline.median }
    /// Ours over the baseline, medians: `ns / baselineNs` (1.0 is parity; below 1.0 we are
    /// faster). Always this direction, for every row, so that ratios compare across rows and runs.
    public var ratio: Double { ns / baselineNs }
}
