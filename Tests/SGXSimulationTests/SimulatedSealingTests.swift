import Crypto
import SGXSimulation
import SGXTypes
import Testing

@Suite struct SimulatedSealingTests {
    static let keyID = (0..<32).map { UInt8(0xc0 ^ $0) }

    static func request(_ policy: KeyRequest.KeyPolicy, for secs: SECSIdentity = Identities.a,
                        isvSVN: UInt16? = nil) -> KeyRequest {
        var body = ReportBody()
        body.cpuSVN = SimulatedCPUSVN.default.bytes
        body.isvSVN = isvSVN ?? secs.isvSVN
        return SealedData.keyRequest(policy: policy, keyID: keyID, identity: body)
    }

    @Test func roundTripAndIntelLayout() throws {
        let plaintext = Array("the secret".utf8)
        let aad = Array("header".utf8)
        let blob = try SimulatedSealing.seal(plaintext, additionalMACText: aad, keyRequest: Self.request(.mrSigner), for: Identities.a)
        let bytes = blob.bytes
        #expect(bytes.count == 560 + plaintext.count + aad.count)
        #expect(bytes.loadLE(UInt32.self, at: 512) == UInt32(plaintext.count))
        #expect(bytes.loadLE(UInt32.self, at: 528) == UInt32(plaintext.count + aad.count))
        #expect(Array(bytes[(560 + plaintext.count)...]) == aad)
        // Independently: AES-128-GCM under the documented seal key, zero IV, AAD = MAC text.
        let key = Reference.sealKey(blob.keyRequest, Identities.a)
        let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: key),
                                   nonce: AES.GCM.Nonce(data: [UInt8](repeating: 0, count: 12)), authenticating: aad)
        #expect(Array(bytes[544..<560]) == Array(box.tag))
        #expect(Array(bytes[560..<(560 + plaintext.count)]) == Array(box.ciphertext))
        let opened = try SimulatedSealing.unseal(bytes: bytes, for: Identities.a)
        #expect(opened.plaintext == plaintext)
        #expect(opened.additionalMACText == aad)
    }

    @Test func macOnlyBlob() throws {
        let aad = Array("authenticated only".utf8)
        let blob = try SimulatedSealing.seal([], additionalMACText: aad, keyRequest: Self.request(.mrEnclave), for: Identities.a)
        #expect(blob.isMACOnly)
        #expect(blob.bytes.loadLE(UInt32.self, at: 512) == 0)
        let opened = try SimulatedSealing.unseal(bytes: blob.bytes, for: Identities.a)
        #expect(opened.plaintext.isEmpty && opened.additionalMACText == aad)
    }

    @Test func everySingleBitFlipIsDetected() throws {
        let blob = try SimulatedSealing.seal([1, 2, 3, 4], additionalMACText: [9, 8, 7],
                                             keyRequest: Self.request(.mrSigner), for: Identities.a)
        let bytes = blob.bytes
        var undetected: [Int] = []
        for bit in 0..<(bytes.count * 8) {
            var flipped = bytes
            flipped[bit / 8] ^= UInt8(1 << (bit % 8))
            if (try? SimulatedSealing.unseal(bytes: flipped, for: Identities.a)) != nil { undetected.append(bit) }
        }
        #expect(bytes.count == 567)
        #expect(undetected.isEmpty, "undetected bit flips at \(undetected)")
    }

    @Test func mrEnclavePolicyBindsToTheEnclave() throws {
        let blob = try SimulatedSealing.seal([42], keyRequest: Self.request(.mrEnclave), for: Identities.a)
        #expect(try SimulatedSealing.unseal(blob, for: Identities.a).plaintext == [42])
        #expect(throws: SGXError(.macMismatch)) { try SimulatedSealing.unseal(blob, for: Identities.b) }
        // MRENCLAVE policy does not bind MRSIGNER (same measurement, other signer: unseals),
        // but ISVPRODID is bound unless NOISVPRODID.
        #expect(try SimulatedSealing.unseal(blob, for: Identities.otherSigner).plaintext == [42])
        #expect(throws: SGXError(.macMismatch)) { try SimulatedSealing.unseal(blob, for: Identities.enclave(0x10, isvProdID: 9)) }
    }

    @Test func mrSignerPolicyBindsToSignerAndProduct() throws {
        let blob = try SimulatedSealing.seal([42], keyRequest: Self.request(.mrSigner), for: Identities.a)
        #expect(try SimulatedSealing.unseal(blob, for: Identities.b).plaintext == [42])
        #expect(throws: SGXError(.macMismatch)) { try SimulatedSealing.unseal(blob, for: Identities.otherSigner) }
        #expect(throws: SGXError(.macMismatch)) {
            try SimulatedSealing.unseal(blob, for: Identities.enclave(0x20, isvProdID: 99))
        }
    }

    @Test func noISVProdIDSharesAcrossProducts() throws {
        let kss = Attributes(flags: [.initted, .debug, .mode64Bit, .kss], xfrm: 3)
        let one = Identities.enclave(0x10, isvProdID: 1, attributes: kss)
        let two = Identities.enclave(0x20, isvProdID: 2, attributes: kss)
        let shared = try SimulatedSealing.seal([7], keyRequest: Self.request([.mrSigner, .noISVProdID]), for: one)
        #expect(try SimulatedSealing.unseal(shared, for: two).plaintext == [7])
        let bound = try SimulatedSealing.seal([7], keyRequest: Self.request(.mrSigner), for: one)
        #expect(throws: SGXError(.macMismatch)) { try SimulatedSealing.unseal(bound, for: two) }
    }

    @Test func svnRules() throws {
        // Sealed at ISVSVN 1 by an older version: the current version (ISVSVN 2) unseals it.
        let old = try SimulatedSealing.seal([5], keyRequest: Self.request(.mrSigner, isvSVN: 1), for: Identities.a)
        #expect(try SimulatedSealing.unseal(old, for: Identities.a).plaintext == [5])
        // Sealed by a newer version (ISVSVN 3): EGETKEY refuses, and the error says why.
        let newer = Identities.enclave(0x10, isvSVN: 3)
        let blob = try SimulatedSealing.seal([5], keyRequest: Self.request(.mrSigner, for: newer), for: newer)
        #expect(throws: SGXError(.invalidISVSVN)) { try SimulatedSealing.unseal(blob, for: Identities.a) }
        // Sealed on an upgraded CPU: refused on the default one.
        var onUpgradedCPU = Self.request(.mrSigner)
        onUpgradedCPU.cpuSVN = SimulatedCPUSVN.upgraded.bytes
        let resealed = try SimulatedSealing.seal([5], keyRequest: onUpgradedCPU, cpu: SimulatedCPU(cpuSVN: .upgraded), for: Identities.a)
        #expect(try SimulatedSealing.unseal(resealed, cpu: SimulatedCPU(cpuSVN: .upgraded), for: Identities.a).plaintext == [5])
        #expect(throws: SGXError(.invalidCPUSVN)) { try SimulatedSealing.unseal(resealed, for: Identities.a) }
    }

    @Test func aadMismatchIsDetected() throws {
        var blob = try SimulatedSealing.seal([1, 2], additionalMACText: [3, 4], keyRequest: Self.request(.mrSigner), for: Identities.a)
        blob.additionalMACText = [3, 5]
        #expect(throws: SGXError(.macMismatch)) { try SimulatedSealing.unseal(blob, for: Identities.a) }
        blob.additionalMACText = []
        #expect(throws: SGXError(.macMismatch)) { try SimulatedSealing.unseal(blob, for: Identities.a) }
    }

    @Test func malformedBlobsAreRefusedBeforeDecryption() throws {
        let bytes = try SimulatedSealing.seal([1, 2, 3], additionalMACText: [4], keyRequest: Self.request(.mrSigner), for: Identities.a).bytes
        // Truncated anywhere: header or payload.
        for length in [0, 100, 559, 560, 563] {
            #expect(throws: SGXError(.invalidParameter)) { try SimulatedSealing.unseal(bytes: Array(bytes[..<length]), for: Identities.a) }
        }
        // Overflowing and inconsistent lengths.
        var overflowing = bytes
        overflowing.storeLE(UInt32.max, at: 528)
        #expect(throws: SGXError(.macMismatch)) { try SimulatedSealing.unseal(bytes: overflowing, for: Identities.a) }
        var offsetPastPayload = bytes
        offsetPastPayload.storeLE(UInt32(5), at: 512)
        #expect(throws: SGXError(.macMismatch)) { try SimulatedSealing.unseal(bytes: offsetPastPayload, for: Identities.a) }
        // Sealing refuses policies without MRENCLAVE/MRSIGNER and masks without INIT|DEBUG.
        #expect(throws: SGXError(.invalidParameter)) {
            try SimulatedSealing.seal([1], keyRequest: KeyRequest(keyName: .seal, keyPolicy: [], attributeMask: SealedData.defaultAttributeMask), for: Identities.a)
        }
        #expect(throws: SGXError(.invalidParameter)) {
            try SimulatedSealing.seal([1], keyRequest: KeyRequest(keyName: .seal, keyPolicy: .mrSigner), for: Identities.a)
        }
    }
}
