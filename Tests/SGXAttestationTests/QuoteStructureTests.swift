import Foundation
import Testing
import SGXAttestation
import SGXTypes

/// Offsets and round trips of the SGXTypes quote structures (REPORT, TARGETINFO, quote v3/v4).
@Suite struct QuoteStructureTests {
    @Test func reportBodyOffsetsArePinned() throws {
        var bytes = [UInt8](repeating: 0, count: 384)
        for (offset, count) in [(0, 16), (16, 4), (32, 16), (48, 16), (64, 32), (128, 32), (192, 64), (256, 2), (258, 2), (260, 2), (304, 16), (320, 64)] {
            for index in offset..<(offset + count) { bytes[index] = UInt8(truncatingIfNeeded: offset + 1) }
        }
        let body = try ReportBody(bytes: bytes)
        #expect(body.cpuSVN == [UInt8](repeating: 1, count: 16))
        #expect(body.miscSelect == 0x1111_1111)
        #expect(body.isvExtProdID == [UInt8](repeating: 33, count: 16))
        #expect(body.attributes.flags.rawValue == 0x3131_3131_3131_3131)
        #expect(body.mrEnclave == [UInt8](repeating: 65, count: 32))
        #expect(body.mrSigner == [UInt8](repeating: 129, count: 32))
        #expect(body.configID == [UInt8](repeating: 193, count: 64))
        #expect(body.isvProdID == 0x0101)  // 257 truncated
        #expect(body.isvSVN == 0x0303)
        #expect(body.configSVN == 0x0505)
        #expect(body.isvFamilyID == [UInt8](repeating: 49, count: 16))
        #expect(body.reportData == [UInt8](repeating: 65, count: 64))
        #expect(body.bytes == bytes)
        var reserved = bytes
        reserved[100] = 1
        let error = #expect(throws: SGXError.self) { try ReportBody(bytes: reserved) }
        #expect(error?.detail.contains("offset 100") == true)
        #expect(throws: SGXError.self) { try ReportBody(bytes: Array(bytes.prefix(383))) }
    }

    @Test func reportAndTargetInfoRoundTrip() throws {
        var bytes = [UInt8](repeating: 0, count: 432)
        for index in 384..<432 { bytes[index] = UInt8(index & 0xff) }
        let report = try Report(bytes: bytes)
        #expect(report.keyID == Array(bytes[384..<416]))
        #expect(report.mac == Array(bytes[416..<432]))
        #expect(report.bytes == bytes)

        var target = [UInt8](repeating: 0, count: 512)
        target[0] = 0xaa; target[32] = 0x07; target[50] = 0x02; target[52] = 0x11; target[64] = 0x99
        let info = try TargetInfo(bytes: target)
        #expect(info.mrEnclave[0] == 0xaa)
        #expect(info.attributes.flags.rawValue == 7)
        #expect(info.configSVN == 2)
        #expect(info.miscSelect == 0x11)
        #expect(info.configID[0] == 0x99)
        #expect(info.bytes == target)
        target[200] = 1
        #expect(throws: SGXError.self) { try TargetInfo(bytes: target) }
    }

    @Test func fixtureQuotesRoundTrip() throws {
        for file in BadInputTests.quoteFiles {
            let bytes = Fixtures.bytes(file)
            let quote = try Quote(bytes: bytes)
            var length: [UInt8] = [0, 0, 0, 0]
            let signatureData = quote.signatureData.bytes(version: 3)
            length.storeLE(UInt32(signatureData.count), at: 0)
            #expect(quote.header.bytes + quote.reportBody.bytes + length + signatureData == bytes, "\(file)")
            #expect(quote.header.version == 3)
            #expect(quote.header.qeVendorID == QuoteHeader.intelQEVendorID)
        }
        let a = try Quote(bytes: Fixtures.bytes("A-phala-sgx-v3/quote.bin"))
        #expect(a.header.qeSVN == 10)
        #expect(a.header.pceSVN == 15)
        #expect(a.signatureData.certificationData.type == 5)
        #expect(a.signatureData.qeReport.isvSVN == 10)
        let b = try Quote(bytes: Fixtures.bytes("B-intel-qvl-sample-testpki/quote.dat"))
        guard case .ppidCleartext(let info) = b.signatureData.certificationData else {
            Issue.record("B should carry certification data type 1"); return
        }
        #expect(info.ppid.count == 16)
        #expect(info.pceID == nil)  // 34-byte variant
    }

    /// No real SGX v4 quote with collateral exists (fixtures README); re-encode set A as v4
    /// (type 6 QE report certification data wrapping the type 5 chain) and parse it back.
    @Test func version4LayoutRoundTrip() throws {
        let v3 = try Quote(bytes: Fixtures.bytes("A-phala-sgx-v3/quote.bin"))
        var header = v3.header
        header.version = 4
        let signatureData = v3.signatureData.bytes(version: 4)
        var length: [UInt8] = [0, 0, 0, 0]
        length.storeLE(UInt32(signatureData.count), at: 0)
        let bytes = header.bytes + v3.reportBody.bytes + length + signatureData
        #expect(bytes.count == v3.bytes.count + 6)  // the type-6 wrapper's type and size
        #expect(Array(bytes[(436 + 128)..<(436 + 130)]) == [6, 0])
        let v4 = try Quote(bytes: bytes)
        #expect(v4.header.version == 4)
        #expect(v4.signatureData == v3.signatureData)
        // The v4 ISV signature covers a different header, so verification must fail there.
        let error = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verifySignatures(UnverifiedQuote(bytes: bytes), at: Fixtures.timeA)
        }
        #expect(error?.code == .invalidISVSignature)
        // A v4 quote whose outer certification data is not type 6 is rejected with the offset.
        var wrong = bytes
        wrong[436 + 128] = 5
        let parseError = #expect(throws: SGXError.self) { try Quote(bytes: wrong) }
        #expect(parseError?.detail.contains("offset 564") == true)
    }

    @Test func headerChecksNameTheField() {
        var bytes = Fixtures.bytes("A-phala-sgx-v3/quote.bin")
        bytes[2] = 3
        #expect((try? Quote(bytes: bytes)) == nil)
        do { _ = try Quote(bytes: bytes) } catch { #expect(error.detail.contains("att_key_type at offset 2")) }
        bytes[2] = 2
        bytes[4] = 0x81
        do { _ = try Quote(bytes: bytes) } catch { #expect(error.detail.contains("tee_type at offset 4")) }
    }
}
