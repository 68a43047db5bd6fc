/// A DCAP ECDSA-P256 SGX quote: `sgx_quote3_t` (version 3) or the SGX form of
/// `sgx_quote4_t` (version 4, tee_type 0).
///
/// Layout: 0 header 48 (``QuoteHeader``) · 48 ISV enclave report body 384 (``ReportBody``) ·
/// 432 signature_data_len u32 · 436 signature data (``QuoteSignatureData``).
///
/// Decoding only checks the structure: every length is bounds-checked and a failure names
/// the field and its offset; nothing here checks a signature (that is the host's
/// `SGXAttestation` verifier's job).
public struct Quote: Hashable, Sendable {
    /// Offset of the signature data.
    public static let signatureDataOffset = 436
    /// Length of the bytes covered by the ISV signature (header + report body).
    public static let signedLength = 432

    public var header: QuoteHeader
    /// The report body of the attested (ISV) enclave.
    public var reportBody: ReportBody
    public var signatureData: QuoteSignatureData
    /// The quote exactly as received.
    public let bytes: [UInt8]

    /// Decodes and structurally validates a quote.
    public init(bytes: [UInt8]) throws(SGXError) {
        guard bytes.count >= Quote.signatureDataOffset else {
            throw SGXError(.invalidParameter,
                           "quote truncated: \(bytes.count) bytes, the header, report body and signature_data_len need \(Quote.signatureDataOffset)")
        }
        header = try QuoteHeader(bytes: bytes.bytes(at: 0, count: 48))
        guard header.version == 3 || header.version == 4 else {
            throw SGXError(.invalidVersion, "quote: version at offset 0 is \(header.version), supported: 3, 4")
        }
        guard header.attestationKeyType == QuoteHeader.ecdsaP256 else {
            throw SGXError(.invalidParameter,
                           "quote: att_key_type at offset 2 is \(header.attestationKeyType), supported: 2 (ECDSA-P256)")
        }
        guard header.teeType == QuoteHeader.teeTypeSGX else {
            throw SGXError(.invalidParameter,
                           "quote: tee_type at offset 4 is 0x\(String(header.teeType, radix: 16)), supported: 0 (SGX)")
        }
        reportBody = try QuoteBounds.reportBody(bytes.bytes(at: 48, count: 384), "ISV report body", 48)
        let signatureLength = Int(bytes.loadLE(UInt32.self, at: 432))
        let available = bytes.count - Quote.signatureDataOffset
        guard signatureLength == available else {
            throw SGXError(.invalidParameter,
                           signatureLength > available
                               ? "quote truncated: signature_data_len at offset 432 is \(signatureLength), \(available) bytes follow"
                               : "quote: signature_data_len at offset 432 is \(signatureLength), but \(available) bytes follow")
        }
        signatureData = try QuoteSignatureData(bytes: Array(bytes[Quote.signatureDataOffset...]),
                                               version: header.version, baseOffset: Quote.signatureDataOffset)
        self.bytes = bytes
    }

    /// The bytes the ISV signature covers: header and ISV report body, quote[0..<432].
    public var signedBytes: ArraySlice<UInt8> { bytes[0..<Quote.signedLength] }
}
