/// The metadata-key inputs of Intel's protected files (`file_crypto.cpp`), shared by the
/// enclave's `ProtectedFile` and the host's reference codec.
///
/// - User KDK: AES-128-CMAC(KDK, `kdf_input_t`), a 120-byte NIST SP 800-108 counter-mode
///   input in natural C alignment: 0 `index` u32 = 1 · 4 `label` 64 B = "SGX-PROTECTED-FS-METADATA-KEY"
///   zero-filled · 68 padding 4 · 72 `node_number` u64 = 0 · 80 `nonce32` = `meta_data_key_id` ·
///   112 `output_len` u32 = 128 (bits) · 116 padding 4.
/// - Auto mode: EGETKEY with the KEYREQUEST ``metadataKeyRequest(keyID:cpuSVN:isvSVN:)``
///   (SEAL key, MRSIGNER policy, `TSEAL_DEFAULT_FLAGSMASK` 0xFF0000000000000B, XFRM mask 0,
///   `TSEAL_DEFAULT_MISCMASK` 0xF0000000, KEYID = `meta_data_key_id`, CPUSVN and ISVSVN from
///   the plain header, which the writer took from its own REPORT).
public enum ProtectedFileKeyDerivation {
    /// `METADATA_KEY_NAME`.
    public static let metadataKeyLabel = "SGX-PROTECTED-FS-METADATA-KEY"
    /// `sizeof(kdf_input_t)`.
    public static let kdfInputByteCount = 120

    /// The `kdf_input_t` bytes Intel CMACs: `label` (at most 64 bytes), `nodeNumber`
    /// (context 1) and a 32-byte `nonce` (context 2).
    public static func kdfInput(label: String, nodeNumber: UInt64, nonce: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: kdfInputByteCount)
        out.storeLE(UInt32(1), at: 0)
        out.store(fixedWidth(Array(label.utf8), 64), at: 4)
        out.storeLE(nodeNumber, at: 72)
        out.store(fixedWidth(nonce, 32), at: 80)
        out.storeLE(UInt32(128), at: 112)
        return out
    }

    /// The KDF input of a user-KDK file's metadata key (`generate_secure_blob_from_user_kdk`).
    public static func metadataKDFInput(keyID: [UInt8]) -> [UInt8] {
        kdfInput(label: metadataKeyLabel, nodeNumber: 0, nonce: keyID)
    }

    /// The KEYREQUEST of an auto-mode file's metadata key (`restore_current_meta_data_key`).
    public static func metadataKeyRequest(keyID: [UInt8], cpuSVN: [UInt8], isvSVN: UInt16) -> KeyRequest {
        KeyRequest(keyName: .seal, keyPolicy: .mrSigner, isvSVN: isvSVN, cpuSVN: fixedWidth(cpuSVN, 16),
                   attributeMask: SealedData.defaultAttributeMask, keyID: fixedWidth(keyID, 32),
                   miscMask: SealedData.defaultMiscMask)
    }
}
