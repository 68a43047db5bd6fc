import SGXTypes

/// The per-connection state BoringSSL reaches through C callbacks: the untrusted socket
/// (read and written by a custom `BIO`), a receive buffer inside the enclave (so a TLS
/// record header and body cost one host round trip, not two), and the result of the
/// peer appraisal (`SSL_CTX_set_custom_verify`). `TLSConnection` holds the only strong
/// reference; the `BIO` data and the `SSL` ex-data slot 0 hold unretained pointers.
final class TLSTransport {
    let socket: UntrustedSocket
    /// Received bytes not yet handed to BoringSSL: `buffer[start..<end]`.
    private var buffer: [UInt8] = []
    private var start = 0
    /// The first socket failure (BoringSSL only sees -1).
    var transportError: SGXError?
    /// Whether the host reported the end of the stream.
    var sawEndOfStream = false

    /// The policy for the peer's certificate (nil: no appraisal, e.g. a server without
    /// client authentication).
    let peerPolicy: RATLSPolicy?
    /// The appraised peer, after a successful handshake with a policy.
    var peer: RATLSPeer?
    /// Why the peer was refused (``TLSError/Kind/peerRejected`` or ``TLSError/Kind/peerUnattested``).
    var peerFailure: TLSError?

    init(socket: consuming UntrustedSocket, peerPolicy: RATLSPolicy?) {
        self.socket = socket
        self.peerPolicy = peerPolicy
    }

    /// Whether received bytes wait in the enclave buffer (reading them needs no OCALL).
    var hasBufferedBytes: Bool { start < buffer.count }

    /// BIO write: one send OCALL; the count the host took.
    func write(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        do {
            return Int32(try socket.send(bytes))
        } catch {
            if transportError == nil { transportError = error }
            return -1
        }
    }

    /// BIO read: from the enclave buffer, refilled with one receive OCALL of up to
    /// ``EnclaveABI/socketChunkSize`` bytes when empty. 0 at the end of the stream.
    func read(into destination: UnsafeMutableRawBufferPointer) -> Int32 {
        if start == buffer.count {
            do {
                buffer = try socket.receive(maxCount: EnclaveABI.socketChunkSize)
                start = 0
            } catch {
                if transportError == nil { transportError = error }
                return -1
            }
            if buffer.isEmpty {
                sawEndOfStream = true
                return 0
            }
        }
        let count = min(destination.count, buffer.count - start)
        buffer.withUnsafeBytes { source in
            if let to = destination.baseAddress, let from = source.baseAddress {
                to.copyMemory(from: from + start, byteCount: count)
            }
        }
        start += count
        return Int32(count)
    }

    /// A `BIO` over this transport, owned by the caller (`SSL_set_bio` takes it).
    func makeBIO() -> OpaquePointer? {
        guard let method = tlsBIOMethod, let bio = boring_bio_new(method) else { return nil }
        boring_bio_set_data(bio, Unmanaged.passUnretained(self).toOpaque())
        boring_bio_set_init(bio, 1)
        return bio
    }

    static func from(_ raw: UnsafeMutableRawPointer?) -> TLSTransport? {
        guard let raw else { return nil }
        return Unmanaged<TLSTransport>.fromOpaque(raw).takeUnretainedValue()
    }
}

/// The `BIO_METHOD` of ``TLSTransport`` (made once; never freed).
private let tlsBIOMethod: OpaquePointer? = {
    guard let method = boring_bio_meth_new(bioTypeSourceSink | 0x7f, "swift-sgx untrusted socket") else { return nil }
    let write: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = { bio, data, count in
        guard count > 0 else { return 0 }
        guard let data, let transport = TLSTransport.from(boring_bio_get_data(bio)) else { return -1 }
        return transport.write(UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: Int(count)))
    }
    let read: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int32) -> Int32 = { bio, data, count in
        guard count > 0 else { return 0 }
        guard let data, let transport = TLSTransport.from(boring_bio_get_data(bio)) else { return -1 }
        return transport.read(into: UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(data), count: Int(count)))
    }
    let control: @convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int = { _, command, _, _ in
        command == bioControlFlush ? 1 : 0
    }
    guard boring_bio_meth_set_write(method, write) == 1, boring_bio_meth_set_read(method, read) == 1,
          boring_bio_meth_set_ctrl(method, control) == 1 else { return nil }
    return method
}()
