import Testing
import SGXTypes

@Suite struct TCSTests {
    static func sample() -> TCS {
        TCS(state: 0x0101_0101_0101_0101, flags: [.debugOptIn, .aexNotify], ossa: 0x1111_2222_3333_4444,
            cssa: 0x5555_6666, nssa: 0x7777_8888, oentry: 0x99aa_bbcc_ddee_ff00, aep: 0x1234_5678_9abc_def0,
            ofsBase: 0x0a0b_0c0d_0e0f_1011, ogsBase: 0x2122_2324_2526_2728, fsLimit: 0x3132_3334, gsLimit: 0x4142_4344)
    }

    @Test func everyFieldAtItsOffset() {
        let b = Self.sample().bytes
        #expect(b.count == 4096 && TCS.byteCount == 4096)
        #expect(le(b, 0, UInt64.self) == 0x0101_0101_0101_0101)
        #expect(le(b, 8, UInt64.self) == 0x3)
        #expect(le(b, 16, UInt64.self) == 0x1111_2222_3333_4444)
        #expect(le(b, 24, UInt32.self) == 0x5555_6666)
        #expect(le(b, 28, UInt32.self) == 0x7777_8888)
        #expect(le(b, 32, UInt64.self) == 0x99aa_bbcc_ddee_ff00)
        #expect(le(b, 40, UInt64.self) == 0x1234_5678_9abc_def0)
        #expect(le(b, 48, UInt64.self) == 0x0a0b_0c0d_0e0f_1011)
        #expect(le(b, 56, UInt64.self) == 0x2122_2324_2526_2728)
        #expect(le(b, 64, UInt32.self) == 0x3132_3334)
        #expect(le(b, 68, UInt32.self) == 0x4142_4344)
        #expect(b[72...].allSatisfy { $0 == 0 })
    }

    @Test func defaultsAreIntelsTemplate() {
        let tcs = TCS(ossa: 0x1000, nssa: 2, oentry: 0x2000)
        #expect(tcs.fsLimit == 0xffff_ffff && tcs.gsLimit == 0xffff_ffff && tcs.state == 0 && tcs.flags.isEmpty)
    }

    @Test func roundTripAndRejections() throws {
        let tcs = Self.sample()
        #expect(try TCS(bytes: tcs.bytes) == tcs)
        #expect(throws: SGXError(.invalidParameter)) { try TCS(bytes: Array(tcs.bytes.dropLast())) }
        var b = tcs.bytes
        b[4000] = 7
        #expect(throws: SGXError(.invalidParameter)) { try TCS(bytes: b) }
    }
}
