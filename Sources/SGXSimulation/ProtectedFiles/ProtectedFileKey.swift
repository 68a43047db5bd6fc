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

/// The metadata key derivation of Intel's protected files (`file_crypto.cpp`).
///
/// - User KDK: AES-128-CMAC(KDK, `kdf_input_t`), a 120-byte NIST SP 800-108 counter-mode
///   input in natural C alignment: 0 `index` u32 = 1 · 4 `label` 64 B = "SGX-PROTECTED-FS-METADATA-KEY"
///   zero-filled · 68 padding 4 · 72 `node_number` u64 = 0 · 80 `nonce32` = `meta_data_key_id` ·
///   112 `output_len` u32 = 128 (bits) · 116 padding 4.
/// - Auto mode: EGETKEY with the KEYREQUEST ``metadataKeyRequest(keyID:cpuSVN:isvSVN:)``
///   (SEAL key, MRSIGNER policy, `TSEAL_DEFAULT_FLAGSMASK` 0xFF0000000000000B, XFRM mask 0,
///   `TSEAL_DEFAULT_MISCMASK` 0xF0000000, KEYID = `meta_data_key_id`, CPUSVN and ISVSVN from
///   the plain header, which the writer took from its own REPORT).
///
/// The keys of MHT and data nodes are random per write and stored in the parent node; Intel
/// draws them from a KDF over a random session key, which a reader cannot tell apart from
/// random keys.
public enum ProtectedFileKey {
    /// `METADATA_KEY_NAME`.
    public static let metadataKeyLabel = "SGX-PROTECTED-FS-METADATA-KEY"
    /// `sizeof(kdf_input_t)`.
    public static let kdfInputByteCount = 120

    /// The `kdf_input_t` bytes Intel CMACs: `label` (at most 64 bytes), `nodeNumber`
    /// (context 1) and a 32-byte `nonce` (context 2).
    public static func kdfInput(label: String, nodeNumber: UInt64, nonce: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: kdfInputByteCount)
        out.storeLE(UInt32(1), at: 0)
        out.store(KeyDerivationData.field(Array(label.utf8), 64), at: 4)
        out.storeLE(nodeNumber, at: 72)
        out.store(KeyDerivationData.field(nonce, 32), at: 80)
        out.storeLE(UInt32(128), at: 112)
        return out
    }

    /// The metadata key of a user-KDK file whose `meta_data_key_id` is `keyID`
    /// (`generate_secure_blob_from_user_kdk`).
    public static func metadataKey(userKDK kdk: [UInt8], keyID: [UInt8]) throws(ProtectedFileError) -> [UInt8] {
        try validate(kdk: kdk)
        return AESCMAC.mac(key: kdk, kdfInput(label: metadataKeyLabel, nodeNumber: 0, nonce: keyID))
    }

    /// The KEYREQUEST of an auto-mode file's metadata key (`restore_current_meta_data_key`).
    public static func metadataKeyRequest(keyID: [UInt8], cpuSVN: [UInt8], isvSVN: UInt16) -> KeyRequest {
        KeyRequest(keyName: .seal, keyPolicy: .mrSigner, isvSVN: isvSVN, cpuSVN: KeyDerivationData.field(cpuSVN, 16),
                   attributeMask: SealedData.defaultAttributeMask, keyID: KeyDerivationData.field(keyID, 32),
                   miscMask: SealedData.defaultMiscMask)
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
            let request = metadataKeyRequest(keyID: header.metadataKeyID, cpuSVN: header.cpuSVN, isvSVN: header.isvSVN)
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
