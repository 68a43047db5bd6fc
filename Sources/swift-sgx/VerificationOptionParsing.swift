import ArgumentParser
import Foundation
import SGXAttestation
import SGXTypes

/// Option parsing shared by `verify-quote` and `ratls verify`.
enum VerificationOptionParsing {
    /// `--at`: ISO 8601, or now when absent.
    static func time(_ at: String?) throws -> Date {
        guard let at else { return Date() }
        guard let parsed = try? Date(at, strategy: .iso8601) else { throw ValidationError("--at must be ISO 8601, e.g. 2025-07-01T00:00:00Z") }
        return parsed
    }

    /// Hex of a byte count in `count`, or nil when absent.
    static func hex(_ text: String?, _ name: String, count: ClosedRange<Int>) throws -> [UInt8]? {
        guard let text else { return nil }
        guard let bytes = [UInt8](hexString: text), count.contains(bytes.count) else {
            throw ValidationError("--\(name) must be hex of \(count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "at most \(count.upperBound)") bytes")
        }
        return bytes
    }

    /// `--accept-status` values.
    static func statuses(_ names: [String]) throws -> Set<TCBStatus> {
        var statuses = Set<TCBStatus>()
        for name in names {
            guard let status = TCBStatus(rawValue: name) else {
                throw ValidationError("--accept-status \(name) is not one of \(TCBStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            statuses.insert(status)
        }
        return statuses
    }
}

/// Options `verify-quote` and `ratls verify` share: trust, time, output and the policy
/// fields both apply the same way.
struct VerificationOptions: ParsableArguments {
    @Option(name: .customLong("root"), help: "Trust this root certificate's key instead of Intel's (repeatable).")
    var roots: [String] = []

    @Option(help: "Verification time, ISO 8601 (default: now).")
    var at: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(name: .customLong("isv-prod-id"), help: "Expected ISVPRODID.")
    var isvProdID: UInt16?

    @Option(name: .customLong("min-isv-svn"), help: "Minimum ISVSVN.")
    var minISVSVN: UInt16?

    @Flag(name: .customLong("allow-debug"), help: "Accept debug enclaves.")
    var allowDebug = false

    @Option(name: .customLong("accept-status"), help: "Accept this TCB status (repeatable; default UpToDate).")
    var acceptStatus: [String] = []

    @Flag(name: .customLong("allow-missing-root-crl"), help: "Do not fail when the collateral has no root CA CRL (old collateral).")
    var allowMissingRootCRL = false

    var rootURLs: [URL] { roots.map { URL(fileURLWithPath: $0) } }
    var verificationOptions: QuoteVerifier.Options { .init(requireRootCACRL: !allowMissingRootCRL) }
    func time() throws -> Date { try VerificationOptionParsing.time(at) }
    func statuses() throws -> Set<TCBStatus> { try VerificationOptionParsing.statuses(acceptStatus) }
}
