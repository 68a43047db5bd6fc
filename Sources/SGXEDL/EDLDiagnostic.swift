/// A position in an EDL source file: 1-based line and 1-based column of the
/// offending token. Columns count UTF-8 bytes from the start of the line (EDL
/// outside comments is ASCII, so this is the character column in practice).
public struct EDLSourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as it was named to the compiler (the root path or a resolved import path).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path:line:col`
    public var description: String { "\(file):\(line):\(column)" }
}

/// One message from the EDL compiler, rendered like a C compiler's:
/// `path:line:col: error: message`.
public struct EDLDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    /// `nil` only for failures that have no place in a file (the root file cannot be read).
    public var location: EDLSourceLocation?

    public init(_ severity: Severity, _ message: String, at location: EDLSourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public var isError: Bool { severity == .error }

    public var description: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "\(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics while a file is preprocessed, parsed and checked.
struct EDLDiagnosticSink {
    private(set) var diagnostics: [EDLDiagnostic] = []
    /// Hostile input could produce one error per token; keep the list bounded.
    static let limit = 500

    var hasErrors: Bool { diagnostics.contains { $0.isError } }

    mutating func error(_ message: String, at location: EDLSourceLocation?) {
        append(EDLDiagnostic(.error, message, at: location))
    }

    mutating func warning(_ message: String, at location: EDLSourceLocation?) {
        append(EDLDiagnostic(.warning, message, at: location))
    }

    mutating func note(_ message: String, at location: EDLSourceLocation?) {
        append(EDLDiagnostic(.note, message, at: location))
    }

    mutating func append(_ diagnostic: EDLDiagnostic) {
        guard diagnostics.count < Self.limit else { return }
        if diagnostics.contains(diagnostic) { return }
        diagnostics.append(diagnostic)
    }

    mutating func append(contentsOf other: [EDLDiagnostic]) {
        for d in other { append(d) }
    }
}
