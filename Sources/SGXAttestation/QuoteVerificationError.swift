import SGXTypes

/// The one error type of `SGXAttestation`: a ``Code`` saying which check failed plus a
/// detail for people naming the field, offset, certificate or date involved.
///
/// Codes are an open set (a struct with static members, as in swift-certificates), so new
/// checks can add codes without breaking `switch`-free clients. Match on `code`:
/// ```swift
/// catch let error where error.code == .invalidISVSignature { ... }
/// ```
public struct QuoteVerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The quote bytes are not a well-formed quote (the detail names the field and offset).
        public static let malformedQuote = Code("malformedQuote")
        /// Well-formed, but a version, key type, TEE type or certification data type this
        /// verifier does not handle.
        public static let unsupportedQuote = Code("unsupportedQuote")
        /// The PCK certificate is neither in the quote nor in the collateral.
        public static let missingPCKCertificate = Code("missingPCKCertificate")
        /// A certificate chain does not lead to a trusted root key.
        public static let untrustedCertificateChain = Code("untrustedCertificateChain")
        /// A certificate is outside its validity period at the verification time.
        public static let certificateExpired = Code("certificateExpired")
        public static let certificateNotYetValid = Code("certificateNotYetValid")
        /// A certificate's serial number is on a CRL.
        public static let certificateRevoked = Code("certificateRevoked")
        /// The QE report signature does not verify under the PCK key.
        public static let invalidQEReportSignature = Code("invalidQEReportSignature")
        /// QE report data is not SHA-256(attestation key ‖ QE auth data) ‖ 32 zero bytes.
        public static let attestationKeyBindingMismatch = Code("attestationKeyBindingMismatch")
        /// The ISV signature over quote[0..<432] does not verify under the attestation key.
        public static let invalidISVSignature = Code("invalidISVSignature")
        public static let invalidTCBInfoSignature = Code("invalidTCBInfoSignature")
        public static let invalidQEIdentitySignature = Code("invalidQEIdentitySignature")
        public static let invalidCRLSignature = Code("invalidCRLSignature")
        /// Collateral (TCB info, QE identity, CRL) past its nextUpdate.
        public static let collateralExpired = Code("collateralExpired")
        /// Collateral issued after the verification time.
        public static let collateralNotYetValid = Code("collateralNotYetValid")
        /// Collateral that cannot be parsed or is inconsistent.
        public static let malformedCollateral = Code("malformedCollateral")
        /// A piece of collateral the verification needs is absent.
        public static let missingCollateral = Code("missingCollateral")
        /// The PCK certificate's FMSPC differs from the TCB info's.
        public static let fmspcMismatch = Code("fmspcMismatch")
        /// The PCK certificate's PCE-ID differs from the TCB info's.
        public static let pceIDMismatch = Code("pceIDMismatch")
        /// No TCB level in the TCB info is at or below the platform's TCB.
        public static let tcbLevelNotFound = Code("tcbLevelNotFound")
        /// The QE's MRSIGNER, ISVPRODID, MISCSELECT or ATTRIBUTES differ from the QE identity.
        public static let qeIdentityMismatch = Code("qeIdentityMismatch")
        /// No QE identity TCB level is at or below the QE's ISVSVN.
        public static let qeTCBLevelNotFound = Code("qeTCBLevelNotFound")
        /// The quote verified but a policy rejected it.
        public static let policyViolation = Code("policyViolation")
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code): \(detail)" }

    /// Wraps a structural error from `SGXTypes`.
    init(parsing error: SGXError) {
        self.init(error.status == .invalidVersion ? .unsupportedQuote : .malformedQuote, error.detail)
    }
}
