import SGXTypes

/// The enclave's MRENCLAVE must be one of the given values (``ExpectedMREnclave`` for a set:
/// several builds of one enclave accepted at once, e.g. during an upgrade).
public struct AnyOfMREnclaves: QuotePolicy {
    public let mrEnclaves: Set<[UInt8]>
    public init(_ mrEnclaves: Set<[UInt8]>) { self.mrEnclaves = mrEnclaves }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        mrEnclaves.contains(quote.reportBody.mrEnclave) ? .meetsPolicy
            : .failsToMeetPolicy(reason: "MRENCLAVE \(quote.reportBody.mrEnclave.hexString) is not one of the \(mrEnclaves.count) expected: \(mrEnclaves.map(\.hexString).sorted().joined(separator: ", "))")
    }
}

/// The enclave's MRSIGNER must be one of the given values (``ExpectedMRSigner`` for a set:
/// e.g. an old and a new signing key during a key rotation).
public struct AnyOfMRSigners: QuotePolicy {
    public let mrSigners: Set<[UInt8]>
    public init(_ mrSigners: Set<[UInt8]>) { self.mrSigners = mrSigners }
    public func evaluate(_ quote: VerifiedQuote) -> QuotePolicyResult {
        mrSigners.contains(quote.reportBody.mrSigner) ? .meetsPolicy
            : .failsToMeetPolicy(reason: "MRSIGNER \(quote.reportBody.mrSigner.hexString) is not one of the \(mrSigners.count) expected: \(mrSigners.map(\.hexString).sorted().joined(separator: ", "))")
    }
}
