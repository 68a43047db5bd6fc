
/// `gcm_crypto_data_t`: the key a child node is encrypted under and its GCM tag, as a
/// parent MHT node stores them.
public struct ProtectedFileNodeCrypto: Equatable, Sendable {
    public var key: [UInt8]
    public var gmac: [UInt8]

    public init(key: [UInt8], gmac: [UInt8]) {
        self.key = key
        self.gmac = gmac
    }

    /// The all-zero entry (an unused slot; the root of a file that fits in its metadata node).
    public static var zero: ProtectedFileNodeCrypto {
        ProtectedFileNodeCrypto(key: [UInt8](repeating: 0, count: 16), gmac: [UInt8](repeating: 0, count: 16))
    }
}

/// `mht_node_t` in plaintext: 96 `data_nodes_crypto` entries, then 32 `mht_nodes_crypto`.
public struct ProtectedFileMHTNode: Sendable {
    public var bytes: [UInt8]

    public init() { bytes = [UInt8](repeating: 0, count: ProtectedFileFormat.nodeSize) }
    public init(bytes: [UInt8]) {
        precondition(bytes.count == ProtectedFileFormat.nodeSize)
        self.bytes = bytes
    }

    private static func offset(data slot: Int) -> Int { slot * ProtectedFileFormat.gcmCryptoDataByteCount }
    private static func offset(child slot: Int) -> Int {
        (ProtectedFileFormat.dataNodesPerMHTNode + slot) * ProtectedFileFormat.gcmCryptoDataByteCount
    }

    public func dataNode(_ slot: Int) -> ProtectedFileNodeCrypto { entry(at: Self.offset(data: slot)) }
    public func childMHTNode(_ slot: Int) -> ProtectedFileNodeCrypto { entry(at: Self.offset(child: slot)) }
    public mutating func setDataNode(_ slot: Int, _ value: ProtectedFileNodeCrypto) { set(value, at: Self.offset(data: slot)) }
    public mutating func setChildMHTNode(_ slot: Int, _ value: ProtectedFileNodeCrypto) { set(value, at: Self.offset(child: slot)) }

    private func entry(at offset: Int) -> ProtectedFileNodeCrypto {
        ProtectedFileNodeCrypto(key: bytes.bytes(at: offset, count: 16), gmac: bytes.bytes(at: offset + 16, count: 16))
    }

    private mutating func set(_ value: ProtectedFileNodeCrypto, at offset: Int) {
        bytes.storeField(value.key, at: offset, count: 16)
        bytes.storeField(value.gmac, at: offset + 16, count: 16)
    }
}
