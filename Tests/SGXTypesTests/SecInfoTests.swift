import Testing
import SGXTypes

@Suite struct SecInfoTests {
    @Test func flagsMatchEADDRecordValues() throws {
        #expect(SecInfo(pageType: .tcs).flags == 0x100)
        #expect(SecInfo(pageType: .regular, permissions: [.read, .write]).flags == 0x203)
        #expect(SecInfo(pageType: .regular, permissions: .read).flags == 0x201)
        #expect(SecInfo(pageType: .regular, permissions: [.read, .execute]).flags == 0x205)
        #expect(SecInfo(pageType: .trim).flags == 0x400)
        let info = try SecInfo(flags: 0x205)
        #expect(info.pageType == .regular)
        #expect(info.permissions == [.read, .execute])
    }

    @Test func layout() throws {
        let info = try SecInfo(flags: 0x63f)
        let b = info.bytes
        #expect(b.count == 64 && SecInfo.byteCount == 64)
        #expect(le(b, 0, UInt64.self) == 0x63f)
        #expect(b[8...].allSatisfy { $0 == 0 })
        #expect(try SecInfo(bytes: b) == info)
        #expect(info.pageType == .shadowStackRest)
    }

    @Test func permissionsSetterKeepsPageType() {
        var info = SecInfo(pageType: .regular, permissions: .read)
        info.permissions = .all
        #expect(info.flags == 0x207)
    }

    @Test func rejections() {
        #expect(throws: SGXError(.invalidParameter)) { try SecInfo(flags: 0x700) }   // page type 7
        #expect(throws: SGXError(.invalidParameter)) { try SecInfo(flags: 0x240) }   // bit 6 reserved
        #expect(throws: SGXError(.invalidParameter)) { try SecInfo(flags: 0x1_0000_0203) }
        var b = SecInfo(pageType: .regular).bytes
        b[63] = 1
        #expect(throws: SGXError(.invalidParameter)) { try SecInfo(bytes: b) }
        #expect(throws: SGXError(.invalidParameter)) { try SecInfo(bytes: [UInt8](repeating: 0, count: 48)) }
    }
}

@Suite struct PageInfoTests {
    @Test func layoutAndRoundTrip() throws {
        let info = PageInfo(linearAddress: 0x1111_1111_1111_1000, sourcePage: 0x2222_2222_2222_2000,
                            secInfo: 0x3333_3333_3333_3340, secs: 0x4444_4444_4444_4000)
        let b = info.bytes
        #expect(b.count == 32 && PageInfo.byteCount == 32)
        #expect(le(b, 0, UInt64.self) == 0x1111_1111_1111_1000)
        #expect(le(b, 8, UInt64.self) == 0x2222_2222_2222_2000)
        #expect(le(b, 16, UInt64.self) == 0x3333_3333_3333_3340)
        #expect(le(b, 24, UInt64.self) == 0x4444_4444_4444_4000)
        #expect(try PageInfo(bytes: b) == info)
        #expect(throws: SGXError(.invalidParameter)) { try PageInfo(bytes: b + [0]) }
    }
}
