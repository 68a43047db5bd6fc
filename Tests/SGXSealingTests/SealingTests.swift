import Crypto
import Foundation
import SGXHost
import SGXSimulation
import SGXTypes
import Testing

/// SealedData.seal/unseal/mac/reseal inside simulation enclaves, cross-checked with the
/// host reference SimulatedSealing (Intel's sgx_sealed_data_t layout and key derivation).
@Suite(.serialized) struct SealingTests {
    let plaintext = Array("sealed inside an enclave".utf8)
    let aad = Array("MAC-only text".utf8)

    /// The REPORT-body identity SealedData.keyRequest needs for an enclave at `isvSVN`.
    func identity(isvSVN: UInt16) -> ReportBody {
        var body = ReportBody()
        body.isvSVN = isvSVN
        body.cpuSVN = SimulatedCPUSVN.default.bytes
        return body
    }

    @Test func sealedInEnclaveUnsealsWithTheHostReferenceAndBack() throws {
        let a = try SealEnclaves.load("SealA")
        let blob = try a.seal(plaintext, aad: aad)
        let parsed = try SealedData(bytes: blob)
        #expect(blob.count == 560 + plaintext.count + aad.count)
        #expect(parsed.keyRequest.keyName == .seal)
        #expect(parsed.keyRequest.keyPolicy == .mrSigner)
        #expect(parsed.keyRequest.attributeMask == SealedData.defaultAttributeMask)
        #expect(parsed.keyRequest.attributeMask.flags.rawValue == 0xFF00_0000_0000_000B)
        #expect(parsed.keyRequest.miscMask == 0xF000_0000)
        #expect(parsed.keyRequest.isvSVN == 5)
        #expect(parsed.keyRequest.cpuSVN == SimulatedCPUSVN.default.bytes)
        #expect(parsed.keyRequest.keyID != [UInt8](repeating: 0, count: 32))
        #expect(parsed.encryptedText != plaintext)
        #expect(parsed.additionalMACText == aad)
        let host = try SimulatedSealing.unseal(bytes: blob, for: a.secsIdentity)
        #expect(host.plaintext == plaintext && host.additionalMACText == aad)

        // Host-sealed with Intel's KEYREQUEST for this enclave, unsealed inside.
        for policy: KeyRequest.KeyPolicy in [.mrSigner, .mrEnclave] {
            let request = SealedData.keyRequest(policy: policy, keyID: (0..<32).map { UInt8($0 * 3) },
                                                identity: identity(isvSVN: 5))
            let hostBlob = try SimulatedSealing.seal(plaintext, additionalMACText: aad, keyRequest: request, for: a.secsIdentity)
            let inside = try a.unseal(hostBlob.bytes)
            #expect(inside.plaintext == plaintext && inside.aad == aad)
        }
        // Every seal uses a fresh KEYID.
        #expect(try a.seal(plaintext, aad: aad) != blob)
    }

    @Test func emptyAndLargerTexts() throws {
        let a = try SealEnclaves.load("SealA")
        let big = (0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let blob = try a.seal(big)
        #expect(try a.unseal(blob).plaintext == big)
        #expect(try SimulatedSealing.unseal(bytes: blob, for: a.secsIdentity).plaintext == big)
        let onlyAAD = try a.seal([], aad: aad)
        #expect(try a.unseal(onlyAAD).aad == aad)
    }

    @Test func macOnlyBlobs() throws {
        let a = try SealEnclaves.load("SealA")
        let blob = try a.call(2, aad)
        let parsed = try SealedData(bytes: blob)
        #expect(parsed.isMACOnly && parsed.additionalMACText == aad)
        #expect(try a.call(3, blob) == aad)
        #expect(try SimulatedSealing.unseal(bytes: blob, for: a.secsIdentity).additionalMACText == aad)
        var altered = blob
        altered[altered.count - 1] ^= 1
        #expect(throws: SGXError(.macMismatch)) { try a.call(3, altered) }
        #expect(throws: SGXError(.invalidParameter)) { try a.call(3, try a.seal(plaintext)) }
        #expect(throws: SGXError(.invalidParameter)) { try a.call(2, []) }
    }

    @Test func everySingleBitFlipIsDetected() throws {
        let a = try SealEnclaves.load("SealA")
        let texts = (0..<32).map { UInt8($0) } // 16 bytes encrypted, 16 bytes MAC-only
        let out = try a.call(6, texts)
        #expect(out.loadLE(UInt64.self, at: 0) == UInt64((560 + 32) * 8))
    }

    @Test func policiesAcrossEnclavesAndSigners() throws {
        let a = try SealEnclaves.load("SealA")
        let b = try SealEnclaves.load("SealB")
        let other = try SealEnclaves.load("OtherSigner")
        #expect(a.identity.mrenclave != b.identity.mrenclave && a.identity.mrsigner == b.identity.mrsigner)
        #expect(other.identity.mrsigner != a.identity.mrsigner && other.identity.isvProdID == a.identity.isvProdID)

        let byEnclave = try a.seal(plaintext, aad: aad, policy: .mrEnclave)
        #expect(try a.unseal(byEnclave).plaintext == plaintext)
        #expect(throws: SGXError(.macMismatch)) { try b.unseal(byEnclave) }
        #expect(throws: SGXError(.macMismatch)) { try other.unseal(byEnclave) }

        let bySigner = try a.seal(plaintext, aad: aad, policy: .mrSigner)
        #expect(try b.unseal(bySigner).plaintext == plaintext)
        #expect(throws: SGXError(.macMismatch)) { try other.unseal(bySigner) }
        // And the other signer's blobs do not open here.
        #expect(throws: SGXError(.macMismatch)) { try a.unseal(try other.seal(plaintext)) }

        // NOISVPRODID needs a KSS enclave (EGETKEY faults); policies must name MRENCLAVE or MRSIGNER.
        #expect(throws: SGXError(.invalidParameter)) { try a.seal(plaintext, policy: [.mrSigner, .noISVProdID]) }
        #expect(throws: SGXError(.invalidParameter)) { try a.seal(plaintext, policy: .noISVProdID) }
        #expect(throws: SGXError(.invalidParameter)) { try a.seal(plaintext, policy: KeyRequest.KeyPolicy(rawValue: 0x42)) }
    }

    @Test func olderISVSVNUnsealsNewerDoesNotAndResealMigrates() throws {
        let a = try SealEnclaves.load("SealA") // ISVSVN 5
        let c = try SealEnclaves.load("SealC") // ISVSVN 6, same signer and ISVPRODID
        let old = try a.seal(plaintext, aad: aad)
        #expect(try c.unseal(old).plaintext == plaintext)
        let newer = try c.seal(plaintext)
        #expect(throws: SGXError(.invalidISVSVN)) { try a.unseal(newer) }

        #expect(try c.call(5, old) == [1])
        let migrated = try c.call(4, old)
        let parsed = try SealedData(bytes: migrated)
        #expect(parsed.keyRequest.isvSVN == 6 && parsed.keyRequest.keyPolicy == .mrSigner)
        #expect(parsed.keyRequest.keyID != (try SealedData(bytes: old)).keyRequest.keyID)
        #expect(try c.call(5, migrated) == [0])
        let opened = try c.unseal(migrated)
        #expect(opened.plaintext == plaintext && opened.aad == aad)
        #expect(throws: SGXError(.invalidISVSVN)) { try a.unseal(migrated) }

        // A blob from a newer CPU (upgraded CPUSVN) is refused with invalidCPUSVN.
        var request = SealedData.keyRequest(policy: .mrSigner, keyID: [UInt8](repeating: 9, count: 32),
                                            identity: identity(isvSVN: 5))
        request.cpuSVN = SimulatedCPUSVN.upgraded.bytes
        let future = try SimulatedSealing.seal(plaintext, keyRequest: request, cpu: SimulatedCPU(cpuSVN: .upgraded),
                                               for: a.secsIdentity)
        #expect(throws: SGXError(.invalidCPUSVN)) { try a.unseal(future.bytes) }
    }

    @Test func malformedBlobsAreRefusedWithSpecificErrors() throws {
        let a = try SealEnclaves.load("SealA")
        let blob = try a.seal(plaintext, aad: aad)
        #expect(throws: SGXError(.invalidParameter)) { try a.unseal(Array(blob.dropLast())) }
        #expect(throws: SGXError(.invalidParameter)) { try a.unseal(Array(blob.prefix(559))) }
        #expect(throws: SGXError(.invalidParameter)) { try a.unseal([]) }
        #expect(throws: SGXError(.invalidParameter)) { try a.unseal(blob + [0]) }

        var overflowing = blob
        overflowing.storeLE(UInt32.max, at: 528) // payload_size: 560 + 4 GiB does not fit 32 bits
        #expect(throws: SGXError(.macMismatch)) { try a.unseal(overflowing) }
        var offsetBeyond = blob
        offsetBeyond.storeLE(UInt32(plaintext.count + aad.count + 1), at: 512) // plain_text_offset > payload_size
        #expect(throws: SGXError(.macMismatch)) { try a.unseal(offsetBeyond) }
        var shifted = blob // the lengths stay consistent but move the text/AAD split
        shifted.storeLE(UInt32(plaintext.count + 1), at: 512)
        #expect(throws: SGXError(.macMismatch)) { try a.unseal(shifted) }

        // AAD mismatch: another MAC-only text, or another blob's.
        var otherAAD = blob
        otherAAD[560 + plaintext.count] ^= 0x20
        #expect(throws: SGXError(.macMismatch)) { try a.unseal(otherAAD) }
        let second = try a.seal(plaintext, aad: Array("another text!".utf8))
        let spliced = Array(blob.prefix(560 + plaintext.count)) + Array(second.suffix(aad.count))
        #expect(throws: SGXError(.macMismatch)) { try a.unseal(spliced) }

        var reserved = blob
        reserved[520] = 1
        #expect(throws: SGXError(.invalidParameter)) { try a.unseal(reserved) }
        var reportKey = blob
        reportKey.storeLE(UInt16(3), at: 0) // KEYNAME REPORT
        #expect(throws: SGXError(.macMismatch)) { try a.unseal(reportKey) }
        var badName = blob
        badName.storeLE(UInt16(9), at: 0)
        #expect(throws: SGXError(.invalidKeyname)) { try a.unseal(badName) }
        // The enclave survived all of it.
        let crashed = a.isCrashed
        #expect(!crashed)
        #expect(try a.unseal(blob).plaintext == plaintext)
    }
}
