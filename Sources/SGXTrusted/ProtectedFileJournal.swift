import SGXTypes

/// The undo journal that keeps a ``ProtectedFile`` whole across an interrupted flush
/// (the role of Intel's `<name>_recovery` file, in a format of our own, next to the file as
/// `<name>.pfs-journal`).
///
/// A flush first writes the journal: the file's physical size before the flush and the
/// old ciphertext of every node the flush will overwrite, sealed by a SHA-256 of all of it.
/// Only then does it write the new nodes into the file, and it empties the journal last
/// (the file stays open between flushes and is removed on close).
/// Opening the file replays a complete journal (old nodes back, file cut to its old size),
/// which yields the state of the previous flush, and deletes an incomplete or empty one,
/// which the flush never got past. Either way the file opens, in its previous or its new state.
///
/// Layout (little endian): `"SGXPFJ01"` · old physical size u64 · entry count u64 ·
/// entries (physical node number u64 · 4096 bytes of ciphertext) · SHA-256 of everything
/// before it.
///
/// The digest detects a torn journal, not a forged one: the host, which can rewrite the file
/// itself anyway, can at worst make the file fail authentication or roll it back to an
/// older complete state, both of which protected files do not prevent (see
/// Docs/protected-files.md).
enum ProtectedFileJournal {
    static let magic: [UInt8] = Array("SGXPFJ01".utf8)
    static let headerByteCount = 24
    static let entryByteCount = 8 + ProtectedFileFormat.nodeSize
    /// The largest journal ``recover(path:into:)`` reads into the enclave.
    static let maximumByteCount = 256 << 20

    static func path(for file: String) -> String { file + ".pfs-journal" }

    /// The journal for overwriting `entries` (their old ciphertext) in a file of `oldSize` bytes.
    static func encode(oldSize: UInt64, entries: [(node: UInt64, ciphertext: [UInt8])]) -> [UInt8] {
        let body = headerByteCount + entries.count * entryByteCount
        var out = [UInt8](repeating: 0, count: body + 32)
        out.store(magic, at: 0)
        out.storeLE(oldSize, at: 8)
        out.storeLE(UInt64(entries.count), at: 16)
        var offset = headerByteCount
        for entry in entries {
            out.storeLE(entry.node, at: offset)
            out.store(entry.ciphertext, at: offset + 8)
            offset += entryByteCount
        }
        out.store(SHA256.hash(out.bytes(at: 0, count: body)), at: body)
        return out
    }

    /// A decoded complete journal, or nil when `bytes` is torn or not a journal.
    static func decode(_ bytes: [UInt8]) -> (oldSize: UInt64, entries: [(node: UInt64, ciphertext: [UInt8])])? {
        guard bytes.count >= headerByteCount + 32, Array(bytes[0..<8]) == magic else { return nil }
        let body = bytes.count - 32
        guard SHA256.hash(bytes.bytes(at: 0, count: body)) == bytes.bytes(at: body, count: 32) else { return nil }
        let oldSize = bytes.loadLE(UInt64.self, at: 8)
        let count = bytes.loadLE(UInt64.self, at: 16)
        guard oldSize % UInt64(ProtectedFileFormat.nodeSize) == 0,
              count <= UInt64(body / entryByteCount), headerByteCount + Int(count) * entryByteCount == body else { return nil }
        var entries: [(node: UInt64, ciphertext: [UInt8])] = []
        var offset = headerByteCount
        for _ in 0..<Int(count) {
            let node = bytes.loadLE(UInt64.self, at: offset)
            guard node < oldSize / UInt64(ProtectedFileFormat.nodeSize) else { return nil }
            entries.append((node, bytes.bytes(at: offset + 8, count: ProtectedFileFormat.nodeSize)))
            offset += entryByteCount
        }
        return (oldSize, entries)
    }

    /// Applies and removes the journal of `path`, if there is one: a complete journal puts
    /// the old nodes back into the file and cuts it to its old size; a torn one is dropped.
    /// The file itself is opened (read-write) only when there is a journal to replay.
    /// Returns true when a journal was replayed.
    static func recover(path: String, sync: Bool) throws(SGXError) -> Bool {
        let journalPath = Self.path(for: path)
        let bytes: [UInt8]
        do throws(SGXError) {
            let journal = try UntrustedFile(path: journalPath, mode: .read)
            let size = try journal.size()
            guard size <= UInt64(maximumByteCount) else {
                throw SGXError(.fileBadStatus, "protected file journal \(journalPath) is larger than \(maximumByteCount) bytes")
            }
            bytes = try journal.read(at: 0, count: Int(size))
        } catch {
            if error.status == .fileBadStatus { throw error }
            return false  // no journal (or none the host will show): nothing was interrupted
        }
        var replayed = false
        if let journal = decode(bytes) {
            // No writable file to put the nodes back into: leave the journal for a later open.
            guard let file = try? UntrustedFile(path: path, mode: .readWriteExisting) else { return false }
            for entry in journal.entries {
                try file.write(entry.ciphertext, at: entry.node * UInt64(ProtectedFileFormat.nodeSize))
            }
            try file.truncate(to: journal.oldSize)
            if sync { try file.sync() }
            replayed = true
        }
        try UntrustedFile.remove(path: journalPath)
        return replayed
    }

    /// The journal file of an open protected file, created at its first flush that
    /// overwrites nodes, emptied after each flush and removed when the file is closed.
    final class Handle {
        let file: UntrustedFile

        init(path: String) throws(SGXError) {
            file = try UntrustedFile(path: ProtectedFileJournal.path(for: path), mode: .readWriteTruncate)
        }

        /// Writes the journal for a flush (the file is empty); the caller then overwrites the nodes.
        func write(oldSize: UInt64, entries: [(node: UInt64, ciphertext: [UInt8])], sync: Bool) throws(SGXError) {
            try file.write(encode(oldSize: oldSize, entries: entries), at: 0)
            if sync { try file.sync() }
        }

        /// Empties the journal once the flush is complete (an empty journal is no journal).
        func clear() throws(SGXError) {
            try file.truncate(to: 0)
        }
    }

    /// Removes the journal file.
    static func remove(path: String) throws(SGXError) {
        try UntrustedFile.remove(path: Self.path(for: path))
    }
}
