import SGXTypes

/// What an enclave requires of an RA-TLS peer (``RATLSAppraisal``): the root of the
/// quote's PCK certificate chain, and the peer enclave's identity.
///
/// The root is pinned by the SHA-256 of its DER SubjectPublicKeyInfo. Production enclaves
/// pin ``intelSGXRootKeyHash``, compiled into the enclave and so measured. Taking the pin
/// from the host (an ECALL argument) lets the host choose whom the enclave trusts: do it
/// only for simulation, where the simulated root is made by the host anyway.
public struct RATLSPolicy: Sendable {
    /// SHA-256 of the Intel SGX Root CA's SubjectPublicKeyInfo (both published variants
    /// of the certificate share the key).
    public static let intelSGXRootKeyHash: [UInt8] = [
        0xa0, 0xaf, 0x03, 0x12, 0x89, 0xf5, 0xd5, 0xd4, 0x13, 0x2f, 0x91, 0x86, 0x06, 0x8a, 0x7f, 0xc1,
        0x36, 0x28, 0x63, 0x3b, 0xa2, 0x35, 0x77, 0x74, 0x72, 0xe2, 0x9b, 0x6b, 0x6c, 0x67, 0xa4, 0x9e,
    ]

    /// SHA-256 of the DER SubjectPublicKeyInfo of the root CA the PCK chain must end in.
    public var rootKeyHash: [UInt8]
    /// Accepted MRENCLAVE values (empty: any).
    public var mrEnclave: [[UInt8]]
    /// Accepted MRSIGNER values (empty: any).
    public var mrSigner: [[UInt8]]
    /// Required ISVPRODID (nil: any).
    public var productID: UInt16?
    /// Lowest accepted ISVSVN.
    public var minimumSVN: UInt16
    /// Whether a DEBUG enclave is acceptable (its memory is readable by a debugger).
    public var allowDebug: Bool

    public init(rootKeyHash: [UInt8] = RATLSPolicy.intelSGXRootKeyHash, mrEnclave: [[UInt8]] = [], mrSigner: [[UInt8]] = [],
                productID: UInt16? = nil, minimumSVN: UInt16 = 0, allowDebug: Bool = false) {
        self.rootKeyHash = rootKeyHash
        self.mrEnclave = mrEnclave
        self.mrSigner = mrSigner
        self.productID = productID
        self.minimumSVN = minimumSVN
        self.allowDebug = allowDebug
    }

    /// Checks the peer's report body; throws `invalidSignature`-class errors naming the
    /// field that fails.
    func check(_ report: ReportBody) throws(SGXError) {
        if !mrEnclave.isEmpty && !mrEnclave.contains(report.mrEnclave) {
            throw SGXError(.invalidSignature, "policy: MRENCLAVE is not one of the accepted values")
        }
        if !mrSigner.isEmpty && !mrSigner.contains(report.mrSigner) {
            throw SGXError(.invalidSignature, "policy: MRSIGNER is not one of the accepted values")
        }
        if let productID, report.isvProdID != productID {
            throw SGXError(.invalidSignature, "policy: ISVPRODID \(report.isvProdID) is not \(productID)")
        }
        if report.isvSVN < minimumSVN {
            throw SGXError(.invalidSignature, "policy: ISVSVN \(report.isvSVN) is below \(minimumSVN)")
        }
        if report.attributes.flags.contains(.debug) && !allowDebug {
            throw SGXError(.invalidSignature, "policy: the peer is a DEBUG enclave")
        }
        if !report.attributes.flags.contains(.mode64Bit) {
            throw SGXError(.invalidSignature, "policy: the peer is not a 64-bit enclave")
        }
    }
}

/// An RA-TLS peer that passed ``RATLSAppraisal``.
public struct RATLSPeer: Sendable {
    /// Which extension carried the evidence.
    public let format: RATLSEvidence.Format
    /// The peer enclave's report body from its quote (MRENCLAVE, MRSIGNER, ...).
    public let report: ReportBody
    /// The peer's certificate key, DER SubjectPublicKeyInfo (bound to the quote).
    public let subjectPublicKeyInfo: [UInt8]
    /// The quote.
    public let quote: [UInt8]
}
