/// Nanoseconds per operation of one side of a benchmark row, one sample per round: what a
/// row reports instead of only its best round (the median, and the min–max spread).
public struct Timing: Equatable, Sendable {
    /// One value per round, in the order measured.
    public private(set) var samples: [Double]

    /// A timing of at least one round.
    public init(samples: [Double]) {
        precondition(!samples.isEmpty, "a timing needs at least one round")
        self.samples = samples
    }

    /// The median round (the mean of the middle two for an even count): what rows report.
    public var median: Double {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    public var min: Double { samples.min()! }
    public var max: Double { samples.max()! }
    public var rounds: Int { samples.count }

    /// Every sample transformed alike (per operation from per round, a fixed cost removed).
    public func map(_ transform: (Double) -> Double) -> Timing { Timing(samples: samples.map(transform)) }
}
