// The ml-example's enclave: the ECALLs of Trainer.edl. The model code in Model/ is plain
// Swift shared with the host's native twin (the IrisModel library); only this file knows
// about SGX: it seals and unseals, and turns errors into sgx_status_t values.
import SGXTrusted
import SGXTypes

/// The MAC-only text bound into every sealed model: a blob sealed for another purpose does
/// not pass as a model.
let sealedModelLabel: [UInt8] = Array("swift-sgx ml-example model v1".utf8)

/// The status reported for a model-code error: all of them are bad input from the host.
func status(of error: ModelError) -> UInt32 {
    switch error {
    case .sizeMismatch, .badLabel, .nonFiniteFeature, .tooFewRows, .badModelBytes: SGXStatus.invalidParameter.rawValue
    }
}

func ecall_train(_ features: [UInt8], _ featuresSize: Int, _ labels: [UInt8], _ labelsSize: Int, _ rows: UInt64,
                 _ predictions: inout [UInt8], _ predictionsSize: Int, _ accuracy: inout Double,
                 _ modelDigest: inout UInt64, _ sealedModel: inout [UInt8], _ sealedCapacity: Int,
                 _ sealedLength: inout UInt64) -> UInt32 {
    let outcome: IrisTraining.Outcome
    do throws(ModelError) {
        outcome = try IrisTraining.run(featureBytes: features, labelBytes: labels, rows: rows)
    } catch {
        return status(of: error)
    }
    guard outcome.heldOutPredictions.count == predictions.count else { return SGXStatus.invalidParameter.rawValue }
    let sealed: [UInt8]
    do throws(SGXError) {
        // MRENCLAVE policy: only this exact enclave (any instance of it) can open the model.
        sealed = try SealedData.seal(outcome.model.bytes, additionalData: sealedModelLabel, policy: .mrEnclave)
    } catch {
        return error.status.rawValue
    }
    guard sealed.count <= sealedModel.count else { return SGXStatus.invalidParameter.rawValue }
    for index in 0..<sealed.count { sealedModel[index] = sealed[index] }
    for index in 0..<predictions.count { predictions[index] = outcome.heldOutPredictions[index] }
    accuracy = outcome.accuracy
    modelDigest = outcome.model.digest
    sealedLength = UInt64(sealed.count)
    return 0
}

func ecall_predict(_ sealedModel: [UInt8], _ sealedSize: Int, _ features: [UInt8], _ featuresSize: Int,
                   _ rows: UInt64, _ predictions: inout [UInt8], _ predictionsSize: Int) -> UInt32 {
    let modelBytes: [UInt8]
    do throws(SGXError) {
        let (plaintext, label) = try SealedData.unseal(sealedModel)
        guard label == sealedModelLabel else { return SGXStatus.macMismatch.rawValue }
        modelBytes = plaintext
    } catch {
        return error.status.rawValue
    }
    let result: [UInt8]
    do throws(ModelError) {
        result = try IrisTraining.predict(modelBytes: modelBytes, featureBytes: features, rows: rows)
    } catch {
        return status(of: error)
    }
    guard result.count == predictions.count else { return SGXStatus.invalidParameter.rawValue }
    for index in 0..<result.count { predictions[index] = result[index] }
    return 0
}
