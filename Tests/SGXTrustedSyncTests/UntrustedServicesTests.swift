import Foundation
import SGXHost
import SGXTypes
import Testing

/// UntrustedClock, UntrustedFile and Untrusted.print/log against the real host services,
/// and the enclave heap's statistics.
@Suite struct UntrustedServicesTests {
    @Test func clockReportsHostTime() throws {
        let enclave = try SyncEnclave.load()
        let before = UInt64(Date().timeIntervalSince1970 * 1e9)
        let frame = Frame()
        try frame.call(enclave, 13)
        let after = UInt64(Date().timeIntervalSince1970 * 1e9)
        #expect(frame[0] == 0)
        #expect(frame[1] >= before - 1_000_000 && frame[1] <= after + 1_000_000)
        #expect(frame[2] > 0)
        #expect(frame[3] >= frame[2])
    }

    @Test func fileRoundTripThroughTheHost() throws {
        let enclave = try SyncEnclave.load()
        let path = temporaryPath("roundtrip")
        let frame = PathFrame(path)
        try frame.call(enclave, 14)
        #expect(frame[3] == 0, "status 0x\(String(frame[3], radix: 16)) at step \(frame[2])")
        #expect(frame[2] == 0)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func fileDataWrittenInsideIsOnTheHost() throws {
        let enclave = try SyncEnclave.load()
        let path = temporaryPath("written")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let frame = PathFrame(path)
        try frame.call(enclave, 16)
        #expect(frame[2] == 0)
        #expect(FileManager.default.contents(atPath: path) == Data(repeating: 9, count: 10))
    }

    @Test func openingAMissingFileThrows() throws {
        let enclave = try SyncEnclave.load()
        let frame = PathFrame(temporaryPath("missing"), [100])
        try frame.call(enclave, 15)
        #expect(frame[2] == 1) // failed at open
        #expect(frame[3] == UInt64(SGXStatus.unexpected.rawValue))
    }

    @Test func printAndLogReachTheHostAtOnce() throws {
        let output = Collected()
        let enclave = try SyncEnclave.load(output: { output.append($0) })
        let frame = Frame()
        try frame.call(enclave, 17)
        #expect(frame[0] == 1)
        #expect(frame[1] == 1)
        #expect(output.text == "untrusted print from the enclave\n[warning] a log line\n")
    }

    @Test func heapStatisticsFollowAllocations() throws {
        let enclave = try SyncEnclave.load()
        let bytes: UInt64 = 256 * 1024
        let frame = Frame([bytes])
        try frame.call(enclave, 12)
        let (size, before, during, after, allocationsBefore, allocationsAfter, peak) =
            (frame[1], frame[2], frame[3], frame[4], frame[5], frame[6], frame[7])
        #expect(size >= 4 * 1024 * 1024 - 4096 && size <= 4 * 1024 * 1024)
        #expect(during >= before + bytes)
        #expect(after < during)
        #expect(during - after >= bytes)
        #expect(allocationsAfter > allocationsBefore)
        #expect(peak >= during)
    }
}
