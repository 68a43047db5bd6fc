import SGXTypes

/// Appraisal of an RA-TLS certificate inside the enclave (the verification callback of
/// ``TLSServer`` and ``TLSClient``), with BoringSSL's X.509 code and SGXTypes' quote parser:
///
/// 1. the certificate parses and its self-signature verifies under its own key;
/// 2. it carries DICE or legacy evidence, and the quote's REPORTDATA binds the
///    certificate's key (``RATLSEvidence``);
/// 3. the quote is a v3 ECDSA-P256 SGX quote whose signature verifies under the
///    attestation key, the QE report's REPORTDATA commits to that key and the QE
///    authentication data, the QE report is signed by the PCK certificate's key, and the
///    PCK chain (certification data type 5) verifies up to a root whose key hash is
///    the policy's pin;
/// 4. the peer's report body satisfies the ``RATLSPolicy``.
///
/// - Important: Not appraised here: the platform's TCB level (Intel's TCB info), the QE
///   identity document and CRLs, which need collateral and a trusted time. Relying
///   parties outside the enclave get all of it from SGXAttestation's verifier.
public enum RATLSAppraisal {
    /// The most certificate bytes appraised (a quote with its PEM chain is ~5 KiB).
    public static let maxCertificateSize = 64 << 10

    /// Appraises a DER certificate; throws `invalidSignature` or `invalidParameter` with
    /// the specific reason.
    public static func appraise(certificateDER der: [UInt8], policy: RATLSPolicy) throws(SGXError) -> RATLSPeer {
        guard !der.isEmpty, der.count <= maxCertificateSize else {
            throw SGXError(.invalidParameter, "certificate of \(der.count) bytes")
        }
        let certificate = try X509Handle(der: der, what: "peer certificate")
        guard let key = boring_x509_get0_pubkey(certificate.pointer),
              let spki = RATLSCredential.encode({ boring_i2d_x509_pubkey(boring_x509_get_x509_pubkey(certificate.pointer), $0) })
        else { throw SGXError(.invalidParameter, "peer certificate has no usable public key") }
        guard boring_x509_verify(certificate.pointer, key) == 1 else {
            boring_err_clear()
            throw SGXError(.invalidSignature, "peer certificate's self-signature does not verify")
        }

        // Evidence and key binding.
        let format: RATLSEvidence.Format
        let quoteBytes: [UInt8]
        let expectedReportData: [UInt8]
        if let value = certificate.extensionValue(oid: RATLSEvidence.Format.dice.oid) {
            let contents = try RATLSEvidence.parseDICE(value)
            guard contents.publicKeyHash == SHA256.hash(spki) else {
                throw SGXError(.invalidSignature, "DICE evidence: pubkey-hash is not the certificate's key")
            }
            format = .dice
            quoteBytes = contents.quote
            expectedReportData = SHA256.hash(contents.claims) + [UInt8](repeating: 0, count: 32)
        } else if let value = certificate.extensionValue(oid: RATLSEvidence.Format.legacy.oid) {
            format = .legacy
            quoteBytes = value
            expectedReportData = RATLSEvidence.reportData(format: .legacy, subjectPublicKeyInfo: spki)
        } else {
            throw SGXError(.invalidParameter, "peer certificate carries no RA-TLS evidence extension")
        }
        let quote = try Quote(bytes: quoteBytes)
        guard constantTimeEquals(quote.reportBody.reportData, expectedReportData) else {
            throw SGXError(.invalidSignature, "quote REPORTDATA does not bind the certificate's key")
        }
        try verifyQuoteSignatures(quote, rootKeyHash: policy.rootKeyHash)
        try policy.check(quote.reportBody)
        return RATLSPeer(format: format, report: quote.reportBody, subjectPublicKeyInfo: spki, quote: quoteBytes)
    }

    /// Step 3: the quote's signature chain up to the pinned root.
    static func verifyQuoteSignatures(_ quote: Quote, rootKeyHash: [UInt8]) throws(SGXError) {
        guard quote.header.version == 3, quote.header.attestationKeyType == QuoteHeader.ecdsaP256,
              quote.header.teeType == QuoteHeader.teeTypeSGX else {
            throw SGXError(.invalidParameter, "quote is not a v3 ECDSA-P256 SGX quote")
        }
        let signature = quote.signatureData
        let attestationKey: P256.PublicKey
        let isvSignature: P256.Signature
        let qeSignature: P256.Signature
        do {
            attestationKey = try P256.PublicKey(rawRepresentation: signature.attestationKey)
            isvSignature = try P256.Signature(rawRepresentation: signature.isvSignature)
            qeSignature = try P256.Signature(rawRepresentation: signature.qeReportSignature)
        } catch {
            throw SGXError(.invalidParameter, "quote: malformed attestation key or signature")
        }
        guard attestationKey.isValidSignature(isvSignature, for: Array(quote.signedBytes)) else {
            throw SGXError(.invalidSignature, "quote: the ISV signature does not verify under the attestation key")
        }
        let binding = SHA256.hash(signature.attestationKey + signature.qeAuthData)
        guard constantTimeEquals(Array(signature.qeReport.reportData[0..<32]), binding),
              signature.qeReport.reportData[32..<64].allSatisfy({ $0 == 0 }) else {
            throw SGXError(.invalidSignature, "quote: the QE report does not commit to the attestation key")
        }
        guard case .pckCertificateChain(let pem) = signature.certificationData else {
            throw SGXError(.invalidParameter, "quote: certification data is not a PCK certificate chain (type 5)")
        }
        let chain = try PEMChain.decode(pem)
        guard chain.count >= 2 && chain.count <= 4 else {
            throw SGXError(.invalidParameter, "quote: PCK chain of \(chain.count) certificates")
        }
        var certificates: [X509Handle] = []
        for der in chain { certificates.append(try X509Handle(der: der, what: "PCK chain certificate")) }
        // Leaf first, root last, each certificate signed by the next; the last one's key is pinned.
        for index in 0..<(certificates.count - 1) {
            guard let issuerKey = boring_x509_get0_pubkey(certificates[index + 1].pointer),
                  boring_x509_check_issued(certificates[index + 1].pointer, certificates[index].pointer) == 0,
                  boring_x509_verify(certificates[index].pointer, issuerKey) == 1 else {
                boring_err_clear()
                throw SGXError(.invalidSignature, "quote: PCK chain certificate \(index) is not signed by the next one")
            }
        }
        let root = certificates[certificates.count - 1]
        guard let rootSPKI = RATLSCredential.encode({ boring_i2d_x509_pubkey(boring_x509_get_x509_pubkey(root.pointer), $0) }),
              let rootKey = boring_x509_get0_pubkey(root.pointer), boring_x509_verify(root.pointer, rootKey) == 1 else {
            boring_err_clear()
            throw SGXError(.invalidSignature, "quote: the PCK chain's root is not self-signed")
        }
        guard constantTimeEquals(SHA256.hash(rootSPKI), rootKeyHash) else {
            throw SGXError(.invalidSignature, "quote: the PCK chain ends in an untrusted root")
        }
        guard let pckKey = certificates[0].p256PublicKey() else {
            throw SGXError(.invalidParameter, "quote: the PCK certificate's key is not P-256")
        }
        guard pckKey.isValidSignature(qeSignature, for: signature.qeReport.bytes) else {
            throw SGXError(.invalidSignature, "quote: the QE report signature does not verify under the PCK key")
        }
    }
}

/// An owned BoringSSL `X509`.
final class X509Handle {
    let pointer: OpaquePointer

    init(der: [UInt8], what: String) throws(SGXError) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            let x509 = boring_d2i_x509(nil, &cursor, buffer.count)
            // All of the input must be the certificate.
            if let x509, cursor != buffer.baseAddress.map({ $0 + buffer.count }) {
                boring_x509_free(x509)
                return nil
            }
            return x509
        }
        guard let parsed else {
            boring_err_clear()
            throw SGXError(.invalidParameter, "\(what) is not a DER X.509 certificate")
        }
        pointer = parsed
    }

    deinit { boring_x509_free(pointer) }

    /// The value (inside the OCTET STRING) of the extension `oid`, or nil.
    func extensionValue(oid: String) -> [UInt8]? {
        guard let object = boring_obj_txt2obj(oid, 1) else { return nil }
        defer { boring_asn1_object_free(object) }
        let index = boring_x509_get_ext_by_obj(pointer, object, -1)
        guard index >= 0, let data = boring_x509_extension_get_data(boring_x509_get_ext(pointer, index)),
              let bytes = boring_asn1_string_data(data) else { return nil }
        let count = Int(boring_asn1_string_length(data))
        return count > 0 ? Array(UnsafeBufferPointer(start: bytes, count: count)) : nil
    }

    /// The certificate's key as a P-256 public key (uncompressed point), if it is one.
    func p256PublicKey() -> P256.PublicKey? {
        guard let spki = RATLSCredential.encode({ boring_i2d_x509_pubkey(boring_x509_get_x509_pubkey(pointer), $0) }),
              spki.count == 91, spki[26] == 0x04 else { return nil }
        // P-256 SPKI: 26 bytes of AlgorithmIdentifier and BIT STRING header, then 0x04 ‖ X ‖ Y.
        let prefix: [UInt8] = [0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                               0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00]
        guard Array(spki[0..<26]) == prefix else { return nil }
        return try? P256.PublicKey(x963Representation: Array(spki[26...]))
    }
}

/// PEM certificate chains (RFC 7468) as the PCK certification data carries them.
enum PEMChain {
    static let begin = Array("-----BEGIN CERTIFICATE-----".utf8)
    static let end = Array("-----END CERTIFICATE-----".utf8)

    /// The DER of every certificate block, in order. Text outside blocks (and a trailing
    /// NUL) is ignored; a block that is not valid base64 is an error.
    static func decode(_ pem: [UInt8]) throws(SGXError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var offset = 0
        while let start = find(begin, in: pem, from: offset) {
            let bodyStart = start + begin.count
            guard let stop = find(end, in: pem, from: bodyStart) else {
                throw SGXError(.invalidParameter, "PEM: a certificate block has no END line")
            }
            out.append(try base64(pem[bodyStart..<stop]))
            offset = stop + end.count
            guard out.count <= 8 else { throw SGXError(.invalidParameter, "PEM: too many certificates") }
        }
        guard !out.isEmpty else { throw SGXError(.invalidParameter, "PEM: no certificate") }
        return out
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var index = from
        while index <= haystack.count - needle.count {
            var match = true
            for offset in 0..<needle.count where haystack[index + offset] != needle[offset] { match = false; break }
            if match { return index }
            index += 1
        }
        return nil
    }

    /// Standard base64 with padding; whitespace skipped.
    private static func base64(_ text: ArraySlice<UInt8>) throws(SGXError) -> [UInt8] {
        var out: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for character in text {
            let value: UInt32
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(character - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(character - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(character - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): padding += 1; continue
            case 0x20, 0x09, 0x0a, 0x0d: continue
            default: throw SGXError(.invalidParameter, "PEM: invalid base64 character")
            }
            guard padding == 0 else { throw SGXError(.invalidParameter, "PEM: data after base64 padding") }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard padding <= 2, !out.isEmpty else { throw SGXError(.invalidParameter, "PEM: malformed base64") }
        return out
    }
}
