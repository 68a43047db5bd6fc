import SGXTypes

/// A file kept confidential and authenticated on the host's disk in Intel's protected-file
/// format 1.0 (`sgx_tprotected_fs`: `sgx_fopen`, `sgx_fopen_auto_key`, `sgx_fread`,
/// `sgx_fwrite`, `sgx_fseek`, `sgx_ftell`, `sgx_fflush`, `sgx_fclose`, `sgx_remove`,
/// `sgx_fclear_cache`), so files move between swift-sgx, Intel's SDK and Rust-SGX's `SgxFile`.
///
/// Every 4096-byte node is AES-128-GCM encrypted under its own random key, kept in its
/// parent node of a Merkle tree whose root key is in the metadata node; the metadata is
/// encrypted under a key derived from the enclave's seal key (``init(path:mode:cacheSize:durable:)``,
/// MRSIGNER policy) or from a user key-derivation key (``init(path:mode:userKDK:cacheSize:durable:)``),
/// and binds the file's name. Decrypted nodes live in an LRU cache in enclave memory; storage
/// goes through the untrusted file OCALLs and carries only ciphertext.
///
/// A flush first writes an undo journal (`<path>.pfs-journal`, see Docs/protected-files.md),
/// so a flush interrupted at any write leaves a file that opens in its previous or its new
/// state. What protected files do not protect: rollback to an older complete file, the
/// file's size (to 4 KiB) and which nodes are read and written.
///
/// Not copyable: one owner, and the file is flushed and its keys wiped when it goes away
/// (call ``close()`` to see a flush error).
@frozen
public struct ProtectedFile: ~Copyable {
    /// Intel's `sgx_fopen` modes.
    public enum Mode: Sendable {
        /// "r": read; the file must exist.
        case read
        /// "r+": read and write; the file must exist.
        case readUpdate
        /// "w": write; created, or emptied if it exists.
        case write
        /// "w+": read and write; created, or emptied if it exists.
        case writeUpdate
        /// "a": write at the end; created if missing.
        case append
        /// "a+": read anywhere, write at the end; created if missing.
        case appendUpdate

        /// The mode of an `sgx_fopen` mode string ("r", "rb", "r+", "rb+", "r+b", "w", ...).
        public init?(intel: String) {
            var letters = Array(intel.utf8).filter { $0 != UInt8(ascii: "b") }
            let update = letters.last == UInt8(ascii: "+")
            if update { letters.removeLast() }
            guard letters.count == 1 else { return nil }
            switch letters[0] {
            case UInt8(ascii: "r"): self = update ? .readUpdate : .read
            case UInt8(ascii: "w"): self = update ? .writeUpdate : .write
            case UInt8(ascii: "a"): self = update ? .appendUpdate : .append
            default: return nil
            }
        }

        var readable: Bool { self != .write && self != .append }
        var writable: Bool { self != .read }
        var appends: Bool { self == .append || self == .appendUpdate }
        var creates: Bool { self != .read && self != .readUpdate }
        var truncates: Bool { self == .write || self == .writeUpdate }
        var hostMode: UntrustedFile.Mode {
            switch self {
            case .read: .read
            case .readUpdate: .readWriteExisting
            case .write, .writeUpdate: .readWriteTruncate
            case .append, .appendUpdate: .readWrite
            }
        }
    }

    /// Where ``seek(_:from:)`` counts from (`SEEK_SET`, `SEEK_CUR`, `SEEK_END`).
    public enum Origin: Sendable { case start, current, end }

    /// Intel's `MAX_PAGES_IN_CACHE`: nodes kept decrypted in enclave memory by default.
    public static let defaultCacheSize = 48

    @usableFromInline let engine: ProtectedFileEngine

    /// Opens `path` with a key derived from this enclave's seal key (`sgx_fopen_auto_key`):
    /// EGETKEY(SEAL, MRSIGNER policy), so enclaves of the same signer and product, at this
    /// ISVSVN or later, open the file.
    ///
    /// - Parameters:
    ///   - cacheSize: nodes (4 KiB each) kept decrypted in enclave memory (at least 3).
    ///   - durable: also ask the host to fsync(2) the journal and the file at each flush
    ///     (Intel's library does not; without it a flush survives a crash of the enclave or
    ///     the host process, not a power loss).
    public init(path: String, mode: Mode, cacheSize: Int = defaultCacheSize, durable: Bool = false) throws(SGXError) {
        engine = try Self.open(path: path, mode: mode, key: .automatic, cacheSize: cacheSize, durable: durable)
    }

    /// Opens `path` with a 16-byte user key-derivation key (`sgx_fopen` with a key): the
    /// metadata key is AES-CMAC(KDK, Intel's KDF input with a fresh nonce per flush).
    public init(path: String, mode: Mode, userKDK: [UInt8], cacheSize: Int = defaultCacheSize,
                durable: Bool = false) throws(SGXError) {
        guard userKDK.count == ProtectedFileFormat.keyByteCount else {
            throw SGXError(.invalidParameter, "a protected-file key-derivation key is 16 bytes, got \(userKDK.count)")
        }
        engine = try Self.open(path: path, mode: mode, key: .userKDK(userKDK), cacheSize: cacheSize, durable: durable)
    }

    private static func open(path: String, mode: Mode, key: ProtectedFileKeyMode, cacheSize: Int,
                             durable: Bool) throws(SGXError) -> ProtectedFileEngine {
        guard let cleanName = ProtectedFileFormat.cleanFilename(path) else {
            throw SGXError(.invalidParameter, "invalid protected file name: must be non-empty and at most 258 bytes after the last '/'")
        }
        guard cacheSize >= 3 else { throw SGXError(.invalidParameter, "a protected-file cache holds at least 3 nodes") }
        if mode.truncates {
            // The old contents go away with the file; so does any journal of theirs.
            _ = try? UntrustedFile.remove(path: ProtectedFileJournal.path(for: path))
        } else {
            // An interrupted flush is undone before anything reads the file.
            do {
                _ = try ProtectedFileJournal.recover(path: path, sync: durable)
            } catch {
                throw SGXError(.fileCantOpenRecoveryFile, "\(path): its journal cannot be applied: \(error.detail)")
            }
        }
        let file: UntrustedFile
        do {
            file = try UntrustedFile(path: path, mode: mode.hostMode)
        } catch {
            throw SGXError(error.status, "cannot open \(path): \(error.detail)")
        }
        return try ProtectedFileEngine(path: path, cleanName: cleanName, keyMode: key, mode: mode,
                                       cacheSize: cacheSize, durable: durable, file: file)
    }

    /// Reads up to `count` bytes at the position and moves past them (fewer at the end of
    /// the file, none there). A node that does not authenticate throws `macMismatch` and
    /// returns nothing.
    public func read(_ count: Int) throws(SGXError) -> [UInt8] {
        try engine.read(count)
    }

    /// Reads into `buffer` (up to its count) from the position and moves past what it read;
    /// returns how many bytes (fewer at the end of the file). The allocation-free form of
    /// ``read(_:)``, as `sgx_fread` into a caller's buffer. On failure `buffer` is zeroed.
    public func read(into buffer: inout [UInt8]) throws(SGXError) -> Int {
        try engine.read(into: &buffer)
    }

    /// Reads from the position to the end of the file.
    public func readToEnd() throws(SGXError) -> [UInt8] {
        try engine.read(Int(engine.size - engine.offset))
    }

    /// Writes `bytes` at the position (at the end of the file in the append modes).
    public func write(_ bytes: [UInt8]) throws(SGXError) {
        try engine.write(bytes)
    }

    /// Moves the position to `offset` counted from `origin`; it must stay within the file
    /// (Intel's `sgx_fseek` allows no holes).
    public func seek(_ offset: Int64, from origin: Origin = .start) throws(SGXError) {
        let base: UInt64 = switch origin {
        case .start: 0
        case .current: engine.offset
        case .end: engine.size
        }
        let target = Int64(bitPattern: base).addingReportingOverflow(offset)
        guard !target.overflow, target.partialValue >= 0 else { throw SGXError(.invalidParameter, "seek before the start of the file") }
        try engine.seek(to: UInt64(target.partialValue))
    }

    /// The position (`sgx_ftell`).
    public var position: UInt64 { engine.offset }

    /// The plaintext size in bytes, including unflushed writes.
    public var size: UInt64 { engine.size }

    /// True when the position is at the end of the file (`sgx_feof`).
    public var isAtEnd: Bool { engine.offset >= engine.size }

    /// Writes every change to the host file (`sgx_fflush`).
    public func flush() throws(SGXError) {
        try engine.flush()
    }

    /// Flushes and drops every decrypted node from enclave memory (`sgx_fclear_cache`).
    public func clearCache() throws(SGXError) {
        try engine.clearCache()
    }

    /// Flushes, closes and wipes the keys (`sgx_fclose`); throws `fileCloseFailed` when the
    /// last flush fails.
    public consuming func close() throws(SGXError) {
        try engine.close()  // deinit then finds the engine closed
    }

    /// Deletes the protected file `path` and any journal of it (`sgx_remove`).
    public static func remove(path: String) throws(SGXError) {
        _ = try? UntrustedFile.remove(path: ProtectedFileJournal.path(for: path))
        try UntrustedFile.remove(path: path)
    }

    deinit {
        _ = try? engine.close()
    }
}
