import Testing
import SGXTypes

@Suite struct KeyRequestTests {
    static func sample() -> KeyRequest {
        KeyRequest(keyName: .seal, keyPolicy: [.mrSigner, .isvExtProdID], isvSVN: 0xa1a2, cpuSVN: pattern(16, seed: 0x10),
                   attributeMask: Attributes(flags: Attributes.Flags(rawValue: 0xff00_0000_0000_000b), xfrm: 0x1122_3344_5566_7788),
                   keyID: pattern(32, seed: 0x40), miscMask: 0xf000_0000, configSVN: 0xb1b2)
    }

    @Test func rawValuesAreTheSDMs() {
        #expect(KeyRequest.KeyName.allCases.map(\.rawValue) == [0, 1, 2, 3, 4])
        #expect(KeyRequest.KeyName.einitToken.rawValue == 0 && KeyRequest.KeyName.report.rawValue == 3)
        let p: [KeyRequest.KeyPolicy] = [.mrEnclave, .mrSigner, .noISVProdID, .configID, .isvFamilyID, .isvExtProdID]
        #expect(p.map(\.rawValue) == [1, 2, 4, 8, 0x10, 0x20])
    }

    @Test func everyFieldAtItsOffset() {
        let b = Self.sample().bytes
        #expect(b.count == 512 && KeyRequest.byteCount == 512)
        #expect(le(b, 0, UInt16.self) == 4)
        #expect(le(b, 2, UInt16.self) == 0x22)
        #expect(le(b, 4, UInt16.self) == 0xa1a2)
        #expect(le(b, 6, UInt16.self) == 0)
        #expect(Array(b[8..<24]) == pattern(16, seed: 0x10))
        #expect(le(b, 24, UInt64.self) == 0xff00_0000_0000_000b)
        #expect(le(b, 32, UInt64.self) == 0x1122_3344_5566_7788)
        #expect(Array(b[40..<72]) == pattern(32, seed: 0x40))
        #expect(le(b, 72, UInt32.self) == 0xf000_0000)
        #expect(le(b, 76, UInt16.self) == 0xb1b2)
        #expect(b[78...].allSatisfy { $0 == 0 })
    }

    @Test func roundTrip() throws {
        let k = Self.sample()
        #expect(try KeyRequest(bytes: k.bytes) == k)
    }

    @Test func rejections() {
        let good = Self.sample().bytes
        #expect(throws: SGXError(.invalidParameter)) { try KeyRequest(bytes: Array(good[0..<511])) }
        var b = good
        b[6] = 1
        #expect(throws: SGXError(.invalidParameter)) { try KeyRequest(bytes: b) }
        b = good
        b[511] = 1
        #expect(throws: SGXError(.invalidParameter)) { try KeyRequest(bytes: b) }
        b = good
        b[0] = 5
        #expect(throws: SGXError(.invalidKeyname)) { try KeyRequest(bytes: b) }
        b = good
        b[2] = 0x40
        #expect(throws: SGXError(.invalidParameter)) { try KeyRequest(bytes: b) }
    }
}
