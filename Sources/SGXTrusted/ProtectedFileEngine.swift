import SGXTypes

/// The state of one open ``ProtectedFile``: the decrypted metadata, the node cache, the
/// position, and the flush that writes Intel's format 1.0 (layout in
/// `ProtectedFileFormat`). Reference type so that the node cache can be shared by the
/// helpers below; only ``ProtectedFile`` (not copyable) owns one.
@usableFromInline
final class ProtectedFileEngine {
    let path: String
    let cleanName: [UInt8]
    private var keyMode: ProtectedFileKeyMode
    let readable: Bool
    let writable: Bool
    let appendOnly: Bool
    let durable: Bool
    let file: UntrustedFile

    private var header: ProtectedFileMetadataPlain
    private var metadata: ProtectedFileMetadataEncrypted
    private var layout: ProtectedFileMetadataLayout
    /// The plaintext size now, and as of the last flush (what the file on disk holds).
    private(set) var size: UInt64
    private var onDiskSize: UInt64
    private var onDiskByteCount: UInt64
    private(set) var offset: UInt64 = 0
    private var metadataDirty = false
    private var cache: ProtectedFileNodeCache
    private var flushing = false
    private var closed = false
    /// The journal file, kept open (and emptied) between flushes once a flush needed it.
    private var journal: ProtectedFileJournal.Handle? = nil
    /// Ciphertext of the nodes `aheadFirst ..< aheadFirst + aheadNodes`, read ahead of a
    /// sequential reader in one OCALL; dropped by every flush. Each node is authenticated
    /// only when used, like any node read from the host.
    private var aheadChunk: [UInt8] = []
    private var aheadFirst: UInt64 = 0
    private var aheadNodes = 0
    /// The data node last read from the file, to notice sequential reading.
    private var lastLoadedDataNode: UInt64? = nil
    /// Most nodes one read-ahead fetches (one host chunk).
    private static let readAheadNodes = EnclaveABI.fileChunkSize / ProtectedFileFormat.nodeSize
    /// Set by a failed flush or host I/O error: every later operation fails with it
    /// (Intel's `SGX_FILE_STATUS_*_ERROR`), and close writes nothing more.
    private(set) var failure: SGXError? = nil
    /// CPUSVN and ISVSVN of this enclave, recorded in auto-mode headers.
    private let ownSVN: (cpu: [UInt8], isv: UInt16)

    private static let nodeSize = ProtectedFileFormat.nodeSize
    private static let inMetadata = ProtectedFileFormat.metadataDataByteCount
    private static let zeroNonce = [UInt8](repeating: 0, count: 12)

    init(path: String, cleanName: [UInt8], keyMode: ProtectedFileKeyMode, mode: ProtectedFile.Mode,
         cacheSize: Int, durable: Bool, file: consuming UntrustedFile) throws(SGXError) {
        let physicalSize = try file.size()
        self.path = path
        self.cleanName = cleanName
        self.keyMode = keyMode
        readable = mode.readable
        writable = mode.writable
        appendOnly = mode.appends
        self.durable = durable
        self.file = file
        cache = ProtectedFileNodeCache(capacity: cacheSize)
        if keyMode.usesUserKDK {
            ownSVN = ([UInt8](repeating: 0, count: 16), 0)
        } else {
            let own = try Enclave.selfReport().body
            ownSVN = (own.cpuSVN, own.isvSVN)
        }
        header = ProtectedFileMetadataPlain()
        var filename = [UInt8](repeating: 0, count: ProtectedFileFormat.filenameFieldByteCount)
        for (index, byte) in cleanName.enumerated() { filename[index] = byte }
        metadata = ProtectedFileMetadataEncrypted(
            cleanFilename: filename, size: 0, mhtKey: [UInt8](repeating: 0, count: 16),
            mhtGMAC: [UInt8](repeating: 0, count: 16), data: [UInt8](repeating: 0, count: Self.inMetadata))
        layout = .current
        size = 0
        onDiskSize = 0
        onDiskByteCount = physicalSize
        if onDiskByteCount == 0 {
            guard mode.creates else { throw SGXError(.fileNotSGXFile, "\(path) is empty, not a protected file") }
            // A new file is written as a valid empty file at once, so that it is never torn.
            metadataDirty = true
            try flush()
        } else {
            try openExisting()
        }
        if appendOnly { offset = size }
    }

    /// Reads and authenticates the metadata node and checks the file's length against it.
    private func openExisting() throws(SGXError) {
        let nodeSize = UInt64(Self.nodeSize)
        guard onDiskByteCount % nodeSize == 0 else {
            throw SGXError(.fileNotSGXFile, "\(path): \(onDiskByteCount) bytes is not a whole number of 4096-byte nodes")
        }
        let node = try readPhysical(0)
        guard let plain = ProtectedFileMetadataPlain(bytes: node) else { throw SGXError(.fileNotSGXFile, "\(path): short metadata node") }
        guard plain.fileID == ProtectedFileFormat.fileID else {
            throw SGXError(.fileNotSGXFile, "\(path) is not a protected file (file_id is not \"SGX_FILE\")")
        }
        guard plain.majorVersion == ProtectedFileFormat.majorVersion, plain.minorVersion == ProtectedFileFormat.minorVersion else {
            throw SGXError(.fileNotSGXFile, "\(path): unsupported protected file version \(plain.majorVersion).\(plain.minorVersion)")
        }
        guard plain.updateFlag == 0 else {
            throw SGXError(.fileRecoveryNeeded, "\(path) was being flushed by Intel's library when it stopped (update_flag = 1); apply its _recovery file with Intel's SDK first")
        }
        guard plain.useUserKDKKey <= 1 else { throw SGXError(.fileNotSGXFile, "\(path): use_user_kdk_key is \(plain.useUserKDKKey)") }
        guard (plain.useUserKDKKey == 1) == keyMode.usesUserKDK else {
            throw SGXError(.invalidParameter, plain.useUserKDKKey == 1
                ? "\(path) was written with a user key (sgx_fopen), not the enclave's seal key"
                : "\(path) was written with the enclave's seal key (auto mode), not a user key")
        }
        let key = try keyMode.metadataKey(for: plain)
        var opened: (ProtectedFileMetadataEncrypted, ProtectedFileMetadataLayout)? = nil
        for candidate in [ProtectedFileMetadataLayout.current, .withMonotonicCounterFields] {
            let start = ProtectedFileMetadataPlain.byteCount
            let ciphertext = node.bytes(at: start, count: candidate.encryptedByteCount)
            if let plaintext = try? AESGCM.open(ciphertext, tag: plain.metadataGMAC, using: key, nonce: Self.zeroNonce) {
                opened = (ProtectedFileMetadataEncrypted(bytes: plaintext, layout: candidate), candidate)
                break
            }
        }
        guard let found = opened else {
            throw SGXError(.macMismatch, "\(path): metadata does not authenticate (wrong key: another user key, or another enclave signer in auto mode; or a modified metadata node)")
        }
        let decrypted = found.0
        // Header and padding bytes the tag does not cover must hold what Intel's library
        // writes, so that no bit of the file can change unnoticed.
        let end = ProtectedFileMetadataPlain.byteCount + found.1.encryptedByteCount
        guard plain.attributeMask.allSatisfy({ $0 == 0 }), node.isZero(at: end, count: Self.nodeSize - end),
              !keyMode.usesUserKDK || (plain.cpuSVN.allSatisfy({ $0 == 0 }) && plain.isvSVN == 0) else {
            throw SGXError(.fileNotSGXFile, "\(path): metadata node bytes outside the authenticated part were modified")
        }
        guard let name = decrypted.name, name == cleanName else {
            throw SGXError(.fileNameMismatch, "\(path): the file was written under another name (protected files are bound to their name)")
        }
        guard decrypted.size >= 0 else { throw SGXError(.fileNotSGXFile, "\(path) records a negative size") }
        let recorded = UInt64(decrypted.size)
        let expected = ProtectedFileFormat.physicalNodeCount(plaintextSize: recorded) * nodeSize
        guard onDiskByteCount == expected else {
            throw SGXError(.fileNotSGXFile, onDiskByteCount < expected
                ? "\(path) is truncated: \(onDiskByteCount) bytes, its metadata needs \(expected)"
                : "\(path) has \(onDiskByteCount - expected) bytes after its last node")
        }
        header = plain
        metadata = decrypted
        layout = found.1
        size = recorded
        onDiskSize = recorded
    }

    // MARK: reading and writing

    func checkUsable() throws(SGXError) {
        if closed { throw SGXError(.fileBadStatus, "protected file is closed") }
        if let failure { throw SGXError(.fileBadStatus, "protected file unusable after an earlier error: \(failure.detail)") }
    }

    /// Up to `count` bytes from the position (fewer at the end of the file).
    func read(_ count: Int) throws(SGXError) -> [UInt8] {
        guard count >= 0 else { throw SGXError(.invalidParameter, "negative read count") }
        var out = [UInt8](repeating: 0, count: Int(min(UInt64(count), size - offset)))
        _ = try read(into: &out)
        return out
    }

    /// Fills `out` from the position, as far as the file goes; returns how many bytes. On
    /// failure `out` is zeroed: no partial plaintext.
    func read(into out: inout [UInt8]) throws(SGXError) -> Int {
        try checkUsable()
        guard readable else { throw SGXError(.invalidParameter, "protected file not opened for reading") }
        // Bulk copies (element-wise slice appends cost ~1 ns a byte).
        let total = Int(min(UInt64(out.count), size - offset))
        var filled = 0
        do {
            while filled < total {
                let wanted = UInt64(total - filled)
                if offset < UInt64(Self.inMetadata) {
                    let take = Int(min(UInt64(Self.inMetadata) - offset, wanted))
                    out.store(metadata.data, from: Int(offset), count: take, at: filled)
                    filled += take
                    offset += UInt64(take)
                } else {
                    let relative = offset - UInt64(Self.inMetadata)
                    let within = Int(relative % UInt64(Self.nodeSize))
                    let take = Int(min(UInt64(Self.nodeSize - within), wanted))
                    let node = try dataNode(relative / UInt64(Self.nodeSize))
                    out.store(node.plaintext, from: within, count: take, at: filled)
                    filled += take
                    offset += UInt64(take)
                }
            }
        } catch {
            wipe(&out)
            throw fail(error)
        }
        return total
    }

    /// Writes `bytes` at the position (at the end in append modes).
    func write(_ bytes: [UInt8]) throws(SGXError) {
        try checkUsable()
        guard writable else { throw SGXError(.invalidParameter, "protected file not opened for writing") }
        if appendOnly { offset = size }
        guard offset <= UInt64(Int64.max) - UInt64(bytes.count) else { throw SGXError(.invalidParameter, "write past the largest file size") }
        var done = 0
        do {
            while done < bytes.count {
                let take: Int
                if offset < UInt64(Self.inMetadata) {
                    take = min(Self.inMetadata - Int(offset), bytes.count - done)
                    metadata.data.store(bytes, from: done, count: take, at: Int(offset))
                } else {
                    let relative = offset - UInt64(Self.inMetadata)
                    let n = relative / UInt64(Self.nodeSize)
                    let within = Int(relative % UInt64(Self.nodeSize))
                    take = min(Self.nodeSize - within, bytes.count - done)
                    _ = try dataNode(n)
                    try markAncestorsDirty(ofDataNode: n)
                    // Loading ancestors may have flushed or evicted: fetch the node again and
                    // change it with nothing in between.
                    let node = try dataNode(n)
                    node.dirty = true
                    node.plaintext.store(bytes, from: done, count: take, at: within)
                }
                metadataDirty = true
                done += take
                offset += UInt64(take)
                if offset > size { size = offset }
            }
        } catch {
            throw fail(error)
        }
    }

    func seek(to target: UInt64) throws(SGXError) {
        try checkUsable()
        guard target <= size else { throw SGXError(.invalidParameter, "seek to \(target) past the end of the file (\(size) bytes)") }
        offset = target
    }

    /// Writes every change to the host file (journal first, see ``ProtectedFileJournal``).
    func flush() throws(SGXError) {
        try checkUsable()
        do {
            try flushChanges()
        } catch {
            throw fail(SGXError(.fileFlushFailed, "\(path): flush failed: \(error.detail)"))
        }
    }

    /// Flushes, then drops every node from the cache (`sgx_fclear_cache`).
    func clearCache() throws(SGXError) {
        try flush()
        cache.removeAll()
    }

    /// Flushes (when writable and usable) and wipes every secret the engine holds.
    func close() throws(SGXError) {
        guard !closed else { return }
        closed = true
        defer { discardSecrets() }
        guard failure == nil, writable else { return }
        do {
            try flushChanges()
            if journal != nil {
                journal = nil
                try ProtectedFileJournal.remove(path: path)
            }
        } catch {
            failure = error
            throw SGXError(.fileCloseFailed, "\(path): close failed to flush: \(error.detail)")
        }
    }

    func discardSecrets() {
        cache.removeAll()
        wipe(&metadata.data)
        wipe(&metadata.mhtKey)
        if case .userKDK(var kdk) = keyMode {
            keyMode = .automatic
            wipe(&kdk)
        }
    }

    private func fail(_ error: SGXError) -> SGXError {
        if failure == nil { failure = error }
        return error
    }

    private func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { if let base = $0.baseAddress { sgx_zeroize(base, $0.count) } }
    }

    // MARK: nodes

    /// Data node `n`, from the cache, from the file (authenticated against its parent), or
    /// new and zero when it lies beyond what the file holds.
    private func dataNode(_ n: UInt64) throws(SGXError) -> ProtectedFileCachedNode {
        let physical = ProtectedFileFormat.physicalNode(ofDataNode: n)
        if let node = cache.node(at: physical) { return node }
        let plaintext: [UInt8]
        if n < ProtectedFileFormat.dataNodeCount(plaintextSize: onDiskSize) {
            if let last = lastLoadedDataNode, n == last &+ 1, !isAhead(physical) { try fetchAhead(from: physical) }
            lastLoadedDataNode = n
            let (m, slot) = ProtectedFileFormat.parent(ofDataNode: n)
            let parent = try mhtNode(m)
            plaintext = try decrypt(physical: physical, entry: Self.entry(parent.plaintext, at: Self.dataSlot(slot)),
                                    what: "data node \(n)")
        } else {
            plaintext = [UInt8](repeating: 0, count: Self.nodeSize)
        }
        try makeRoom()
        let node = ProtectedFileCachedNode(kind: .data, number: n, plaintext: plaintext)
        cache.insert(node)
        return node
    }

    /// MHT node `m` (0 is the root, whose key and tag are in the metadata).
    private func mhtNode(_ m: UInt64) throws(SGXError) -> ProtectedFileCachedNode {
        let physical = ProtectedFileFormat.physicalNode(ofMHTNode: m)
        if let node = cache.node(at: physical) { return node }
        let plaintext: [UInt8]
        if m < ProtectedFileFormat.mhtNodeCount(plaintextSize: onDiskSize) {
            let entry: ProtectedFileNodeCrypto
            if m == 0 {
                entry = ProtectedFileNodeCrypto(key: metadata.mhtKey, gmac: metadata.mhtGMAC)
            } else {
                let (parentNumber, slot) = ProtectedFileFormat.parent(ofMHTNode: m)
                entry = Self.entry(try mhtNode(parentNumber).plaintext, at: Self.childSlot(slot))
            }
            plaintext = try decrypt(physical: physical, entry: entry, what: "MHT node \(m)")
        } else {
            plaintext = [UInt8](repeating: 0, count: Self.nodeSize)
        }
        try makeRoom()
        let node = ProtectedFileCachedNode(kind: .mht, number: m, plaintext: plaintext)
        cache.insert(node)
        return node
    }

    private func markAncestorsDirty(ofDataNode n: UInt64) throws(SGXError) {
        var m = ProtectedFileFormat.parent(ofDataNode: n).mhtNode
        while true {
            let node = try mhtNode(m)
            node.dirty = true
            if m == 0 { break }
            m = ProtectedFileFormat.parent(ofMHTNode: m).mhtNode
        }
    }

    /// Room for one more node: evict the least recently used clean node, flushing first
    /// when every cached node is dirty. Nothing is evicted during a flush.
    private func makeRoom() throws(SGXError) {
        guard !flushing else { return }
        while cache.isFull {
            if cache.evictOne() { continue }
            try flushChanges()
            if !cache.evictOne() { return }
        }
    }

    /// Reads the nodes from `physical` on, up to one host chunk and the end of the file,
    /// into the read-ahead chunk with one OCALL.
    private func fetchAhead(from physical: UInt64) throws(SGXError) {
        let nodeCount = onDiskByteCount / UInt64(Self.nodeSize)
        guard physical < nodeCount else { return }
        let count = Int(min(UInt64(Self.readAheadNodes), nodeCount - physical))
        dropReadAhead()
        aheadChunk = try file.read(at: physical * UInt64(Self.nodeSize), count: count * Self.nodeSize)
        aheadFirst = physical
        aheadNodes = aheadChunk.count / Self.nodeSize
    }

    private func isAhead(_ physical: UInt64) -> Bool {
        physical >= aheadFirst && physical - aheadFirst < UInt64(aheadNodes)
    }

    private func dropReadAhead() {
        aheadChunk = []
        aheadNodes = 0
    }

    /// The ciphertext of node `physical`: an array and where in it the node starts.
    private func ciphertext(_ physical: UInt64) throws(SGXError) -> (bytes: [UInt8], start: Int) {
        if isAhead(physical) { return (aheadChunk, Int(physical - aheadFirst) * Self.nodeSize) }
        return (try readPhysical(physical), 0)
    }

    private func readPhysical(_ physical: UInt64) throws(SGXError) -> [UInt8] {
        let bytes = try file.read(at: physical * UInt64(Self.nodeSize), count: Self.nodeSize)
        guard bytes.count == Self.nodeSize else {
            throw SGXError(.fileNotSGXFile, "\(path): node \(physical) is cut off (the host returned \(bytes.count) of 4096 bytes)")
        }
        return bytes
    }

    private func decrypt(physical: UInt64, entry: ProtectedFileNodeCrypto, what: String) throws(SGXError) -> [UInt8] {
        let (bytes, start) = try ciphertext(physical)
        do {
            return try AESGCM.open(in: bytes, ciphertext: start..<(start + Self.nodeSize), tagIn: entry.gmac, tag: 0..<16,
                                   using: SymmetricKey(bytes: entry.key), nonce: Self.zeroNonce, authenticating: [])
        } catch {
            throw SGXError(.macMismatch, "\(path): \(what) (physical node \(physical)) does not authenticate: the file was modified, or nodes were swapped or replaced")
        }
    }

    /// Encrypts one node under a fresh random key: its ciphertext and its parent's entry.
    private func encrypt(_ plaintext: [UInt8]) throws(SGXError) -> ([UInt8], ProtectedFileNodeCrypto) {
        var key = randomBytes(ProtectedFileFormat.keyByteCount)
        defer { wipe(&key) }
        do {
            let box = try AESGCM.seal(plaintext, using: SymmetricKey(bytes: key), nonce: Self.zeroNonce)
            return (box.ciphertext, ProtectedFileNodeCrypto(key: key, gmac: box.tag))
        } catch {
            throw SGXError(.unexpected, "AES-GCM failed")
        }
    }

    private static func dataSlot(_ slot: Int) -> Int { slot * ProtectedFileFormat.gcmCryptoDataByteCount }
    private static func childSlot(_ slot: Int) -> Int {
        (ProtectedFileFormat.dataNodesPerMHTNode + slot) * ProtectedFileFormat.gcmCryptoDataByteCount
    }

    private static func entry(_ plaintext: [UInt8], at offset: Int) -> ProtectedFileNodeCrypto {
        ProtectedFileNodeCrypto(key: plaintext.bytes(at: offset, count: 16), gmac: plaintext.bytes(at: offset + 16, count: 16))
    }

    private static func setEntry(_ node: ProtectedFileCachedNode, at offset: Int, _ entry: ProtectedFileNodeCrypto) {
        for index in 0..<16 {
            node.plaintext[offset + index] = entry.key[index]
            node.plaintext[offset + 16 + index] = entry.gmac[index]
        }
    }

    // MARK: flush

    /// Encrypts every dirty node under a fresh key (data nodes, then MHT nodes children
    /// first, then the metadata under a fresh metadata key), journals the old ciphertext of
    /// the nodes it will overwrite, writes, and removes the journal.
    private func flushChanges() throws(SGXError) {
        guard metadataDirty || cache.hasDirtyNodes else { return }
        flushing = true
        defer { flushing = false }
        dropReadAhead()
        var writes: [(node: UInt64, ciphertext: [UInt8])] = []
        var written: [ProtectedFileCachedNode] = []

        for node in cache.dirtyNodes(.data) {
            let (m, slot) = ProtectedFileFormat.parent(ofDataNode: node.number)
            let parent = try mhtNode(m)
            let (ciphertext, entry) = try encrypt(node.plaintext)
            Self.setEntry(parent, at: Self.dataSlot(slot), entry)
            parent.dirty = true
            writes.append((node.physicalNumber, ciphertext))
            written.append(node)
        }
        var root = ProtectedFileNodeCrypto(key: metadata.mhtKey, gmac: metadata.mhtGMAC)
        var pending = Set(cache.dirtyNodes(.mht).map { $0.number })
        while let m = pending.max() {
            pending.remove(m)
            let node = try mhtNode(m)
            let (ciphertext, entry) = try encrypt(node.plaintext)
            writes.append((node.physicalNumber, ciphertext))
            written.append(node)
            if m == 0 {
                root = entry
            } else {
                let (parentNumber, slot) = ProtectedFileFormat.parent(ofMHTNode: m)
                let parent = try mhtNode(parentNumber)
                Self.setEntry(parent, at: Self.childSlot(slot), entry)
                parent.dirty = true
                pending.insert(parentNumber)
            }
        }

        // The metadata node, under a fresh metadata key (a zero IV never meets a key twice).
        var newHeader = header
        newHeader.fileID = ProtectedFileFormat.fileID
        newHeader.majorVersion = ProtectedFileFormat.majorVersion
        newHeader.minorVersion = ProtectedFileFormat.minorVersion
        newHeader.metadataKeyID = randomBytes(32)
        newHeader.useUserKDKKey = keyMode.usesUserKDK ? 1 : 0
        newHeader.cpuSVN = ownSVN.cpu
        newHeader.isvSVN = ownSVN.isv
        newHeader.attributeMask = [UInt8](repeating: 0, count: 16)
        newHeader.updateFlag = 0
        var newMetadata = metadata
        newMetadata.size = Int64(size)
        newMetadata.mhtKey = root.key
        newMetadata.mhtGMAC = root.gmac
        let key = try keyMode.metadataKey(for: newHeader)
        var encryptedPart = newMetadata.bytes(layout: layout)
        defer { wipe(&encryptedPart) }
        let box: AESGCM.SealedBox
        do {
            box = try AESGCM.seal(encryptedPart, using: key, nonce: Self.zeroNonce)
        } catch {
            throw SGXError(.unexpected, "AES-GCM failed")
        }
        newHeader.metadataGMAC = box.tag
        var node0 = [UInt8](repeating: 0, count: Self.nodeSize)
        node0.store(newHeader.bytes, at: 0)
        node0.store(box.ciphertext, at: ProtectedFileMetadataPlain.byteCount)
        writes.append((0, node0))
        writes.sort { $0.node < $1.node }

        // Journal the old ciphertext of every node this flush overwrites.
        let oldNodeCount = onDiskByteCount / UInt64(Self.nodeSize)
        var journal: [(node: UInt64, ciphertext: [UInt8])] = []
        for write in writes where write.node < oldNodeCount {
            journal.append((write.node, try readPhysical(write.node)))
        }
        var journalHandle: ProtectedFileJournal.Handle? = nil
        if !journal.isEmpty {
            do throws(SGXError) {
                let handle: ProtectedFileJournal.Handle
                if let open = self.journal { handle = open } else { handle = try ProtectedFileJournal.Handle(path: path) }
                self.journal = handle
                try handle.write(oldSize: onDiskByteCount, entries: journal, sync: durable)
                journalHandle = handle
            } catch {
                throw SGXError(.fileCantWriteRecoveryFile, "cannot write the journal \(ProtectedFileJournal.path(for: path)): \(error.detail)")
            }
        }

        // The nodes, in runs of consecutive nodes of at most one host chunk.
        var index = 0
        while index < writes.count {
            var next = index + 1
            while next < writes.count, writes[next].node == writes[next - 1].node + 1,
                  (next - index + 1) * Self.nodeSize <= EnclaveABI.fileChunkSize {
                next += 1
            }
            if next == index + 1 {
                try file.write(writes[index].ciphertext, at: writes[index].node * UInt64(Self.nodeSize))
            } else {
                var run = [UInt8](repeating: 0, count: (next - index) * Self.nodeSize)
                for position in index..<next { run.store(writes[position].ciphertext, at: (position - index) * Self.nodeSize) }
                try file.write(run, at: writes[index].node * UInt64(Self.nodeSize))
            }
            index = next
        }
        if durable { try file.sync() }
        if let journalHandle { try journalHandle.clear() }

        for node in written { node.dirty = false }
        header = newHeader
        metadata = newMetadata
        metadataDirty = false
        onDiskSize = size
        onDiskByteCount = max(onDiskByteCount, (writes.last.map { $0.node + 1 } ?? 0) * UInt64(Self.nodeSize))
    }
}
