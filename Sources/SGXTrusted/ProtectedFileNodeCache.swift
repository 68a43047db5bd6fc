import SGXTypes

/// One decrypted node of a protected file held in enclave memory: a data node
/// (`data_node_t`, 4096 bytes of plaintext) or an MHT node (`mht_node_t`).
final class ProtectedFileCachedNode {
    enum Kind { case data, mht }

    let kind: Kind
    /// The data node number *n* or MHT node number *m* (not the physical number).
    let number: UInt64
    /// The plaintext (4096 bytes).
    var plaintext: [UInt8]
    /// Changed since it was last written (its ancestors are then dirty too).
    var dirty = false
    /// When it was last used (a counter), for least-recently-used eviction.
    var lastUse: UInt64 = 0

    init(kind: Kind, number: UInt64, plaintext: [UInt8]) {
        self.kind = kind
        self.number = number
        self.plaintext = plaintext
    }

    var physicalNumber: UInt64 {
        kind == .data ? ProtectedFileFormat.physicalNode(ofDataNode: number) : ProtectedFileFormat.physicalNode(ofMHTNode: number)
    }

    /// Overwrites the plaintext with zeros (on eviction and close: no key or data left behind).
    func wipe() {
        plaintext.withUnsafeMutableBytes { if let base = $0.baseAddress { sgx_zeroize(base, $0.count) } }
    }
}

/// The least-recently-used cache of a protected file's nodes, keyed by physical node
/// number (Intel keeps 48 nodes, `MAX_PAGES_IN_CACHE`; here the size is the caller's).
///
/// Dirty nodes are never evicted: a full cache of dirty nodes makes the file flush first.
struct ProtectedFileNodeCache {
    /// How many nodes the cache holds before it evicts (at least 3: a data node, its MHT
    /// node and the root).
    let capacity: Int
    private(set) var nodes: [UInt64: ProtectedFileCachedNode] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 3)
    }

    var isFull: Bool { nodes.count >= capacity }
    var hasDirtyNodes: Bool { nodes.values.contains { $0.dirty } }

    /// The cached node at `physical`, marked as just used.
    mutating func node(at physical: UInt64) -> ProtectedFileCachedNode? {
        guard let node = nodes[physical] else { return nil }
        clock += 1
        node.lastUse = clock
        return node
    }

    mutating func insert(_ node: ProtectedFileCachedNode) {
        clock += 1
        node.lastUse = clock
        nodes[node.physicalNumber] = node
    }

    /// Evicts the least recently used clean node; false when every node is dirty.
    mutating func evictOne() -> Bool {
        var victim: ProtectedFileCachedNode? = nil
        for node in nodes.values where !node.dirty {
            if victim == nil || node.lastUse < victim!.lastUse { victim = node }
        }
        guard let victim else { return false }
        nodes[victim.physicalNumber] = nil
        victim.wipe()
        return true
    }

    /// Drops every node (they must be clean or abandoned), wiping their plaintext.
    mutating func removeAll() {
        for node in nodes.values { node.wipe() }
        nodes.removeAll()
    }

    /// The dirty nodes of `kind`, by number.
    func dirtyNodes(_ kind: ProtectedFileCachedNode.Kind) -> [ProtectedFileCachedNode] {
        nodes.values.filter { $0.dirty && $0.kind == kind }.sorted { $0.number < $1.number }
    }
}
