/// The ECDSA-P256 quote signature data (`sgx_ql_ecdsa_sig_data_t`), normalised over quote
/// versions 3 and 4.
///
/// v3 layout (offsets from the start of the signature data, i.e. quote offset 436):
/// 0 ISV signature 64 (r‖s) · 64 attestation public key 64 (X‖Y) · 128 QE report body 384 ·
/// 512 QE report signature 64 · 576 qe_auth_data_len u16 · auth data · certification data.
///
/// v4 (SGX) layout: 0 ISV signature 64 · 64 attestation public key 64 · 128 certification
/// data of type 6 (``QEReportCertificationData``), which carries the QE report, its
/// signature, the auth data and the PCK certification data. This type exposes the same
/// fields for both versions.
public struct QuoteSignatureData: Hashable, Sendable {
    /// ECDSA-P256 signature, raw r‖s, over the quote header and ISV report body (quote[0..<432]).
    public var isvSignature: [UInt8]
    /// The attestation public key, raw X‖Y (64 bytes; prepend 0x04 for X9.63).
    public var attestationKey: [UInt8]
    /// The Quoting Enclave's report body; its report data binds the attestation key.
    public var qeReport: ReportBody
    /// ECDSA-P256 signature, raw r‖s, by the PCK key over the 384-byte QE report body.
    public var qeReportSignature: [UInt8]
    public var qeAuthData: [UInt8]
    /// The certification data that leads to the PCK certificate (for v4, the one nested in
    /// the type-6 block).
    public var certificationData: CertificationData

    public init(isvSignature: [UInt8], attestationKey: [UInt8], qeReport: ReportBody, qeReportSignature: [UInt8],
                qeAuthData: [UInt8], certificationData: CertificationData) {
        self.isvSignature = isvSignature
        self.attestationKey = attestationKey
        self.qeReport = qeReport
        self.qeReportSignature = qeReportSignature
        self.qeAuthData = qeAuthData
        self.certificationData = certificationData
    }

    /// Decodes signature data of quote `version`; `bytes` is exactly the signature data, which
    /// starts at quote offset `baseOffset`.
    public init(bytes: [UInt8], version: UInt16, baseOffset: Int = 436) throws(SGXError) {
        try QuoteBounds.check(bytes, 0, 64, "ISV signature", baseOffset)
        isvSignature = bytes.bytes(at: 0, count: 64)
        try QuoteBounds.check(bytes, 64, 64, "attestation public key", baseOffset)
        attestationKey = bytes.bytes(at: 64, count: 64)
        if version == 3 {
            try QuoteBounds.check(bytes, 128, 384, "QE report", baseOffset)
            qeReport = try QuoteBounds.reportBody(bytes.bytes(at: 128, count: 384), "QE report", baseOffset + 128)
            try QuoteBounds.check(bytes, 512, 64, "QE report signature", baseOffset)
            qeReportSignature = bytes.bytes(at: 512, count: 64)
            try QuoteBounds.check(bytes, 576, 2, "qe_auth_data_len", baseOffset)
            let authLength = Int(bytes.loadLE(UInt16.self, at: 576))
            try QuoteBounds.check(bytes, 578, authLength, "qe_auth_data", baseOffset)
            qeAuthData = bytes.bytes(at: 578, count: authLength)
            certificationData = try CertificationData.decodeBlock(bytes, at: 578 + authLength, baseOffset: baseOffset, context: "the")
            if case .qeReportCertificationData = certificationData {
                throw SGXError(.invalidParameter, "quote v3: certification data type 6 is only valid in quote v4")
            }
        } else {
            let outer = try CertificationData.decodeBlock(bytes, at: 128, baseOffset: baseOffset, context: "the outer")
            guard case .qeReportCertificationData(let nested) = outer else {
                throw SGXError(.invalidParameter,
                               "quote v4: certification data at offset \(baseOffset + 128) has type \(outer.type), expected 6 (QE report certification data)")
            }
            qeReport = nested.qeReport
            qeReportSignature = nested.qeReportSignature
            qeAuthData = nested.qeAuthData
            certificationData = nested.certificationData
        }
    }

    /// The encoding for quote `version` (3 or 4).
    public func bytes(version: UInt16) -> [UInt8] {
        let head = fixed(isvSignature, 64) + fixed(attestationKey, 64)
        let nested = QEReportCertificationData(qeReport: qeReport, qeReportSignature: qeReportSignature,
                                               qeAuthData: qeAuthData, certificationData: certificationData)
        if version == 3 {
            return head + nested.bytes
        }
        return head + CertificationData.qeReportCertificationData(nested).bytes
    }
}
