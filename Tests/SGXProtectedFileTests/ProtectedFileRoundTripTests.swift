import SGXSimulation
import SGXTypes
import Testing

/// Writer → reader round trips across the node-layout boundaries of format 1.0.
struct ProtectedFileRoundTripTests {
    /// Sizes around every boundary: empty, inside the metadata node, exactly 3072, the
    /// first data node, the 96th data node (last under the root), the 97th (first under MHT
    /// node 1), and a few more.
    static let sizes = [0, 1, 100, 3071, 3072, 3073, 3072 + 4096, 3072 + 4096 + 1,
                        3072 + 4096 * 96, 3072 + 4096 * 96 + 1, 3072 + 4096 * 96 + 5000, 3072 + 4096 * 97 + 17]

    @Test(arguments: sizes) func userKDKRoundTrip(size: Int) throws {
        let plaintext = PFSTest.plaintext(size)
        let file = try ProtectedFileWriter.write(plaintext, name: "dir/data.bin", key: .userKDK(PFSTest.kdk))
        #expect(UInt64(file.count) == ProtectedFileFormat.physicalNodeCount(plaintextSize: UInt64(size)) * 4096)
        #expect(try ProtectedFileReader.read(file, openedAs: "/elsewhere/data.bin", key: .userKDK(PFSTest.kdk)) == plaintext)
    }

    @Test func nodeCountsFollowIntelsNumbering() {
        #expect(ProtectedFileFormat.physicalNodeCount(plaintextSize: 0) == 1)
        #expect(ProtectedFileFormat.physicalNodeCount(plaintextSize: 3072) == 1)
        #expect(ProtectedFileFormat.physicalNodeCount(plaintextSize: 3073) == 3)           // metadata, root MHT, data 0
        #expect(ProtectedFileFormat.physicalNodeCount(plaintextSize: 3072 + 4096 * 96) == 98)
        #expect(ProtectedFileFormat.physicalNodeCount(plaintextSize: 3072 + 4096 * 96 + 1) == 100) // + MHT 1, data 96
        #expect(ProtectedFileFormat.physicalNode(ofDataNode: 0) == 2)
        #expect(ProtectedFileFormat.physicalNode(ofDataNode: 95) == 97)
        #expect(ProtectedFileFormat.physicalNode(ofMHTNode: 1) == 98)
        #expect(ProtectedFileFormat.physicalNode(ofDataNode: 96) == 99)
        #expect(ProtectedFileFormat.physicalNode(ofMHTNode: 33) == 1 + 97 * 33)
        #expect(ProtectedFileFormat.parent(ofMHTNode: 32) == (0, 31))
        #expect(ProtectedFileFormat.parent(ofMHTNode: 33) == (1, 0))  // the first grandchild of the root
        #expect(ProtectedFileFormat.parent(ofDataNode: 96 * 33) == (33, 0))
    }

    /// 5 MiB (MHT nodes 0–13) and ~13 MiB: past the root's 96 + 32·96 data nodes, so MHT
    /// node 33 hangs off MHT node 1 (a third tree level).
    @Test(arguments: [5 << 20, 3072 + 4096 * (96 + 32 * 96) + 4096 * 3 + 9])
    func largeFiles(size: Int) throws {
        let plaintext = PFSTest.plaintext(size, seed: UInt64(size))
        let file = try ProtectedFileWriter.write(plaintext, name: "big", key: .userKDK(PFSTest.kdk))
        #expect(try ProtectedFileReader.read(file, openedAs: "big", key: .userKDK(PFSTest.kdk)) == plaintext)
        if size > 3072 + 4096 * (96 + 32 * 96) {
            #expect(ProtectedFileFormat.mhtNodeCount(plaintextSize: UInt64(size)) == 34)
        }
    }

    @Test func autoModeRoundTripAndSignerBinding() throws {
        let writer = PFSTest.enclave(signer: 0x11, isvSVN: 2)
        let plaintext = PFSTest.plaintext(9000)
        let file = try ProtectedFileWriter.write(plaintext, name: "auto.dat", key: .automatic(enclave: writer))
        let header = try #require(ProtectedFileMetadataPlain(bytes: file))
        #expect(header.useUserKDKKey == 0)
        #expect(header.cpuSVN == SimulatedCPUSVN.default.bytes)
        #expect(header.isvSVN == 2)

        // Another enclave of the same signer (another MRENCLAVE, a later ISVSVN) opens it.
        var sibling = PFSTest.enclave(signer: 0x11, isvSVN: 3)
        sibling.mrEnclave = [UInt8](repeating: 0x5a, count: 32)
        #expect(try ProtectedFileReader.read(file, openedAs: "auto.dat", key: .automatic(enclave: sibling)) == plaintext)

        // Another signer derives another seal key.
        let stranger = PFSTest.enclave(signer: 0x22, isvSVN: 2)
        #expect(PFSTest.error { () throws(ProtectedFileError) in
            try ProtectedFileReader.read(file, openedAs: "auto.dat", key: .automatic(enclave: stranger))
        } == .metadataAuthenticationFailed)

        // An older ISVSVN than the writer's cannot get the key.
        let older = PFSTest.enclave(signer: 0x11, isvSVN: 1)
        guard case .metadataKeyUnavailable = PFSTest.error({ () throws(ProtectedFileError) in
            try ProtectedFileReader.read(file, openedAs: "auto.dat", key: .automatic(enclave: older))
        }) else {
            Issue.record("an enclave below the file's ISVSVN must not get the metadata key")
            return
        }
    }

    @Test func keyModeMustMatch() throws {
        let kdkFile = try ProtectedFileWriter.write([1, 2, 3], name: "f", key: .userKDK(PFSTest.kdk))
        let autoFile = try ProtectedFileWriter.write([1, 2, 3], name: "f", key: .automatic(enclave: PFSTest.enclave(signer: 1)))
        #expect(PFSTest.error { () throws(ProtectedFileError) in
            try ProtectedFileReader.read(kdkFile, openedAs: "f", key: .automatic(enclave: PFSTest.enclave(signer: 1)))
        } == .keyModeMismatch(fileUsesUserKDK: true))
        #expect(PFSTest.error { () throws(ProtectedFileError) in
            try ProtectedFileReader.read(autoFile, openedAs: "f", key: .userKDK(PFSTest.kdk))
        } == .keyModeMismatch(fileUsesUserKDK: false))
    }

    @Test func olderSDKLayoutIsRead() throws {
        let plaintext = PFSTest.plaintext(5000)
        let file = try ProtectedFileWriter.write(plaintext, name: "old", key: .userKDK(PFSTest.kdk), layout: .withMonotonicCounterFields)
        #expect(try ProtectedFileReader.read(file, openedAs: "old", key: .userKDK(PFSTest.kdk)) == plaintext)
        #expect(try ProtectedFileReader.info(file, key: .userKDK(PFSTest.kdk)).layout == .withMonotonicCounterFields)
    }

    @Test func infoWithAndWithoutKey() throws {
        let file = try ProtectedFileWriter.write(PFSTest.plaintext(3073), name: "i.bin", key: .userKDK(PFSTest.kdk))
        let bare = try ProtectedFileReader.info(file)
        #expect(bare.version == "1.0")
        #expect(bare.usesUserKDK)
        #expect(bare.nodeCount == 3)
        #expect(bare.updateFlag == 0)
        #expect(bare.plaintextSize == nil)
        let keyed = try ProtectedFileReader.info(file, key: .userKDK(PFSTest.kdk))
        #expect(keyed.plaintextSize == 3073)
        #expect(keyed.boundName == "i.bin")
        #expect(keyed.layout == .current)
        #expect(keyed.expectedPhysicalByteCount == 3 * 4096)
    }

    @Test func twoWritesOfTheSamePlaintextDiffer() throws {
        let plaintext = PFSTest.plaintext(5000)
        let a = try ProtectedFileWriter.write(plaintext, name: "x", key: .userKDK(PFSTest.kdk))
        let b = try ProtectedFileWriter.write(plaintext, name: "x", key: .userKDK(PFSTest.kdk))
        #expect(a != b)
        #expect(Array(a[10..<42]) != Array(b[10..<42]))  // fresh meta_data_key_id
    }

    @Test func namesAreCleanedAsIntelDoes() {
        #expect(ProtectedFileFormat.cleanFilename("a/b\\c.txt") == Array("c.txt".utf8))
        #expect(ProtectedFileFormat.cleanFilename("dir/") == nil)
        #expect(ProtectedFileFormat.cleanFilename(String(repeating: "n", count: 258)) != nil)
        #expect(ProtectedFileFormat.cleanFilename(String(repeating: "n", count: 259)) == nil)
        #expect(PFSTest.error { () throws(ProtectedFileError) in
            try ProtectedFileWriter.write([], name: "/tmp/", key: .userKDK(PFSTest.kdk))
        } == .invalidName("/tmp/"))
    }
}
