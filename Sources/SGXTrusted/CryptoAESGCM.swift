import SGXTypes

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

    /// Encrypts and authenticates `plaintext`, authenticating `aad` as well. Ciphertext and
    /// tag are written straight into their own arrays (`EVP_AEAD_CTX_seal_scatter`).
    public static func seal(_ plaintext: [UInt8], using key: borrowing SymmetricKey, nonce: [UInt8],
                            authenticating aad: [UInt8] = []) throws(CryptoError) -> SealedBox {
        var tag = [UInt8](repeating: 0, count: tagByteCount)
        var failure: CryptoError? = nil
        let ciphertext = [UInt8](unsafeUninitializedCapacity: max(plaintext.count, 1)) { buffer, count in
            tag.withUnsafeMutableBufferPointer { t in
                do throws(CryptoError) {
                    try seal(plaintext, using: key, nonce: nonce, authenticating: aad,
                             ciphertext: buffer.baseAddress!, tag: t.baseAddress!)
                } catch {
                    failure = error
                }
            }
            count = failure == nil ? plaintext.count : 0
        }
        if let failure { throw failure }
        return SealedBox(ciphertext: ciphertext, tag: tag)
    }

    /// Seals into caller-provided enclave memory: `plaintext.count` bytes of ciphertext at
    /// `ciphertext` and the 16-byte tag at `tag` (a sealed blob is assembled in place).
    static func seal(_ plaintext: [UInt8], using key: borrowing SymmetricKey, nonce: [UInt8], authenticating aad: [UInt8],
                     ciphertext: UnsafeMutablePointer<UInt8>, tag: UnsafeMutablePointer<UInt8>) throws(CryptoError) {
        let context = try makeContext(key, nonce: nonce)
        defer { boring_aead_ctx_free(context) }
        var tagCount = 0
        let ok = withInput(nonce) { n, nc in withInput(plaintext) { p, pc in withInput(aad) { a, ac in
            boring_aead_seal_scatter(context, ciphertext, tag, &tagCount, tagByteCount, n, nc, p, pc, nil, 0, a, ac)
        } } }
        guard ok == 1, tagCount == tagByteCount else { boring_err_clear(); throw .internalFailure }
    }

    /// Checks the tag and decrypts; throws ``CryptoError/authenticationFailure`` when key,
    /// nonce, ciphertext, tag or AAD do not match (no plaintext is released then).
    public static func open(_ box: SealedBox, using key: borrowing SymmetricKey, nonce: [UInt8],
                            authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        try open(box.ciphertext, tag: box.tag, using: key, nonce: nonce, authenticating: aad)
    }

    /// ``open(_:using:nonce:authenticating:)`` on `ciphertext` and `tag` held apart, decrypted
    /// straight into the result (`EVP_AEAD_CTX_open_gather`: no concatenated copy).
    public static func open(_ ciphertext: [UInt8], tag: [UInt8], using key: borrowing SymmetricKey, nonce: [UInt8],
                            authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        try open(in: ciphertext, ciphertext: 0..<ciphertext.count, tagIn: tag, tag: 0..<tag.count,
                 using: key, nonce: nonce, authenticating: aad)
    }

    /// Opens the ciphertext and tag at `ciphertext` and `tag` of `buffer` in place (a sealed
    /// blob: no copy of the ciphertext before decryption). The ranges must lie in `buffer`.
    static func open(in buffer: [UInt8], ciphertext: Range<Int>, tag: Range<Int>, using key: borrowing SymmetricKey,
                     nonce: [UInt8], authenticating aad: [UInt8]) throws(CryptoError) -> [UInt8] {
        try open(in: buffer, ciphertext: ciphertext, tagIn: buffer, tag: tag, using: key, nonce: nonce, authenticating: aad)
    }

    /// ``open(in:ciphertext:tag:using:nonce:authenticating:)`` with the tag in another array.
    static func open(in textBuffer: [UInt8], ciphertext: Range<Int>, tagIn tagBuffer: [UInt8], tag: Range<Int>,
                             using key: borrowing SymmetricKey, nonce: [UInt8],
                             authenticating aad: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard tag.count == tagByteCount, tag.lowerBound >= 0, tag.upperBound <= tagBuffer.count,
              ciphertext.lowerBound >= 0, ciphertext.upperBound <= textBuffer.count else { throw .authenticationFailure }
        let context = try makeContext(key, nonce: nonce)
        defer { boring_aead_ctx_free(context) }
        let count = ciphertext.count
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in
            let ok = withInput(nonce) { n, nc in withInput(textBuffer) { c, _ in withInput(tagBuffer) { t, _ in withInput(aad) { a, ac in
                boring_aead_open_gather(context, buffer.baseAddress, n, nc, c + ciphertext.lowerBound, count,
                                        t + tag.lowerBound, tagByteCount, a, ac)
            } } } }
            failed = ok != 1
            if failed { boring_cleanse(buffer.baseAddress, buffer.count) }
            initialized = failed ? 0 : count
        }
        if failed { boring_err_clear(); throw .authenticationFailure }
        return out
    }

    /// Opens `ciphertext || tag`.
    public static func open(combined: [UInt8], using key: borrowing SymmetricKey, nonce: [UInt8],
                            authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        guard combined.count >= tagByteCount else { throw .authenticationFailure }
        let split = combined.count - tagByteCount
        return try open(combined.bytes(at: 0, count: split), tag: combined.bytes(at: split, count: tagByteCount),
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
