/// The one error type of swift-sgx: an Intel-numbered ``SGXStatus`` plus a human-readable
/// detail saying exactly what went wrong ("measurement mismatch: SIGSTRUCT has 78..., image
/// measures 12...").
///
/// Match on the status; the detail is for people:
/// ```swift
/// do { try enclave.ecall(0, frame) }
/// catch let error where error.status == .enclaveCrashed { ... }
/// ```
/// Two errors compare equal when their statuses are equal.
public struct SGXError: Error, Equatable, Sendable, CustomStringConvertible {
    public var status: SGXStatus
    public var detail: String

    public init(_ status: SGXStatus, _ detail: String = "") {
        self.status = status
        self.detail = detail
    }

    public static func == (lhs: SGXError, rhs: SGXError) -> Bool { lhs.status == rhs.status }

    /// Lets `catch SGXStatus.outOfTCS` style patterns match an error.
    public static func ~= (pattern: SGXStatus, error: SGXError) -> Bool { error.status == pattern }

    public var description: String {
        detail.isEmpty ? "\(intelName) (0x\(hex))" : "\(intelName) (0x\(hex)): \(detail)"
    }

    private var intelName: String {
        let name = status.intelName
        return name.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    private var hex: String {
        let digits = String(status.rawValue, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    // Convenience constructors, named after the statuses.
    public static func invalidParameter(_ detail: String) -> SGXError { SGXError(.invalidParameter, detail) }
    public static func invalidEnclave(_ detail: String) -> SGXError { SGXError(.invalidEnclave, detail) }
    public static func invalidSignature(_ detail: String) -> SGXError { SGXError(.invalidSignature, detail) }
    public static func invalidMetadata(_ detail: String) -> SGXError { SGXError(.invalidMetadata, detail) }
    public static func unexpected(_ detail: String) -> SGXError { SGXError(.unexpected, detail) }
}
