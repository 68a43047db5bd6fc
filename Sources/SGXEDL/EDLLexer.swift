/// One token of EDL source (or of a preprocessor line).
struct EDLToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case identifier(String)
        /// A decimal or `0x` hexadecimal literal; `nil` when it does not fit in `Int`.
        case number(Int?)
        /// `"..."` without the quotes (EDL strings have no escapes, as in edger8r).
        case string(String)
        /// Punctuation: `{ } ( ) [ ] * . , ; =` and, for `#if` lines,
        /// `! && || == != < <= > >= + - / % & |`.
        case punct(String)
        /// `#name` at the start of a line; the line's tokens follow, then `directiveEnd`.
        case directive(String)
        case directiveEnd
        /// Something that is not a token; the message says what.
        case invalid(String)
        case eof
    }

    var kind: Kind
    var location: EDLSourceLocation

    var identifier: String? {
        if case .identifier(let s) = kind { return s }
        return nil
    }

    func isPunct(_ p: String) -> Bool { kind == .punct(p) }

    /// How the token reads in a message.
    var spelling: String {
        switch kind {
        case .identifier(let s): return s
        case .number(let n): return n.map(String.init) ?? "number"
        case .string(let s): return "\"\(s)\""
        case .punct(let p): return p
        case .directive(let d): return "#\(d)"
        case .directiveEnd: return "end of line"
        case .invalid(let m): return m
        case .eof: return "end of file"
        }
    }
}

/// Splits EDL text into tokens. Never fails: problems become `.invalid` tokens
/// (so the preprocessor can ignore those in skipped `#if` branches).
struct EDLLexer {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var atLineStart = true
    private var inDirective = false

    init(text: String, file: String) {
        self.bytes = Array(text.utf8)
        self.file = file
    }

    static func tokenize(_ text: String, file: String) -> [EDLToken] {
        var lexer = EDLLexer(text: text, file: file)
        var tokens: [EDLToken] = []
        while true {
            let t = lexer.next()
            tokens.append(t)
            if t.kind == .eof { break }
        }
        return tokens
    }

    private var location: EDLSourceLocation {
        EDLSourceLocation(file: file, line: line, column: index - lineStart + 1)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = index + offset
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func newline() {
        // index points just past the '\n'
        line += 1
        lineStart = index
    }

    private static func isIdentStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }

    /// Skips blanks and comments. Returns an `.invalid` token for an unterminated
    /// block comment, or `.directiveEnd` when a directive line ends.
    private mutating func skipTrivia() -> EDLToken? {
        while let c = peek() {
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                index += 1
            case UInt8(ascii: "\n"):
                if inDirective {
                    let loc = location
                    inDirective = false
                    index += 1
                    newline()
                    atLineStart = true
                    return EDLToken(kind: .directiveEnd, location: loc)
                }
                index += 1
                newline()
                atLineStart = true
            case UInt8(ascii: "\\") where inDirective && (peek(1) == UInt8(ascii: "\n") || (peek(1) == UInt8(ascii: "\r") && peek(2) == UInt8(ascii: "\n"))):
                // line continuation inside a directive
                index += peek(1) == UInt8(ascii: "\r") ? 3 : 2
                newline()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                while let d = peek(), d != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                let start = location
                index += 2
                var closed = false
                while let d = peek() {
                    if d == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                        index += 2
                        closed = true
                        break
                    }
                    index += 1
                    if d == UInt8(ascii: "\n") { newline() }
                }
                if !closed {
                    return EDLToken(kind: .invalid("unterminated comment"), location: start)
                }
            default:
                return nil
            }
        }
        return nil
    }

    mutating func next() -> EDLToken {
        if let t = skipTrivia() { return t }
        guard let c = peek() else {
            if inDirective {
                inDirective = false
                return EDLToken(kind: .directiveEnd, location: location)
            }
            return EDLToken(kind: .eof, location: location)
        }
        let start = location
        let wasAtLineStart = atLineStart
        atLineStart = false

        if c == UInt8(ascii: "#") {
            index += 1
            if wasAtLineStart && !inDirective {
                inDirective = true
                // `#  name`: blanks may separate '#' from the directive name
                while let d = peek(), d == UInt8(ascii: " ") || d == UInt8(ascii: "\t") { index += 1 }
                var name = ""
                if let d = peek(), Self.isIdentStart(d) {
                    name = readIdentifier()
                }
                return EDLToken(kind: .directive(name), location: start)
            }
            return EDLToken(kind: .invalid("unexpected character '#'"), location: start)
        }
        if Self.isIdentStart(c) {
            return EDLToken(kind: .identifier(readIdentifier()), location: start)
        }
        if Self.isDigit(c) {
            return EDLToken(kind: .number(readNumber()), location: start)
        }
        if c == UInt8(ascii: "\"") {
            index += 1
            let contentStart = index
            while let d = peek(), d != UInt8(ascii: "\"") {
                index += 1
                if d == UInt8(ascii: "\n") { newline() }
            }
            guard peek() != nil else {
                return EDLToken(kind: .invalid("unterminated string literal"), location: start)
            }
            let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
            index += 1
            return EDLToken(kind: .string(text), location: start)
        }
        let two: [String] = ["&&", "||", "==", "!=", "<=", ">="]
        if let d = peek(1) {
            let pair = String(decoding: [c, d], as: UTF8.self)
            if two.contains(pair) {
                index += 2
                return EDLToken(kind: .punct(pair), location: start)
            }
        }
        let singles = Array("{}()[]*.,;=!<>+-/%&|~".utf8)
        if singles.contains(c) {
            index += 1
            return EDLToken(kind: .punct(String(UnicodeScalar(c))), location: start)
        }
        // Skip one whole UTF-8 sequence so the message names a character.
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80, end - index < 4 { end += 1 }
        let text = String(decoding: bytes[index..<end], as: UTF8.self)
        index = end
        return EDLToken(kind: .invalid("invalid character '\(text)'"), location: start)
    }

    private mutating func readIdentifier() -> String {
        let s = index
        while let d = peek(), Self.isIdentStart(d) || Self.isDigit(d) { index += 1 }
        return String(decoding: bytes[s..<index], as: UTF8.self)
    }

    /// Decimal, or hexadecimal after `0x`; C integer suffixes (`u`, `l`) are skipped.
    private mutating func readNumber() -> Int? {
        var value: Int? = 0
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X"),
           let h = peek(2), Self.isHexDigit(h) {
            index += 2
            while let d = peek(), Self.isHexDigit(d) {
                let digit: Int
                if Self.isDigit(d) { digit = Int(d - 0x30) }
                else if d >= 0x61 { digit = Int(d - 0x61 + 10) }
                else { digit = Int(d - 0x41 + 10) }
                value = Self.accumulate(value, base: 16, digit: digit)
                index += 1
            }
        } else {
            while let d = peek(), Self.isDigit(d) {
                value = Self.accumulate(value, base: 10, digit: Int(d - 0x30))
                index += 1
            }
        }
        while let d = peek(), d == UInt8(ascii: "u") || d == UInt8(ascii: "U") || d == UInt8(ascii: "l") || d == UInt8(ascii: "L") {
            index += 1
        }
        return value
    }

    private static func accumulate(_ value: Int?, base: Int, digit: Int) -> Int? {
        guard let value else { return nil }
        let (m, o1) = value.multipliedReportingOverflow(by: base)
        let (r, o2) = m.addingReportingOverflow(digit)
        return (o1 || o2) ? nil : r
    }
}
