import Testing
import SGXTypes

@Suite struct SigstructTests {
    static func sample() -> Sigstruct {
        var s = Sigstruct(
            headerType: Sigstruct.debugTypeBit, vendor: 0x8086, date: 0x2016_1214, swDefined: 0xa1a2_a3a4,
            miscSelect: 0xb1b2_b3b4, miscMask: 0xc1c2_c3c4, isvFamilyID: pattern(16, seed: 0x20),
            attributes: Attributes(flags: Attributes.Flags(rawValue: 0x0102_0304_0506_0708), xfrm: 0x1112_1314_1516_1718),
            attributeMask: Attributes(flags: Attributes.Flags(rawValue: 0x2122_2324_2526_2728), xfrm: 0x3132_3334_3536_3738),
            enclaveHash: pattern(32, seed: 0x40), isvExtProdID: pattern(16, seed: 0x70),
            isvProdID: 0xd1d2, isvSVN: 0xe1e2)
        s.modulus = pattern(384, seed: 1)
        s.signature = pattern(384, seed: 2)
        s.q1 = pattern(384, seed: 3)
        s.q2 = pattern(384, seed: 4)
        return s
    }

    @Test func everyFieldAtItsOffset() {
        let b = Self.sample().bytes
        #expect(b.count == 1808 && Sigstruct.byteCount == 1808)
        #expect(Array(b[0..<16]) == [UInt8](hexString: "06000000e10000000000010000000080"))
        #expect(le(b, 16, UInt32.self) == 0x8086)
        #expect(Array(b[20..<24]) == [0x14, 0x12, 0x16, 0x20])
        #expect(Array(b[24..<40]) == [UInt8](hexString: "01010000600000006000000001000000"))
        #expect(le(b, 40, UInt32.self) == 0xa1a2_a3a4)
        #expect(b[44..<128].allSatisfy { $0 == 0 })
        #expect(Array(b[128..<512]) == pattern(384, seed: 1))
        #expect(le(b, 512, UInt32.self) == 3)
        #expect(Array(b[516..<900]) == pattern(384, seed: 2))
        #expect(le(b, 900, UInt32.self) == 0xb1b2_b3b4)
        #expect(le(b, 904, UInt32.self) == 0xc1c2_c3c4)
        #expect(b[908..<912].allSatisfy { $0 == 0 })
        #expect(Array(b[912..<928]) == pattern(16, seed: 0x20))
        #expect(le(b, 928, UInt64.self) == 0x0102_0304_0506_0708)
        #expect(le(b, 936, UInt64.self) == 0x1112_1314_1516_1718)
        #expect(le(b, 944, UInt64.self) == 0x2122_2324_2526_2728)
        #expect(le(b, 952, UInt64.self) == 0x3132_3334_3536_3738)
        #expect(Array(b[960..<992]) == pattern(32, seed: 0x40))
        #expect(b[992..<1008].allSatisfy { $0 == 0 })
        #expect(Array(b[1008..<1024]) == pattern(16, seed: 0x70))
        #expect(le(b, 1024, UInt16.self) == 0xd1d2)
        #expect(le(b, 1026, UInt16.self) == 0xe1e2)
        #expect(b[1028..<1040].allSatisfy { $0 == 0 })
        #expect(Array(b[1040..<1424]) == pattern(384, seed: 3))
        #expect(Array(b[1424..<1808]) == pattern(384, seed: 4))
    }

    @Test func roundTrip() throws {
        let s = Self.sample()
        let decoded = try Sigstruct(bytes: s.bytes)
        #expect(decoded == s)
        #expect(decoded.isDebugSigned)
    }

    @Test func signedBytesAreHeaderAndBody() {
        let s = Self.sample()
        let b = s.bytes
        let signed = s.signedBytes
        #expect(signed.count == 256)
        #expect(Array(signed[0..<128]) == Array(b[0..<128]))
        #expect(Array(signed[128..<256]) == Array(b[900..<1028]))
        var changed = s
        changed.q1 = pattern(384, seed: 9)
        changed.signature = pattern(384, seed: 8)
        changed.modulus = pattern(384, seed: 7)
        #expect(changed.signedBytes == signed)
        changed.isvSVN = 1
        #expect(changed.signedBytes != signed)
    }

    @Test func bcdDate() {
        #expect(Sigstruct.bcdDate(year: 2016, month: 12, day: 14) == 0x2016_1214)
        #expect(Sigstruct.bcdDate(year: 2025, month: 1, day: 9) == 0x2025_0109)
        #expect(Sigstruct.bcdDate(year: 2025, month: 13, day: 1) == nil)
        var s = Self.sample()
        #expect(s.dateComponents! == (2016, 12, 14))
        s.date = 0x2016_12a4
        #expect(s.dateComponents == nil)
    }

    @Test func wrongLengthRejected() {
        #expect(throws: SGXError(.invalidParameter)) { try Sigstruct(bytes: [UInt8](repeating: 0, count: 1807)) }
    }

    @Test func badHeaderRejectedWithSpecificMessage() {
        var b = Self.sample().bytes
        b[4] = 0xE2
        do {
            _ = try Sigstruct(bytes: b)
            Issue.record("accepted a bad HEADER")
        } catch {
            #expect(error.status == .invalidSignature)
            #expect(error.detail.contains("HEADER is"))
        }
    }

    @Test func badTypeWordRejected() {
        var b = Self.sample().bytes
        b[12] = 1
        #expect(throws: SGXError(.invalidSignature)) { try Sigstruct(bytes: b) }
    }

    @Test func badHeader2Rejected() {
        var b = Self.sample().bytes
        b[28] = 0x61
        do {
            _ = try Sigstruct(bytes: b)
            Issue.record("accepted a bad HEADER2")
        } catch {
            #expect(error.status == .invalidSignature)
            #expect(error.detail.contains("HEADER2"))
        }
    }

    @Test func exponentOtherThanThreeRejected() {
        var b = Self.sample().bytes
        b.replaceSubrange(512..<516, with: [0x01, 0x00, 0x01, 0x00])
        do {
            _ = try Sigstruct(bytes: b)
            Issue.record("accepted exponent 65537")
        } catch {
            #expect(error.status == .invalidSignature)
            #expect(error.detail.contains("EXPONENT is 65537"))
        }
    }

    @Test(arguments: [44, 127, 908, 911, 992, 1007, 1028, 1039])
    func nonZeroReservedRejected(offset: Int) {
        var b = Self.sample().bytes
        b[offset] = 0x5a
        #expect(throws: SGXError(.invalidParameter)) { try Sigstruct(bytes: b) }
    }
}
