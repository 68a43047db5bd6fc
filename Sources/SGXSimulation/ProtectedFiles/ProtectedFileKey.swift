import SGXTypes

/// Where the metadata key of a protected file comes from: the two ways Intel's library
/// opens a file.
public enum ProtectedFileKeySource: Sendable, Hashable {
    /// `sgx_fopen(name, mode, key)`: a 16-byte key derivation key chosen by the user;
    /// the file has `use_user_kdk_key` = 1.
    case userKDK([UInt8])
    /// `sgx_fopen_auto_key(name, mode)`: EGETKEY(SEAL) of the enclave `enclave` with
    /// policy MRSIGNER, as the simulated `cpu` derives it; any enclave of the same signer
    /// (and ISVPRODID, at an ISVSVN no lower than the file's) opens the file.
    case automatic(enclave: SECSIdentity, cpu: SimulatedCPU = SimulatedCPU())

    /// True for ``userKDK(_:)``.
    public var usesUserKDK: Bool {
        if case .userKDK = self { return true }
        return false
    }
}

/// The metadata key of an Intel protected file on the host: CMAC of the user KDK, or the
/// simulated EGETKEY of the writing enclave (inputs in `ProtectedFileKeyDerivation`).
///
/// The keys of MHT and data nodes are random per write and stored in the parent node; Intel
/// draws them from a KDF over a random session key, which a reader cannot tell apart from
/// random keys.
public enum ProtectedFileKey {
    /// The metadata key of a user-KDK file whose `meta_data_key_id` is `keyID`
    /// (`generate_secure_blob_from_user_kdk`).
    public static func metadataKey(userKDK kdk: [UInt8], keyID: [UInt8]) throws(ProtectedFileError) -> [UInt8] {
        try validate(kdk: kdk)
        return AESCMAC.mac(key: kdk, ProtectedFileKeyDerivation.metadataKDFInput(keyID: keyID))
    }

    /// The metadata key for the file whose plain header is `header`, from `source`. The
    /// caller has checked that the header's key mode matches the source.
    static func metadataKey(for header: ProtectedFileMetadataPlain,
                            source: ProtectedFileKeySource) throws(ProtectedFileError) -> [UInt8] {
        switch source {
        case .userKDK(let kdk):
            return try metadataKey(userKDK: kdk, keyID: header.metadataKeyID)
        case .automatic(let enclave, let cpu):
            guard !header.metadataKeyID.allSatisfy({ $0 == 0 }) else { throw .missingKeyID }
            let request = ProtectedFileKeyDerivation.metadataKeyRequest(keyID: header.metadataKeyID, cpuSVN: header.cpuSVN, isvSVN: header.isvSVN)
            do {
                return try cpu.egetkey(request, for: enclave)
            } catch {
                throw .metadataKeyUnavailable(error.detail.isEmpty ? error.description : error.detail)
            }
        }
    }

    static func validate(kdk: [UInt8]) throws(ProtectedFileError) {
        guard kdk.count == ProtectedFileFormat.keyByteCount else {
            throw .invalidKey("a user KDK is 16 bytes, got \(kdk.count)")
        }
    }
}
