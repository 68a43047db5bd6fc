import SGXTypes

/// An RA-TLS identity made inside the enclave: a fresh P-256 key that never leaves
/// enclave memory, a DCAP quote whose REPORTDATA binds the key's SubjectPublicKeyInfo
/// (``RATLSEvidence``), and a self-signed X.509 v3 certificate (ECDSA with SHA-256)
/// carrying the quote in the DICE extension 2.23.133.5.4.9 or the legacy raw-quote
/// extension 1.2.840.113741.1.13.1.
///
/// A relying party that verifies the quote and the binding knows the TLS peer holding
/// this key is the quoted enclave; the certificate's names and validity carry no trust
/// (the enclave has no trusted clock: the validity window is fixed and wide).
///
/// - Important: In simulation the quote is signed by the simulator's public keys:
///   it proves nothing to anyone who does not choose to trust the simulation root.
public struct RATLSCredential: ~Copyable {
    /// The `EVP_PKEY` (owned; freed with the credential).
    let key: OpaquePointer
    /// The `X509` (owned).
    let certificate: OpaquePointer
    /// The certificate, DER.
    public let certificateDER: [UInt8]
    /// The DER SubjectPublicKeyInfo of the key.
    public let subjectPublicKeyInfo: [UInt8]
    /// The quote the certificate carries.
    public let quote: [UInt8]
    /// The extension format used.
    public let format: RATLSEvidence.Format

    /// Not before 2001-01-01T00:00:00Z, not after 2049-12-31T23:59:59Z (UTCTime range).
    public static let notBefore: Int64 = 978_307_200
    public static let notAfter: Int64 = 2_524_607_999

    /// Makes a key, gets a quote binding it (through the quoting enclave OCALLs) and
    /// issues the self-signed certificate. `commonName` is informational.
    public init(format: RATLSEvidence.Format = .dice, commonName: String = "swift-sgx RA-TLS enclave") throws(SGXError) {
        guard let ecKey = boring_ec_key_new_by_curve_name(nidP256) else { throw SGXError(.outOfMemory, "EC_KEY_new") }
        guard boring_ec_key_generate(ecKey) == 1, let pkey = boring_pkey_new() else {
            boring_ec_key_free(ecKey)
            throw SGXError(.unexpected, "P-256 key generation failed")
        }
        guard boring_pkey_assign_ec_key(pkey, ecKey) == 1 else {
            boring_ec_key_free(ecKey)
            boring_pkey_free(pkey)
            throw SGXError(.unexpected, "EVP_PKEY_assign_EC_KEY failed")
        }
        guard let spki = Self.encode({ boring_i2d_pubkey(pkey, $0) }) else {
            boring_pkey_free(pkey)
            throw SGXError(.unexpected, "cannot encode the public key")
        }
        let quote: [UInt8]
        do {
            quote = try Attestation.quote(reportData: RATLSEvidence.reportData(format: format, subjectPublicKeyInfo: spki))
        } catch {
            boring_pkey_free(pkey)
            throw error
        }
        let extensionValue: [UInt8]
        switch format {
        case .dice:
            extensionValue = RATLSEvidence.diceExtensionValue(
                quote: quote, claims: RATLSEvidence.diceClaims(subjectPublicKeyInfo: spki))
        case .legacy:
            extensionValue = quote
        }
        guard let x509 = Self.selfSigned(key: pkey, commonName: commonName, extensionOID: format.oid, extensionValue: extensionValue),
              let der = Self.encode({ boring_i2d_x509(x509.pointer, $0) }) else {
            boring_pkey_free(pkey)
            boring_err_clear()
            throw SGXError(.unexpected, "cannot issue the RA-TLS certificate")
        }
        key = pkey
        certificate = x509.pointer
        certificateDER = der
        subjectPublicKeyInfo = spki
        self.quote = quote
        self.format = format
    }

    deinit {
        boring_x509_free(certificate)
        boring_pkey_free(key)
    }

    /// Wraps an owned pointer so a failing step can free it (a guard cannot).
    private struct Owned { let pointer: OpaquePointer }

    /// The certificate: v3, random 63-bit serial, subject = issuer = CN, the fixed validity,
    /// the key, the evidence extension (non-critical), signed ECDSA-SHA256.
    private static func selfSigned(key: OpaquePointer, commonName: String, extensionOID: String,
                                   extensionValue: [UInt8]) -> Owned? {
        guard let x509 = boring_x509_new() else { return nil }
        let serialBytes = randomBytes(8)
        var serial: UInt64 = 0
        for byte in serialBytes { serial = serial << 8 | UInt64(byte) }
        serial = (serial >> 1) | 1 // positive, non-zero
        let name = boring_x509_get_subject_name(x509)
        let cn = Array(commonName.utf8)
        var ok = boring_x509_set_version(x509, x509Version3) == 1
            && boring_asn1_integer_set_uint64(boring_x509_get_serial(x509), serial) == 1
            && cn.withUnsafeBufferPointer { bytes in
                boring_x509_name_add_entry_by_txt(name, "CN", mbstringASCII, bytes.baseAddress, bytes.count, -1, 0) == 1
            }
            && boring_x509_set_issuer_name(x509, name) == 1
            && boring_asn1_time_set_posix(boring_x509_getm_not_before(x509), notBefore) != nil
            && boring_asn1_time_set_posix(boring_x509_getm_not_after(x509), notAfter) != nil
            && boring_x509_set_pubkey(x509, key) == 1
        if ok {
            ok = addExtension(x509, oid: extensionOID, value: extensionValue)
                && boring_x509_sign(x509, key, boring_evp_sha256()) > 0
        }
        guard ok else {
            boring_x509_free(x509)
            return nil
        }
        return Owned(pointer: x509)
    }

    private static func addExtension(_ x509: OpaquePointer, oid: String, value: [UInt8]) -> Bool {
        guard value.count <= Int(Int32.max), let object = boring_obj_txt2obj(oid, 1) else { return false }
        defer { boring_asn1_object_free(object) }
        guard let octets = boring_asn1_octet_string_new() else { return false }
        defer { boring_asn1_octet_string_free(octets) }
        let stored = value.withUnsafeBufferPointer { boring_asn1_octet_string_set(octets, $0.baseAddress, Int32($0.count)) }
        guard stored == 1, let extensionObject = boring_x509_extension_create_by_obj(nil, object, 0, octets) else { return false }
        defer { boring_x509_extension_free(extensionObject) }
        return boring_x509_add_ext(x509, extensionObject, -1) == 1
    }

    /// Runs a BoringSSL `i2d_*` function twice: once for the length, once to write.
    static func encode(_ i2d: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) -> [UInt8]? {
        let length = i2d(nil)
        guard length > 0 else { return nil }
        var out = [UInt8](repeating: 0, count: Int(length))
        let written = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d(&cursor)
        }
        return written == length ? out : nil
    }
}
