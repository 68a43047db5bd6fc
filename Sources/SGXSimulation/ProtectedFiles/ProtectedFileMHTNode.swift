import SGXTypes

/// `gcm_crypto_data_t`: the key a child node is encrypted under and its GCM tag, as a
/// parent MHT node stores them.
struct ProtectedFileNodeCrypto: Equatable {
    var key: [UInt8]
    var gmac: [UInt8]
}

/// `mht_node_t` in plaintext: 96 `data_nodes_crypto` entries, then 32 `mht_nodes_crypto`.
struct ProtectedFileMHTNode {
    var bytes: [UInt8]

    init() { bytes = [UInt8](repeating: 0, count: ProtectedFileFormat.nodeSize) }
    init(bytes: [UInt8]) {
        precondition(bytes.count == ProtectedFileFormat.nodeSize)
        self.bytes = bytes
    }

    private static func offset(data slot: Int) -> Int { slot * ProtectedFileFormat.gcmCryptoDataByteCount }
    private static func offset(child slot: Int) -> Int {
        (ProtectedFileFormat.dataNodesPerMHTNode + slot) * ProtectedFileFormat.gcmCryptoDataByteCount
    }

    func dataNode(_ slot: Int) -> ProtectedFileNodeCrypto { entry(at: Self.offset(data: slot)) }
    func childMHTNode(_ slot: Int) -> ProtectedFileNodeCrypto { entry(at: Self.offset(child: slot)) }
    mutating func setDataNode(_ slot: Int, _ value: ProtectedFileNodeCrypto) { set(value, at: Self.offset(data: slot)) }
    mutating func setChildMHTNode(_ slot: Int, _ value: ProtectedFileNodeCrypto) { set(value, at: Self.offset(child: slot)) }

    private func entry(at offset: Int) -> ProtectedFileNodeCrypto {
        ProtectedFileNodeCrypto(key: bytes.bytes(at: offset, count: 16), gmac: bytes.bytes(at: offset + 16, count: 16))
    }

    private mutating func set(_ value: ProtectedFileNodeCrypto, at offset: Int) {
        bytes.storeField(value.key, at: offset, count: 16)
        bytes.storeField(value.gmac, at: offset + 16, count: 16)
    }
}
