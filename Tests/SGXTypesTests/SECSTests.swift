import Testing
import SGXTypes

@Suite struct SECSTests {
    static func sample() -> SECS {
        SECS(
            size: 0x1122_3344_5566_7788, baseAddress: 0x0102_0304_0506_0708, ssaFrameSize: 0xa1a2_a3a4,
            miscSelect: 0xb1b2_b3b4, attributes: Attributes(flags: Attributes.Flags(rawValue: 0xc1c2_c3c4_c5c6_c7c8), xfrm: 0xd1d2_d3d4_d5d6_d7d8),
            mrEnclave: pattern(32, seed: 0x10), mrSigner: pattern(32, seed: 0x40), configID: pattern(64, seed: 0x80),
            isvProdID: 0xe1e2, isvSVN: 0xf1f2, configSVN: 0x9192)
    }

    @Test func sizeIs4096() {
        #expect(SECS.byteCount == 4096)
        #expect(Self.sample().bytes.count == 4096)
    }

    @Test func everyFieldAtItsOffset() {
        let b = Self.sample().bytes
        #expect(le(b, 0, UInt64.self) == 0x1122_3344_5566_7788)
        #expect(le(b, 8, UInt64.self) == 0x0102_0304_0506_0708)
        #expect(le(b, 16, UInt32.self) == 0xa1a2_a3a4)
        #expect(le(b, 20, UInt32.self) == 0xb1b2_b3b4)
        #expect(b[24..<48].allSatisfy { $0 == 0 })
        #expect(le(b, 48, UInt64.self) == 0xc1c2_c3c4_c5c6_c7c8)
        #expect(le(b, 56, UInt64.self) == 0xd1d2_d3d4_d5d6_d7d8)
        #expect(Array(b[64..<96]) == pattern(32, seed: 0x10))
        #expect(b[96..<128].allSatisfy { $0 == 0 })
        #expect(Array(b[128..<160]) == pattern(32, seed: 0x40))
        #expect(b[160..<192].allSatisfy { $0 == 0 })
        #expect(Array(b[192..<256]) == pattern(64, seed: 0x80))
        #expect(le(b, 256, UInt16.self) == 0xe1e2)
        #expect(le(b, 258, UInt16.self) == 0xf1f2)
        #expect(le(b, 260, UInt16.self) == 0x9192)
        #expect(b[262...].allSatisfy { $0 == 0 })
    }

    @Test func roundTrip() throws {
        let secs = Self.sample()
        #expect(try SECS(bytes: secs.bytes) == secs)
    }

    @Test func wrongLengthRejected() {
        #expect(throws: SGXError(.invalidParameter)) { try SECS(bytes: [UInt8](repeating: 0, count: 4095)) }
        #expect(throws: SGXError(.invalidParameter)) { try SECS(bytes: [UInt8](repeating: 0, count: 4097)) }
    }

    @Test(arguments: [24, 47, 96, 127, 160, 191, 262, 4095])
    func nonZeroReservedRejected(offset: Int) {
        var b = Self.sample().bytes
        b[offset] = 1
        #expect(throws: SGXError(.invalidParameter)) { try SECS(bytes: b) }
    }
}
