import SGXTypes

/// A TCP socket on the host, driven through the runtime OCALLs `sgx_ocall_socket_connect`,
/// `_listen`, `_accept`, `_send`, `_receive`, `_shutdown` and `_close`
/// (Runtime/swift_sgx_runtime.edl: the host's `connect(2)`, `bind(2)`+`listen(2)`,
/// `accept(2)`, `send(2)`, `recv(2)`, `shutdown(2)`, `close(2)`). The handle closes the
/// host socket when it goes away.
///
/// - Important: **Host-controlled.** The host sees every byte sent and chooses every byte
///   received, the peer's address included; it can drop, delay, replay or forge traffic.
///   Run a secure channel over it (``TLSServer``, ``TLSClient``). Every answer is checked:
///   counts within what was asked, handles and ports in range, addresses of a valid length;
///   an answer that cannot be right throws `invalidParameter` and is otherwise ignored.
@frozen
public struct UntrustedSocket: ~Copyable {
    /// An IPv4 or IPv6 address and a port, as the host reports or is asked to use.
    public struct Address: Equatable, Sendable {
        /// 4 (IPv4) or 16 (IPv6) bytes in network order.
        public let bytes: [UInt8]
        /// The port, in host order.
        public let port: UInt16

        /// An address of 4 or 16 bytes; anything else throws `invalidParameter`.
        public init(bytes: [UInt8], port: UInt16) throws(SGXError) {
            guard bytes.count == 4 || bytes.count == 16 else {
                throw SGXError(.invalidParameter, "an IP address has 4 or 16 bytes, not \(bytes.count)")
            }
            self.bytes = bytes
            self.port = port
        }

        /// 127.0.0.1 at `port`.
        public static func loopback(port: UInt16) -> Address {
            Address(unchecked: [127, 0, 0, 1], port: port)
        }

        private init(unchecked bytes: [UInt8], port: UInt16) {
            self.bytes = bytes
            self.port = port
        }
    }

    /// Which direction ``shutdown(_:)`` ends.
    public enum Direction: Int32, Sendable {
        case read = 0
        case write = 1
        case both = 2
    }

    @usableFromInline let handle: UInt64
    // The peer, kept in trivially destroyed fields so that `close()` can `discard self`.
    private let peerHigh: UInt64, peerLow: UInt64, peerLength: UInt8, peerPort: UInt16

    /// The peer the host says this socket is connected to (what was asked for a
    /// connecting socket; what `accept(2)` reported for an accepted one). Untrusted.
    public var peer: Address? {
        guard peerLength == 4 || peerLength == 16 else { return nil }
        var bytes: [UInt8] = []
        for index in 0..<Int(peerLength) {
            let word = index < 8 ? peerHigh : peerLow
            bytes.append(UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64(index % 8))))
        }
        return try? Address(bytes: bytes, port: peerPort)
    }

    private init(handle: UInt64, peer: Address?) {
        self.handle = handle
        var high: UInt64 = 0, low: UInt64 = 0
        let bytes = peer?.bytes ?? []
        for (index, byte) in bytes.enumerated() {
            if index < 8 { high |= UInt64(byte) << (56 - 8 * UInt64(index)) } else { low |= UInt64(byte) << (56 - 8 * UInt64(index - 8)) }
        }
        peerHigh = high
        peerLow = low
        peerLength = UInt8(bytes.count)
        peerPort = peer?.port ?? 0
    }

    /// Connects to `address` (the host's `connect(2)`).
    public static func connect(to address: Address) throws(SGXError) -> UntrustedSocket {
        let result = try HostAnswer.run("socket connect") { () throws(SGXError) in
            try sgx_ocall_socket_connect(address.bytes, address.bytes.count, address.port)
        }
        return UntrustedSocket(handle: try handleFrom(result, what: "socket connect"), peer: address)
    }

    /// A listening socket bound to `address` (port 0: the host picks one; read it from
    /// ``Listener/port``).
    public static func listen(on address: Address, backlog: Int32 = 16) throws(SGXError) -> Listener {
        guard backlog > 0 && backlog <= 4096 else { throw SGXError(.invalidParameter, "backlog \(backlog) out of range") }
        var bound: UInt16 = 0
        let result = try HostAnswer.run("socket listen") { () throws(SGXError) in
            try sgx_ocall_socket_listen(address.bytes, address.bytes.count, address.port, backlog, &bound)
        }
        let handle = try handleFrom(result, what: "socket listen")
        let socket = UntrustedSocket(handle: handle, peer: nil)
        guard bound != 0, address.port == 0 || bound == address.port else {
            throw SGXError(.invalidParameter, "host reported port \(bound) for a listener asked for port \(address.port)")
        }
        return Listener(socket: socket, port: bound)
    }

    /// A listening socket; ``accept()`` waits for the next connection.
    public struct Listener: ~Copyable {
        let socket: UntrustedSocket
        /// The port the host bound (host order; never 0).
        public let port: UInt16

        init(socket: consuming UntrustedSocket, port: UInt16) {
            self.socket = socket
            self.port = port
        }

        /// The next connection, with the peer address the host reports in
        /// ``UntrustedSocket/peer`` (untrusted, like everything about it).
        public func accept() throws(SGXError) -> UntrustedSocket {
            var peerBytes = [UInt8](repeating: 0, count: 16)
            var peerLength: UInt64 = 0
            var peerPort: UInt16 = 0
            let handle = socket.handle
            let result = try HostAnswer.run("socket accept") { () throws(SGXError) in
                try sgx_ocall_socket_accept(handle, &peerBytes, &peerLength, &peerPort)
            }
            let accepted = try UntrustedSocket.handleFrom(result, what: "socket accept")
            guard peerBytes.count == 16, peerLength == 4 || peerLength == 16 else {
                _ = try? sgx_ocall_socket_close(accepted)
                throw SGXError(.invalidParameter, "host reported a peer address of \(peerLength) bytes")
            }
            let peer = try Address(bytes: peerBytes.bytes(at: 0, count: Int(peerLength)), port: peerPort)
            return UntrustedSocket(handle: accepted, peer: peer)
        }

        /// Closes the listening socket now, reporting the host's answer.
        public consuming func close() throws(SGXError) {
            try socket.close()
        }
    }

    /// Sends up to `count` bytes from `bytes` (at most ``EnclaveABI/socketChunkSize`` per
    /// call) and returns how many the host says it sent (at least one).
    public func send(_ bytes: UnsafeRawBufferPointer) throws(SGXError) -> Int {
        let count = min(bytes.count, EnclaveABI.socketChunkSize)
        guard count > 0 else { return 0 }
        // The stub copies exactly `count` bytes out to the untrusted stack.
        return try sendPiece([UInt8](UnsafeRawBufferPointer(rebasing: bytes[0..<count])))
    }

    /// Sends all of `bytes`.
    public func sendAll(_ bytes: [UInt8]) throws(SGXError) {
        var offset = 0
        while offset < bytes.count {
            let count = min(bytes.count - offset, EnclaveABI.socketChunkSize)
            offset += try sendPiece(offset == 0 && count == bytes.count ? bytes : bytes.bytes(at: offset, count: count))
        }
    }

    /// One send OCALL of at most ``EnclaveABI/socketChunkSize`` bytes; the count sent (> 0).
    private func sendPiece(_ piece: [UInt8]) throws(SGXError) -> Int {
        let handle = self.handle
        let count = piece.count
        let result = try HostAnswer.run("socket send") { () throws(SGXError) in try sgx_ocall_socket_send(handle, piece, count) }
        let sent = try HostAnswer.check(result, limit: Int64(count), what: "socket send")
        guard sent > 0 else { throw SGXError(.unexpected, "host sent nothing") }
        return sent
    }

    /// Receives at most `buffer.count` bytes (and at most ``EnclaveABI/socketChunkSize``)
    /// into `buffer`; returns the count, 0 at the end of the stream.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(SGXError) -> Int {
        let staging = try receive(maxCount: buffer.count)
        staging.withUnsafeBytes { source in
            if let destination = buffer.baseAddress, let origin = source.baseAddress {
                destination.copyMemory(from: origin, byteCount: source.count)
            }
        }
        return staging.count
    }

    /// Receives at most `maxCount` bytes (and at most ``EnclaveABI/socketChunkSize``);
    /// empty at the end of the stream.
    public func receive(maxCount: Int) throws(SGXError) -> [UInt8] {
        guard maxCount >= 0 else { throw SGXError(.invalidParameter, "negative receive count") }
        let capacity = min(maxCount, EnclaveABI.socketChunkSize)
        guard capacity > 0 else { return [] }
        var staging = [UInt8](repeating: 0, count: capacity)
        let handle = self.handle
        let result = try HostAnswer.run("socket receive") { () throws(SGXError) in
            try sgx_ocall_socket_receive(handle, &staging, capacity)
        }
        let count = try HostAnswer.check(result, limit: Int64(capacity), what: "socket receive")
        guard staging.count == capacity else { throw SGXError(.invalidParameter, "host receive reply malformed") }
        staging.removeLast(capacity - count)
        return staging
    }

    /// Ends one or both directions (the host's `shutdown(2)`).
    public func shutdown(_ direction: Direction) throws(SGXError) {
        let handle = self.handle
        let result = try HostAnswer.run("socket shutdown") { () throws(SGXError) in try sgx_ocall_socket_shutdown(handle, direction.rawValue) }
        _ = try HostAnswer.check(result, limit: 0, what: "socket shutdown")
    }

    /// Closes the host socket now, reporting the host's answer (closing on deinit ignores it).
    public consuming func close() throws(SGXError) {
        let handle = self.handle
        discard self
        let result = try HostAnswer.run("socket close") { () throws(SGXError) in try sgx_ocall_socket_close(handle) }
        _ = try HostAnswer.check(result, limit: 0, what: "socket close")
    }

    deinit { _ = try? sgx_ocall_socket_close(handle) }

    /// A handle answer: positive and below 2^31 (the host's table), or `-errno`.
    private static func handleFrom(_ result: Int64, what: String) throws(SGXError) -> UInt64 {
        let value = try HostAnswer.check(result, limit: Int64(Int32.max), what: what)
        guard value > 0 else { throw SGXError(.invalidParameter, "host \(what) returned handle 0") }
        return UInt64(value)
    }
}
