import SGXTypes
import Testing

/// The `sgx_sealed_data_t` layout (Intel sgx_tseal.h) and its strict parser.
@Suite struct SealedDataTests {
    static func sample(text: [UInt8] = [1, 2, 3], aad: [UInt8] = [0xa, 0xb]) -> SealedData {
        SealedData(keyRequest: KeyRequestTests.sample(), tag: pattern(16, seed: 0x70),
                   encryptedText: text, additionalMACText: aad)
    }

    @Test func everyFieldAtItsOffset() {
        let b = Self.sample().bytes
        #expect(SealedData.headerByteCount == 560)
        #expect(b.count == 565)
        #expect(Array(b[0..<512]) == KeyRequestTests.sample().bytes)
        #expect(le(b, 512, UInt32.self) == 3)           // plain_text_offset
        #expect(b[516..<528].allSatisfy { $0 == 0 })    // reserved
        #expect(le(b, 528, UInt32.self) == 5)           // payload_size
        #expect(b[532..<544].allSatisfy { $0 == 0 })    // reserved
        #expect(Array(b[544..<560]) == pattern(16, seed: 0x70))
        #expect(Array(b[560..<563]) == [1, 2, 3])
        #expect(Array(b[563..<565]) == [0xa, 0xb])
    }

    @Test func roundTrips() throws {
        for blob in [Self.sample(), Self.sample(text: []), Self.sample(aad: []), Self.sample(text: [], aad: [])] {
            let parsed = try SealedData(bytes: blob.bytes)
            #expect(parsed == blob)
            #expect(parsed.bytes == blob.bytes)
        }
        #expect(Self.sample(text: []).isMACOnly)
    }

    @Test func sizeCalculationGuardsOverflow() {
        #expect(SealedData.byteCount(additionalMACTextLength: 2, encryptedTextLength: 3) == 565)
        #expect(SealedData.byteCount(additionalMACTextLength: Int(UInt32.max) - 560, encryptedTextLength: 0) == Int(UInt32.max))
        #expect(SealedData.byteCount(additionalMACTextLength: Int(UInt32.max) - 559, encryptedTextLength: 0) == nil)
        #expect(SealedData.byteCount(additionalMACTextLength: -1, encryptedTextLength: 0) == nil)
    }

    @Test func truncatedOrOverlongBuffers() {
        let b = Self.sample().bytes
        for length in [0, 1, 511, 512, 559] {
            #expect(throws: SGXError(.invalidParameter)) { try SealedData(bytes: Array(b[..<length])) }
        }
        for length in [560, 562, 564] {
            #expect(throws: SGXError(.invalidParameter)) { try SealedData(bytes: Array(b[..<length])) }
        }
        #expect(throws: SGXError(.invalidParameter)) { try SealedData(bytes: b + [0]) }
    }

    @Test func corruptLengths() {
        var offsetTooLarge = Self.sample().bytes
        offsetTooLarge.storeLE(UInt32(6), at: 512)
        #expect(throws: SGXError(.macMismatch)) { try SealedData(bytes: offsetTooLarge) }
        var overflowing = Self.sample().bytes
        overflowing.storeLE(UInt32.max, at: 528)
        #expect(throws: SGXError(.macMismatch)) { try SealedData(bytes: overflowing) }
        var bothHuge = Self.sample().bytes
        bothHuge.storeLE(UInt32.max - 100, at: 512)
        bothHuge.storeLE(UInt32.max - 100, at: 528)
        #expect(throws: SGXError(.macMismatch)) { try SealedData(bytes: bothHuge) }
        var shortPayload = Self.sample().bytes
        shortPayload.storeLE(UInt32(4), at: 528)
        #expect(throws: SGXError(.invalidParameter)) { try SealedData(bytes: shortPayload) }
    }

    @Test func reservedBytesAndKeyRequest() {
        for offset in [516, 527, 532, 543] {
            var b = Self.sample().bytes
            b[offset] = 1
            #expect(throws: SGXError(.invalidParameter)) { try SealedData(bytes: b) }
        }
        var badName = Self.sample().bytes
        badName[0] = 9
        #expect(throws: SGXError(.invalidKeyname)) { try SealedData(bytes: badName) }
        var reservedInRequest = Self.sample().bytes
        reservedInRequest[100] = 1
        #expect(throws: SGXError(.invalidParameter)) { try SealedData(bytes: reservedInRequest) }
    }

    @Test func intelDefaults() throws {
        #expect(SealedData.defaultAttributeMask.flags.rawValue == 0xFF00_0000_0000_000B)
        #expect(SealedData.defaultAttributeMask.xfrm == 0)
        #expect(SealedData.defaultMiscMask == 0xF000_0000)
        var body = ReportBody()
        body.cpuSVN = pattern(16, seed: 1)
        body.isvSVN = 7
        body.configSVN = 0
        let keyID = pattern(32, seed: 9)
        let request = SealedData.keyRequest(policy: SealedData.defaultKeyPolicy(for: body), keyID: keyID, identity: body)
        #expect(request.keyName == .seal && request.keyPolicy == .mrSigner)
        #expect(request.cpuSVN == body.cpuSVN && request.isvSVN == 7 && request.keyID == keyID)
        #expect(request.attributeMask == SealedData.defaultAttributeMask && request.miscMask == 0xF000_0000)
        body.attributes = Attributes(flags: [.initted, .kss], xfrm: 0)
        #expect(SealedData.defaultKeyPolicy(for: body).rawValue == 0x3a)
        try SealedData.validate(policy: .mrEnclave, attributeMask: SealedData.defaultAttributeMask)
        #expect(throws: SGXError(.invalidParameter)) { try SealedData.validate(policy: .noISVProdID, attributeMask: SealedData.defaultAttributeMask) }
        #expect(throws: SGXError(.invalidParameter)) {
            try SealedData.validate(policy: .mrSigner, attributeMask: Attributes(flags: [.initted], xfrm: 0))
        }
    }
}
