import SGXSimulation
import SGXTypes
import Testing

/// Every modification of a protected file is refused, with a specific error, and never
/// yields plaintext.
struct ProtectedFileTamperTests {
    /// Two MHT nodes (root + MHT node 1) and 98 data nodes (the last one partial) cover
    /// every node kind.
    static let size = 3072 + 4096 * 97 + 123
    static let name = "tamper.bin"

    let plaintext = PFSTest.plaintext(ProtectedFileTamperTests.size)
    let file: [UInt8]

    init() throws {
        file = try ProtectedFileWriter.write(plaintext, name: Self.name, key: .userKDK(PFSTest.kdk))
    }

    func read(_ bytes: [UInt8], as name: String = Self.name, key: [UInt8] = PFSTest.kdk) -> ProtectedFileError? {
        PFSTest.error { () throws(ProtectedFileError) in try ProtectedFileReader.read(bytes, openedAs: name, key: .userKDK(key)) }
    }

    @Test func sampledBitFlipsInEveryNodeKindAreDetected() throws {
        #expect(file.count == 101 * 4096)  // metadata, root, data 0–95, MHT 1, data 96–97
        var positions: [Int] = []
        // Every byte of the plain header, and a spread over the rest of the metadata node.
        positions += 0..<ProtectedFileMetadataPlain.byteCount
        positions += stride(from: 94, to: 4096, by: 37)
        positions += [94, 94 + 3371, 94 + 3372, 4095]  // first/last encrypted byte, first/last padding byte
        // The root MHT node, a data node under it, MHT node 1, data nodes under it, the last byte.
        for node in [1, 2, 50, 97, 98, 99, 100] {
            positions += stride(from: node * 4096, to: (node + 1) * 4096, by: 211)
            positions += [node * 4096, node * 4096 + 4095]
        }
        #expect(positions.count > 300)
        var rng = SystemRandomNumberGenerator()
        for position in positions {
            var tampered = file
            tampered[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
            let error = read(tampered)
            #expect(error != nil, "a bit flip at byte \(position) went unnoticed")
        }
    }

    @Test func flipsReportTheNodeThatChanged() {
        func flipped(_ position: Int) -> [UInt8] {
            var tampered = file
            tampered[position] ^= 0x01
            return tampered
        }
        #expect(read(flipped(0)) == .badMagic(found: ProtectedFileFormat.fileID ^ 1))
        #expect(read(flipped(8)) == .unsupportedVersion(major: 0, minor: 0))
        #expect(read(flipped(9)) == .unsupportedVersion(major: 1, minor: 1))
        #expect(read(flipped(20)) == .metadataAuthenticationFailed)        // meta_data_key_id
        #expect(read(flipped(80)) == .metadataAuthenticationFailed)        // meta_data_gmac
        #expect(read(flipped(93)) == .recoveryNeeded)                      // update_flag
        #expect(read(flipped(500)) == .metadataAuthenticationFailed)       // encrypted part
        #expect(read(flipped(1 * 4096 + 7)) == .nodeAuthenticationFailed(node: .mht(0)))
        #expect(read(flipped(2 * 4096 + 7)) == .nodeAuthenticationFailed(node: .data(0)))
        #expect(read(flipped(98 * 4096 + 7)) == .nodeAuthenticationFailed(node: .mht(1)))
        #expect(read(flipped(100 * 4096 + 4095)) == .nodeAuthenticationFailed(node: .data(97)))
        guard case .malformedHeader = read(flipped(4095)) else {
            Issue.record("a flip in the metadata padding must be refused")
            return
        }
    }

    @Test func swappedDataNodesAreDetected() {
        var swapped = file
        let a = 3 * 4096, b = 4 * 4096  // data nodes 1 and 2
        let nodeA = Array(file[a..<(a + 4096)])
        swapped.replaceSubrange(a..<(a + 4096), with: file[b..<(b + 4096)])
        swapped.replaceSubrange(b..<(b + 4096), with: nodeA)
        #expect(read(swapped) == .nodeAuthenticationFailed(node: .data(1)))
    }

    @Test func aNodeFromAnotherFileIsDetected() throws {
        let other = try ProtectedFileWriter.write(plaintext, name: Self.name, key: .userKDK(PFSTest.kdk))
        var mixed = file
        mixed.replaceSubrange((5 * 4096)..<(6 * 4096), with: other[(5 * 4096)..<(6 * 4096)])
        #expect(read(mixed) == .nodeAuthenticationFailed(node: .data(3)))
    }

    @Test func filesAreBoundToTheirName() throws {
        #expect(read(file, as: "renamed.bin") == .nameMismatch(expected: "renamed.bin", found: Self.name))
        // Two files under one key swapped on disk: each now sits under the other's name.
        let second = try ProtectedFileWriter.write(PFSTest.plaintext(10), name: "other.bin", key: .userKDK(PFSTest.kdk))
        #expect(read(second, as: Self.name) == .nameMismatch(expected: Self.name, found: "other.bin"))
        #expect(read(file, as: "other.bin") == .nameMismatch(expected: "other.bin", found: Self.name))
        #expect(read(file, as: "/some/dir/" + Self.name) == nil)
    }

    @Test func truncationAndAppendedDataAreDetected() {
        let count = UInt64(file.count)
        #expect(read(Array(file.dropLast(4096))) == .truncated(expectedByteCount: count, actualByteCount: count - 4096))
        #expect(read(Array(file.dropLast())) == .notNodeAligned(byteCount: count - 1))
        #expect(read(file + [0]) == .notNodeAligned(byteCount: count + 1))
        #expect(read(file + [UInt8](repeating: 0, count: 4096)) == .trailingData(expectedByteCount: count, actualByteCount: count + 4096))
        #expect(read(Array(file.prefix(4096))) == .truncated(expectedByteCount: count, actualByteCount: 4096))
        #expect(read(Array(file.prefix(93))) == .truncated(expectedByteCount: 4096, actualByteCount: 93))
        #expect(read(Array(file.prefix(200))) == .truncated(expectedByteCount: 4096, actualByteCount: 200))
        #expect(read([]) == .truncated(expectedByteCount: 4096, actualByteCount: 0))
    }

    @Test func wrongKeyIsDetected() {
        #expect(read(file, key: PFSTest.otherKDK) == .metadataAuthenticationFailed)
        #expect(read(file, key: [1, 2, 3]) == .invalidKey("a user KDK is 16 bytes, got 3"))
    }

    @Test func headerFieldsOutsideTheTagMustBeCanonical() {
        var withMask = file
        withMask[61] = 0x03
        #expect(read(withMask) == .malformedHeader("attribute_mask is not zero (Intel's library never sets it)"))
        var withSVN = file
        withSVN[58] = 1
        #expect(read(withSVN) == .malformedHeader("cpu_svn/isv_svn are not zero in a user-KDK file"))
        var badFlag = file
        badFlag[93] = 2
        #expect(read(badFlag) == .malformedHeader("update_flag is 2, not 0 or 1"))
    }

    /// Random garbage, random truncations and random multi-byte damage never trap.
    @Test func hostileInputNeverTraps() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var bytes = Array(file.prefix(Int.random(in: 0...(3 * 4096), using: &rng)))
            for _ in 0..<Int.random(in: 0...8, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = read(bytes)
            _ = try? ProtectedFileReader.info(bytes)
            _ = try? ProtectedFileReader.info(bytes, key: .userKDK(PFSTest.kdk))
        }
    }

    /// A writer holding the key can put any size in the metadata; the reader still checks
    /// it against the nodes present.
    @Test func authenticatedButInconsistentSizesAreRefused() throws {
        let count = UInt64(file.count)
        #expect(read(try PFSTest.resealed(file, size: -1)) == .invalidSize(-1))
        // Int64.max bytes need about 2^51 nodes: the expected physical size still fits in UInt64.
        guard case .truncated(let expected, let actual)? = read(try PFSTest.resealed(file, size: .max)) else {
            Issue.record("size Int64.max was not refused as truncated")
            return
        }
        #expect(actual == count && expected > UInt64(Int64.max) && expected % 4096 == 0)
        #expect(read(try PFSTest.resealed(file, size: Int64(Self.size + 4096))) == .truncated(expectedByteCount: count + 4096, actualByteCount: count))
        #expect(read(try PFSTest.resealed(file, size: 3072)) == .trailingData(expectedByteCount: 4096, actualByteCount: count))
        // Fewer bytes in the same last node: consistent, the plaintext is cut there.
        #expect(try ProtectedFileReader.read(try PFSTest.resealed(file, size: Int64(Self.size - 1)), openedAs: Self.name,
                                             key: .userKDK(PFSTest.kdk)) == Array(plaintext.dropLast()))
    }
}
