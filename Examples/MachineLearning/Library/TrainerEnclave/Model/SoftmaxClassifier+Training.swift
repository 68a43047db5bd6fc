/// Training: full-batch gradient descent on the mean cross-entropy loss, from zero weights,
/// for a fixed number of epochs. There is no randomness and the summation order is fixed,
/// so a run is reproducible bit for bit, and the enclave and the native twin agree exactly.
extension SoftmaxClassifier {
    /// The training settings.
    public struct TrainingSettings: Equatable, Sendable {
        /// Gradient-descent passes over the training rows.
        public var epochs: Int
        /// Step size.
        public var learningRate: Double
        /// L2 penalty on the non-bias weights (keeps separable classes from diverging).
        public var l2: Double

        /// - Parameters: as the properties.
        public init(epochs: Int, learningRate: Double, l2: Double) {
            self.epochs = epochs
            self.learningRate = learningRate
            self.l2 = l2
        }

        /// The example's settings: 500 epochs, step 0.5, L2 penalty 1e-3.
        public static let example = TrainingSettings(epochs: 500, learningRate: 0.5, l2: 1e-3)
    }

    /// Trains a model on `rows` (labels must be `< classCount`).
    ///
    /// - Throws: `tooFewRows` for no rows.
    public static func train(_ rows: LabeledRows, classCount: Int,
                             settings: TrainingSettings = .example) throws(ModelError) -> SoftmaxClassifier {
        guard rows.count > 0 else { throw .tooFewRows }
        let d = rows.featureCount
        var model = SoftmaxClassifier(featureCount: d, classCount: classCount)
        model.fitStandardization(rows)
        let z = (0..<rows.count).map { model.standardize(rows.row($0)) }
        let stride = d + 1
        let n = Double(rows.count)
        for _ in 0..<settings.epochs {
            var gradient = [Double](repeating: 0, count: model.weights.count)
            for i in 0..<rows.count {
                let p = softmax(model.scores(standardized: z[i]))
                for c in 0..<classCount {
                    let error = p[c] - (Int(rows.labels[i]) == c ? 1.0 : 0.0)
                    gradient[c * stride] += error
                    for j in 0..<d { gradient[c * stride + 1 + j] += error * z[i][j] }
                }
            }
            for c in 0..<classCount {
                model.weights[c * stride] -= settings.learningRate * (gradient[c * stride] / n)
                for j in 0..<d {
                    let k = c * stride + 1 + j
                    model.weights[k] -= settings.learningRate * (gradient[k] / n + settings.l2 * model.weights[k])
                }
            }
        }
        return model
    }

    /// Sets `mean` and `scale` to the training rows' per-feature mean and population
    /// standard deviation (1 for a constant feature).
    mutating func fitStandardization(_ rows: LabeledRows) {
        let n = Double(rows.count)
        for j in 0..<featureCount {
            var sum = 0.0
            for i in 0..<rows.count { sum += rows.features[i * featureCount + j] }
            let m = sum / n
            var squares = 0.0
            for i in 0..<rows.count {
                let delta = rows.features[i * featureCount + j] - m
                squares += delta * delta
            }
            let deviation = (squares / n).squareRoot()
            mean[j] = m
            scale[j] = deviation > 0 ? deviation : 1
        }
    }
}
