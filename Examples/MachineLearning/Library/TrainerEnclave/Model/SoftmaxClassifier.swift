/// A multinomial logistic-regression (softmax) classifier over standardized features:
/// the model the enclave trains, seals and later unseals to predict, and the native twin
/// trains from the same source.
///
/// For a row x, the standardized features are z_j = (x_j - mean_j) / scale_j, the score of
/// class c is s_c = w_c0 + Σ_j w_cj z_j, and the prediction is the class with the highest
/// score (the lowest index on a tie). Probabilities are softmax(s).
public struct SoftmaxClassifier: Equatable, Sendable {
    /// Features per row.
    public let featureCount: Int
    /// Number of classes.
    public let classCount: Int
    /// Per-feature mean of the training rows (standardization).
    public var mean: [Double]
    /// Per-feature standard deviation of the training rows (1 where it is 0).
    public var scale: [Double]
    /// Weights, `classCount` rows of `1 + featureCount` (bias first).
    public var weights: [Double]

    /// A model with zero weights and the identity standardization.
    public init(featureCount: Int, classCount: Int) {
        self.featureCount = featureCount
        self.classCount = classCount
        mean = [Double](repeating: 0, count: featureCount)
        scale = [Double](repeating: 1, count: featureCount)
        weights = [Double](repeating: 0, count: classCount * (featureCount + 1))
    }

    /// The standardized features of one row.
    public func standardize(_ row: ArraySlice<Double>) -> [Double] {
        var z = [Double](repeating: 0, count: featureCount)
        var j = 0
        for value in row {
            z[j] = (value - mean[j]) / scale[j]
            j += 1
        }
        return z
    }

    /// The class scores of standardized features `z`.
    public func scores(standardized z: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: classCount)
        let stride = featureCount + 1
        for c in 0..<classCount {
            var s = weights[c * stride]
            for j in 0..<featureCount { s += weights[c * stride + 1 + j] * z[j] }
            result[c] = s
        }
        return result
    }

    /// Softmax of `scores`, with the maximum subtracted first (no overflow).
    public static func softmax(_ scores: [Double]) -> [Double] {
        var largest = scores[0]
        for s in scores where s > largest { largest = s }
        var result = scores.map { PortableExp.exp($0 - largest) }
        var total = 0.0
        for p in result { total += p }
        for c in result.indices { result[c] /= total }
        return result
    }

    /// The predicted class of one row of raw features.
    public func predict(_ row: ArraySlice<Double>) -> UInt8 {
        let s = scores(standardized: standardize(row))
        var best = 0
        for c in 1..<classCount where s[c] > s[best] { best = c }
        return UInt8(best)
    }

    /// The predicted class of every row.
    public func predictAll(_ rows: LabeledRows) -> [UInt8] {
        (0..<rows.count).map { predict(rows.row($0)) }
    }

    /// The fraction of `predictions` equal to `labels` (0 for no rows).
    public static func accuracy(_ predictions: [UInt8], _ labels: [UInt8]) -> Double {
        guard !labels.isEmpty, predictions.count == labels.count else { return 0 }
        var correct = 0
        for index in labels.indices where predictions[index] == labels[index] { correct += 1 }
        return Double(correct) / Double(labels.count)
    }
}
