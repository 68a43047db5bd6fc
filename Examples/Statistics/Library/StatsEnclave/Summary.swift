/// Mean and sample variance by Welford's one-pass update (numerically stable), and
/// quantiles by linear interpolation between order statistics.
struct Summary {
    /// The arithmetic mean.
    let mean: Double
    /// The sample variance, Σ(x - mean)² / (n - 1).
    let variance: Double
    /// The values in ascending order.
    let sorted: [Double]

    /// Requires at least two values.
    init(_ values: [Double]) {
        var mean = 0.0, m2 = 0.0, n = 0.0
        for value in values {
            n += 1
            let delta = value - mean
            mean += delta / n
            m2 += delta * (value - mean)
        }
        self.mean = mean
        variance = m2 / (n - 1)
        sorted = values.sorted()
    }

    /// The p-quantile (0 <= p <= 1), Hyndman & Fan type 7 (R's default, NumPy's "linear"):
    /// h = (n - 1)·p, then x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋ + 1] - x[⌊h⌋]) on the sorted values.
    func quantile(_ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let low = Int(h) // h >= 0: truncation is the floor
        guard low + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[low] + (h - Double(low)) * (sorted[low + 1] - sorted[low])
    }
}
