import Foundation
import SGXHost
import SGXSimulation
import SGXTypes
import Testing

/// The enclave's ProtectedFile against the host reference codec: files written in the
/// enclave decrypt on the host, files the host writes open in the enclave.
@Suite(.serialized) struct EnclaveProtectedFileTests {

    @Test(arguments: [0, 1, 3071, 3072, 3073, 4096 * 3, 3072 + 4096 * 96, 3072 + 4096 * 97 + 17, 600_000])
    func roundTripThroughTheHostReader(size: Int) throws {
        let enclave = try PFSEnclave.load()
        let directory = try PFSEnclave.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/data.bin"
        var script = PFSScript()
        script.open(path, .write)
        script.writePattern(UInt64(size), seed: 7, chunk: 1000)
        script.tell()
        script.close()
        let told = try enclave.run(script)
        #expect(told.loadLE(UInt64.self, at: 0) == UInt64(size) && told.loadLE(UInt64.self, at: 8) == UInt64(size))
        let expected = PFSEnclave.pattern(7, from: 0, count: size)
        let onDisk = try readFile(path)
        #expect(onDisk.count == Int(ProtectedFileFormat.physicalNodeCount(plaintextSize: UInt64(size))) * 4096)
        #expect(try ProtectedFileReader.read(onDisk, openedAs: "data.bin", key: .userKDK(PFSTest.kdk)) == expected)
        let digest = try enclave.digest(path)
        #expect(digest.count == UInt64(size) && digest.sha256 == sha256(expected))
        #expect(!FileManager.default.fileExists(atPath: path + ".pfs-journal"))
    }

    @Test func autoKeyFilesDecryptOnTheHostWithTheEnclavesSealKey() throws {
        let enclave = try PFSEnclave.load()
        let directory = try PFSEnclave.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/auto.bin"
        var script = PFSScript()
        script.open(path, .write, key: .automatic)
        script.writePattern(20_000, seed: 3)
        script.close()
        try enclave.run(script)
        let bytes = try readFile(path)
        let header = try #require(ProtectedFileMetadataPlain(bytes: bytes))
        #expect(header.useUserKDKKey == 0 && header.isvSVN == 2)
        let plaintext = try ProtectedFileReader.read(bytes, openedAs: path, key: .automatic(enclave: enclave.secsIdentity))
        #expect(plaintext == PFSEnclave.pattern(3, from: 0, count: 20_000))
        // The user-KDK reader refuses it by mode, the enclave with a KDK too.
        #expect(throws: ProtectedFileError.keyModeMismatch(fileUsesUserKDK: false)) {
            try ProtectedFileReader.read(bytes, openedAs: path, key: .userKDK(PFSTest.kdk))
        }
        #expect(throws: SGXError.self) { try enclave.digest(path) }
        #expect(try enclave.digest(path, key: .automatic).sha256 == sha256(plaintext))
    }

    @Test(arguments: [false, true]) func hostWrittenFilesOpenInTheEnclave(oldLayout: Bool) throws {
        let enclave = try PFSEnclave.load()
        let directory = try PFSEnclave.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plaintext = PFSTest.plaintext(3072 + 4096 * 100 + 5)
        let layout: ProtectedFileMetadataLayout = oldLayout ? .withMonotonicCounterFields : .current
        try writeFile(directory + "/kdk.bin", try ProtectedFileWriter.write(plaintext, name: "kdk.bin", key: .userKDK(PFSTest.kdk), layout: layout))
        try writeFile(directory + "/auto.bin", try ProtectedFileWriter.write(
            plaintext, name: "auto.bin", key: .automatic(enclave: enclave.secsIdentity), layout: layout))
        #expect(try enclave.digest(directory + "/kdk.bin").sha256 == sha256(plaintext))
        #expect(try enclave.digest(directory + "/auto.bin", key: .automatic).sha256 == sha256(plaintext))

        // Updating a host-written file in place keeps its layout and stays readable by the host.
        var script = PFSScript()
        script.open(directory + "/kdk.bin", .readUpdate)
        script.seek(5000)
        script.write([1, 2, 3])
        script.close()
        try enclave.run(script)
        var updated = plaintext
        updated.replaceSubrange(5000..<5003, with: [1, 2, 3])
        let bytes = try readFile(directory + "/kdk.bin")
        #expect(try ProtectedFileReader.read(bytes, openedAs: "kdk.bin", key: .userKDK(PFSTest.kdk)) == updated)
        #expect(try ProtectedFileReader.info(bytes, key: .userKDK(PFSTest.kdk)).layout == layout)
    }

    /// The "done when": 10 MiB with random-offset writes, reopened in a fresh
    /// enclave, byte-exact, and the host reference reads the same bytes.
    @Test func tenMiBOfRandomOffsetWritesSurviveAFreshEnclave() throws {
        let directory = try PFSEnclave.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ten.bin"
        let size = 10 << 20
        var expected = PFSEnclave.pattern(11, from: 0, count: size)
        var script = PFSScript()
        script.open(path, .writeUpdate, cache: 64)
        script.writePattern(UInt64(size), seed: 11)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let offset = Int.random(in: 0..<(size - 1), using: &generator)
            let count = min(Int.random(in: 1...20_000, using: &generator), size - offset)
            let seed = UInt64(1000 + round)
            script.seek(Int64(offset))
            script.writePattern(UInt64(count), seed: seed, chunk: 3000)
            expected.replaceSubrange(offset..<(offset + count), with: PFSEnclave.pattern(seed, from: UInt64(offset), count: count))
        }
        script.close()
        do {
            let writer = try PFSEnclave.load()
            try writer.run(script)
        }
        let fresh = try PFSEnclave.load()
        let digest = try fresh.digest(path)
        #expect(digest.count == UInt64(size))
        #expect(digest.sha256 == sha256(expected))
        // Byte-exact, not only by digest: a window read back through the enclave.
        var window = PFSScript()
        window.open(path, .read)
        window.seek(Int64(size / 2))
        window.read(70_000)
        window.close()
        #expect(try fresh.run(window) == Array(expected[(size / 2)..<(size / 2 + 70_000)]))
        #expect(try ProtectedFileReader.read(try readFile(path), openedAs: path, key: .userKDK(PFSTest.kdk)) == expected)
    }

    @Test func modesPositionsAndAppend() throws {
        let enclave = try PFSEnclave.load()
        let directory = try PFSEnclave.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/modes.bin"
        var script = PFSScript()
        script.open(path, .append)
        script.write(Array("hello ".utf8))
        script.close()
        script.open(path, .appendUpdate)
        script.seek(0)
        script.write(Array("world".utf8))  // appends despite the seek
        script.seek(0)
        script.read(100)
        script.tell()
        script.seek(-5, from: 2)
        script.read(2)
        script.seek(3)
        script.readInto(100)  // read(into:) fills what the file has left: "lo world"
        script.close()
        let out = try enclave.run(script)
        #expect(Array(out[0..<11]) == Array("hello world".utf8))
        #expect(out.loadLE(UInt64.self, at: 11) == 11 && out.loadLE(UInt64.self, at: 19) == 11)
        #expect(Array(out[27..<29]) == Array("wo".utf8))
        #expect(Array(out[29...]) == Array("lo world".utf8))

        // "r" refuses writes, "w" refuses reads, a missing file does not open in "r"/"r+",
        // seeking past the end is refused, and "w" empties the file.
        for (mode, op) in [(PFSScript.Mode.read, "write"), (.write, "read")] {
            var bad = PFSScript()
            bad.open(path, mode)
            if op == "write" { bad.write([1]) } else { bad.read(1) }
            #expect(throws: SGXError.self) { try enclave.run(bad) }
        }
        for mode in [PFSScript.Mode.read, .readUpdate] {
            var missing = PFSScript()
            missing.open(directory + "/missing.bin", mode)
            #expect(throws: SGXError.self) { try enclave.run(missing) }
        }
        var past = PFSScript()
        past.open(path, .read)
        past.seek(12)
        #expect(throws: SGXError.self) { try enclave.run(past) }
        var empty = PFSScript()
        empty.open(path, .write)
        empty.tell()
        empty.close()
        #expect(try enclave.run(empty).loadLE(UInt64.self, at: 8) == 0)

        var removal = PFSScript()
        removal.remove(path)
        try enclave.run(removal)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func smallCachesAndClearingTheCacheKeepTheData() throws {
        let enclave = try PFSEnclave.load()
        let directory = try PFSEnclave.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cache.bin"
        let size = 3072 + 4096 * 300
        var expected = PFSEnclave.pattern(5, from: 0, count: size)
        var script = PFSScript()
        script.open(path, .writeUpdate, cache: 3)
        script.writePattern(UInt64(size), seed: 5, chunk: 5000)
        for (index, offset) in [10, 400_000, 3072 + 4096 * 97, 1_000_000, 20].enumerated() {
            script.seek(Int64(offset))
            script.writePattern(9000, seed: UInt64(50 + index), chunk: 777)
            expected.replaceSubrange(offset..<(offset + 9000), with: PFSEnclave.pattern(UInt64(50 + index), from: UInt64(offset), count: 9000))
            if index == 2 { script.clearCache() }
        }
        script.seek(0)
        script.readDigest()
        script.close()
        let out = try enclave.run(script)
        #expect(Array(out[8..<40]) == sha256(expected))
        #expect(try ProtectedFileReader.read(try readFile(path), openedAs: path, key: .userKDK(PFSTest.kdk)) == expected)
    }
}
