import SGXTypes

/// An established local-attestation session: the AEK both enclaves derived (Intel's
/// `sgx_dh` "AEK") and the peer's verified identity, with AES-128-GCM messages that carry
/// sequence numbers.
///
/// Message: 0 sequence u64 LE · 8 ciphertext · tag 16. Nonce = sequence u64 LE ‖ sender
/// u32 LE (0 initiator, 1 responder), so the two directions never share a nonce and a
/// message reflected back to its sender fails; AAD = the sequence field. Each side sends
/// 0, 1, 2, … and accepts exactly the next number: replays and reordering are refused.
public struct DHSession: ~Copyable {
    public enum Role: Sendable { case initiator, responder }

    /// Bytes a message adds to its plaintext.
    public static let overhead = 8 + AESGCM.tagByteCount

    private let key: SymmetricKey
    /// The peer's REPORT body, checked against the caller's ``DHPeerPolicy``.
    public let peer: ReportBody
    public let role: Role
    private var nextSend: UInt64 = 0
    private var nextReceive: UInt64 = 0

    init(key: consuming SymmetricKey, peer: ReportBody, role: Role) {
        self.key = key
        self.peer = peer
        self.role = role
    }

    /// Encrypts the next message to the peer.
    public mutating func seal(_ plaintext: [UInt8]) throws(SGXError) -> [UInt8] {
        guard nextSend < UInt64.max else { throw SGXError(.invalidState, "DH session: sequence numbers exhausted") }
        let sequence = nextSend
        var header = [UInt8](repeating: 0, count: 8)
        header.storeLE(sequence, at: 0)
        let box: AESGCM.SealedBox
        do {
            box = try AESGCM.seal(plaintext, using: key, nonce: Self.nonce(sequence, sender: role), authenticating: header)
        } catch {
            throw SGXError(.unexpected, "DH session: AES-GCM failed")
        }
        nextSend += 1
        return header + box.ciphertext + box.tag
    }

    /// Decrypts the next message from the peer.
    ///
    /// Throws `invalidParameter` for a message shorter than the overhead; `macMismatch` when
    /// it does not verify (altered, another session, or reflected); `invalidState` for a
    /// replayed message (a sequence number already received) or one out of order (a later
    /// number than the next expected). A rejected message leaves the session unchanged.
    public mutating func open(_ message: [UInt8]) throws(SGXError) -> [UInt8] {
        guard message.count >= Self.overhead else {
            throw SGXError(.invalidParameter, "DH session: message shorter than \(Self.overhead) bytes")
        }
        let sequence = message.loadLE(UInt64.self, at: 0)
        let sender: Role = role == .initiator ? .responder : .initiator
        let plaintext: [UInt8]
        do {
            let tagStart = message.count - AESGCM.tagByteCount
            plaintext = try AESGCM.open(AESGCM.SealedBox(ciphertext: Array(message[8..<tagStart]),
                                                         tag: Array(message[tagStart...])),
                                        using: key, nonce: Self.nonce(sequence, sender: sender),
                                        authenticating: Array(message[0..<8]))
        } catch {
            throw SGXError(.macMismatch, "DH session: message does not verify")
        }
        guard sequence >= nextReceive else {
            throw SGXError(.invalidState, "DH session: replayed message \(sequence) (next expected \(nextReceive))")
        }
        guard sequence == nextReceive else {
            throw SGXError(.invalidState, "DH session: message \(sequence) out of order (next expected \(nextReceive))")
        }
        nextReceive += 1
        return plaintext
    }

    /// Calls `body` with the AEK (16 bytes), for protocols framed differently from
    /// ``seal(_:)``; it must not escape.
    public func withSessionKey<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        key.withUnsafeBytes(body)
    }

    private static func nonce(_ sequence: UInt64, sender: Role) -> [UInt8] {
        var nonce = [UInt8](repeating: 0, count: 12)
        nonce.storeLE(sequence, at: 0)
        nonce.storeLE(UInt32(sender == .initiator ? 0 : 1), at: 8)
        return nonce
    }
}
