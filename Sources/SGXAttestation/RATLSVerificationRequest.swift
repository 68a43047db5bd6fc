import Foundation
import SGXTypes

/// What `swift-sgx ratls verify` does, as a function: read an RA-TLS certificate (PEM or DER)
/// and collateral, verify with ``RATLSVerifier`` at a time under the given roots and policy,
/// and describe the outcome in the report `verify-quote` uses (plus `extension`, `keyBound`).
public struct RATLSVerificationRequest: Sendable {
    public var certificatePath: URL
    /// Collateral file or directory (any layout ``Collateral/load(contentsOf:)`` reads).
    /// Required for a successful verification; nil reports `missingCollateral`.
    public var collateralPath: URL?
    /// Certificate files whose keys replace Intel's root as trust anchors (PEM or DER); the
    /// swift-sgx simulation root must be given here for simulated quotes to verify.
    public var rootCertificatePaths: [URL]
    public var time: Date
    public var options: QuoteVerifier.Options
    public var policy: RATLSPolicy

    public init(certificatePath: URL, collateralPath: URL?, rootCertificatePaths: [URL] = [], time: Date = Date(),
                options: QuoteVerifier.Options = .init(), policy: RATLSPolicy = RATLSPolicy()) {
        self.certificatePath = certificatePath
        self.collateralPath = collateralPath
        self.rootCertificatePaths = rootCertificatePaths
        self.time = time
        self.options = options
        self.policy = policy
    }

    /// Runs the verification; never throws: failures are described in the report.
    public func run() -> QuoteVerificationReport {
        var report = QuoteVerificationReport(time: time)
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: certificatePath))
        } catch {
            report.errorCode = "malformedCertificate"
            report.error = "cannot read certificate \(certificatePath.path): \(error.localizedDescription)"
            return report
        }
        do throws(RATLSVerificationError) {
            let certificate = try RATLSVerifier.parseCertificate(bytes)
            try RATLSSelfSignature.check(certificate)
            let evidence = try RATLSEvidence(certificate: certificate)
            report.extension = evidence.format.rawValue
            // Describe what the quote claims even when verification fails later.
            if let quote = try? UnverifiedQuote(bytes: evidence.quote) { report.describe(quote.quote.reportBody) }
            guard let collateralPath else {
                throw .quoteVerificationFailed(QuoteVerificationError(.missingCollateral, "no collateral given (--collateral)"))
            }
            let verifier: RATLSVerifier
            do {
                verifier = RATLSVerifier(quoteVerifier: try QuoteVerifier(rootCertificatePaths: rootCertificatePaths, options: options),
                                         collateral: try Collateral.load(contentsOf: collateralPath), policy: policy)
            } catch {
                throw .quoteVerificationFailed(error)
            }
            let verified: VerifiedRATLSCertificate
            do {
                verified = try verifier.verifyEvidence(certificate, at: time)
            } catch {
                if case .keyNotBound = error { report.keyBound = false }
                throw error
            }
            report.keyBound = true
            report.describe(verified.quote)
            try policy.check(verified.quote)
            report.verified = true
        } catch {
            report.errorCode = error.code
            report.error = error.detail
        }
        return report
    }
}
