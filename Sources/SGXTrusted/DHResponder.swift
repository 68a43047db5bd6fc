import SGXTypes

/// The responder of Intel's local-attestation exchange (`sgx_dh_responder_gen_msg1`,
/// `sgx_dh_responder_proc_msg2`): makes message 1, checks message 2 and answers with
/// message 3. Not copyable, and consumed by the step that ends it, so a state machine
/// cannot be reused or run out of order.
public struct DHResponder: ~Copyable {
    private let privateKey: P256.PrivateKey
    private let ownPublicKey: [UInt8]
    /// `sgx_dh_msg1_t` to send to the initiator: g_a and this enclave's TARGETINFO.
    public let message1: [UInt8]

    /// A fresh ephemeral key pair and message 1.
    public init() throws(SGXError) {
        let key = P256.PrivateKey()
        let publicKey = DHKeyDerivation.littleEndian(key.publicKey)
        message1 = DHMessage1(publicKey: publicKey, target: try TargetInfo.ofSelf).bytes
        ownPublicKey = publicKey
        privateKey = key
    }

    /// Checks message 2 and returns the session; `message3` receives the answer for the
    /// initiator (only when everything checked out).
    ///
    /// Throws `invalidParameter` for a malformed message or public key; `kdfMismatch` when
    /// REPORTDATA names another KDF; `macMismatch` when the CMAC does not verify under the
    /// SMK, the REPORT was not made for this enclave (or was altered), or REPORTDATA does
    /// not bind g_a and g_b; the policy's errors for an unacceptable peer.
    public consuming func processMessage2(_ bytes: [UInt8], policy: DHPeerPolicy, message3: inout [UInt8],
                                          additionalProperties: [UInt8] = []) throws(SGXError) -> DHSession {
        let message = try DHMessage2(bytes: bytes)
        let reportData = message.report.body.reportData
        guard reportData.loadLE(UInt16.self, at: 32) == DHMessage2.aesCMACKDFID else {
            throw SGXError(.kdfMismatch, "DH message 2: REPORTDATA names an unknown key derivation function")
        }
        let kdk = try DHKeyDerivation.keyDerivationKey(privateKey, peer: message.publicKey)
        let smk = try DHKeyDerivation.derive(kdk, label: DHKeyDerivation.smkLabel)
        guard constantTimeEquals(try DHKeyDerivation.cmac(message.report.bytes, smk), message.cmac) else {
            throw SGXError(.macMismatch, "DH message 2: the CMAC does not verify under the session MAC key")
        }
        try message.report.verify()
        guard DHKeyDerivation.binds(reportData, ownPublicKey, message.publicKey) else {
            throw SGXError(.macMismatch, "DH message 2: REPORTDATA does not bind the exchanged public keys")
        }
        let peer = message.report.body
        try policy.check(peer)
        let report = try SGXInstructions.ereport(target: DHKeyDerivation.target(of: peer),
                                                 reportData: SHA256.hash(message.publicKey + ownPublicKey))
        var answer = DHMessage3(cmac: [], report: report, additionalProperties: additionalProperties)
        answer.cmac = try DHKeyDerivation.cmac(answer.macedBytes, smk)
        let aek = try DHKeyDerivation.derive(kdk, label: DHKeyDerivation.aekLabel)
        message3 = answer.bytes
        return DHSession(key: aek, peer: peer, role: .responder)
    }
}
