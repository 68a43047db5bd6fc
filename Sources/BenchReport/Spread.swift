/// The median and the extremes of repeated measurements (nanoseconds per operation): what a
/// benchmark row reports instead of only its best round.
public struct Spread: Equatable, Sendable {
    public var median: Double
    public var min: Double
    public var max: Double

    /// The spread of `samples` (at least one). An even count's median is the mean of the two
    /// middle samples.
    public init(samples: [Double]) {
        precondition(!samples.isEmpty, "a spread needs at least one sample")
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }

    public init(median: Double, min: Double, max: Double) {
        self.median = median
        self.min = min
        self.max = max
    }
}

extension Spread {
    /// Every figure mapped through `transform`, which must not decrease (e.g. dividing by a
    /// positive count, subtracting a constant) so that min ≤ median ≤ max still holds.
    public func map(_ transform: (Double) -> Double) -> Spread {
        Spread(median: transform(median), min: transform(min), max: transform(max))
    }
}
