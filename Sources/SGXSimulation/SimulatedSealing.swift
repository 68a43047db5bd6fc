import Crypto
import SGXTypes

/// A host-side reference implementation of Intel's `sgx_seal_data_ex` / `sgx_unseal_data` /
/// `sgx_mac_aadata` on the simulated CPU: AES-128-GCM under EGETKEY(KEYREQUEST), 12-byte zero
/// IV, the MAC-only text as AAD, in the ``SealedData`` layout.
///
/// For tests and for tools that inspect simulation-mode blobs. It needs the sealing
/// enclave's identity, which only makes sense because simulated keys are public; in an
/// enclave, sealing is `SGXTrusted`'s job.
public enum SimulatedSealing {
    /// Seals `plaintext` (may be empty: a MAC-only blob) and `additionalMACText` for the
    /// enclave `secs` under `keyRequest` (normally from ``SealedData/keyRequest(policy:keyID:identity:attributeMask:miscMask:)``).
    public static func seal(_ plaintext: [UInt8], additionalMACText: [UInt8] = [], keyRequest: KeyRequest,
                            cpu: SimulatedCPU = SimulatedCPU(), for secs: SECSIdentity) throws(SGXError) -> SealedData {
        guard keyRequest.keyName == .seal else {
            throw SGXError(.invalidParameter, "sealing needs a SEAL key request")
        }
        try SealedData.validate(policy: keyRequest.keyPolicy, attributeMask: keyRequest.attributeMask)
        guard SealedData.byteCount(additionalMACTextLength: additionalMACText.count,
                                   encryptedTextLength: plaintext.count) != nil else {
            throw SGXError(.invalidParameter, "sealed data would exceed the format's 32-bit size")
        }
        let key = try cpu.egetkey(keyRequest, for: secs)
        do {
            let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: key), nonce: zeroNonce(),
                                       authenticating: additionalMACText)
            return SealedData(keyRequest: keyRequest, tag: Array(box.tag), encryptedText: Array(box.ciphertext),
                              additionalMACText: additionalMACText)
        } catch {
            throw SGXError(.unexpected, "AES-GCM seal failed: \(error)")
        }
    }

    /// Unseals `blob` in the enclave `secs`: the plaintext and the MAC-only text.
    ///
    /// Throws `invalidISVSVN` / `invalidCPUSVN` when the blob was sealed at a newer enclave
    /// or CPU security version than the enclave's (EGETKEY refuses the key), and
    /// `macMismatch` for anything else that keeps the key or the tag from matching (wrong
    /// enclave or signer for the policy, tampering, a KEYREQUEST EGETKEY rejects), as
    /// `sgx_unseal_data` does.
    public static func unseal(_ blob: SealedData, cpu: SimulatedCPU = SimulatedCPU(),
                              for secs: SECSIdentity) throws(SGXError) -> (plaintext: [UInt8], additionalMACText: [UInt8]) {
        guard blob.keyRequest.keyName == .seal else {
            throw SGXError(.macMismatch, "sealed data: KEYREQUEST does not name the SEAL key")
        }
        let key: [UInt8]
        do {
            key = try cpu.egetkey(blob.keyRequest, for: secs)
        } catch {
            switch error.status {
            case .invalidISVSVN, .invalidCPUSVN: throw error
            default: throw SGXError(.macMismatch, "sealed data: EGETKEY refused its KEYREQUEST (\(error.detail))")
            }
        }
        guard blob.tag.count == SealedData.tagByteCount else {
            throw SGXError(.macMismatch, "sealed data: tag must be 16 bytes")
        }
        do {
            let box = try AES.GCM.SealedBox(nonce: zeroNonce(), ciphertext: blob.encryptedText, tag: blob.tag)
            let plaintext = try AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: blob.additionalMACText)
            return (Array(plaintext), blob.additionalMACText)
        } catch {
            throw SGXError(.macMismatch, "sealed data: AES-GCM tag does not verify")
        }
    }

    /// Parses and unseals a blob's bytes.
    public static func unseal(bytes: [UInt8], cpu: SimulatedCPU = SimulatedCPU(),
                              for secs: SECSIdentity) throws(SGXError) -> (plaintext: [UInt8], additionalMACText: [UInt8]) {
        try unseal(SealedData(bytes: bytes), cpu: cpu, for: secs)
    }

    private static func zeroNonce() throws -> AES.GCM.Nonce {
        try AES.GCM.Nonce(data: [UInt8](repeating: 0, count: 12))
    }
}
