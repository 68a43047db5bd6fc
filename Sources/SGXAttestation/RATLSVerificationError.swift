/// Why an RA-TLS certificate was rejected by ``RATLSVerifier`` (or its evidence by
/// ``RATLSEvidence``). Every case names the check; ``code`` is a stable name for JSON
/// reports and logs, ``description`` adds the detail.
///
/// The DCAP quote check keeps its own error: ``quoteVerificationFailed(_:)`` wraps the
/// ``QuoteVerificationError`` of ``QuoteVerifier`` unchanged.
public enum RATLSVerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not an X.509 certificate (PEM or DER).
    case malformedCertificate(reason: String)
    /// The certificate's key is not ECDSA P-256 or P-384 (RA-TLS keys are ECDSA; RSA
    /// certificates, such as one of Open Enclave's test certificates, are refused here).
    case unsupportedKeyType(String)
    /// The certificate's signature does not verify under its own public key.
    case invalidSelfSignature(reason: String)
    /// None of the three evidence extensions (``RATLSEvidence/Format``) is present.
    case noEvidenceExtension
    /// An evidence extension is present but its value is not well formed.
    case malformedExtension(RATLSEvidence.Format, reason: String)
    /// The quote in the evidence did not pass DCAP verification.
    case quoteVerificationFailed(QuoteVerificationError)
    /// The quote verified, but its REPORTDATA does not bind the certificate's public key the
    /// way the format requires.
    case keyNotBound(RATLSEvidence.Format, reason: String)
    /// The quote verified and binds the key, but the enclave fails the relying party's policy.
    case policyViolation(field: RATLSPolicy.Field, reason: String)

    /// A stable name for the case, used as `errorCode` in JSON reports. Quote failures use
    /// the wrapped ``QuoteVerificationError/Code`` name, as `verify-quote` does.
    public var code: String {
        switch self {
        case .malformedCertificate: "malformedCertificate"
        case .unsupportedKeyType: "unsupportedKeyType"
        case .invalidSelfSignature: "invalidSelfSignature"
        case .noEvidenceExtension: "noEvidenceExtension"
        case .malformedExtension: "malformedExtension"
        case .quoteVerificationFailed(let error): error.code.name
        case .keyNotBound: "keyNotBound"
        case .policyViolation: "policyViolation"
        }
    }

    /// The detail without the code.
    public var detail: String {
        switch self {
        case .malformedCertificate(let reason): "not an X.509 certificate: \(reason)"
        case .unsupportedKeyType(let key): "the certificate key is \(key); RA-TLS certificates need an ECDSA P-256 or P-384 key"
        case .invalidSelfSignature(let reason): "the certificate's self-signature does not verify: \(reason)"
        case .noEvidenceExtension:
            "the certificate has no RA-TLS evidence extension (\(RATLSEvidence.Format.allCases.map { "\($0.oid) \($0.rawValue)" }.joined(separator: ", ")))"
        case .malformedExtension(let format, let reason): "\(format.rawValue) evidence extension \(format.oid): \(reason)"
        case .quoteVerificationFailed(let error): "quote verification failed: \(error)"
        case .keyNotBound(let format, let reason): "\(format.rawValue) evidence does not bind the certificate key: \(reason)"
        case .policyViolation(let field, let reason): "policy (\(field.rawValue)): \(reason)"
        }
    }

    public var description: String { "\(code): \(detail)" }
}
