/// What a relying party requires of the enclave behind an RA-TLS certificate, field by field,
/// so that a failure names the field (``RATLSVerificationError/policyViolation(field:reason:)``).
///
/// Each field is checked with the existing ``QuotePolicy`` of that field (``AnyOfMREnclaves``,
/// ``AnyOfMRSigners``, ``ExpectedISVProdID``, ``MinimumISVSVN``, ``DebugPolicy``,
/// ``AcceptedTCBStatuses``), in the order of ``Field``; ``additionalPolicies`` run last.
///
/// An empty MRENCLAVE and MRSIGNER set accepts *any* enclave that the TCB policy admits: real
/// relying parties should pin at least one of them.
public struct RATLSPolicy: QuotePolicy {
    /// The policy fields, as named in errors.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case mrEnclave = "MRENCLAVE"
        case mrSigner = "MRSIGNER"
        case isvProdID = "ISVPRODID"
        case isvSVN = "ISVSVN"
        case debug = "DEBUG"
        case tcbStatus = "TCB status"
        /// One of ``additionalPolicies``.
        case additional = "additional policy"
    }

    /// Accepted MRENCLAVE values; empty accepts any.
    public var mrEnclaves: Set<[UInt8]>
    /// Accepted MRSIGNER values; empty accepts any.
    public var mrSigners: Set<[UInt8]>
    /// Required ISVPRODID, if any.
    public var isvProdID: UInt16?
    /// Minimum ISVSVN, if any.
    public var minimumISVSVN: UInt16?
    /// Accept debug enclaves (default false).
    public var allowDebug: Bool
    /// Accepted combined TCB statuses (default `[.upToDate]`).
    public var acceptedTCBStatuses: Set<TCBStatus>
    /// Further requirements (report data, collateral age, your own).
    public var additionalPolicies: [any QuotePolicy]

    public init(mrEnclaves: Set<[UInt8]> = [], mrSigners: Set<[UInt8]> = [], isvProdID: UInt16? = nil,
                minimumISVSVN: UInt16? = nil, allowDebug: Bool = false, acceptedTCBStatuses: Set<TCBStatus> = [.upToDate],
                additionalPolicies: [any QuotePolicy] = []) {
        self.mrEnclaves = mrEnclaves
        self.mrSigners = mrSigners
        self.isvProdID = isvProdID
        self.minimumISVSVN = minimumISVSVN
        self.allowDebug = allowDebug
        self.acceptedTCBStatuses = acceptedTCBStatuses
        self.additionalPolicies = additionalPolicies
    }

    /// The per-field policies, in checking order.
    public var fieldPolicies: [(field: Field, policy: any QuotePolicy)] {
        var list: [(Field, any QuotePolicy)] = []
        if !mrEnclaves.isEmpty { list.append((.mrEnclave, AnyOfMREnclaves(mrEnclaves))) }
        if !mrSigners.isEmpty { list.append((.mrSigner, AnyOfMRSigners(mrSigners))) }
        if let isvProdID { list.append((.isvProdID, ExpectedISVProdID(isvProdID))) }
        if let minimumISVSVN { list.append((.isvSVN, MinimumISVSVN(minimumISVSVN))) }
        list.append((.debug, DebugPolicy(allowDebug: allowDebug)))
        list.append((.tcbStatus, AcceptedTCBStatuses(acceptedTCBStatuses)))
        for policy in additionalPolicies { list.append((.additional, policy)) }
        return list
    }

    /// The first failing field and its reason, or nil when the quote meets the policy.
    public func violation(_ quote: VerifiedQuote) -> (field: Field, reason: String)? {
        for (field, policy) in fieldPolicies {
            if case .failsToMeetPolicy(let reason) = policy.evaluate(quote) { return (field, reason) }
        }
        return nil
    }

    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        violation(quote).map { .failsToMeetPolicy(reason: "\($0.field.rawValue): \($0.reason)") } ?? .meetsPolicy
    }

    /// Throws ``RATLSVerificationError/policyViolation(field:reason:)`` for the first failing field.
    public func check(_ quote: VerifiedQuote) throws(RATLSVerificationError) {
        if let (field, reason) = violation(quote) { throw .policyViolation(field: field, reason: reason) }
    }
}
