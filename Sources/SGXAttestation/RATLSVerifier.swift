import Foundation
import X509

/// Verifies an RA-TLS certificate: a self-signed X.509 certificate whose extension carries an
/// SGX DCAP quote binding the certificate's key (formats in ``RATLSEvidence``).
///
/// Steps, in order; the first failure is thrown as a ``RATLSVerificationError``:
/// 1. Key type (ECDSA P-256/P-384) and self-signature (``RATLSSelfSignature``).
/// 2. Evidence: the first extension of ``RATLSEvidence/Format/allCases`` present, parsed.
/// 3. The quote: ``UnverifiedQuote`` and the DCAP ``QuoteVerifier`` with ``collateral`` at the
///    given time under ``quoteVerifier``'s trusted roots (Intel's by default; simulated
///    quotes verify only when the simulation root is passed explicitly, as with
///    `swift-sgx verify-quote --root`).
/// 4. Key binding: the verified quote's REPORTDATA binds the certificate key
///    (``RATLSEvidence/checkKeyBinding(reportData:)``).
/// 5. ``policy`` (``RATLSPolicy``), naming the failing field.
///
/// The certificate's validity dates are not checked: an enclave's clock is the host's and
/// untrusted; freshness comes from the quote's collateral and the TLS handshake.
public struct RATLSVerifier: Sendable {
    /// The DCAP verifier (trusted roots and options) used for step 3.
    public var quoteVerifier: QuoteVerifier
    /// Collateral for the quote (TCB info, QE identity, CRLs).
    public var collateral: Collateral
    public var policy: RATLSPolicy

    public init(quoteVerifier: QuoteVerifier = QuoteVerifier(), collateral: Collateral, policy: RATLSPolicy = RATLSPolicy()) {
        self.quoteVerifier = quoteVerifier
        self.collateral = collateral
        self.policy = policy
    }

    /// Verifies a certificate given as PEM (the first CERTIFICATE block is used) or DER.
    public func verify(certificateBytes bytes: [UInt8], at time: Date) throws(RATLSVerificationError) -> VerifiedRATLSCertificate {
        try verify(try Self.parseCertificate(bytes), at: time)
    }

    /// Verifies `certificate` at `time` (steps 1–5).
    public func verify(_ certificate: Certificate, at time: Date) throws(RATLSVerificationError) -> VerifiedRATLSCertificate {
        let verified = try verifyEvidence(certificate, at: time)
        try policy.check(verified.quote)
        return verified
    }

    /// Steps 1–4 only: the certificate is genuine evidence of *some* enclave, whose identity
    /// ``policy`` has not yet judged. For reporting; use ``verify(_:at:)`` to decide trust.
    public func verifyEvidence(_ certificate: Certificate, at time: Date) throws(RATLSVerificationError) -> VerifiedRATLSCertificate {
        try RATLSSelfSignature.check(certificate)
        let evidence = try RATLSEvidence(certificate: certificate)
        let verified: VerifiedQuote
        do {
            verified = try quoteVerifier.verify(try UnverifiedQuote(bytes: evidence.quote), collateral: collateral, at: time)
        } catch {
            throw .quoteVerificationFailed(error)
        }
        try evidence.checkKeyBinding(reportData: verified.reportBody.reportData)
        return VerifiedRATLSCertificate(certificate: certificate, evidence: evidence, quote: verified)
    }

    /// The first certificate in PEM text or a DER certificate.
    public static func parseCertificate(_ bytes: [UInt8]) throws(RATLSVerificationError) -> Certificate {
        let certificates: [Certificate]
        do {
            certificates = try parseCertificates(bytes, context: "RA-TLS certificate")
        } catch {
            throw .malformedCertificate(reason: error.detail)
        }
        guard let first = certificates.first else { throw .malformedCertificate(reason: "no certificate found") }
        return first
    }
}

/// An RA-TLS certificate that passed every step of ``RATLSVerifier``: the enclave identity in
/// ``quote`` holds the private key of ``certificate``.
public struct VerifiedRATLSCertificate: Sendable {
    public let certificate: Certificate
    public let evidence: RATLSEvidence
    /// The verified quote: enclave identity, TCB status, advisories, collateral expiry.
    public let quote: VerifiedQuote

    /// The evidence format that carried the quote.
    public var format: RATLSEvidence.Format { evidence.format }
}
