import Foundation
import SGXTypes

/// The outcome of a ``QuotePolicy``.
public enum QuotePolicyResult: Sendable, Hashable {
    case meetsPolicy
    case failsToMeetPolicy(reason: String)
}

/// A relying party's requirement on a ``VerifiedQuote`` (in the style of swift-certificates'
/// `VerifierPolicy`). Policies compose with ``QuotePolicyBuilder``:
/// ```swift
/// let policy = AllOf {
///     ExpectedMRSigner(signer)
///     MinimumISVSVN(3)
///     DebugPolicy(allowDebug: false)
///     AcceptedTCBStatuses([.upToDate, .swHardeningNeeded])
/// }
/// let verified = try verifier.verify(quote, collateral: collateral, at: .now, policy: policy)
/// ```
public protocol QuotePolicy: Sendable {
    func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult
}

extension VerifiedQuote {
    /// Throws `policyViolation` with the policy's reason unless `policy` is met.
    public func check<Policy: QuotePolicy>(_ policy: Policy) throws(QuoteVerificationError) {
        if case .failsToMeetPolicy(let reason) = policy.evaluate(self) {
            throw QuoteVerificationError(.policyViolation, reason)
        }
    }
}

/// All of the listed policies; the first failure is reported.
public struct AllOf: QuotePolicy {
    public let policies: [any QuotePolicy]

    public init(_ policies: [any QuotePolicy]) { self.policies = policies }
    public init(@QuotePolicyBuilder _ build: () -> [any QuotePolicy]) { self.policies = build() }

    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        for policy in policies {
            if case .failsToMeetPolicy = policy.evaluate(quote) { return policy.evaluate(quote) }
        }
        return .meetsPolicy
    }
}

/// Result builder for ``AllOf`` (supports `if`, `if/else` and `for`).
@resultBuilder
public enum QuotePolicyBuilder {
    public static func buildExpression(_ policy: some QuotePolicy) -> [any QuotePolicy] { [policy] }
    public static func buildBlock(_ parts: [any QuotePolicy]...) -> [any QuotePolicy] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any QuotePolicy]?) -> [any QuotePolicy] { part ?? [] }
    public static func buildEither(first part: [any QuotePolicy]) -> [any QuotePolicy] { part }
    public static func buildEither(second part: [any QuotePolicy]) -> [any QuotePolicy] { part }
    public static func buildArray(_ parts: [[any QuotePolicy]]) -> [any QuotePolicy] { parts.flatMap { $0 } }
}

/// The enclave's MRENCLAVE must equal the given 32 bytes.
public struct ExpectedMREnclave: QuotePolicy {
    public let mrEnclave: [UInt8]
    public init(_ mrEnclave: [UInt8]) { self.mrEnclave = mrEnclave }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        quote.reportBody.mrEnclave == mrEnclave ? .meetsPolicy
            : .failsToMeetPolicy(reason: "MRENCLAVE \(quote.reportBody.mrEnclave.hexString) is not the expected \(mrEnclave.hexString)")
    }
}

/// The enclave's MRSIGNER must equal the given 32 bytes.
public struct ExpectedMRSigner: QuotePolicy {
    public let mrSigner: [UInt8]
    public init(_ mrSigner: [UInt8]) { self.mrSigner = mrSigner }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        quote.reportBody.mrSigner == mrSigner ? .meetsPolicy
            : .failsToMeetPolicy(reason: "MRSIGNER \(quote.reportBody.mrSigner.hexString) is not the expected \(mrSigner.hexString)")
    }
}

/// The enclave's ISVPRODID must equal the given value.
public struct ExpectedISVProdID: QuotePolicy {
    public let isvProdID: UInt16
    public init(_ isvProdID: UInt16) { self.isvProdID = isvProdID }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        quote.reportBody.isvProdID == isvProdID ? .meetsPolicy
            : .failsToMeetPolicy(reason: "ISVPRODID \(quote.reportBody.isvProdID) is not the expected \(isvProdID)")
    }
}

/// The enclave's ISVSVN must be at least the given value.
public struct MinimumISVSVN: QuotePolicy {
    public let minimum: UInt16
    public init(_ minimum: UInt16) { self.minimum = minimum }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        quote.reportBody.isvSVN >= minimum ? .meetsPolicy
            : .failsToMeetPolicy(reason: "ISVSVN \(quote.reportBody.isvSVN) is below the minimum \(minimum)")
    }
}

/// Debug enclaves (ATTRIBUTES.DEBUG set) are rejected unless `allowDebug`.
public struct DebugPolicy: QuotePolicy {
    public let allowDebug: Bool
    public init(allowDebug: Bool) { self.allowDebug = allowDebug }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        allowDebug || !quote.reportBody.isDebug ? .meetsPolicy
            : .failsToMeetPolicy(reason: "the enclave is a debug enclave (ATTRIBUTES.DEBUG set) and debug enclaves are not allowed")
    }
}

/// The combined TCB status must be one of the given statuses.
public struct AcceptedTCBStatuses: QuotePolicy {
    public let statuses: Set<TCBStatus>
    public init(_ statuses: Set<TCBStatus>) { self.statuses = statuses }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        statuses.contains(quote.tcbStatus) ? .meetsPolicy
            : .failsToMeetPolicy(reason: "TCB status \(quote.tcbStatus.rawValue) (advisories: \(quote.advisoryIDs.joined(separator: ", "))) is not accepted; accepted: \(statuses.map(\.rawValue).sorted().joined(separator: ", "))")
    }
}

/// The report data must equal the given bytes; shorter expectations are compared with the
/// start of the 64-byte field and the rest must be zero.
public struct ExpectedReportData: QuotePolicy {
    public let reportData: [UInt8]
    public init(_ reportData: [UInt8]) { self.reportData = reportData }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        var expected = reportData
        if expected.count < 64 { expected += [UInt8](repeating: 0, count: 64 - expected.count) }
        return quote.reportBody.reportData == expected ? .meetsPolicy
            : .failsToMeetPolicy(reason: "report data \(quote.reportBody.reportData.hexString) is not the expected \(expected.hexString)")
    }
}

/// The oldest collateral document (TCB info, QE identity, CRLs) may be at most `maximumAge`
/// seconds old at the verification time.
public struct MaximumCollateralAge: QuotePolicy {
    public let maximumAge: TimeInterval
    public init(seconds: TimeInterval) { self.maximumAge = seconds }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        let age = quote.verificationTime.timeIntervalSince(quote.collateralIssueDate)
        return age <= maximumAge ? .meetsPolicy
            : .failsToMeetPolicy(reason: "the oldest collateral was issued \(iso(quote.collateralIssueDate)), \(Int(age)) s before the verification time \(iso(quote.verificationTime)); the maximum age is \(Int(maximumAge)) s")
    }
}
