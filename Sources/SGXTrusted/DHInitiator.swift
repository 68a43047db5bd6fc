import SGXTypes

/// The initiator of Intel's local-attestation exchange (`sgx_dh_initiator_proc_msg1`,
/// `sgx_dh_initiator_proc_msg3`): answers message 1 with message 2 (its REPORT for the
/// responder, binding both public keys) and turns message 3 into a session. Not copyable;
/// consumed by ``processMessage3(_:policy:)``.
public struct DHInitiator: ~Copyable {
    private let keyDerivationKey: SymmetricKey
    private let smk: SymmetricKey
    private let ownPublicKey: [UInt8]
    private let peerPublicKey: [UInt8]
    /// `sgx_dh_msg2_t` to send to the responder.
    public let message2: [UInt8]

    /// Processes message 1. Throws `invalidParameter` for a malformed message or public key,
    /// and EREPORT's errors for an unusable TARGETINFO.
    public init(message1 bytes: [UInt8]) throws(SGXError) {
        let message = try DHMessage1(bytes: bytes)
        let key = P256.PrivateKey()
        let publicKey = DHKeyDerivation.littleEndian(key.publicKey)
        let kdk = try DHKeyDerivation.keyDerivationKey(key, peer: message.publicKey)
        let smk = try DHKeyDerivation.derive(kdk, label: DHKeyDerivation.smkLabel)
        var reportData = SHA256.hash(message.publicKey + publicKey)
        reportData += [UInt8(DHMessage2.aesCMACKDFID & 0xff), UInt8(DHMessage2.aesCMACKDFID >> 8)]
        let report = try SGXInstructions.ereport(target: message.target, reportData: reportData)
        message2 = DHMessage2(publicKey: publicKey, report: report, cmac: try DHKeyDerivation.cmac(report.bytes, smk)).bytes
        ownPublicKey = publicKey
        peerPublicKey = message.publicKey
        self.smk = smk
        keyDerivationKey = kdk
    }

    /// Checks message 3 and returns the session. Throws `invalidParameter` for a malformed
    /// message; `macMismatch` when the CMAC does not verify, the REPORT was not made for this
    /// enclave or REPORTDATA does not bind g_b and g_a; the policy's errors.
    public consuming func processMessage3(_ bytes: [UInt8], policy: DHPeerPolicy) throws(SGXError) -> DHSession {
        let message = try DHMessage3(bytes: bytes)
        guard constantTimeEquals(try DHKeyDerivation.cmac(message.macedBytes, smk), message.cmac) else {
            throw SGXError(.macMismatch, "DH message 3: the CMAC does not verify under the session MAC key")
        }
        try message.report.verify()
        guard DHKeyDerivation.binds(message.report.body.reportData, ownPublicKey, peerPublicKey) else {
            throw SGXError(.macMismatch, "DH message 3: REPORTDATA does not bind the exchanged public keys")
        }
        try policy.check(message.report.body)
        let aek = try DHKeyDerivation.derive(keyDerivationKey, label: DHKeyDerivation.aekLabel)
        return DHSession(key: aek, peer: message.report.body, role: .initiator)
    }
}
