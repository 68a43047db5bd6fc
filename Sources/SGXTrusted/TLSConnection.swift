import SGXTypes

/// An established TLS 1.3 or 1.2 connection terminated inside the enclave (BoringSSL's
/// `SSL` over an ``UntrustedSocket``). The host carries only ciphertext; keys and
/// plaintext stay in enclave memory. Made by ``TLSServer/accept()`` and
/// ``TLSClient/connect(to:configuration:)``.
public struct TLSConnection: ~Copyable {
    let ssl: OpaquePointer
    let transport: TLSTransport

    /// The peer's appraised identity, when the configuration asked for attestation.
    public var peer: RATLSPeer? { transport.peer }

    /// The negotiated protocol ("TLSv1.3" or "TLSv1.2").
    public var protocolVersion: String {
        guard let name = boring_ssl_get_version(ssl) else { return "unknown" }
        var bytes: [UInt8] = []
        var cursor = name
        while cursor.pointee != 0 && bytes.count < 32 {
            bytes.append(UInt8(bitPattern: cursor.pointee))
            cursor += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs the handshake on a fresh `SSL` of `context` over `socket`.
    init(context: OpaquePointer, socket: consuming UntrustedSocket, peerPolicy: RATLSPolicy?, isServer: Bool) throws(TLSError) {
        let transport = TLSTransport(socket: socket, peerPolicy: peerPolicy)
        guard let ssl = boring_ssl_new(context) else { throw TLSError(.configuration, "SSL_new: " + TLSError.boringErrors()) }
        guard let bio = transport.makeBIO() else {
            boring_ssl_free(ssl)
            throw TLSError(.configuration, "cannot make the socket BIO")
        }
        boring_ssl_set_bio(ssl, bio, bio) // one reference, owned by the SSL
        _ = boring_ssl_set_ex_data(ssl, 0, Unmanaged.passUnretained(transport).toOpaque())
        if isServer { boring_ssl_set_accept_state(ssl) } else { boring_ssl_set_connect_state(ssl) }
        let result = boring_ssl_do_handshake(ssl)
        if result != 1 {
            let error = Self.failure(ssl, transport, result, during: "handshake")
            boring_ssl_free(ssl)
            throw error
        }
        self.ssl = ssl
        self.transport = transport
    }

    deinit {
        boring_ssl_free(ssl)
        boring_err_clear()
    }

    /// Sends all of `bytes` as application data.
    public func send(_ bytes: [UInt8]) throws(TLSError) {
        var offset = 0
        while offset < bytes.count {
            let count = min(bytes.count - offset, 1 << 20)
            let result = bytes.withUnsafeBytes { raw in
                boring_ssl_write(ssl, raw.baseAddress! + offset, Int32(count))
            }
            guard result > 0 else { throw Self.failure(ssl, transport, result, during: "send") }
            offset += Int(result)
        }
    }

    /// Receives at most `maxCount` bytes of application data; empty when the peer closed
    /// the connection with a close_notify. A connection cut without one throws
    /// ``TLSError/Kind/truncated``.
    ///
    /// Waits for the first record only; further records are added while their bytes are
    /// already in the enclave (BoringSSL's pending data or the transport's buffer), so a
    /// large `maxCount` gathers what has arrived without another wait on the host.
    public func receive(maxCount: Int = 16 << 10) throws(TLSError) -> [UInt8] {
        guard maxCount > 0 else { return [] }
        let capacity = min(maxCount, 1 << 20)
        var first: Int32 = 0
        let received = [UInt8](unsafeUninitializedCapacity: capacity) { raw, count in
            first = boring_ssl_read(ssl, raw.baseAddress, Int32(capacity))
            guard first > 0 else {
                count = 0
                return
            }
            var total = Int(first)
            while total < capacity && (boring_ssl_pending(ssl) > 0 || transport.hasBufferedBytes) {
                let more = boring_ssl_read(ssl, raw.baseAddress! + total, Int32(capacity - total))
                // A close or an error after data: reported by the next receive (BoringSSL
                // keeps both), so the data already read is not lost.
                guard more > 0 else {
                    boring_err_clear()
                    break
                }
                total += Int(more)
            }
            count = total
        }
        if first > 0 { return received }
        if boring_ssl_get_error(ssl, first) == sslErrorZeroReturn { return [] }
        throw Self.failure(ssl, transport, first, during: "receive")
    }

    /// Receives exactly `count` bytes (fewer only if the peer closes cleanly first: then
    /// throws ``TLSError/Kind/truncated``).
    public func receive(exactly count: Int) throws(TLSError) -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count {
            let piece = try receive(maxCount: count - out.count)
            guard !piece.isEmpty else { throw TLSError(.truncated, "peer closed after \(out.count) of \(count) bytes") }
            out += piece
        }
        return out
    }

    /// Sends a close_notify and closes the socket.
    public consuming func close() throws(TLSError) {
        let result = boring_ssl_shutdown(ssl)
        let shutdownError: SGXError? = result < 0 ? transport.transportError : nil
        try? transport.socket.shutdown(.write)
        if let shutdownError { throw TLSError(.transport, shutdownError.detail) }
    }

    /// Turns a failed `SSL_*` result into a specific error: the transport's own failure
    /// first, then the peer appraisal, then what BoringSSL queued.
    static func failure(_ ssl: OpaquePointer, _ transport: TLSTransport, _ result: Int32, during what: String) -> TLSError {
        let code = boring_ssl_get_error(ssl, result)
        if let failure = transport.peerFailure {
            boring_err_clear()
            return failure
        }
        if let error = transport.transportError {
            boring_err_clear()
            return TLSError(.transport, "\(what): \(error.detail)")
        }
        if code == sslErrorSyscall || (code == sslErrorSSL && transport.sawEndOfStream) {
            let queued = TLSError.boringErrors()
            return TLSError(.truncated, "\(what): connection closed by the peer or host (\(queued))")
        }
        if code == sslErrorZeroReturn { return TLSError(.truncated, "\(what): peer closed the connection") }
        // BoringSSL refuses a peer without a certificate before the verify callback runs.
        let first = boring_err_peek_error()
        if transport.peerPolicy != nil && first >> 24 == errorLibrarySSL && first & 0xfff == sslReasonPeerDidNotReturnCertificate {
            boring_err_clear()
            return TLSError(.peerUnattested, "\(what): " + noCertificate)
        }
        return TLSError(what == "handshake" ? .handshake : .protocolViolation, "\(what): " + TLSError.boringErrors())
    }

    /// The failure text when the peer sent no certificate.
    static let noCertificate = "the peer presented no certificate (attestation evidence required)"
}
