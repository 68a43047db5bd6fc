
/// Constants, node numbering and the metadata header of Intel's protected-file format 1.0
/// (`sgx_tprotected_fs`, `sdk/protected_fs/sgx_tprotected_fs/protected_fs_nodes.h`).
///
/// A protected file is a sequence of 4096-byte nodes, each AES-128-GCM encrypted with a
/// 12-byte zero IV and no AAD:
/// - node 0, the metadata node (`meta_data_node_t`): the plain header
///   ``ProtectedFileMetadataPlain`` (`meta_data_plain_t`, 94 B), the encrypted part
///   (`meta_data_encrypted_t`: file name, size, root MHT key and tag, the first 3072 bytes
///   of the file) under the metadata key (see ``ProtectedFileKey``), then zero padding;
/// - node 1, the root of the Merkle hash tree (`mht_node_t`, MHT node 0), present only when
///   the file holds more than 3072 bytes;
/// - then, repeating, 96 data nodes (`data_node_t`) and one further MHT node.
///
/// Every MHT node holds 96 (key, tag) pairs (`gcm_crypto_data_t`) for its data nodes and 32
/// for its child MHT nodes; the root MHT node's key and tag are in the metadata's encrypted
/// part, and the metadata key is derived, never stored.
///
/// Numbering: data node *n* (bytes 3072 + 4096·n ..< 3072 + 4096·(n+1) of the plaintext)
/// hangs off MHT node ⌊n/96⌋ in slot n mod 96 and is physical node n + 2 + ⌊n/96⌋; MHT node
/// *m* ≥ 1 is physical node 1 + 97·m and hangs off MHT node ⌊(m−1)/32⌋ in child slot
/// (m−1) mod 32. An MHT node always comes before its data nodes, so the last physical node
/// of a file is its last data node; Intel's writer never leaves an empty data node, so the
/// physical size is a function of the plaintext size alone (``physicalNodeCount(plaintextSize:)``).
public enum ProtectedFileFormat {
    /// `NODE_SIZE`.
    public static let nodeSize = 4096
    /// `SGX_FILE_ID`: the little-endian `UInt64` whose bytes spell "ELIF_XGS" on disk (0x5347585F46494C45, "SGX_FILE").
    public static let fileID: UInt64 = 0x5347_585F_4649_4C45
    /// `SGX_FILE_MAJOR_VERSION`.
    public static let majorVersion: UInt8 = 1
    /// `SGX_FILE_MINOR_VERSION`.
    public static let minorVersion: UInt8 = 0
    /// `MD_USER_DATA_SIZE`: how much plaintext the metadata node itself carries.
    public static let metadataDataByteCount = 3072
    /// `FILENAME_MAX_LEN`: the `clean_filename` field, NUL-terminated.
    public static let filenameFieldByteCount = 260
    /// The longest name Intel's `cleanup_filename` accepts (it refuses 259 bytes and more).
    public static let maximumNameByteCount = 258
    /// `ATTACHED_DATA_NODES_COUNT`.
    public static let dataNodesPerMHTNode = 96
    /// `CHILD_MHT_NODES_COUNT`.
    public static let childMHTNodesPerMHTNode = 32
    /// `sizeof(gcm_crypto_data_t)`: a 16-byte key and a 16-byte GCM tag.
    public static let gcmCryptoDataByteCount = 32
    /// AES-128-GCM tag size (`sgx_aes_gcm_128bit_tag_t`).
    public static let tagByteCount = 16
    /// AES-128 key size (`sgx_aes_gcm_128bit_key_t`).
    public static let keyByteCount = 16

    // MARK: node numbering

    /// The physical node (index of the 4096-byte block in the file) of data node `n`.
    public static func physicalNode(ofDataNode n: UInt64) -> UInt64 {
        n + 2 + n / UInt64(dataNodesPerMHTNode)
    }

    /// The physical node of MHT node `m` (0 is the root, physical node 1).
    public static func physicalNode(ofMHTNode m: UInt64) -> UInt64 {
        1 + m * UInt64(dataNodesPerMHTNode + 1)
    }

    /// The MHT node holding data node `n`'s key and tag, and the slot in its `data_nodes_crypto`.
    public static func parent(ofDataNode n: UInt64) -> (mhtNode: UInt64, slot: Int) {
        (n / UInt64(dataNodesPerMHTNode), Int(n % UInt64(dataNodesPerMHTNode)))
    }

    /// The MHT node holding MHT node `m`'s (m ≥ 1) key and tag, and the slot in its `mht_nodes_crypto`.
    public static func parent(ofMHTNode m: UInt64) -> (mhtNode: UInt64, slot: Int) {
        precondition(m >= 1, "the root MHT node's key lives in the metadata node")
        return ((m - 1) / UInt64(childMHTNodesPerMHTNode), Int((m - 1) % UInt64(childMHTNodesPerMHTNode)))
    }

    /// How many data nodes a file of `plaintextSize` bytes has (0 up to 3072 bytes).
    public static func dataNodeCount(plaintextSize: UInt64) -> UInt64 {
        let inMetadata = UInt64(metadataDataByteCount)
        guard plaintextSize > inMetadata else { return 0 }
        let rest = plaintextSize - inMetadata
        return rest / UInt64(nodeSize) + (rest % UInt64(nodeSize) == 0 ? 0 : 1)
    }

    /// How many MHT nodes (root included) a file of `plaintextSize` bytes has: one per 96
    /// data nodes, none when the data fits in the metadata node.
    public static func mhtNodeCount(plaintextSize: UInt64) -> UInt64 {
        let data = dataNodeCount(plaintextSize: plaintextSize)
        let perMHT = UInt64(dataNodesPerMHTNode)
        return data / perMHT + (data % perMHT == 0 ? 0 : 1)
    }

    /// How many 4096-byte nodes Intel's writer leaves on disk for `plaintextSize` bytes:
    /// 1 up to 3072 bytes, otherwise up to and including the last data node.
    public static func physicalNodeCount(plaintextSize: UInt64) -> UInt64 {
        let data = dataNodeCount(plaintextSize: plaintextSize)
        return data == 0 ? 1 : physicalNode(ofDataNode: data - 1) + 1
    }

    /// Intel's `cleanup_filename`: the part of `path` after the last '/' or '\\', which is
    /// what a protected file binds in `clean_filename`. Nil when it is empty or longer
    /// than ``maximumNameByteCount`` bytes (`sgx_fopen` fails with EINVAL / ENAMETOOLONG).
    public static func cleanFilename(_ path: String) -> [UInt8]? {
        var bytes = Array(path.utf8)
        if let cut = bytes.firstIndex(of: 0) { bytes = Array(bytes[..<cut]) } // a C string ends at NUL
        let start = (bytes.lastIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") })).map { $0 + 1 } ?? 0
        let name = Array(bytes[start...])
        guard !name.isEmpty, name.count <= maximumNameByteCount else { return nil }
        return name
    }
}
