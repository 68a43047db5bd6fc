/// Rows of features with a class label each, decoded and validated from the byte buffers
/// the host passes in (`[in, size=...]` EDL buffers): the one place where a row count claimed
/// by the host is checked against the bytes it really sent.
public struct LabeledRows: Sendable {
    /// Row-major features, `featureCount` per row.
    public let features: [Double]
    /// One class index per row.
    public let labels: [UInt8]
    /// Features per row.
    public let featureCount: Int

    /// The number of rows.
    public var count: Int { labels.count }

    /// Decodes `rows` rows of `featureCount` little-endian doubles and `rows` label bytes.
    ///
    /// - Throws: `sizeMismatch` unless `featureBytes` holds exactly `rows * featureCount * 8`
    ///   bytes and `labelBytes` exactly `rows`; `badLabel` for a label `>= classCount`;
    ///   `nonFiniteFeature` for NaN or infinity.
    public init(featureBytes: [UInt8], labelBytes: [UInt8], rows: UInt64, featureCount: Int,
                classCount: Int) throws(ModelError) {
        let features = try Self.decodeFeatures(featureBytes, rows: rows, featureCount: featureCount)
        guard labelBytes.count == features.count / featureCount else { throw .sizeMismatch }
        for label in labelBytes where Int(label) >= classCount { throw .badLabel }
        self.features = features
        self.labels = labelBytes
        self.featureCount = featureCount
    }

    /// Builds rows from values already in memory (the same checks, minus the byte decoding).
    public init(features: [Double], labels: [UInt8], featureCount: Int, classCount: Int) throws(ModelError) {
        guard featureCount > 0, features.count == labels.count * featureCount else { throw .sizeMismatch }
        for label in labels where Int(label) >= classCount { throw .badLabel }
        for value in features where !value.isFinite { throw .nonFiniteFeature }
        self.features = features
        self.labels = labels
        self.featureCount = featureCount
    }

    /// Decodes exactly `rows * featureCount` finite doubles from `bytes`.
    ///
    /// - Throws: `sizeMismatch` when the byte count is not exactly that (including a row
    ///   count so large that the product overflows); `nonFiniteFeature` for NaN or infinity.
    public static func decodeFeatures(_ bytes: [UInt8], rows: UInt64, featureCount: Int) throws(ModelError) -> [Double] {
        guard featureCount > 0, rows <= UInt64(Int.max / 8 / featureCount) else { throw .sizeMismatch }
        let count = Int(rows) * featureCount
        guard bytes.count == count * 8, let values = LittleEndianDoubles.decode(bytes, count: count) else {
            throw .sizeMismatch
        }
        for value in values where !value.isFinite { throw .nonFiniteFeature }
        return values
    }

    /// Row `index`'s features.
    public func row(_ index: Int) -> ArraySlice<Double> {
        features[(index * featureCount)..<((index + 1) * featureCount)]
    }

    /// The rows whose index satisfies `include`, in order.
    public func filter(_ include: (Int) -> Bool) -> LabeledRows {
        var keptFeatures: [Double] = []
        var keptLabels: [UInt8] = []
        for index in 0..<count where include(index) {
            keptFeatures.append(contentsOf: row(index))
            keptLabels.append(labels[index])
        }
        return LabeledRows(unchecked: keptFeatures, keptLabels, featureCount)
    }

    private init(unchecked features: [Double], _ labels: [UInt8], _ featureCount: Int) {
        self.features = features
        self.labels = labels
        self.featureCount = featureCount
    }
}
