import SGXTypes

/// A host-side reader of Intel protected files (`sgx_tprotected_fs` format 1.0): what
/// `sgx_fopen`/`sgx_fopen_auto_key` + `sgx_fread` of the whole file return in an enclave,
/// from the file's bytes and the key, without an enclave.
///
/// Verification, top-down; the first failure throws and no plaintext is returned:
/// 1. the plain header (`meta_data_plain_t`): at least one node, `file_id`, version 1.0,
///    a whole number of nodes, `update_flag` 0 (1: ``ProtectedFileError/recoveryNeeded``),
///    the key mode (`use_user_kdk_key`) matching the key source;
/// 2. header bytes the metadata tag does not cover must hold what Intel's library always
///    writes: `attribute_mask` zero, CPUSVN and ISVSVN zero in user-KDK mode;
/// 3. the metadata key (``ProtectedFileKey``) and the GCM tag `meta_data_gmac` over
///    `meta_data_encrypted_t` (both layouts of version 1.0 are tried, see
///    ``ProtectedFileMetadataLayout``), then the node padding must be zero;
/// 4. the name binding: `clean_filename` equals the last path component of the name the
///    file is opened under (Intel compares it the same way);
/// 5. the size: `size` ≥ 0 and the file has exactly the nodes Intel's writer leaves for
///    that size (no node missing, none appended);
/// 6. the root MHT node under `mht_key`/`mht_gmac`, every child MHT node under the
///    `gcm_crypto_data_t` its parent holds, then every data node likewise.
///
/// Steps 2 and 5 (no appended node) are stricter than Intel's library, which ignores those
/// bytes; they make every modification of the file detectable, not only those that would
/// change the plaintext.
public enum ProtectedFileReader {
    /// The plaintext of the protected file `bytes`, opened under `name` (a path or a file
    /// name: only its last component counts) with `key`.
    public static func read(_ bytes: [UInt8], openedAs name: String,
                            key: ProtectedFileKeySource) throws(ProtectedFileError) -> [UInt8] {
        guard let expectedName = ProtectedFileFormat.cleanFilename(name) else { throw .invalidName(name) }
        let header = try checkedHeader(bytes, requireClean: true)
        guard (header.useUserKDKKey == 1) == key.usesUserKDK else {
            throw .keyModeMismatch(fileUsesUserKDK: header.useUserKDKKey == 1)
        }
        if header.useUserKDKKey == 1 {
            guard header.cpuSVN.allSatisfy({ $0 == 0 }), header.isvSVN == 0 else {
                throw .malformedHeader("cpu_svn/isv_svn are not zero in a user-KDK file")
            }
        }
        let (metadata, layout) = try openMetadata(bytes, header: header, key: key)
        guard bytes.isZero(at: ProtectedFileMetadataPlain.byteCount + layout.encryptedByteCount,
                           count: ProtectedFileFormat.nodeSize - ProtectedFileMetadataPlain.byteCount - layout.encryptedByteCount) else {
            throw .malformedHeader("the metadata node's padding after the encrypted part is not zero")
        }

        guard let boundName = metadata.name else {
            throw .malformedHeader("clean_filename has no terminating NUL")
        }
        guard boundName == expectedName else {
            throw .nameMismatch(expected: String(decoding: expectedName, as: UTF8.self),
                                found: String(decoding: boundName, as: UTF8.self))
        }

        guard metadata.size >= 0 else { throw .invalidSize(metadata.size) }
        let size = UInt64(metadata.size)
        try checkPhysicalSize(bytes.count, plaintextSize: size)

        // The physical size check bounds `size` by the file's length, so this fits in memory.
        var plaintext: [UInt8] = []
        plaintext.reserveCapacity(Int(size))
        let inMetadata = Int(min(size, UInt64(ProtectedFileFormat.metadataDataByteCount)))
        plaintext += metadata.data[0..<inMetadata]

        let dataNodes = ProtectedFileFormat.dataNodeCount(plaintextSize: size)
        guard dataNodes > 0 else { return plaintext }

        // MHT nodes in numbering order: a parent always precedes its children.
        let mhtCount = ProtectedFileFormat.mhtNodeCount(plaintextSize: size)
        var mht: [ProtectedFileMHTNode] = []
        mht.reserveCapacity(Int(mhtCount))
        mht.append(ProtectedFileMHTNode(bytes: try openNode(bytes, .mht(0), ProtectedFileNodeCrypto(key: metadata.mhtKey, gmac: metadata.mhtGMAC))))
        var m: UInt64 = 1
        while m < mhtCount {
            let (parent, slot) = ProtectedFileFormat.parent(ofMHTNode: m)
            mht.append(ProtectedFileMHTNode(bytes: try openNode(bytes, .mht(m), mht[Int(parent)].childMHTNode(slot))))
            m += 1
        }

        var n: UInt64 = 0
        var remaining = size - UInt64(inMetadata)
        while n < dataNodes {
            let (parent, slot) = ProtectedFileFormat.parent(ofDataNode: n)
            let node = try openNode(bytes, .data(n), mht[Int(parent)].dataNode(slot))
            let take = Int(min(remaining, UInt64(ProtectedFileFormat.nodeSize)))
            plaintext += node[0..<take]
            remaining -= UInt64(take)
            n += 1
        }
        return plaintext
    }

    /// What the file shows: without a key, only the plain header and the physical size;
    /// with one, also the bound name and the plaintext size (the metadata is authenticated,
    /// the data nodes are not read).
    public static func info(_ bytes: [UInt8], key: ProtectedFileKeySource? = nil) throws(ProtectedFileError) -> ProtectedFileInfo {
        let header = try checkedHeader(bytes, requireClean: false)
        var info = ProtectedFileInfo(header: header, physicalByteCount: UInt64(bytes.count))
        guard let key else { return info }
        guard (header.useUserKDKKey == 1) == key.usesUserKDK else {
            throw .keyModeMismatch(fileUsesUserKDK: header.useUserKDKKey == 1)
        }
        guard bytes.count >= ProtectedFileFormat.nodeSize else {
            throw .truncated(expectedByteCount: UInt64(ProtectedFileFormat.nodeSize), actualByteCount: UInt64(bytes.count))
        }
        let (metadata, layout) = try openMetadata(bytes, header: header, key: key)
        info.layout = layout
        info.plaintextSize = metadata.size
        info.boundName = metadata.name.map { String(decoding: $0, as: UTF8.self) }
        if metadata.size >= 0 {
            info.expectedPhysicalByteCount = ProtectedFileFormat.physicalNodeCount(plaintextSize: UInt64(metadata.size))
                .multipliedReportingOverflow(by: UInt64(ProtectedFileFormat.nodeSize)).partialValue
        }
        return info
    }

    // MARK: steps

    /// Step 1 (and, with `requireClean`, the header checks that make a file unreadable).
    static func checkedHeader(_ bytes: [UInt8], requireClean: Bool) throws(ProtectedFileError) -> ProtectedFileMetadataPlain {
        guard let header = ProtectedFileMetadataPlain(bytes: bytes) else {
            throw .truncated(expectedByteCount: UInt64(ProtectedFileFormat.nodeSize), actualByteCount: UInt64(bytes.count))
        }
        guard header.fileID == ProtectedFileFormat.fileID else { throw .badMagic(found: header.fileID) }
        guard header.majorVersion == ProtectedFileFormat.majorVersion, header.minorVersion == ProtectedFileFormat.minorVersion else {
            throw .unsupportedVersion(major: header.majorVersion, minor: header.minorVersion)
        }
        guard requireClean else { return header }
        guard bytes.count >= ProtectedFileFormat.nodeSize else {
            throw .truncated(expectedByteCount: UInt64(ProtectedFileFormat.nodeSize), actualByteCount: UInt64(bytes.count))
        }
        guard bytes.count % ProtectedFileFormat.nodeSize == 0 else { throw .notNodeAligned(byteCount: UInt64(bytes.count)) }
        switch header.updateFlag {
        case 0: break
        case 1: throw .recoveryNeeded
        default: throw .malformedHeader("update_flag is \(header.updateFlag), not 0 or 1")
        }
        guard header.useUserKDKKey <= 1 else {
            throw .malformedHeader("use_user_kdk_key is \(header.useUserKDKKey), not 0 or 1")
        }
        guard header.attributeMask.allSatisfy({ $0 == 0 }) else {
            throw .malformedHeader("attribute_mask is not zero (Intel's library never sets it)")
        }
        return header
    }

    /// Step 3: the metadata key and the metadata tag, current layout first.
    static func openMetadata(_ bytes: [UInt8], header: ProtectedFileMetadataPlain,
                             key: ProtectedFileKeySource) throws(ProtectedFileError) -> (ProtectedFileMetadataEncrypted, ProtectedFileMetadataLayout) {
        let metadataKey = try ProtectedFileKey.metadataKey(for: header, source: key)
        for layout in [ProtectedFileMetadataLayout.current, .withMonotonicCounterFields] {
            let start = ProtectedFileMetadataPlain.byteCount
            let ciphertext = bytes[start..<(start + layout.encryptedByteCount)]
            if let plain = ProtectedFileGCM.open(ciphertext, key: metadataKey, tag: header.metadataGMAC) {
                return (ProtectedFileMetadataEncrypted(bytes: plain, layout: layout), layout)
            }
        }
        throw .metadataAuthenticationFailed
    }

    /// Step 5: exactly the nodes Intel's writer leaves for `plaintextSize`.
    static func checkPhysicalSize(_ byteCount: Int, plaintextSize: UInt64) throws(ProtectedFileError) {
        let nodes = ProtectedFileFormat.physicalNodeCount(plaintextSize: plaintextSize)
        let actual = UInt64(byteCount)
        let (expected, overflow) = nodes.multipliedReportingOverflow(by: UInt64(ProtectedFileFormat.nodeSize))
        if overflow || expected > actual {
            throw .truncated(expectedByteCount: overflow ? .max : expected, actualByteCount: actual)
        }
        if expected < actual { throw .trailingData(expectedByteCount: expected, actualByteCount: actual) }
    }

    /// Step 6 for one node: decrypts physical node `node.physicalNumber` under `crypto`.
    static func openNode(_ bytes: [UInt8], _ node: ProtectedFileNodeID,
                         _ crypto: ProtectedFileNodeCrypto) throws(ProtectedFileError) -> [UInt8] {
        let size = ProtectedFileFormat.nodeSize
        // The physical size was checked against the node count, so every node is present.
        let start = Int(node.physicalNumber) * size
        guard let plain = ProtectedFileGCM.open(bytes[start..<(start + size)], key: crypto.key, tag: crypto.gmac) else {
            throw .nodeAuthenticationFailed(node: node)
        }
        return plain
    }
}

/// What ``ProtectedFileReader/info(_:key:)`` reports about a protected file.
public struct ProtectedFileInfo: Sendable, Hashable {
    /// The plain header (`meta_data_plain_t`), readable without a key.
    public var header: ProtectedFileMetadataPlain
    /// The file's length in bytes.
    public var physicalByteCount: UInt64
    /// With a key: the plaintext size the metadata records.
    public var plaintextSize: Int64?
    /// With a key: the name bound in `clean_filename` (nil if it has no NUL).
    public var boundName: String?
    /// With a key: which `meta_data_encrypted_t` layout the metadata tag verified under.
    public var layout: ProtectedFileMetadataLayout?
    /// With a key: the file length Intel's writer leaves for ``plaintextSize``.
    public var expectedPhysicalByteCount: UInt64?

    public init(header: ProtectedFileMetadataPlain, physicalByteCount: UInt64) {
        self.header = header
        self.physicalByteCount = physicalByteCount
    }

    /// "1.0".
    public var version: String { "\(header.majorVersion).\(header.minorVersion)" }
    /// True for a file written with a user KDK (`sgx_fopen`), false for auto mode.
    public var usesUserKDK: Bool { header.useUserKDKKey == 1 }
    /// Whole 4096-byte nodes in the file.
    public var nodeCount: UInt64 { physicalByteCount / UInt64(ProtectedFileFormat.nodeSize) }
    /// True when the length is a whole number of nodes.
    public var isNodeAligned: Bool { physicalByteCount % UInt64(ProtectedFileFormat.nodeSize) == 0 }
    /// `update_flag` (1: a flush was interrupted; recovery needed).
    public var updateFlag: UInt8 { header.updateFlag }
}
