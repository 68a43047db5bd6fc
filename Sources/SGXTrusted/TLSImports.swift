// BoringSSL's libssl, X.509 and BIO C API (swift-nio-ssl's copy, every symbol prefixed
// `CNIOBoringSSL_`), imported without a Clang module for the TLS and RA-TLS code.
// Internal: user code sees TLSServer, TLSClient, TLSConnection and RATLSCredential.
// Opaque objects (SSL, SSL_CTX, SSL_METHOD, BIO, BIO_METHOD, X509, X509_NAME,
// X509_EXTENSION, X509_PUBKEY, ASN1_*, EVP_PKEY, CRYPTO_BUFFER, stacks) are
// `OpaquePointer`s.

// MARK: constants (CNIOBoringSSL_ssl.h, _bio.h, _nid.h, _x509.h)

let tls12Version: UInt16 = 0x0303
let tls13Version: UInt16 = 0x0304
let sslVerifyPeer: Int32 = 0x01
let sslVerifyFailIfNoPeerCertificate: Int32 = 0x02
let sslVerifyResultOK: Int32 = 0
let sslVerifyResultInvalid: Int32 = 1
let sslOptionNoTicket: UInt32 = 0x0000_4000
let sslSessionCacheOff: Int32 = 0
let sslErrorNone: Int32 = 0
let sslErrorSSL: Int32 = 1
let sslErrorWantRead: Int32 = 2
let sslErrorWantWrite: Int32 = 3
let sslErrorSyscall: Int32 = 5
let sslErrorZeroReturn: Int32 = 6
let sslAlertBadCertificate: UInt8 = 42
let sslAlertCertificateRequired: UInt8 = 116
let errorLibrarySSL: UInt32 = 16
let sslReasonPeerDidNotReturnCertificate: UInt32 = 192
let bioControlFlush: Int32 = 11
let bioTypeSourceSink: Int32 = 0x0400
let nidP256: Int32 = 415
let mbstringASCII: Int32 = 0x1001
let x509Version3: Int = 2

// MARK: EVP_PKEY and keys

@_extern(c, "CNIOBoringSSL_EVP_PKEY_new")
func boring_pkey_new() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_EVP_PKEY_free")
func boring_pkey_free(_ key: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_EVP_PKEY_assign_EC_KEY")
func boring_pkey_assign_ec_key(_ pkey: OpaquePointer?, _ key: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_EVP_PKEY_get0_EC_KEY")
func boring_pkey_get0_ec_key(_ pkey: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_i2d_PUBKEY")
func boring_i2d_pubkey(_ pkey: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32

// MARK: X.509

@_extern(c, "CNIOBoringSSL_X509_new")
func boring_x509_new() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_X509_free")
func boring_x509_free(_ x509: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_X509_set_version")
func boring_x509_set_version(_ x509: OpaquePointer?, _ version: Int) -> Int32

@_extern(c, "CNIOBoringSSL_X509_get_serialNumber")
func boring_x509_get_serial(_ x509: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_ASN1_INTEGER_set_uint64")
func boring_asn1_integer_set_uint64(_ integer: OpaquePointer?, _ value: UInt64) -> Int32

@_extern(c, "CNIOBoringSSL_X509_get_subject_name")
func boring_x509_get_subject_name(_ x509: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_X509_set_issuer_name")
func boring_x509_set_issuer_name(_ x509: OpaquePointer?, _ name: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_X509_NAME_add_entry_by_txt")
func boring_x509_name_add_entry_by_txt(_ name: OpaquePointer?, _ field: UnsafePointer<CChar>?, _ type: Int32,
                                       _ bytes: UnsafePointer<UInt8>?, _ length: Int, _ location: Int32, _ set: Int32) -> Int32

@_extern(c, "CNIOBoringSSL_X509_getm_notBefore")
func boring_x509_getm_not_before(_ x509: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_X509_getm_notAfter")
func boring_x509_getm_not_after(_ x509: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_ASN1_TIME_set_posix")
func boring_asn1_time_set_posix(_ time: OpaquePointer?, _ seconds: Int64) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_X509_set_pubkey")
func boring_x509_set_pubkey(_ x509: OpaquePointer?, _ pkey: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_OBJ_txt2obj")
func boring_obj_txt2obj(_ text: UnsafePointer<CChar>?, _ dontSearchNames: Int32) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_ASN1_OBJECT_free")
func boring_asn1_object_free(_ object: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_ASN1_OCTET_STRING_new")
func boring_asn1_octet_string_new() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_ASN1_OCTET_STRING_set")
func boring_asn1_octet_string_set(_ string: OpaquePointer?, _ data: UnsafePointer<UInt8>?, _ length: Int32) -> Int32

@_extern(c, "CNIOBoringSSL_ASN1_OCTET_STRING_free")
func boring_asn1_octet_string_free(_ string: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_X509_EXTENSION_create_by_OBJ")
func boring_x509_extension_create_by_obj(_ out: OpaquePointer?, _ object: OpaquePointer?, _ critical: Int32,
                                         _ data: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_X509_EXTENSION_free")
func boring_x509_extension_free(_ extensionObject: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_X509_add_ext")
func boring_x509_add_ext(_ x509: OpaquePointer?, _ extensionObject: OpaquePointer?, _ location: Int32) -> Int32

@_extern(c, "CNIOBoringSSL_X509_sign")
func boring_x509_sign(_ x509: OpaquePointer?, _ pkey: OpaquePointer?, _ md: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_i2d_X509")
func boring_i2d_x509(_ x509: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32

@_extern(c, "CNIOBoringSSL_d2i_X509")
func boring_d2i_x509(_ out: OpaquePointer?, _ input: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, _ length: Int) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_X509_get_ext_by_OBJ")
func boring_x509_get_ext_by_obj(_ x509: OpaquePointer?, _ object: OpaquePointer?, _ lastPosition: Int32) -> Int32

@_extern(c, "CNIOBoringSSL_X509_get_ext")
func boring_x509_get_ext(_ x509: OpaquePointer?, _ location: Int32) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_X509_EXTENSION_get_data")
func boring_x509_extension_get_data(_ extensionObject: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_ASN1_STRING_get0_data")
func boring_asn1_string_data(_ string: OpaquePointer?) -> UnsafePointer<UInt8>?

@_extern(c, "CNIOBoringSSL_ASN1_STRING_length")
func boring_asn1_string_length(_ string: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_X509_get_X509_PUBKEY")
func boring_x509_get_x509_pubkey(_ x509: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_i2d_X509_PUBKEY")
func boring_i2d_x509_pubkey(_ key: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32

@_extern(c, "CNIOBoringSSL_X509_get0_pubkey")
func boring_x509_get0_pubkey(_ x509: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_X509_verify")
func boring_x509_verify(_ x509: OpaquePointer?, _ pkey: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_X509_check_issued")
func boring_x509_check_issued(_ issuer: OpaquePointer?, _ subject: OpaquePointer?) -> Int32

// MARK: errors

@_extern(c, "CNIOBoringSSL_ERR_get_error")
func boring_err_get_error() -> UInt32

@_extern(c, "CNIOBoringSSL_ERR_peek_error")
func boring_err_peek_error() -> UInt32

@_extern(c, "CNIOBoringSSL_ERR_error_string_n")
func boring_err_error_string_n(_ error: UInt32, _ buffer: UnsafeMutablePointer<CChar>?, _ length: Int) -> UnsafeMutablePointer<CChar>?

// MARK: BIO

@_extern(c, "CNIOBoringSSL_BIO_meth_new")
func boring_bio_meth_new(_ type: Int32, _ name: UnsafePointer<CChar>?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_BIO_meth_set_write")
func boring_bio_meth_set_write(_ method: OpaquePointer?,
                               _ write: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32)?) -> Int32

@_extern(c, "CNIOBoringSSL_BIO_meth_set_read")
func boring_bio_meth_set_read(_ method: OpaquePointer?,
                              _ read: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int32) -> Int32)?) -> Int32

@_extern(c, "CNIOBoringSSL_BIO_meth_set_ctrl")
func boring_bio_meth_set_ctrl(_ method: OpaquePointer?,
                              _ control: (@convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int)?) -> Int32

@_extern(c, "CNIOBoringSSL_BIO_new")
func boring_bio_new(_ method: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_BIO_free")
func boring_bio_free(_ bio: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_BIO_set_data")
func boring_bio_set_data(_ bio: OpaquePointer?, _ data: UnsafeMutableRawPointer?)

@_extern(c, "CNIOBoringSSL_BIO_get_data")
func boring_bio_get_data(_ bio: OpaquePointer?) -> UnsafeMutableRawPointer?

@_extern(c, "CNIOBoringSSL_BIO_set_init")
func boring_bio_set_init(_ bio: OpaquePointer?, _ initialized: Int32)

// MARK: SSL_CTX and SSL

@_extern(c, "CNIOBoringSSL_TLS_method")
func boring_tls_method() -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_SSL_CTX_new")
func boring_ssl_ctx_new(_ method: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_SSL_CTX_free")
func boring_ssl_ctx_free(_ context: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_SSL_CTX_set_min_proto_version")
func boring_ssl_ctx_set_min_version(_ context: OpaquePointer?, _ version: UInt16) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_CTX_set_max_proto_version")
func boring_ssl_ctx_set_max_version(_ context: OpaquePointer?, _ version: UInt16) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_CTX_set_options")
func boring_ssl_ctx_set_options(_ context: OpaquePointer?, _ options: UInt32) -> UInt32

@_extern(c, "CNIOBoringSSL_SSL_CTX_set_session_cache_mode")
func boring_ssl_ctx_set_session_cache_mode(_ context: OpaquePointer?, _ mode: Int32) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_CTX_use_certificate")
func boring_ssl_ctx_use_certificate(_ context: OpaquePointer?, _ x509: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_CTX_use_PrivateKey")
func boring_ssl_ctx_use_private_key(_ context: OpaquePointer?, _ pkey: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_CTX_set_custom_verify")
func boring_ssl_ctx_set_custom_verify(_ context: OpaquePointer?, _ mode: Int32,
                                      _ callback: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt8>?) -> Int32)?)

@_extern(c, "CNIOBoringSSL_SSL_new")
func boring_ssl_new(_ context: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_SSL_free")
func boring_ssl_free(_ ssl: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_SSL_set_bio")
func boring_ssl_set_bio(_ ssl: OpaquePointer?, _ readBIO: OpaquePointer?, _ writeBIO: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_SSL_set_accept_state")
func boring_ssl_set_accept_state(_ ssl: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_SSL_set_connect_state")
func boring_ssl_set_connect_state(_ ssl: OpaquePointer?)

@_extern(c, "CNIOBoringSSL_SSL_do_handshake")
func boring_ssl_do_handshake(_ ssl: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_read")
func boring_ssl_read(_ ssl: OpaquePointer?, _ buffer: UnsafeMutableRawPointer?, _ count: Int32) -> Int32

/// `SSL_pending`: decrypted application data BoringSSL holds from the current record.
@_extern(c, "CNIOBoringSSL_SSL_pending")
func boring_ssl_pending(_ ssl: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_write")
func boring_ssl_write(_ ssl: OpaquePointer?, _ buffer: UnsafeRawPointer?, _ count: Int32) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_shutdown")
func boring_ssl_shutdown(_ ssl: OpaquePointer?) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_get_error")
func boring_ssl_get_error(_ ssl: OpaquePointer?, _ result: Int32) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_set_ex_data")
func boring_ssl_set_ex_data(_ ssl: OpaquePointer?, _ index: Int32, _ data: UnsafeMutableRawPointer?) -> Int32

@_extern(c, "CNIOBoringSSL_SSL_get_ex_data")
func boring_ssl_get_ex_data(_ ssl: OpaquePointer?, _ index: Int32) -> UnsafeMutableRawPointer?

@_extern(c, "CNIOBoringSSL_SSL_get_version")
func boring_ssl_get_version(_ ssl: OpaquePointer?) -> UnsafePointer<CChar>?

@_extern(c, "CNIOBoringSSL_SSL_get0_peer_certificates")
func boring_ssl_get0_peer_certificates(_ ssl: OpaquePointer?) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_OPENSSL_sk_num")
func boring_sk_num(_ stack: OpaquePointer?) -> Int

@_extern(c, "CNIOBoringSSL_OPENSSL_sk_value")
func boring_sk_value(_ stack: OpaquePointer?, _ index: Int) -> OpaquePointer?

@_extern(c, "CNIOBoringSSL_CRYPTO_BUFFER_data")
func boring_crypto_buffer_data(_ buffer: OpaquePointer?) -> UnsafePointer<UInt8>?

@_extern(c, "CNIOBoringSSL_CRYPTO_BUFFER_len")
func boring_crypto_buffer_len(_ buffer: OpaquePointer?) -> Int
