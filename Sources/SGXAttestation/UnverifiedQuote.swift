import Foundation
import SGXTypes
import X509

/// A DCAP quote that has been parsed but not verified: nothing in it may be trusted yet.
/// ``QuoteVerifier`` turns it into a ``VerifiedQuote``.
public struct UnverifiedQuote: Sendable {
    /// The decoded structure (SGXTypes).
    public let quote: Quote
    /// The certificates carried in the certification data (type 5 chain or type 4 leaf), in
    /// the order found; empty for PPID types 1–3.
    public let embeddedCertificates: [Certificate]

    /// Parses `bytes` as a v3 or v4 SGX ECDSA quote, including any embedded PEM certificates.
    public init(bytes: [UInt8]) throws(QuoteVerificationError) {
        do {
            quote = try Quote(bytes: bytes)
        } catch {
            throw QuoteVerificationError(parsing: error)
        }
        switch quote.signatureData.certificationData {
        case .pckCertificateChain(let pem), .pckCertificate(let pem):
            do {
                embeddedCertificates = try parseCertificates(pem, context: "quote certification data")
            } catch {
                throw QuoteVerificationError(.malformedQuote, error.detail)
            }
            guard !embeddedCertificates.isEmpty else {
                throw QuoteVerificationError(.malformedQuote, "quote certification data: no certificate in the PEM chain")
            }
        case .ppidCleartext, .ppidEncryptedRSA2048, .ppidEncryptedRSA3072:
            embeddedCertificates = []
        case .qeReportCertificationData, .other:
            throw QuoteVerificationError(.unsupportedQuote,
                "quote certification data type \(quote.signatureData.certificationData.type) is not supported (1, 2, 3, 4, 5)")
        }
    }

    /// Convenience for `Data`.
    public init(data: Data) throws(QuoteVerificationError) {
        try self.init(bytes: [UInt8](data))
    }
}

/// A quote whose signatures, certificate chain, revocation status, collateral and TCB level
/// have all been checked at ``verificationTime`` against a ``TrustedRoot``. Only
/// ``QuoteVerifier`` makes these.
public struct VerifiedQuote: Sendable {
    public let quote: Quote
    /// The attested enclave's identity (MRENCLAVE, MRSIGNER, ISVPRODID, ISVSVN, attributes,
    /// report data).
    public var reportBody: ReportBody { quote.reportBody }
    /// The combined status (platform and QE, Intel's rules).
    public let tcbStatus: TCBStatus
    public let platformTCBStatus: TCBStatus
    public let qeTCBStatus: TCBStatus
    /// Advisory IDs of the platform and QE TCB levels, without duplicates, in order found.
    public let advisoryIDs: [String]
    /// The matching platform TCB level's date.
    public let tcbDate: Date?
    public let fmspc: [UInt8]
    public let pceID: [UInt8]
    /// Earliest nextUpdate / notAfter of everything the verification relied on.
    public let collateralExpiry: Date
    /// Earliest issueDate / thisUpdate of the collateral documents (for maximum-age policies).
    public let collateralIssueDate: Date
    public let verificationTime: Date
    /// The PCK path, leaf first.
    public let pckCertificatePath: [Certificate]
    public let trustedRoot: TrustedRoot
    /// Checks that were skipped because options allowed it (e.g. a missing root CA CRL).
    public let skippedChecks: [String]
}
