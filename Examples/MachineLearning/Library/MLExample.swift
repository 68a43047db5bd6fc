// The host side of ml-example, in a library so that tests can drive it: passes the Iris
// fixture into the trainer enclave, keeps only the sealed model, has a fresh enclave
// unseal it and predict, and compares everything with the native twin (the same model
// code compiled for the host as the IrisModel library).
import IrisFixture
import IrisModel
import SGXHost
import SGXTypes

/// The trainer enclave has no OCALLs.
struct NoOCalls: TrainerOCalls {}

/// The ml-example's steps.
public enum MLExample {
    /// The path of the signed trainer enclave built by the plugin.
    public static var enclavePath: String { TrainerEnclave.path }

    /// Room for the sealed model (the model is 196 bytes, the sealed header 560).
    static let sealedCapacity = 2048

    /// What the enclave's training ECALL returned.
    public struct EnclaveTraining: Equatable, Sendable {
        /// Predictions for the held-out rows.
        public let heldOutPredictions: [UInt8]
        /// Held-out accuracy as the enclave computed it.
        public let accuracy: Double
        /// FNV-1a digest of the model bytes (the weights stay sealed).
        public let modelDigest: UInt64
        /// The sealed model (Intel's sgx_sealed_data_t, MRENCLAVE policy).
        public let sealedModel: [UInt8]
    }

    /// Loads a trainer enclave (a new instance each call).
    public static func loadEnclave() throws(SGXError) -> Enclave {
        try Enclave(path: enclavePath, ocalls: Trainer.ocallTable(NoOCalls()))
    }

    /// Turns an ECALL's sgx_status_t into a thrown error naming the step.
    static func check(_ status: UInt32, _ step: String) throws(SGXError) {
        guard status == 0 else { throw SGXError(SGXStatus(rawValue: status) ?? .unexpected, step) }
    }

    /// Trains in `enclave` on all of `fixture` (the enclave splits it); `rows` is the row
    /// count claimed to the enclave (the fixture's, unless a test lies on purpose).
    public static func train(in enclave: borrowing Enclave, features: [Double], labels: [UInt8],
                             rows: UInt64) throws(SGXError) -> EnclaveTraining {
        let featureBytes = LittleEndianDoubles.encode(features)
        var predictions = [UInt8](repeating: 0, count: IrisTraining.heldOutCount(rows: labels.count))
        var accuracy = 0.0
        var digest: UInt64 = 0
        var sealed = [UInt8](repeating: 0, count: sealedCapacity)
        var sealedLength: UInt64 = 0
        try check(try enclave.ecall_train(featureBytes, featureBytes.count, labels, labels.count, rows,
                                          &predictions, predictions.count, &accuracy, &digest,
                                          &sealed, sealed.count, &sealedLength),
                  "training in the enclave")
        guard sealedLength <= UInt64(sealed.count) else { throw SGXError(.unexpected, "sealed length out of range") }
        return EnclaveTraining(heldOutPredictions: predictions, accuracy: accuracy, modelDigest: digest,
                               sealedModel: Array(sealed.prefix(Int(sealedLength))))
    }

    /// Has `enclave` unseal `sealedModel` and predict every row of `features`.
    public static func predict(in enclave: borrowing Enclave, sealedModel: [UInt8], features: [Double],
                               rows: UInt64) throws(SGXError) -> [UInt8] {
        let featureBytes = LittleEndianDoubles.encode(features)
        var predictions = [UInt8](repeating: 0, count: features.count / IrisTraining.featureCount)
        try check(try enclave.ecall_predict(sealedModel, sealedModel.count, featureBytes, featureBytes.count, rows,
                                            &predictions, predictions.count),
                  "predicting with the sealed model in a fresh enclave")
        return predictions
    }

    /// The native twin: the same training code, run in this process.
    public static func trainNatively(features: [Double], labels: [UInt8]) throws(ModelError) -> IrisTraining.Outcome {
        try IrisTraining.run(featureBytes: LittleEndianDoubles.encode(features), labelBytes: labels,
                             rows: UInt64(labels.count))
    }

    /// The held-out rows' features of `fixture`.
    public static func heldOutFeatures(_ fixture: IrisFixture) -> [Double] {
        var result: [Double] = []
        for row in 0..<fixture.rowCount where HeldOutSplit.isHeldOut(row) {
            result += fixture.features[(row * 4)..<(row * 4 + 4)]
        }
        return result
    }

    /// `value` with exactly `digits` decimals (round half away from zero), for printing and
    /// for the "same to the last printed digit" comparison.
    public static func format(_ value: Double, digits: Int = 6) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int(scaled / scale)
        var fraction = String(Int(scaled) - whole * Int(scale))
        while fraction.count < digits { fraction = "0" + fraction }
        return (value < 0 ? "-" : "") + "\(whole)." + fraction
    }
}
