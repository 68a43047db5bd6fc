import SGXTypes

/// A file on the host, opened, read, written, closed and removed through runtime OCALLs
/// (`ocallFileOpen`, `ocallFileRead`, `ocallFileWrite`, `ocallFileClose`,
/// `ocallFileRemove`: the host's `open(2)`, `read(2)`, `write(2)`, `close(2)`,
/// `unlink(2)`). Data is copied into enclave memory; the handle closes the host file
/// when it goes away.
///
/// - Important: **Host-controlled.** The host sees every byte written and chooses every
///   byte read; it can truncate, replay or forge contents and names. Use it for data that
///   is public or protected by other means (sealing, MACs). Every answer is checked
///   (counts within what was asked, error codes in range); an answer that cannot be
///   right throws `invalidParameter` and is otherwise ignored.
@frozen
public struct UntrustedFile: ~Copyable {
    /// How to open a file.
    public enum Mode: UInt64, Sendable {
        /// Read only; the file must exist.
        case read = 0
        /// Write only; created if missing, truncated if present.
        case write = 1
        /// Write only at the end; created if missing.
        case append = 2
        /// Read and write; created if missing.
        case readWrite = 3
    }

    @usableFromInline let handle: UInt64

    /// Opens `path` on the host.
    public init(path: String, mode: Mode) throws(SGXError) {
        let result = try Self.pathCall(EnclaveABI.ocallFileOpen, path: path, extra: mode.rawValue, what: "open")
        handle = UInt64(result)
    }

    /// Removes the host file `path`.
    public static func remove(path: String) throws(SGXError) {
        _ = try pathCall(EnclaveABI.ocallFileRemove, path: path, extra: nil, what: "remove")
    }

    /// Reads up to `maxCount` bytes (fewer at the end of the file; none at its end).
    public func read(maxCount: Int) throws(SGXError) -> [UInt8] {
        guard maxCount >= 0 else { throw SGXError(.invalidParameter, "negative read count") }
        var bytes: [UInt8] = []
        while bytes.count < maxCount {
            let chunk = try readChunk(min(EnclaveABI.fileChunkSize, maxCount - bytes.count))
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return bytes
    }

    /// Reads to the end of the file; throws `outOfMemory` past `limit` bytes.
    public func readToEnd(limit: Int = 16 << 20) throws(SGXError) -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk = try readChunk(EnclaveABI.fileChunkSize)
            if chunk.isEmpty { return bytes }
            guard bytes.count + chunk.count <= limit else { throw SGXError(.outOfMemory, "file larger than \(limit) bytes") }
            bytes += chunk
        }
    }

    private func readChunk(_ capacity: Int) throws(SGXError) -> [UInt8] {
        let handle = self.handle
        let reply: (UInt32, Int64, [UInt8]?) = ocall(EnclaveABI.ocallFileRead, frameSize: 32 + capacity, prepare: { frame in
            frame.store(handle, at: 0)
            frame.store(UInt64(frame.address + 32), at: 8)
            frame.store(UInt64(capacity), at: 16)
            frame.store(UInt64(0), at: 24)
        }) { status, frame in
            // Read the count once; use the buffer address we chose, never one from the frame.
            guard status == 0, let frame, let count = frame.load(Int64.self, at: 24) else { return (status, 0, nil) }
            guard count >= 0, count <= Int64(capacity) else { return (status, count, nil) }
            return (status, count, frame.copyIn(offset: 32, length: Int(count)))
        }
        let count = try Self.check(reply.0, reply.1, limit: Int64(capacity), what: "read")
        guard let bytes = reply.2, bytes.count == count else { throw SGXError(.invalidParameter, "host read reply malformed") }
        return bytes
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws(SGXError) {
        var offset = 0
        while offset < bytes.count {
            let count = min(EnclaveABI.fileChunkSize, bytes.count - offset)
            let piece = Array(bytes[offset..<(offset + count)])
            let handle = self.handle
            let reply: (UInt32, Int64) = ocall(EnclaveABI.ocallFileWrite, frameSize: 32 + count, prepare: { frame in
                frame.store(handle, at: 0)
                frame.store(UInt64(frame.address + 32), at: 8)
                frame.store(UInt64(count), at: 16)
                frame.store(UInt64(0), at: 24)
                frame.copyOut(piece, at: 32)
            }) { status, frame in (status, frame?.load(Int64.self, at: 24) ?? -5) }
            let written = try Self.check(reply.0, reply.1, limit: Int64(count), what: "write")
            guard written > 0 else { throw SGXError(.unexpected, "host wrote nothing") }
            offset += written
        }
    }

    /// Closes the host file now, reporting the host's answer (closing on deinit ignores it).
    public consuming func close() throws(SGXError) {
        let result = Self.closeHandle(handle)
        discard self
        _ = try Self.check(result.0, result.1, limit: 0, what: "close")
    }

    deinit { _ = Self.closeHandle(handle) }

    private static func closeHandle(_ handle: UInt64) -> (UInt32, Int64) {
        ocall(EnclaveABI.ocallFileClose, frameSize: 16, prepare: { frame in
            frame.store(handle, at: 0)
            frame.store(UInt64(0), at: 8)
        }) { status, frame in (status, frame?.load(Int64.self, at: 8) ?? -5) }
    }

    /// An OCALL taking a path (`open`, `remove`): frame `{path, length, [extra], result}`.
    private static func pathCall(_ index: UInt32, path: String, extra: UInt64?, what: String) throws(SGXError) -> Int {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count <= EnclaveABI.maxPathLength, !bytes.contains(0) else {
            throw SGXError(.invalidParameter, "bad path for \(what)")
        }
        let fields = extra == nil ? 3 : 4
        let reply: (UInt32, Int64) = ocall(index, frameSize: fields * 8 + bytes.count, prepare: { frame in
            frame.store(UInt64(frame.address + UInt(fields * 8)), at: 0)
            frame.store(UInt64(bytes.count), at: 8)
            if let extra { frame.store(extra, at: 16) }
            frame.store(UInt64(0), at: (fields - 1) * 8)
            frame.copyOut(bytes, at: fields * 8)
        }) { status, frame in (status, frame?.load(Int64.self, at: (fields - 1) * 8) ?? -5) }
        return try check(reply.0, reply.1, limit: extra == nil ? 0 : Int64.max, what: what)
    }

    /// Checks a host answer: status 0 and a result in `0...limit`, or `-errno` with a
    /// plausible errno (1...4095), which becomes an `SGXError` naming it.
    private static func check(_ status: UInt32, _ result: Int64, limit: Int64, what: String) throws(SGXError) -> Int {
        guard status == 0 else {
            throw SGXError(SGXStatus(rawValue: status) ?? .unexpected, "host \(what) OCALL failed with status \(status)")
        }
        if result >= 0 && result <= limit { return Int(result) }
        if result < 0 && result >= -4095 {
            throw SGXError(.unexpected, "host \(what) failed with errno \(-result)")
        }
        throw SGXError(.invalidParameter, "host \(what) answer \(result) out of range")
    }
}
