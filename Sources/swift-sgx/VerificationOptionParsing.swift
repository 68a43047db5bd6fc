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
