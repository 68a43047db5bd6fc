/// Finds the exact bytes of a top-level member's value in a JSON document, without decoding
/// and re-encoding anything: Intel signs the bytes of the inner `"tcbInfo"` /
/// `"enclaveIdentity"` value as they appear in the PCS response, so those bytes, and only
/// those, are what a signature is checked over.
enum SignedJSON {
    struct ScanError: Error { let message: String }

    /// The raw value of each top-level member of the object `document`, keyed by the raw
    /// (still escaped) member name.
    static func topLevelMembers(_ document: [UInt8]) throws(ScanError) -> [String: ArraySlice<UInt8>] {
        var index = skipWhitespace(document, 0)
        guard index < document.count, document[index] == UInt8(ascii: "{") else {
            throw ScanError(message: "the document is not a JSON object")
        }
        index += 1
        var members: [String: ArraySlice<UInt8>] = [:]
        index = skipWhitespace(document, index)
        if index < document.count, document[index] == UInt8(ascii: "}") { return members }
        while true {
            index = skipWhitespace(document, index)
            let keyEnd = try skipString(document, index)
            let key = String(decoding: document[(index + 1)..<(keyEnd - 1)], as: UTF8.self)
            index = skipWhitespace(document, keyEnd)
            guard index < document.count, document[index] == UInt8(ascii: ":") else {
                throw ScanError(message: "expected ':' after member \"\(key)\" at byte \(index)")
            }
            index = skipWhitespace(document, index + 1)
            let valueEnd = try skipValue(document, index)
            members[key] = document[index..<valueEnd]
            index = skipWhitespace(document, valueEnd)
            guard index < document.count else { throw ScanError(message: "unterminated object") }
            if document[index] == UInt8(ascii: ",") { index += 1; continue }
            if document[index] == UInt8(ascii: "}") { break }
            throw ScanError(message: "expected ',' or '}' at byte \(index)")
        }
        guard skipWhitespace(document, index + 1) == document.count else {
            throw ScanError(message: "trailing bytes after the JSON object")
        }
        return members
    }

    /// The contents of a JSON string value without escapes (for hex signatures); nil if it
    /// is not a plain string.
    static func plainString(_ value: ArraySlice<UInt8>) -> String? {
        guard value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\""),
              !value.dropFirst().dropLast().contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: value.dropFirst().dropLast(), as: UTF8.self)
    }

    private static func skipWhitespace(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) { index += 1 }
        return index
    }

    /// Index just past the string starting at `start`.
    private static func skipString(_ bytes: [UInt8], _ start: Int) throws(ScanError) -> Int {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else {
            throw ScanError(message: "expected a string at byte \(start)")
        }
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        throw ScanError(message: "unterminated string starting at byte \(start)")
    }

    /// Index just past the value starting at `start` (objects and arrays by bracket depth).
    private static func skipValue(_ bytes: [UInt8], _ start: Int) throws(ScanError) -> Int {
        guard start < bytes.count else { throw ScanError(message: "missing value at end of document") }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try skipString(bytes, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = try skipString(bytes, index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            throw ScanError(message: "unterminated value starting at byte \(start)")
        default:
            var index = start
            while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) {
                index += 1
            }
            guard index > start else { throw ScanError(message: "empty value at byte \(start)") }
            return index
        }
    }
}
