import Foundation
@_spi(Testing) import SGXHost
import SGXSimulation
import SGXTypes
import Synchronization
import Testing

/// Crash consistency: a flush interrupted at any of its writes leaves a file that opens
/// in its previous or its new state, never one that fails authentication.
///
/// The crash is a host that stops storing anything from its k-th mutating file OCALL on
/// (open for writing, write, truncate, remove, sync all fail with EIO and change nothing),
/// as if the process had been killed there; the file is then opened by an honest host.
@Suite(.serialized) struct EnclaveProtectedFileCrashTests {
    /// Counts mutating file OCALLs and, from `crashAt` on, refuses them.
    final class CrashingHost: Sendable {
        let crashAt: Int
        let count = Mutex(0)
        init(crashAt: Int) { self.crashAt = crashAt }

        static let mutating: Set<UInt32> = [EnclaveABI.ocallFileWrite, EnclaveABI.ocallFileWriteAt, EnclaveABI.ocallFileTruncate,
                                            EnclaveABI.ocallFileRemove, EnclaveABI.ocallFileSync]

        func answer(_ request: RuntimeOCallRequest) -> UInt32 {
            let isMutating = Self.mutating.contains(request.index)
                || (request.index == EnclaveABI.ocallFileOpen && request.u64(at: 24) & 0xFFFF_FFFF != 0)
            guard isMutating else { return request.forward() }
            let ordinal = count.withLock { value in
                defer { value += 1 }
                return value
            }
            guard ordinal >= crashAt else { return request.forward() }
            request.setU64(UInt64(bitPattern: -5), at: 0)  // EIO, nothing stored
            return 0
        }
    }

    static let oldSize = 3072 + 4096 * 130
    static let path = "crash.bin"

    /// The update under test: overwrite a stretch spanning many nodes (and MHT nodes),
    /// grow the file, and close (the flush).
    static func update(_ path: String, key: PFSScript.Key) -> PFSScript {
        var script = PFSScript()
        script.open(path, .readUpdate, key: key, cache: 400)
        script.seek(1000)
        script.writePattern(4096 * 100, seed: 77, chunk: 4096)
        script.seek(0, from: 2)
        script.writePattern(4096 * 10 + 5, seed: 78)
        script.close()
        return script
    }

    static func expectedNew() -> [UInt8] {
        var bytes = PFSEnclave.pattern(1, from: 0, count: oldSize)
        bytes.replaceSubrange(1000..<(1000 + 4096 * 100), with: PFSEnclave.pattern(77, from: 1000, count: 4096 * 100))
        bytes += PFSEnclave.pattern(78, from: UInt64(oldSize), count: 4096 * 10 + 5)
        return bytes
    }

    @Test(arguments: [PFSScript.Key.user(PFSTest.kdk), .automatic])
    func aFlushCrashingAtEveryWriteLeavesTheOldOrTheNewFile(key: PFSScript.Key) throws {
        let enclave = try PFSEnclave.load()
        let directory = try PFSEnclave.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + Self.path
        var create = PFSScript()
        create.open(path, .write, key: key)
        create.writePattern(UInt64(Self.oldSize), seed: 1)
        create.close()
        try enclave.run(create)
        let oldFile = try readFile(path)
        let oldDigest = sha256(PFSEnclave.pattern(1, from: 0, count: Self.oldSize))
        let newDigest = sha256(Self.expectedNew())

        // How many mutating OCALLs the whole update makes when nothing fails.
        let counter = CrashingHost(crashAt: Int.max)
        enclave.setRuntimeOCallInterceptor { counter.answer($0) }
        try enclave.run(Self.update(path, key: key))
        enclave.setRuntimeOCallInterceptor(nil)
        let total = counter.count.withLock { $0 }
        #expect(total >= 4, "journal open + write, node writes, journal emptied and removed")
        #expect(try enclave.digest(path, key: key).sha256 == newDigest)

        var sawOld = 0, sawNew = 0
        for crashAt in 0..<total {
            try writeFile(path, oldFile)
            try? FileManager.default.removeItem(atPath: path + ".pfs-journal")
            let host = CrashingHost(crashAt: crashAt)
            enclave.setRuntimeOCallInterceptor { host.answer($0) }
            #expect(throws: SGXError.self, "crash at mutating call \(crashAt) of \(total)") { try enclave.run(Self.update(path, key: key)) }
            enclave.setRuntimeOCallInterceptor(nil)
            let crashed = enclave.isCrashed
            #expect(!crashed)
            let digest = try enclave.digest(path, key: key)
            if digest.sha256 == oldDigest { sawOld += 1 } else if digest.sha256 == newDigest { sawNew += 1 } else {
                Issue.record("crash at mutating call \(crashAt) of \(total): the file opens with neither state")
            }
            #expect(!FileManager.default.fileExists(atPath: path + ".pfs-journal"), "the journal is applied and removed on open")
        }
        #expect(sawOld > 0)
        #expect(sawOld + sawNew == total)
    }

    @Test func aTornJournalIsDroppedAndACompleteOneIsReplayed() throws {
        let enclave = try PFSEnclave.load()
        let directory = try PFSEnclave.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + Self.path
        var create = PFSScript()
        create.open(path, .write)
        create.writePattern(UInt64(Self.oldSize), seed: 1)
        create.close()
        try enclave.run(create)
        let oldFile = try readFile(path)

        // Capture the journal of a real update by refusing to empty it after the flush.
        let journalPath = path + ".pfs-journal"
        enclave.setRuntimeOCallInterceptor { request in
            if request.index == EnclaveABI.ocallFileTruncate {
                request.setU64(UInt64(bitPattern: -5), at: 0)
                return 0
            }
            return request.forward()
        }
        #expect(throws: SGXError.self) { try enclave.run(Self.update(path, key: .user(PFSTest.kdk))) }
        enclave.setRuntimeOCallInterceptor(nil)
        let journal = try readFile(journalPath)
        let newFile = try readFile(path)
        #expect(newFile != oldFile && newFile.count > oldFile.count)

        // Complete journal: the open rolls the file back to its old state and cuts it.
        #expect(try enclave.digest(path).sha256 == sha256(PFSEnclave.pattern(1, from: 0, count: Self.oldSize)))
        #expect(try readFile(path) == oldFile)
        #expect(!FileManager.default.fileExists(atPath: journalPath))

        // A torn journal (any cut, or one flipped byte) is dropped and the file left alone:
        // here the new file is complete, so it opens as the new state.
        for damage in [journal.count - 1, journal.count / 2, 30] {
            try writeFile(path, newFile)
            try writeFile(journalPath, Array(journal[0..<damage]))
            #expect(try enclave.digest(path).sha256 == sha256(Self.expectedNew()))
            #expect(!FileManager.default.fileExists(atPath: journalPath))
        }
        var flipped = journal
        flipped[40] ^= 1
        try writeFile(path, newFile)
        try writeFile(journalPath, flipped)
        #expect(try enclave.digest(path).sha256 == sha256(Self.expectedNew()))
    }
}
