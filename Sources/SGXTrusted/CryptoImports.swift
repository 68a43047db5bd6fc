// BoringSSL's C API as vendored by swift-crypto (every symbol carries the
// `CNIOBoringSSL_` prefix), imported without a Clang module. Internal: user code sees
// only the safe wrappers in the Crypto*.swift files. Opaque BoringSSL objects
// (EVP_MD, EVP_MD_CTX, EVP_AEAD, EVP_AEAD_CTX, EC_KEY, EC_GROUP, EC_POINT, ECDSA_SIG,
// BIGNUM, RSA) are `OpaquePointer`s.

// MARK: memory

@_extern(c, "CNIOBoringSSL_OPENSSL_cleanse")
func boring_cleanse(_ pointer: UnsafeMutableRawPointer?, _ count: Int)

@_extern(c, "CNIOBoringSSL_OPENSSL_free")
func boring_free(_ pointer: UnsafeMutableRawPointer?)

@_extern(c, "CNIOBoringSSL_CRYPTO_memcmp")
func boring_memcmp(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, _ count: Int) -> Int32

@_extern(c, "CNIOBoringSSL_ERR_clear_error")
func boring_err_clear()

// MARK: digests

@_extern(c, "CNIOBoringSSL_SHA256")
func boring_sha256(_ data: UnsafeRawPointer?, _ count: Int, _ out: UnsafeMutablePointer<UInt8>?) -> UnsafeMutablePointer<UInt8>?

@_extern(c, "CNIOBoringSSL_SHA384")
func boring_sha384(_ data: UnsafeRawPointer?, _ count: Int, _ out: UnsafeMutablePointer<UInt8>?) -> UnsafeMutablePointer<UInt8>?

@_extern(c, "CNIOBoringSSL_EVP_sha256")
func boring_evp_sha256() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EVP_sha384")
func boring_evp_sha384() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EVP_MD_CTX_new")
func boring_md_ctx_new() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EVP_MD_CTX_free")
func boring_md_ctx_free(_ context: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_EVP_DigestInit_ex")
func boring_digest_init(_ context: OpaquePointer?, _ md: OpaquePointer?, _ engine: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_EVP_DigestUpdate")
func boring_digest_update(_ context: OpaquePointer?, _ data: UnsafeRawPointer?, _ count: Int) -> Int32

@_extern(c, "CNIOBoringSSL_EVP_DigestFinal_ex")
func boring_digest_final(_ context: OpaquePointer?, _ out: UnsafeMutablePointer<UInt8>?, _ outCount: UnsafeMutablePointer<UInt32>?) -> Int32

// MARK: MACs and KDFs

@_extern(c, "CNIOBoringSSL_HMAC")
func boring_hmac(_ md: OpaquePointer?, _ key: UnsafeRawPointer?, _ keyCount: Int, _ data: UnsafeRawPointer?, _ dataCount: Int,
                 _ out: UnsafeMutablePointer<UInt8>?, _ outCount: UnsafeMutablePointer<UInt32>?) -> UnsafeMutablePointer<UInt8>?

@_extern(c, "CNIOBoringSSL_HKDF")
func boring_hkdf(_ out: UnsafeMutablePointer<UInt8>?, _ outCount: Int, _ md: OpaquePointer?,
                 _ secret: UnsafeRawPointer?, _ secretCount: Int, _ salt: UnsafeRawPointer?, _ saltCount: Int,
                 _ info: UnsafeRawPointer?, _ infoCount: Int) -> Int32

@_extern(c, "CNIOBoringSSL_AES_CMAC")
func boring_aes_cmac(_ out: UnsafeMutablePointer<UInt8>?, _ key: UnsafeRawPointer?, _ keyCount: Int,
                     _ data: UnsafeRawPointer?, _ dataCount: Int) -> Int32

// MARK: AES

@_extern(c, "CNIOBoringSSL_AES_set_encrypt_key")
func boring_aes_set_encrypt_key(_ key: UnsafeRawPointer?, _ bits: UInt32, _ aesKey: UnsafeMutableRawPointer?) -> Int32

@_extern(c, "CNIOBoringSSL_AES_ctr128_encrypt")
func boring_aes_ctr128(_ input: UnsafeRawPointer?, _ output: UnsafeMutableRawPointer?, _ count: Int, _ aesKey: UnsafeRawPointer?,
                       _ iv: UnsafeMutablePointer<UInt8>?, _ ecount: UnsafeMutablePointer<UInt8>?, _ num: UnsafeMutablePointer<UInt32>?)

@_extern(c, "CNIOBoringSSL_EVP_aead_aes_128_gcm")
func boring_aead_aes_128_gcm() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EVP_aead_aes_256_gcm")
func boring_aead_aes_256_gcm() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EVP_AEAD_CTX_new")
func boring_aead_ctx_new(_ aead: OpaquePointer?, _ key: UnsafeRawPointer?, _ keyCount: Int, _ tagCount: Int) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EVP_AEAD_CTX_free")
func boring_aead_ctx_free(_ context: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_EVP_AEAD_CTX_seal_scatter")
func boring_aead_seal_scatter(_ context: OpaquePointer?, _ out: UnsafeMutablePointer<UInt8>?, _ outTag: UnsafeMutablePointer<UInt8>?,
                              _ outTagCount: UnsafeMutablePointer<Int>?, _ maxOutTag: Int,
                              _ nonce: UnsafeRawPointer?, _ nonceCount: Int, _ input: UnsafeRawPointer?, _ inputCount: Int,
                              _ extraInput: UnsafeRawPointer?, _ extraInputCount: Int,
                              _ ad: UnsafeRawPointer?, _ adCount: Int) -> Int32

@_extern(c, "CNIOBoringSSL_EVP_AEAD_CTX_open_gather")
func boring_aead_open_gather(_ context: OpaquePointer?, _ out: UnsafeMutablePointer<UInt8>?,
                             _ nonce: UnsafeRawPointer?, _ nonceCount: Int, _ input: UnsafeRawPointer?, _ inputCount: Int,
                             _ inTag: UnsafeRawPointer?, _ inTagCount: Int,
                             _ ad: UnsafeRawPointer?, _ adCount: Int) -> Int32

@_extern(c, "CNIOBoringSSL_EVP_AEAD_CTX_seal")
func boring_aead_seal(_ context: OpaquePointer?, _ out: UnsafeMutablePointer<UInt8>?, _ outCount: UnsafeMutablePointer<Int>?,
                      _ maxOut: Int, _ nonce: UnsafeRawPointer?, _ nonceCount: Int, _ input: UnsafeRawPointer?, _ inputCount: Int,
                      _ ad: UnsafeRawPointer?, _ adCount: Int) -> Int32

@_extern(c, "CNIOBoringSSL_EVP_AEAD_CTX_open")
func boring_aead_open(_ context: OpaquePointer?, _ out: UnsafeMutablePointer<UInt8>?, _ outCount: UnsafeMutablePointer<Int>?,
                      _ maxOut: Int, _ nonce: UnsafeRawPointer?, _ nonceCount: Int, _ input: UnsafeRawPointer?, _ inputCount: Int,
                      _ ad: UnsafeRawPointer?, _ adCount: Int) -> Int32

// MARK: big numbers

@_extern(c, "CNIOBoringSSL_BN_bin2bn")
func boring_bn_bin2bn(_ bytes: UnsafeRawPointer?, _ count: Int, _ into: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_BN_bn2bin_padded")
func boring_bn_bn2bin_padded(_ out: UnsafeMutablePointer<UInt8>?, _ count: Int, _ bn: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_BN_free")
func boring_bn_free(_ bn: OpaquePointer?)

// MARK: elliptic curves

@_extern(c, "CNIOBoringSSL_EC_KEY_new_by_curve_name")
func boring_ec_key_new_by_curve_name(_ nid: Int32) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EC_KEY_free")
func boring_ec_key_free(_ key: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_EC_KEY_generate_key")
func boring_ec_key_generate(_ key: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_EC_KEY_get0_group")
func boring_ec_key_group(_ key: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EC_KEY_get0_public_key")
func boring_ec_key_public(_ key: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EC_KEY_get0_private_key")
func boring_ec_key_private(_ key: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EC_KEY_set_public_key")
func boring_ec_key_set_public(_ key: OpaquePointer?, _ point: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_EC_KEY_oct2priv")
func boring_ec_key_oct2priv(_ key: OpaquePointer?, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int32

@_extern(c, "CNIOBoringSSL_EC_KEY_priv2oct")
func boring_ec_key_priv2oct(_ key: OpaquePointer?, _ out: UnsafeMutablePointer<UInt8>?, _ maxOut: Int) -> Int

@_extern(c, "CNIOBoringSSL_EC_POINT_new")
func boring_ec_point_new(_ group: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EC_POINT_free")
func boring_ec_point_free(_ point: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_EC_POINT_mul")
func boring_ec_point_mul(_ group: OpaquePointer?, _ result: OpaquePointer?, _ n: OpaquePointer?, _ q: OpaquePointer?,
                         _ m: OpaquePointer?, _ context: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_EC_POINT_point2oct")
func boring_ec_point2oct(_ group: OpaquePointer?, _ point: OpaquePointer?, _ form: Int32, _ out: UnsafeMutablePointer<UInt8>?,
                         _ count: Int, _ context: OpaquePointer?) -> Int

@_extern(c, "CNIOBoringSSL_EC_POINT_oct2point")
func boring_ec_oct2point(_ group: OpaquePointer?, _ point: OpaquePointer?, _ bytes: UnsafeRawPointer?, _ count: Int,
                         _ context: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_ECDSA_do_sign")
func boring_ecdsa_do_sign(_ digest: UnsafeRawPointer?, _ count: Int, _ key: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_ECDSA_do_verify")
func boring_ecdsa_do_verify(_ digest: UnsafeRawPointer?, _ count: Int, _ signature: OpaquePointer?, _ key: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_ECDSA_SIG_new")
func boring_ecdsa_sig_new() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_ECDSA_SIG_free")
func boring_ecdsa_sig_free(_ signature: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_ECDSA_SIG_get0")
func boring_ecdsa_sig_get0(_ signature: OpaquePointer?, _ r: UnsafeMutablePointer<OpaquePointer?>?,
                           _ s: UnsafeMutablePointer<OpaquePointer?>?)

@_extern(c, "CNIOBoringSSL_ECDSA_SIG_set0")
func boring_ecdsa_sig_set0(_ signature: OpaquePointer?, _ r: OpaquePointer?, _ s: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_ECDSA_SIG_to_bytes")
func boring_ecdsa_sig_to_bytes(_ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, _ outCount: UnsafeMutablePointer<Int>?,
                               _ signature: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_ECDSA_SIG_from_bytes")
func boring_ecdsa_sig_from_bytes(_ bytes: UnsafeRawPointer?, _ count: Int) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_ECDH_compute_key")
func boring_ecdh_compute_key(_ out: UnsafeMutableRawPointer?, _ outCount: Int, _ peer: OpaquePointer?, _ key: OpaquePointer?,
                             _ kdf: OpaquePointer?) -> Int32

// MARK: RSA

@_extern(c, "CNIOBoringSSL_RSA_new_public_key")
func boring_rsa_new_public_key(_ n: OpaquePointer?, _ e: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_RSA_verify")
func boring_rsa_verify(_ hashNID: Int32, _ digest: UnsafeRawPointer?, _ digestCount: Int, _ signature: UnsafeRawPointer?,
                       _ signatureCount: Int, _ rsa: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_RSA_free")
func boring_rsa_free(_ rsa: OpaquePointer?)

/// BoringSSL's NIDs used here (`CNIOBoringSSL_nid.h`).
enum BoringNID {
    static let prime256v1: Int32 = 415
    static let sha256: Int32 = 672
}
