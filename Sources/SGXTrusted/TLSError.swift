import SGXTypes

/// Why a TLS operation inside the enclave failed. Every failure ends the connection; none
/// leaves the enclave's keys or plaintext anywhere the host can read.
public struct TLSError: Error, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The untrusted socket failed or the host answered out of range.
        case transport
        /// The TLS handshake failed (protocol error, unsupported peer, bad record).
        case handshake
        /// The peer's certificate or attestation evidence was refused by the policy.
        case peerRejected
        /// The peer sent no certificate where attestation was required.
        case peerUnattested
        /// A record failed after the handshake (bad MAC, unexpected message).
        case protocolViolation
        /// The connection ended without a TLS close_notify (possible truncation).
        case truncated
        /// A bad argument or a failure to set up the TLS context.
        case configuration
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `"<kind>: <message>"`.
    public var description: String {
        let name: String
        switch kind {
        case .transport: name = "transport"
        case .handshake: name = "handshake"
        case .peerRejected: name = "peer rejected"
        case .peerUnattested: name = "peer not attested"
        case .protocolViolation: name = "protocol violation"
        case .truncated: name = "truncated"
        case .configuration: name = "configuration"
        }
        return name + ": " + message
    }

    /// BoringSSL's queued errors as text (and the queue cleared).
    static func boringErrors() -> String {
        var text = ""
        var count = 0
        while true {
            let code = boring_err_get_error()
            if code == 0 || count == 4 { break }
            var buffer = [CChar](repeating: 0, count: 160)
            _ = buffer.withUnsafeMutableBufferPointer { boring_err_error_string_n(code, $0.baseAddress, $0.count) }
            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            if !text.isEmpty { text += "; " }
            text += String(decoding: bytes, as: UTF8.self)
            count += 1
        }
        boring_err_clear()
        return text.isEmpty ? "no BoringSSL error queued" : text
    }
}
