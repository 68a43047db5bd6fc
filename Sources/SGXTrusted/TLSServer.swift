import SGXTypes

/// TLS protocol versions the enclave accepts.
public enum TLSVersion: Sendable {
    case tls12
    case tls13

    var wireValue: UInt16 { self == .tls12 ? tls12Version : tls13Version }
}

/// A BoringSSL `SSL_CTX` for RA-TLS: the enclave's credential (when it has one), TLS 1.2
/// or 1.3 up to 1.3, no session tickets or session cache (nothing resumable outlives the
/// connection), and, with a peer policy, a verification callback that runs
/// ``RATLSAppraisal`` on the peer's leaf certificate.
final class TLSContext {
    let pointer: OpaquePointer
    let peerPolicy: RATLSPolicy?

    /// `certificate` and `key` come from a live ``RATLSCredential``; the context takes its
    /// own references to them.
    init(certificate: OpaquePointer?, key: OpaquePointer?, peerPolicy: RATLSPolicy?, minimumVersion: TLSVersion) throws(TLSError) {
        guard let context = boring_ssl_ctx_new(boring_tls_method()) else {
            throw TLSError(.configuration, "SSL_CTX_new: " + TLSError.boringErrors())
        }
        var ok = boring_ssl_ctx_set_min_version(context, minimumVersion.wireValue) == 1
            && boring_ssl_ctx_set_max_version(context, tls13Version) == 1
        _ = boring_ssl_ctx_set_options(context, sslOptionNoTicket)
        _ = boring_ssl_ctx_set_session_cache_mode(context, sslSessionCacheOff)
        if ok, let certificate, let key {
            ok = boring_ssl_ctx_use_certificate(context, certificate) == 1
                && boring_ssl_ctx_use_private_key(context, key) == 1
        }
        guard ok else {
            boring_ssl_ctx_free(context)
            throw TLSError(.configuration, "TLS context setup: " + TLSError.boringErrors())
        }
        if peerPolicy != nil {
            // With a policy the peer must present a certificate (and so its evidence).
            boring_ssl_ctx_set_custom_verify(context, sslVerifyPeer | sslVerifyFailIfNoPeerCertificate, raTLSVerifyCallback)
        }
        pointer = context
        self.peerPolicy = peerPolicy
    }

    deinit { boring_ssl_ctx_free(pointer) }
}

/// `SSL_CTX_set_custom_verify` callback: appraises the peer's leaf certificate with the
/// connection's policy and records the result on its ``TLSTransport``.
private let raTLSVerifyCallback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt8>?) -> Int32 = { ssl, alert in
    guard let transport = TLSTransport.from(boring_ssl_get_ex_data(ssl, 0)) else { return sslVerifyResultInvalid }
    guard let policy = transport.peerPolicy else { return sslVerifyResultOK }
    let chain = boring_ssl_get0_peer_certificates(ssl)
    guard chain != nil, boring_sk_num(chain) >= 1, let leaf = boring_sk_value(chain, 0),
          let data = boring_crypto_buffer_data(leaf) else {
        transport.peerFailure = TLSError(.peerUnattested, TLSConnection.noCertificate)
        alert?.pointee = sslAlertCertificateRequired
        return sslVerifyResultInvalid
    }
    let der = Array(UnsafeBufferPointer(start: data, count: boring_crypto_buffer_len(leaf)))
    do throws(SGXError) {
        transport.peer = try RATLSAppraisal.appraise(certificateDER: der, policy: policy)
        return sslVerifyResultOK
    } catch {
        transport.peerFailure = TLSError(.peerRejected, error.detail)
        alert?.pointee = sslAlertBadCertificate
        return sslVerifyResultInvalid
    }
}

/// An RA-TLS server inside the enclave: listens on an ``UntrustedSocket``, presents the
/// enclave's ``RATLSCredential`` and, when given a client policy, requires the client to
/// be an attested enclave too (mutual attestation).
public struct TLSServer: ~Copyable {
    var context: TLSContext
    let listener: UntrustedSocket.Listener

    /// The port the host bound.
    public var port: UInt16 { listener.port }

    /// Listens on `address` (port 0: the host picks one).
    /// - Parameters:
    ///   - credential: the enclave's key and certificate (the context keeps its own references).
    ///   - clientPolicy: when set, clients must present an RA-TLS certificate that passes it.
    public init(listeningOn address: UntrustedSocket.Address, credential: borrowing RATLSCredential,
                clientPolicy: RATLSPolicy? = nil, minimumVersion: TLSVersion = .tls12) throws(TLSError) {
        let context = try TLSContext(certificate: credential.certificate, key: credential.key, peerPolicy: clientPolicy,
                                     minimumVersion: minimumVersion)
        let listener = try Self.listen(on: address)
        self.context = context
        self.listener = listener
    }

    /// Presents `credential` to the connections accepted from now on (for example fresh
    /// evidence after a TCB recovery, or a new key per connection); connections already
    /// accepted keep the one they were accepted with. The client policy is unchanged.
    public mutating func renew(credential: borrowing RATLSCredential, minimumVersion: TLSVersion = .tls12) throws(TLSError) {
        context = try TLSContext(certificate: credential.certificate, key: credential.key, peerPolicy: context.peerPolicy,
                                 minimumVersion: minimumVersion)
    }

    private static func listen(on address: UntrustedSocket.Address) throws(TLSError) -> UntrustedSocket.Listener {
        do {
            return try UntrustedSocket.listen(on: address)
        } catch {
            throw TLSError(.transport, "listen: " + error.detail)
        }
    }

    /// Accepts the next connection and completes the handshake.
    public func accept() throws(TLSError) -> TLSConnection {
        let socket: UntrustedSocket
        do {
            socket = try listener.accept()
        } catch {
            throw TLSError(.transport, "accept: " + error.detail)
        }
        return try TLSConnection(context: context.pointer, socket: socket, peerPolicy: context.peerPolicy, isServer: true)
    }
}

/// An RA-TLS client inside the enclave: the server must present an RA-TLS certificate that
/// passes `serverPolicy`; with a credential, the client presents its own (mutual attestation).
public enum TLSClient {
    /// Connects to `address` and completes the handshake, appraising the server.
    public static func connect(to address: UntrustedSocket.Address, serverPolicy: RATLSPolicy,
                               minimumVersion: TLSVersion = .tls12) throws(TLSError) -> TLSConnection {
        let context = try TLSContext(certificate: nil, key: nil, peerPolicy: serverPolicy, minimumVersion: minimumVersion)
        return try connect(to: address, context: context)
    }

    /// Connects presenting `credential` too, for servers that require attested clients.
    public static func connect(to address: UntrustedSocket.Address, serverPolicy: RATLSPolicy,
                               credential: borrowing RATLSCredential,
                               minimumVersion: TLSVersion = .tls12) throws(TLSError) -> TLSConnection {
        let context = try TLSContext(certificate: credential.certificate, key: credential.key, peerPolicy: serverPolicy,
                                     minimumVersion: minimumVersion)
        return try connect(to: address, context: context)
    }

    private static func connect(to address: UntrustedSocket.Address, context: TLSContext) throws(TLSError) -> TLSConnection {
        let socket: UntrustedSocket
        do {
            socket = try UntrustedSocket.connect(to: address)
        } catch {
            throw TLSError(.transport, "connect: " + error.detail)
        }
        return try TLSConnection(context: context.pointer, socket: socket, peerPolicy: context.peerPolicy, isServer: false)
    }
}
