import IrisFixture
import IrisModel
import MLExample
import SGXHost
import SGXTypes
import Testing

/// ml-example: the enclave and the native twin train identical models; the sealed model
/// opens only intact, in a fresh enclave; hostile sizes are refused.
@Suite struct MLExampleTests {
    let iris: IrisFixture

    init() throws { iris = try IrisFixture.load() }

    @Test func enclaveAndNativeTwinProduceIdenticalModels() throws {
        let enclave = try MLExample.loadEnclave()
        let inside = try MLExample.train(in: enclave, features: iris.features, labels: iris.labels,
                                         rows: UInt64(iris.rowCount))
        let twin = try MLExample.trainNatively(features: iris.features, labels: iris.labels)
        #expect(inside.heldOutPredictions.count == 30)
        #expect(inside.heldOutPredictions == twin.heldOutPredictions)
        #expect(inside.modelDigest == twin.model.digest)
        #expect(inside.accuracy == twin.accuracy)
        #expect(MLExample.format(inside.accuracy) == MLExample.format(twin.accuracy))
        #expect(inside.accuracy >= 0.85)
    }

    @Test func trainingIsDeterministic() throws {
        let first = try MLExample.trainNatively(features: iris.features, labels: iris.labels)
        let second = try MLExample.trainNatively(features: iris.features, labels: iris.labels)
        #expect(first == second)
        // The serialized form round-trips exactly.
        #expect(try SoftmaxClassifier(bytes: first.model.bytes) == first.model)
    }

    @Test func sealedModelPredictsTheSameInAFreshEnclave() throws {
        let trained = try MLExample.train(in: try MLExample.loadEnclave(), features: iris.features,
                                          labels: iris.labels, rows: UInt64(iris.rowCount))
        let fresh = try MLExample.loadEnclave()
        let heldOut = MLExample.heldOutFeatures(iris)
        let predictions = try MLExample.predict(in: fresh, sealedModel: trained.sealedModel, features: heldOut,
                                                rows: UInt64(heldOut.count / 4))
        #expect(predictions == trained.heldOutPredictions)
    }

    @Test func tamperedSealedModelIsRefused() throws {
        let trained = try MLExample.train(in: try MLExample.loadEnclave(), features: iris.features,
                                          labels: iris.labels, rows: UInt64(iris.rowCount))
        let fresh = try MLExample.loadEnclave()
        let heldOut = MLExample.heldOutFeatures(iris)
        // sgx_sealed_data_t: key request (512 bytes, reserved tail from 78), plaintext offset,
        // reserved, then payload size, reserved, the 16-byte tag at 544 and the payload at 560.
        // A flipped tag or payload byte fails authentication; a nonzero reserved byte of the
        // key request is refused before any key is derived, as EGETKEY's checks do.
        let expectations: [(position: Int, status: SGXStatus)] = [
            (trained.sealedModel.count - 1, .macMismatch),
            (560 + (trained.sealedModel.count - 560) / 2, .macMismatch),
            (544, .macMismatch),
            (392, .invalidParameter),
        ]
        for (position, expected) in expectations {
            var tampered = trained.sealedModel
            tampered[position] ^= 0x01
            let status = thrownStatus {
                _ = try MLExample.predict(in: fresh, sealedModel: tampered, features: heldOut,
                                          rows: UInt64(heldOut.count / 4))
            }
            #expect(status == expected, "byte \(position) flipped")
        }
        // A truncated blob is refused by the parser.
        let truncated = Array(trained.sealedModel.dropLast(1))
        let status = thrownStatus {
            _ = try MLExample.predict(in: fresh, sealedModel: truncated, features: heldOut, rows: UInt64(heldOut.count / 4))
        }
        #expect(status != nil)
        // The enclave still works after the refusals.
        let predictions = try MLExample.predict(in: fresh, sealedModel: trained.sealedModel, features: heldOut,
                                                rows: UInt64(heldOut.count / 4))
        #expect(predictions == trained.heldOutPredictions)
    }

    @Test func rowCountNotMatchingTheBuffersIsRefused() throws {
        let enclave = try MLExample.loadEnclave()
        for rows: UInt64 in [149, 151, 0, UInt64.max, UInt64(Int.max) / 4 + 1] {
            let status = thrownStatus {
                _ = try MLExample.train(in: enclave, features: iris.features, labels: iris.labels, rows: rows)
            }
            #expect(status == .invalidParameter, "rows \(rows)")
        }
        // Labels buffer one short of the feature rows.
        let status = thrownStatus {
            _ = try MLExample.train(in: enclave, features: iris.features, labels: Array(iris.labels.dropLast()),
                                    rows: UInt64(iris.rowCount))
        }
        #expect(status == .invalidParameter)
        // A label outside the three classes, and a NaN feature.
        var badLabels = iris.labels
        badLabels[7] = 3
        #expect(thrownStatus {
            _ = try MLExample.train(in: enclave, features: iris.features, labels: badLabels, rows: UInt64(iris.rowCount))
        } == .invalidParameter)
        var badFeatures = iris.features
        badFeatures[11] = .nan
        #expect(thrownStatus {
            _ = try MLExample.train(in: enclave, features: badFeatures, labels: iris.labels, rows: UInt64(iris.rowCount))
        } == .invalidParameter)
        // Prediction with a row count that disagrees with the features.
        let trained = try MLExample.train(in: enclave, features: iris.features, labels: iris.labels,
                                          rows: UInt64(iris.rowCount))
        #expect(thrownStatus {
            _ = try MLExample.predict(in: enclave, sealedModel: trained.sealedModel, features: iris.features, rows: 151)
        } == .invalidParameter)
    }

    @Test func nativeTwinRejectsTheSameHostileSizes() {
        let bytes = LittleEndianDoubles.encode(iris.features)
        #expect(throws: ModelError.sizeMismatch) {
            try IrisTraining.run(featureBytes: bytes, labelBytes: iris.labels, rows: 151)
        }
        #expect(throws: ModelError.sizeMismatch) {
            try IrisTraining.run(featureBytes: Array(bytes.dropLast()), labelBytes: iris.labels, rows: 150)
        }
        #expect(throws: ModelError.badModelBytes) {
            try SoftmaxClassifier(bytes: [0x49, 0x52, 0x53, 0x31, 4, 0, 0, 0, 3, 0, 0, 0])
        }
    }

    @Test func portableExpIsCloseToTheHostsExp() {
        for x in stride(from: -50.0, through: 50.0, by: 0.37) {
            let ours = PortableExp.exp(x), reference = hostExp(x)
            #expect(abs(ours - reference) <= 1e-14 * reference, "x = \(x)")
        }
        #expect(PortableExp.exp(0) == 1)
        #expect(PortableExp.exp(-800) == 0)
        #expect(PortableExp.exp(800) == .infinity)
    }
}
