import SGXTypes

/// Where a ``ProtectedFile``'s metadata key comes from (Intel: `sgx_fopen_auto_key` or
/// `sgx_fopen` with a key-derivation key).
enum ProtectedFileKeyMode {
    /// EGETKEY(SEAL) with policy MRSIGNER: any enclave of the same signer and ISVPRODID, at
    /// an ISVSVN no lower than the writer's, opens the file.
    case automatic
    /// AES-128-CMAC of a 16-byte user key-derivation key (a copy the engine wipes on close).
    case userKDK([UInt8])

    var usesUserKDK: Bool {
        if case .userKDK = self { return true }
        return false
    }

    /// The metadata key for a file whose plain header is `header` (its `meta_data_key_id`,
    /// and in auto mode its CPUSVN and ISVSVN): EGETKEY with
    /// ``ProtectedFileKeyDerivation/metadataKeyRequest(keyID:cpuSVN:isvSVN:)``, or CMAC of
    /// the KDK over ``ProtectedFileKeyDerivation/metadataKDFInput(keyID:)``.
    func metadataKey(for header: ProtectedFileMetadataPlain) throws(SGXError) -> SymmetricKey {
        switch self {
        case .automatic:
            guard !header.metadataKeyID.allSatisfy({ $0 == 0 }) else {
                throw SGXError(.fileNoKeyID, "auto-mode protected file has an all-zero meta_data_key_id")
            }
            let request = ProtectedFileKeyDerivation.metadataKeyRequest(
                keyID: header.metadataKeyID, cpuSVN: header.cpuSVN, isvSVN: header.isvSVN)
            let secret: SecretKey
            do {
                secret = try SGXInstructions.egetkey(request)
            } catch {
                throw SGXError(.macMismatch, "the metadata key cannot be derived (EGETKEY: \(error.detail)); the file belongs to another signer or a newer enclave")
            }
            return SymmetricKey(copying: secret)
        case .userKDK(let kdk):
            let input = ProtectedFileKeyDerivation.metadataKDFInput(keyID: header.metadataKeyID)
            do {
                var derived = try AESCMAC.authenticationCode(for: input, using: SymmetricKey(bytes: kdk))
                defer { for index in derived.indices { derived[index] = 0 } }
                return SymmetricKey(bytes: derived)
            } catch {
                throw SGXError(.unexpected, "protected file key derivation failed")
            }
        }
    }
}
