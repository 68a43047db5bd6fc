import Foundation
@_spi(Testing) import SGXHost
import SGXSimulation
import SGXTypes
import Testing

/// The bad-input table of protected files, against the enclave: tampered, swapped,
/// truncated, extended and renamed files, other keys and signers, and a hostile host.
/// Each gives a specific error and no plaintext.
@Suite(.serialized) struct EnclaveProtectedFileTamperTests {
    /// 3072 + 4096 + 1 bytes: metadata node, root MHT node and two data nodes.
    static let size = 3072 + 4096 + 1

    /// A fresh directory holding `name`, written by the enclave with the user KDK.
    static func written(_ enclave: borrowing Enclave, name: String = "victim.bin", size: Int = size,
                        seed: UInt64 = 1) throws -> (directory: String, path: String) {
        let directory = try PFSEnclave.directory()
        let path = directory + "/" + name
        var script = PFSScript()
        script.open(path, .write)
        script.writePattern(UInt64(size), seed: seed)
        script.close()
        try enclave.run(script)
        return (directory, path)
    }

    /// The status the enclave's full read of `path` fails with (nil when it succeeds),
    /// checking that a failing read returned no plaintext.
    static func readStatus(_ enclave: borrowing Enclave, _ path: String, key: PFSScript.Key = .user(PFSTest.kdk)) -> SGXStatus? {
        var script = PFSScript()
        script.open(path, .read, key: key)
        script.read(UInt32(1 << 19))
        script.close()
        do {
            _ = try enclave.run(script)
            return nil
        } catch {
            #expect(error.detail.hasPrefix("op "), "a failure reports its op and detail, not data: \(error.detail.prefix(60))")
            return error.status
        }
    }

    @Test func everyBitFlipIsDetected() throws {
        let enclave = try PFSEnclave.load()
        let (directory, path) = try Self.written(enclave)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = try readFile(path)
        #expect(good.count == 4 * 4096)
        #expect(Self.readStatus(enclave, path) == nil)
        // Every bit of the plain header; one bit of every byte of the metadata node (the bit
        // walks through 0...7); one bit of every 7th byte of the MHT and data nodes, so that
        // each 16-byte GCM block and every bit position is hit. (The host reference codec's
        // tests flip every bit of every node; the enclave runs one open and read per flip.)
        var flips: [(Int, UInt8)] = []
        for byte in 0..<94 { for bit in 0..<8 { flips.append((byte, UInt8(1) << UInt8(bit))) } }
        for byte in 94..<4096 { flips.append((byte, UInt8(1) << UInt8(byte % 8))) }
        for byte in stride(from: 4096, to: good.count, by: 7) { flips.append((byte, UInt8(1) << UInt8(byte % 8))) }
        var undetected: [Int] = []
        var statuses: Set<SGXStatus> = []
        for (byte, mask) in flips {
            var bad = good
            bad[byte] ^= mask
            try writeFile(path, bad)
            guard let status = Self.readStatus(enclave, path) else { undetected.append(byte); continue }
            statuses.insert(status)
        }
        #expect(undetected.isEmpty, "flips not detected at bytes \(undetected.prefix(20))")
        #expect(statuses.isSubset(of: [.macMismatch, .fileNotSGXFile, .invalidParameter, .fileRecoveryNeeded, .fileNoKeyID]))
        #expect(statuses.contains(.macMismatch) && statuses.contains(.fileNotSGXFile))
    }

    @Test func swappedNodesAndSwappedFilesAreDetected() throws {
        let enclave = try PFSEnclave.load()
        let (directory, path) = try Self.written(enclave, size: 3072 + 4096 * 3)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = try readFile(path)
        // Data nodes 0 and 1 (physical 2 and 3) swapped.
        var swapped = good
        swapped.replaceSubrange(2 * 4096..<3 * 4096, with: good[3 * 4096..<4 * 4096])
        swapped.replaceSubrange(3 * 4096..<4 * 4096, with: good[2 * 4096..<3 * 4096])
        try writeFile(path, swapped)
        #expect(Self.readStatus(enclave, path) == .macMismatch)

        // Another file of the same size and key, copied over this one: bound to its own name.
        var other = PFSScript()
        other.open(directory + "/other.bin", .write)
        other.writePattern(UInt64(3072 + 4096 * 3), seed: 2)
        other.close()
        try enclave.run(other)
        try writeFile(path, try readFile(directory + "/other.bin"))
        #expect(Self.readStatus(enclave, path) == .fileNameMismatch)

        // A data node of the other file in this one.
        var mixed = good
        let otherBytes = try readFile(directory + "/other.bin")
        mixed.replaceSubrange(3 * 4096..<4 * 4096, with: otherBytes[3 * 4096..<4 * 4096])
        try writeFile(path, mixed)
        #expect(Self.readStatus(enclave, path) == .macMismatch)
    }

    @Test func truncatedExtendedAndRenamedFilesAreRefused() throws {
        let enclave = try PFSEnclave.load()
        let (directory, path) = try Self.written(enclave)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = try readFile(path)
        for cut in [0, 100, 4096, 3 * 4096, good.count - 1] {
            try writeFile(path, Array(good[0..<cut]))
            #expect(Self.readStatus(enclave, path) == .fileNotSGXFile, "cut to \(cut)")
        }
        for garbage in [[UInt8](repeating: 0, count: 4096), [1, 2, 3]] {
            try writeFile(path, good + garbage)
            #expect(Self.readStatus(enclave, path) == .fileNotSGXFile)
        }
        try writeFile(path, good)
        #expect(Self.readStatus(enclave, path) == nil)
        try FileManager.default.moveItem(atPath: path, toPath: directory + "/renamed.bin")
        #expect(Self.readStatus(enclave, directory + "/renamed.bin") == .fileNameMismatch)
        try writeFile(directory + "/plain.txt", Array("just a host file, not protected".utf8))
        #expect(Self.readStatus(enclave, directory + "/plain.txt") == .fileNotSGXFile)
    }

    @Test func otherKeysAndOtherSignersCannotOpen() throws {
        let enclave = try PFSEnclave.load()
        let (directory, path) = try Self.written(enclave)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(Self.readStatus(enclave, path, key: .user(PFSTest.otherKDK)) == .macMismatch)
        #expect(Self.readStatus(enclave, path, key: .automatic) == .invalidParameter)

        var auto = PFSScript()
        auto.open(directory + "/auto.bin", .write, key: .automatic)
        auto.writePattern(10_000, seed: 4)
        auto.close()
        try enclave.run(auto)
        #expect(Self.readStatus(enclave, directory + "/auto.bin", key: .automatic) == nil)
        let other = try PFSEnclave.load("OtherSigner")
        let signers = (other.identity.mrsigner, enclave.identity.mrsigner)
        #expect(signers.0 != signers.1)
        #expect(Self.readStatus(other, directory + "/auto.bin", key: .automatic) == .macMismatch)
        // A KDK file opens in any enclave that has the key.
        #expect(Self.readStatus(other, path) == nil)
    }

    /// The host answers file OCALLs wrongly: short reads, counts larger than asked, errors.
    @Test(arguments: ["short read", "inflated read", "read error", "write error", "short write", "size lie"])
    func hostileStorageAnswersEndInErrors(_ attack: String) throws {
        let enclave = try PFSEnclave.load()
        let (directory, path) = try Self.written(enclave, size: 3072 + 4096 * 5)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try readFile(path)
        enclave.setRuntimeOCallInterceptor { request in
            let status = request.forward()
            switch (attack, request.index) {
            case ("short read", EnclaveABI.ocallFileReadAt):
                let got = Int64(bitPattern: request.u64(at: 0))
                if got > 0 { request.setU64(UInt64(got - 1), at: 0) }
            case ("inflated read", EnclaveABI.ocallFileReadAt):
                request.setU64(request.u64(at: 32) + 4096, at: 0)
            case ("read error", EnclaveABI.ocallFileReadAt), ("write error", EnclaveABI.ocallFileWriteAt):
                request.setU64(UInt64(bitPattern: -5), at: 0)
            case ("short write", EnclaveABI.ocallFileWriteAt):
                request.setU64(0, at: 0)
            case ("size lie", EnclaveABI.ocallFileSize):
                request.setU64(request.u64(at: 0) + 4096, at: 0)
            default: break
            }
            return status
        }
        var script = PFSScript()
        script.open(path, .readUpdate)
        script.read(100_000)
        script.seek(10)
        script.write([9, 9, 9])
        script.close()
        #expect(throws: SGXError.self) { try enclave.run(script) }
        let crashed = enclave.isCrashed
        #expect(!crashed)
        enclave.setRuntimeOCallInterceptor(nil)
        // The file still opens, in its previous state or with the write (never torn).
        let digest = try enclave.digest(path)
        var updated = PFSEnclave.pattern(1, from: 0, count: 3072 + 4096 * 5)
        let original = sha256(updated)
        updated.replaceSubrange(10..<13, with: [9, 9, 9])
        #expect(digest.sha256 == original || digest.sha256 == sha256(updated))
        if attack.contains("read") || attack == "size lie" { #expect(try readFile(path) == before) }
    }
}
