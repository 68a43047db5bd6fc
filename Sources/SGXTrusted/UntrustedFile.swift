import SGXTypes

/// A file on the host, opened, read, written, closed and removed through the runtime
/// OCALLs `sgx_ocall_file_open`, `_read`, `_write`, `_close` and `_remove`
/// (Runtime/swift_sgx_runtime.edl: the host's `open(2)`, `read(2)`, `write(2)`, `close(2)`,
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
        /// Read and write; the file must exist.
        case readWriteExisting = 4
        /// Read and write; created if missing, truncated if present.
        case readWriteTruncate = 5
    }

    @usableFromInline let handle: UInt64

    /// Opens `path` on the host.
    public init(path: String, mode: Mode) throws(SGXError) {
        try Self.checkPath(path, what: "open")
        let result = try HostAnswer.run("open") { () throws(SGXError) in try sgx_ocall_file_open(path, UInt32(mode.rawValue)) }
        handle = UInt64(try HostAnswer.check(result, limit: Int64.max, what: "open"))
    }

    /// Removes the host file `path`.
    public static func remove(path: String) throws(SGXError) {
        try checkPath(path, what: "remove")
        let result = try HostAnswer.run("remove") { () throws(SGXError) in try sgx_ocall_file_remove(path) }
        _ = try HostAnswer.check(result, limit: 0, what: "remove")
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
        // The stub copies the host's buffer in once; the count is checked against what we asked.
        var buffer = [UInt8](repeating: 0, count: capacity)
        let result = try HostAnswer.run("read") { () throws(SGXError) in try sgx_ocall_file_read(handle, &buffer, capacity) }
        let count = try HostAnswer.check(result, limit: Int64(capacity), what: "read")
        guard buffer.count == capacity else { throw SGXError(.invalidParameter, "host read reply malformed") }
        return buffer.bytes(at: 0, count: count)
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws(SGXError) {
        var offset = 0
        while offset < bytes.count {
            let count = min(EnclaveABI.fileChunkSize, bytes.count - offset)
            let piece = bytes.bytes(at: offset, count: count)
            let handle = self.handle
            let result = try HostAnswer.run("write") { () throws(SGXError) in try sgx_ocall_file_write(handle, piece, count) }
            let written = try HostAnswer.check(result, limit: Int64(count), what: "write")
            guard written > 0 else { throw SGXError(.unexpected, "host wrote nothing") }
            offset += written
        }
    }

    /// Reads up to `count` bytes at byte `offset` (`sgx_ocall_file_read_at`, pread(2));
    /// fewer only at the end of the file.
    public func read(at offset: UInt64, count: Int) throws(SGXError) -> [UInt8] {
        guard count >= 0, offset <= UInt64(Int64.max) - UInt64(count) else { throw SGXError(.invalidParameter, "bad read range") }
        let handle = self.handle
        var bytes: [UInt8] = []
        var filled = 0
        while filled < count {
            let capacity = min(EnclaveABI.fileChunkSize, count - filled)
            var buffer: [UInt8] = []
            let position = offset + UInt64(filled)
            let result = try HostAnswer.run("read") { () throws(SGXError) in try sgx_ocall_file_read_at(handle, position, &buffer, capacity) }
            let got = try HostAnswer.check(result, limit: Int64(capacity), what: "read")
            guard buffer.count == capacity else { throw SGXError(.invalidParameter, "host read reply malformed") }
            if got == capacity && capacity == count { return buffer }  // one whole chunk: no copy
            if got == 0 { break }
            if bytes.isEmpty { bytes = [UInt8](repeating: 0, count: count) }
            bytes.store(buffer, from: 0, count: got, at: filled)
            filled += got
        }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return bytes
    }

    /// Writes all of `bytes` at byte `offset` (`sgx_ocall_file_write_at`, pwrite(2)).
    public func write(_ bytes: [UInt8], at offset: UInt64) throws(SGXError) {
        guard offset <= UInt64(Int64.max) - UInt64(bytes.count) else { throw SGXError(.invalidParameter, "bad write range") }
        let handle = self.handle
        var done = 0
        while done < bytes.count {
            let count = min(EnclaveABI.fileChunkSize, bytes.count - done)
            let piece = done == 0 && count == bytes.count ? bytes : bytes.bytes(at: done, count: count)
            let position = offset + UInt64(done)
            let result = try HostAnswer.run("write") { () throws(SGXError) in try sgx_ocall_file_write_at(handle, position, piece, count) }
            let written = try HostAnswer.check(result, limit: Int64(count), what: "write")
            guard written > 0 else { throw SGXError(.unexpected, "host wrote nothing") }
            done += written
        }
    }

    /// The file's size in bytes as the host reports it (`sgx_ocall_file_size`, fstat(2)).
    public func size() throws(SGXError) -> UInt64 {
        let handle = self.handle
        let result = try HostAnswer.run("size") { () throws(SGXError) in try sgx_ocall_file_size(handle) }
        return UInt64(try HostAnswer.check(result, limit: Int64.max, what: "size"))
    }

    /// Cuts or extends the file to `size` bytes (`sgx_ocall_file_truncate`, ftruncate(2)).
    public func truncate(to size: UInt64) throws(SGXError) {
        guard size <= UInt64(Int64.max) else { throw SGXError(.invalidParameter, "bad size") }
        let handle = self.handle
        let result = try HostAnswer.run("truncate") { () throws(SGXError) in try sgx_ocall_file_truncate(handle, size) }
        _ = try HostAnswer.check(result, limit: 0, what: "truncate")
    }

    /// Asks the host to write the file to stable storage (`sgx_ocall_file_sync`, fsync(2)).
    /// The host may lie; this orders writes only as far as an honest host goes.
    public func sync() throws(SGXError) {
        let handle = self.handle
        let result = try HostAnswer.run("sync") { () throws(SGXError) in try sgx_ocall_file_sync(handle) }
        _ = try HostAnswer.check(result, limit: 0, what: "sync")
    }

    /// Closes the host file now, reporting the host's answer (closing on deinit ignores it).
    public consuming func close() throws(SGXError) {
        let handle = self.handle
        discard self
        let result = try HostAnswer.run("close") { () throws(SGXError) in try sgx_ocall_file_close(handle) }
        _ = try HostAnswer.check(result, limit: 0, what: "close")
    }

    deinit { _ = try? sgx_ocall_file_close(handle) }

    /// A path the host can take: non-empty, at most `EnclaveABI.maxPathLength` bytes, no NUL.
    private static func checkPath(_ path: String, what: String) throws(SGXError) {
        let count = path.utf8.count
        guard count > 0, count <= EnclaveABI.maxPathLength, !path.utf8.contains(0) else {
            throw SGXError(.invalidParameter, "bad path for \(what)")
        }
    }
}
