/// The whole training run of the example, from the host's byte buffers to a model and its
/// held-out results: the enclave's `ecall_train` and the native twin both call exactly this.
public enum IrisTraining {
    /// Features per Iris row.
    public static let featureCount = 4
    /// Iris species.
    public static let classCount = 3

    /// What a training run produces.
    public struct Outcome: Equatable, Sendable {
        /// The trained model.
        public let model: SoftmaxClassifier
        /// The model's prediction for each held-out row, in row order.
        public let heldOutPredictions: [UInt8]
        /// The held-out rows' true labels.
        public let heldOutLabels: [UInt8]
        /// The fraction of held-out rows predicted correctly.
        public var accuracy: Double { SoftmaxClassifier.accuracy(heldOutPredictions, heldOutLabels) }
    }

    /// The number of held-out rows among `rows` rows.
    public static func heldOutCount(rows: Int) -> Int {
        (0..<max(rows, 0)).filter(HeldOutSplit.isHeldOut).count
    }

    /// Decodes and validates the buffers, splits, trains on the training split and predicts
    /// the held-out split.
    ///
    /// - Throws: `sizeMismatch`, `badLabel`, `nonFiniteFeature` from ``LabeledRows``;
    ///   `tooFewRows` when either split is empty.
    public static func run(featureBytes: [UInt8], labelBytes: [UInt8], rows: UInt64) throws(ModelError) -> Outcome {
        let all = try LabeledRows(featureBytes: featureBytes, labelBytes: labelBytes, rows: rows,
                                  featureCount: featureCount, classCount: classCount)
        let (training, heldOut) = HeldOutSplit.split(all)
        guard training.count > 0, heldOut.count > 0 else { throw .tooFewRows }
        let model = try SoftmaxClassifier.train(training, classCount: classCount)
        return Outcome(model: model, heldOutPredictions: model.predictAll(heldOut), heldOutLabels: heldOut.labels)
    }

    /// Predicts every row of `featureBytes` with a serialized model.
    ///
    /// - Throws: `badModelBytes` for a model that does not parse or has another shape;
    ///   `sizeMismatch` / `nonFiniteFeature` for the features.
    public static func predict(modelBytes: [UInt8], featureBytes: [UInt8], rows: UInt64) throws(ModelError) -> [UInt8] {
        let model = try SoftmaxClassifier(bytes: modelBytes)
        guard model.featureCount == featureCount, model.classCount == classCount else { throw .badModelBytes }
        let features = try LabeledRows.decodeFeatures(featureBytes, rows: rows, featureCount: featureCount)
        let unlabeled = try LabeledRows(features: features, labels: [UInt8](repeating: 0, count: Int(rows)),
                                        featureCount: featureCount, classCount: classCount)
        return model.predictAll(unlabeled)
    }
}
