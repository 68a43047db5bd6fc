// swift run ml-example: trains a softmax classifier on Fisher's Iris data INSIDE an enclave,
// seals the model, and has a fresh enclave unseal it and predict; the same model code runs
// natively as a twin, and every result must agree exactly. SIMULATION MODE: the enclave is
// ordinary memory in this process (no isolation) and the seal keys are public test values.
import IrisFixture
import IrisModel
import MLExample
import SGXHost
import SGXTypes

#if canImport(Glibc)
import Glibc
#endif

/// Minimum plausible held-out accuracy on Iris (a linear model reaches well above 0.9).
let minimumAccuracy = 0.85

nonisolated(unsafe) var failures = 0
func require(_ condition: Bool, _ what: String) {
    guard !condition else { return }
    failures += 1
    print("error: \(what)")
}

func run() throws {
    print("swift-sgx ml-example (SIMULATION MODE: no isolation; simulated seal keys are public)")
    let iris = try IrisFixture.load()
    let rows = UInt64(iris.rowCount)
    print("data: Iris (Fisher 1936, UCI, CC BY 4.0), \(iris.rowCount) rows; every 5th row held out (\(IrisTraining.heldOutCount(rows: iris.rowCount)) rows)")
    print("model: softmax regression, 4 standardized features, zero initial weights, full-batch gradient descent, \(SoftmaxClassifier.TrainingSettings.example.epochs) epochs")

    let trained: MLExample.EnclaveTraining
    do {
        let enclave = try MLExample.loadEnclave()
        trained = try MLExample.train(in: enclave, features: iris.features, labels: iris.labels, rows: rows)
    }
    let twin = try MLExample.trainNatively(features: iris.features, labels: iris.labels)
    print("enclave held-out accuracy: \(MLExample.format(trained.accuracy))")
    print("native twin accuracy:      \(MLExample.format(twin.accuracy))")
    print("model digest: enclave \(String(trained.modelDigest, radix: 16)), twin \(String(twin.model.digest, radix: 16))")
    print("sealed model: \(trained.sealedModel.count) bytes (MRENCLAVE policy)")
    require(MLExample.format(trained.accuracy) == MLExample.format(twin.accuracy) && trained.accuracy == twin.accuracy,
            "the enclave's accuracy differs from the native twin's")
    require(trained.heldOutPredictions == twin.heldOutPredictions, "the enclave's predictions differ from the twin's")
    require(trained.modelDigest == twin.model.digest, "the enclave's model differs from the twin's")
    require(trained.accuracy >= minimumAccuracy, "accuracy \(trained.accuracy) is below \(minimumAccuracy)")

    // A fresh enclave: nothing of the first one survives except the sealed blob.
    let fresh = try MLExample.loadEnclave()
    let heldOut = MLExample.heldOutFeatures(iris)
    let reloaded = try MLExample.predict(in: fresh, sealedModel: trained.sealedModel, features: heldOut,
                                         rows: UInt64(heldOut.count / 4))
    let reloadedAccuracy = SoftmaxClassifier.accuracy(reloaded, twin.heldOutLabels)
    print("fresh enclave, unsealed model, held-out accuracy: \(MLExample.format(reloadedAccuracy))")
    require(reloaded == trained.heldOutPredictions, "the unsealed model's predictions differ from the trained model's")

    guard failures == 0 else {
        print("\(failures) check(s) failed")
        exit(1)
    }
    print("all checks passed: enclave, native twin and unsealed model agree")
}

do {
    try run()
} catch {
    print("error: \(error)")
    exit(1)
}
