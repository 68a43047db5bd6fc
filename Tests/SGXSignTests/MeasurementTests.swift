import Testing
import SGXImage
import SGXTypes

@Suite struct MeasurementTests {
    @Test func fixtureStreamMeasuresToItsMRENCLAVE() throws {
        let stream = try SGXSStream(bytes: Fixture.sgxs)
        #expect(stream.mrenclave == Fixture.mrenclave)
        let sigstruct = try Sigstruct(bytes: Fixture.sig)
        #expect(sigstruct.enclaveHash == stream.mrenclave)
    }

    @Test func fixtureStreamStructure() throws {
        let stream = try SGXSStream(bytes: Fixture.sgxs)
        #expect(stream.ssaFrameSize == 1)
        #expect(stream.enclaveSize == 0x40000)
        #expect(stream.pages.count == 9)
        let flags = stream.pages.map(\.secInfoFlags)
        #expect(flags.filter { $0 == 0x203 }.count == 5)
        #expect(flags.filter { $0 == 0x201 }.count == 2)
        #expect(flags.filter { $0 == 0x205 }.count == 1)
        #expect(flags.filter { $0 == 0x100 }.count == 1)
        #expect(stream.pages.reduce(0) { $0 + $1.chunks.count } == 144)
        #expect(stream.records.count == 1 + 9 + 144)
        for page in stream.pages {
            for chunk in page.chunks {
                #expect(chunk.offset & ~0xfff == page.offset)
                #expect(stream.data(of: chunk).count == 256)
            }
        }
    }

    @Test func remeasuringPagesReproducesTheStreamByteForByte() throws {
        let stream = try SGXSStream(bytes: Fixture.sgxs)
        var builder = MeasurementBuilder(recordsSGXS: true)
        builder.ecreate(ssaFrameSize: stream.ssaFrameSize, enclaveSize: stream.enclaveSize)
        for page in stream.pages {
            builder.eadd(offset: page.offset, secInfoFlags: page.secInfoFlags)
            for chunk in page.chunks {
                Array(stream.data(of: chunk)).withUnsafeBytes { builder.eextend(offset: chunk.offset, chunk: $0) }
            }
        }
        #expect(builder.sgxs == Fixture.sgxs)
        #expect(builder.finalize() == Fixture.mrenclave)
    }

    @Test func replayInRecordOrder() throws {
        let stream = try SGXSStream(bytes: Fixture.sgxs)
        var builder = MeasurementBuilder(recordsSGXS: true)
        stream.replay(into: &builder)
        #expect(builder.sgxs == Fixture.sgxs)
        var plain = MeasurementBuilder()
        stream.replay(into: &plain)
        #expect(plain.finalize() == Fixture.mrenclave)
        #expect(plain.sgxs.isEmpty)
    }

    @Test func recordLayout() {
        var builder = MeasurementBuilder(recordsSGXS: true)
        builder.ecreate(ssaFrameSize: 0x0102_0304, enclaveSize: 0x1122_3344_5566_7788)
        builder.eadd(offset: 0x5000, secInfoFlags: 0x203)
        let chunk = [UInt8](repeating: 0xab, count: 256)
        chunk.withUnsafeBytes { builder.eextend(offset: 0x5100, chunk: $0) }
        let s = builder.sgxs
        #expect(s.count == 64 * 3 + 256)
        #expect(Array(s[0..<8]) == Array("ECREATE\0".utf8))
        #expect(Array(s[8..<12]) == [0x04, 0x03, 0x02, 0x01])
        #expect(Array(s[12..<20]) == [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11])
        #expect(s[20..<64].allSatisfy { $0 == 0 })
        #expect(Array(s[64..<72]) == Array("EADD\0\0\0\0".utf8))
        #expect(Array(s[72..<80]) == [0, 0x50, 0, 0, 0, 0, 0, 0])
        #expect(Array(s[80..<88]) == [0x03, 0x02, 0, 0, 0, 0, 0, 0])
        #expect(s[88..<128].allSatisfy { $0 == 0 })
        #expect(Array(s[128..<136]) == Array("EEXTEND\0".utf8))
        #expect(Array(s[136..<144]) == [0, 0x51, 0, 0, 0, 0, 0, 0])
        #expect(s[144..<192].allSatisfy { $0 == 0 })
        #expect(Array(s[192...]) == chunk)
    }

    @Test func eextendPageIsSixteenEEXTENDs() {
        let page = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var whole = MeasurementBuilder(recordsSGXS: true)
        whole.ecreate(ssaFrameSize: 1, enclaveSize: 0x10000)
        whole.eadd(offset: 0x3000, secInfoFlags: 0x201)
        var pieces = whole
        page.withUnsafeBytes { whole.eextendPage(offset: 0x3000, page: $0) }
        for index in 0..<16 {
            Array(page[(index * 256)..<((index + 1) * 256)]).withUnsafeBytes {
                pieces.eextend(offset: 0x3000 + UInt64(index * 256), chunk: $0)
            }
        }
        #expect(whole.sgxs == pieces.sgxs)
        #expect(whole.finalize() == pieces.finalize())
        #expect(whole.sgxs.count == 64 * 2 + 16 * (64 + 256))
    }

    @Test func measuringIsFastEnoughForLargeEnclaves() {
        // 16 MiB of pages; a debug build should still finish well inside a few seconds.
        let page = [UInt8](repeating: 0x5a, count: 4096)
        var builder = MeasurementBuilder()
        builder.ecreate(ssaFrameSize: 1, enclaveSize: 1 << 25)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            page.withUnsafeBytes { buffer in
                for index in 0..<4096 {
                    let offset = UInt64(index) * 4096
                    builder.eadd(offset: offset, secInfoFlags: 0x203)
                    builder.eextendPage(offset: offset, page: buffer)
                }
            }
        }
        #expect(builder.finalize().count == 32)
        #expect(elapsed < .seconds(10), "measuring 16 MiB took \(elapsed)")
    }
}

@Suite struct SGXSRejectionTests {
    func expectRejected(_ bytes: [UInt8], _ status: SGXStatus = .invalidMetadata, mentioning text: String? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try SGXSStream(bytes: bytes)
            Issue.record("accepted a bad SGXS stream", sourceLocation: sourceLocation)
        } catch {
            #expect(error.status == status, sourceLocation: sourceLocation)
            if let text { #expect(error.detail.contains(text), "\(error.detail)", sourceLocation: sourceLocation) }
        }
    }

    @Test func emptyAndShort() {
        expectRejected([], .invalidParameter)
        expectRejected(Array(Fixture.sgxs[0..<63]), mentioning: "truncated at offset 0")
    }

    @Test func mustStartWithECREATE() {
        expectRejected(Array(Fixture.sgxs[64...]), mentioning: "does not start with ECREATE")
    }

    @Test func truncatedEverywhereIsRejectedNotCrashing() {
        let stream = Fixture.sgxs
        // Record boundaries of the full stream: a prefix ending on one is itself a valid stream.
        var boundaries: Set<Int> = [64]
        var position = 64
        for record in try! SGXSStream(bytes: stream).records.dropFirst() {
            if case .eextend = record { position += 64 + 256 } else { position += 64 }
            boundaries.insert(position)
        }
        #expect(position == stream.count)
        for cut in Array(stride(from: 1, to: stream.count, by: 37)) + Array(boundaries) {
            let prefix = Array(stream[0..<cut])
            let parsed = try? SGXSStream(bytes: prefix)
            #expect((parsed != nil) == boundaries.contains(cut), "cut at \(cut)")
        }
        // A cut inside an EEXTEND's data names the record's offset.
        expectRejected(Array(stream[0..<(64 + 64 + 64 + 100)]), mentioning: "EEXTEND at offset 128: truncated")
        // A cut inside a record header.
        expectRejected(Array(stream[0..<(64 + 30)]), mentioning: "truncated at offset 64")
    }

    @Test func unknownTag() {
        var s = Fixture.sgxs
        s[64] = UInt8(ascii: "X")
        expectRejected(s, mentioning: "unknown record tag")
    }

    @Test func misalignedEADD() {
        var s = Fixture.sgxs
        s[72] = 0x10
        expectRejected(s, mentioning: "EADD at offset 64")
    }

    @Test func misalignedEEXTEND() {
        var s = Fixture.sgxs
        s[136] = 0x10
        expectRejected(s, mentioning: "not 256-aligned")
    }

    @Test func eextendOutsideAnyAddedPage() {
        var s = Fixture.sgxs
        s[138] = 0x03   // chunk offset 0x30000: page never added
        expectRejected(s, mentioning: "in no page added")
    }

    @Test func secondECREATE() {
        expectRejected(Fixture.sgxs + Array(Fixture.sgxs[0..<64]), mentioning: "second ECREATE at offset 46720")
    }

    @Test func enclaveSizeNotPowerOfTwo() {
        var s = Fixture.sgxs
        s[13] = 0x03   // 0x40300
        expectRejected(s, mentioning: "power of two")
    }

    @Test func badSecInfoFlags() {
        var s = Fixture.sgxs
        s[81] = 0x09   // page type 9
        expectRejected(s, mentioning: "page type")
    }

    @Test func randomGarbageNeverCrashes() {
        var rng = SeededGenerator(state: 42)
        for _ in 0..<300 {
            let length = Int.random(in: 0..<2048, using: &rng)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if Bool.random(using: &rng), bytes.count > 64 { bytes.replaceSubrange(0..<64, with: Fixture.sgxs[0..<64]) }
            #expect(throws: SGXError.self) { try SGXSStream(bytes: bytes) }
        }
        // Corrupting single bytes of the real stream either still parses or throws; never traps.
        for _ in 0..<200 {
            var bytes = Fixture.sgxs
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            _ = try? SGXSStream(bytes: bytes)
        }
    }
}
