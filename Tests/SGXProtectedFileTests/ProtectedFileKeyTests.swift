import Foundation
import SGXSimulation
import SGXTypes
import Testing
import Crypto
import _CryptoExtras

/// The metadata key derivation against values computed independently of the codec.
struct ProtectedFileKeyTests {
    let keyID: [UInt8] = Array(0x20..<0x40)

    /// `kdf_input_t` built field by field here, CMACed with swift-crypto directly.
    @Test func userKDKDerivationMatchesAnIndependentCMAC() throws {
        var input: [UInt8] = [0x01, 0x00, 0x00, 0x00]                      // index = 1
        input += Array("SGX-PROTECTED-FS-METADATA-KEY".utf8)
        input += [UInt8](repeating: 0, count: 64 - 29)                       // label field, 64 B
        input += [0, 0, 0, 0]                                                 // alignment of node_number
        input += [UInt8](repeating: 0, count: 8)                              // node_number = 0
        input += keyID                                                        // nonce32
        input += [0x80, 0x00, 0x00, 0x00]                                     // output_len = 128
        input += [0, 0, 0, 0]                                                 // struct tail padding
        #expect(input.count == 120)
        #expect(ProtectedFileKeyDerivation.kdfInput(label: ProtectedFileKeyDerivation.metadataKeyLabel, nodeNumber: 0, nonce: keyID) == input)

        var cmac = try AES.CMAC(key: SymmetricKey(data: PFSTest.kdk))
        cmac.update(data: input)
        let expected = cmac.finalize().withUnsafeBytes { Array($0) }
        #expect(try ProtectedFileKey.metadataKey(userKDK: PFSTest.kdk, keyID: keyID) == expected)
        // The same value from Python's `cryptography` (Fixtures/generate.py prints it).
        #expect(expected.hexString == "56700ecd17e215cd8b6e40a2fd98a9e5")
    }

    @Test func autoModeKeyRequestIsIntels() {
        let request = ProtectedFileKeyDerivation.metadataKeyRequest(keyID: keyID, cpuSVN: SimulatedCPUSVN.default.bytes, isvSVN: 7)
        #expect(request.keyName == .seal)
        #expect(request.keyPolicy == .mrSigner)
        #expect(request.attributeMask.flags.rawValue == 0xFF00_0000_0000_000B)
        #expect(request.attributeMask.xfrm == 0)
        #expect(request.miscMask == 0xF000_0000)
        #expect(request.keyID == keyID)
        #expect(request.isvSVN == 7)
        #expect(request.configSVN == 0)
    }

    /// A file made by an independent implementation (Fixtures/generate.py) opens, with the
    /// plaintext it was made from.
    @Test func independentlyMadeFileOpens() throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let file = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("kdk-3100-fixture.txt.pfs")))
        let plain = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("kdk-3100-fixture.txt.plain")))
        #expect(try ProtectedFileReader.read(file, openedAs: "fixture.txt", key: .userKDK(PFSTest.kdk)) == plain)
        let info = try ProtectedFileReader.info(file)
        #expect(info.header.metadataKeyID == keyID)
        #expect(info.nodeCount == 3)
    }

    /// Pins the plain header offsets of `meta_data_plain_t`.
    @Test func plainHeaderOffsets() throws {
        let header = ProtectedFileMetadataPlain(
            metadataKeyID: [UInt8](repeating: 0xaa, count: 32), cpuSVN: [UInt8](repeating: 0xbb, count: 16), isvSVN: 0x0102,
            useUserKDKKey: 1, attributeMask: [UInt8](repeating: 0xcc, count: 16),
            metadataGMAC: [UInt8](repeating: 0xdd, count: 16), updateFlag: 1)
        let bytes = header.bytes
        #expect(bytes.count == 94)
        #expect(Array(bytes[0..<8]) == Array("ELIF_XGS".utf8))
        #expect(bytes[8] == 1 && bytes[9] == 0)
        #expect(Array(bytes[10..<42]) == [UInt8](repeating: 0xaa, count: 32))
        #expect(Array(bytes[42..<58]) == [UInt8](repeating: 0xbb, count: 16))
        #expect(bytes[58] == 0x02 && bytes[59] == 0x01)
        #expect(bytes[60] == 1)
        #expect(Array(bytes[61..<77]) == [UInt8](repeating: 0xcc, count: 16))
        #expect(Array(bytes[77..<93]) == [UInt8](repeating: 0xdd, count: 16))
        #expect(bytes[93] == 1)
        #expect(ProtectedFileMetadataPlain(bytes: bytes) == header)
    }
}
