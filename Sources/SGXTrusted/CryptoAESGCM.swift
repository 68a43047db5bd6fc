/// AES-GCM (NIST SP 800-38D) with 128- or 256-bit keys, 12-byte nonces and 16-byte tags,
/// over BoringSSL's AEAD API (`EVP_aead_aes_128_gcm` / `EVP_aead_aes_256_gcm`,
/// `EVP_AEAD_CTX_seal`, `EVP_AEAD_CTX_open`).
public enum AESGCM {
    public static let nonceByteCount = 12
    public static let tagByteCount = 16

    /// Ciphertext and tag, kept apart (Intel's `sgx_rijndael128GCM_encrypt` layout).
    public struct SealedBox: Equatable {
        public var ciphertext: [UInt8]
        public var tag: [UInt8]
        public init(ciphertext: [UInt8], tag: [UInt8]) {
            self.ciphertext = ciphertext
            self.tag = tag
        }
        /// `ciphertext || tag`.
        public var combined: [UInt8] { ciphertext + tag }
    }

    /// Encrypts and authenticates `plaintext`, authenticating `aad` as well.
    public static func seal(_ plaintext: [UInt8], using key: borrowing SymmetricKey, nonce: [UInt8],
                            authenticating aad: [UInt8] = []) throws(CryptoError) -> SealedBox {
        let context = try makeContext(key, nonce: nonce)
        defer { boring_aead_ctx_free(context) }
        let capacity = plaintext.count + tagByteCount
        var written = 0
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            let ok = withInput(nonce) { n, nc in withInput(plaintext) { p, pc in withInput(aad) { a, ac in
                boring_aead_seal(context, buffer.baseAddress, &written, capacity, n, nc, p, pc, a, ac)
            } } }
            count = ok == 1 ? written : 0
        }
        guard out.count == capacity else { boring_err_clear(); throw .internalFailure }
        return SealedBox(ciphertext: Array(out[0..<plaintext.count]), tag: Array(out[plaintext.count...]))
    }

    /// Checks the tag and decrypts; throws ``CryptoError/authenticationFailure`` when key,
    /// nonce, ciphertext, tag or AAD do not match (no plaintext is released then).
    public static func open(_ box: SealedBox, using key: borrowing SymmetricKey, nonce: [UInt8],
                            authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        let context = try makeContext(key, nonce: nonce)
        defer { boring_aead_ctx_free(context) }
        guard box.tag.count == tagByteCount else { throw .authenticationFailure }
        let input = box.ciphertext + box.tag
        var written = 0
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: max(box.ciphertext.count, 1)) { buffer, count in
            let ok = withInput(nonce) { n, nc in withInput(input) { i, ic in withInput(aad) { a, ac in
                boring_aead_open(context, buffer.baseAddress, &written, buffer.count, n, nc, i, ic, a, ac)
            } } }
            failed = ok != 1 || written != box.ciphertext.count
            if failed { boring_cleanse(buffer.baseAddress, buffer.count) }
            count = failed ? 0 : written
        }
        if failed { boring_err_clear(); throw .authenticationFailure }
        return out
    }

    /// Opens `ciphertext || tag`.
    public static func open(combined: [UInt8], using key: borrowing SymmetricKey, nonce: [UInt8],
                            authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        guard combined.count >= tagByteCount else { throw .authenticationFailure }
        let split = combined.count - tagByteCount
        return try open(SealedBox(ciphertext: Array(combined[0..<split]), tag: Array(combined[split...])),
                        using: key, nonce: nonce, authenticating: aad)
    }

    private static func makeContext(_ key: borrowing SymmetricKey, nonce: [UInt8]) throws(CryptoError) -> OpaquePointer {
        let aead: OpaquePointer?
        switch key.byteCount {
        case 16: aead = boring_aead_aes_128_gcm()
        case 32: aead = boring_aead_aes_256_gcm()
        default: throw .invalidKeySize(key.byteCount)
        }
        guard nonce.count == nonceByteCount else { throw .invalidNonceSize(nonce.count) }
        let context = key.withKeyPointer { boring_aead_ctx_new(aead, $0, $1, tagByteCount) }
        guard let context else { boring_err_clear(); throw .internalFailure }
        return context
    }
}
