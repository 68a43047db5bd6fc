/// A CBOR data item (RFC 8949 §3), as far as RA-TLS evidence needs one.
///
/// Decoded by ``CBORDecoder``: definite lengths only, every length bounded by the input,
/// nesting bounded, no trailing bytes. Integers, floats and simple values are kept so that
/// unknown claims can be skipped; nothing here re-encodes.
enum CBORItem: Sendable, Hashable {
    /// Major type 0.
    case unsigned(UInt64)
    /// Major type 1: the value is −1 − `n`.
    case negative(UInt64)
    /// Major type 2.
    case bytes([UInt8])
    /// Major type 3 (valid UTF-8).
    case text(String)
    /// Major type 4.
    case array([CBORItem])
    /// Major type 5, pairs in encoded order (duplicates kept; lookups reject them).
    case map([CBORPair])
    /// Major type 6.
    indirect case tag(UInt64, CBORItem)
    /// Major type 7: simple values (false, true, null, undefined, others) and the raw bits
    /// of floats.
    case simple(UInt64)
}

/// One key/value pair of a CBOR map.
struct CBORPair: Sendable, Hashable {
    let key: CBORItem
    let value: CBORItem
}

/// Why bytes are not the CBOR an RA-TLS verifier accepts: the reason names the offset.
struct CBORDecodingError: Error, Sendable, Hashable {
    let reason: String
}

/// A strict-where-it-matters, liberal-elsewhere decoder for one CBOR data item (RFC 8949).
///
/// Accepted: every major type with definite lengths, non-preferred (longer than necessary)
/// argument encodings, tags on any item. Rejected, each with its own reason: indefinite
/// lengths (additional information 31), reserved additional information 28–30, a length or
/// element count larger than the bytes that remain, text that is not UTF-8, nesting deeper
/// than ``maximumDepth``, and bytes after the item.
struct CBORDecoder {
    /// Deepest nesting of arrays, maps and tags accepted.
    static let maximumDepth = 32

    private let input: [UInt8]
    private var offset = 0

    private init(_ input: [UInt8]) { self.input = input }

    /// Decodes `bytes` as exactly one CBOR data item.
    static func decode(_ bytes: [UInt8]) throws(CBORDecodingError) -> CBORItem {
        var decoder = CBORDecoder(bytes)
        let item = try decoder.item(depth: 0)
        guard decoder.offset == bytes.count else {
            throw CBORDecodingError(reason: "\(bytes.count - decoder.offset) trailing bytes after the CBOR item (which ends at offset \(decoder.offset))")
        }
        return item
    }

    private var remaining: Int { input.count - offset }

    private mutating func byte() throws(CBORDecodingError) -> UInt8 {
        guard offset < input.count else {
            throw CBORDecodingError(reason: "truncated: the item needs a byte at offset \(offset), the input has \(input.count)")
        }
        defer { offset += 1 }
        return input[offset]
    }

    /// The argument of the initial byte at `start` (RFC 8949 §3).
    private mutating func argument(_ info: UInt8, start: Int) throws(CBORDecodingError) -> UInt64 {
        switch info {
        case 0..<24:
            return UInt64(info)
        case 24, 25, 26, 27:
            let count = 1 << Int(info - 24)
            guard remaining >= count else {
                throw CBORDecodingError(reason: "truncated: the argument at offset \(start) needs \(count) bytes, \(remaining) remain")
            }
            var value: UInt64 = 0
            for _ in 0..<count { value = value << 8 | UInt64(input[offset]); offset += 1 }
            return value
        case 31:
            throw CBORDecodingError(reason: "indefinite length (additional information 31) at offset \(start) is not allowed")
        default:
            throw CBORDecodingError(reason: "reserved additional information \(info) at offset \(start)")
        }
    }

    /// A length or count that must fit in the bytes that remain (each element takes at
    /// least `unit` bytes), so nothing is allocated for a claimed size the input cannot hold.
    private func bounded(_ value: UInt64, unit: Int, what: String, start: Int) throws(CBORDecodingError) -> Int {
        guard value <= UInt64(remaining / unit) else {
            throw CBORDecodingError(reason: "\(what) \(value) at offset \(start) exceeds the \(remaining) bytes that remain")
        }
        return Int(value)
    }

    private mutating func item(depth: Int) throws(CBORDecodingError) -> CBORItem {
        guard depth <= Self.maximumDepth else {
            throw CBORDecodingError(reason: "nesting deeper than \(Self.maximumDepth) at offset \(offset)")
        }
        let start = offset
        let initial = try byte()
        let major = initial >> 5, info = initial & 0x1f
        if major == 7 {
            // Simple values and floats: additional information 24–27 carry 1/2/4/8 bytes.
            return .simple(try argument(info, start: start))
        }
        let value = try argument(info, start: start)
        switch major {
        case 0:
            return .unsigned(value)
        case 1:
            return .negative(value)
        case 2:
            let length = try bounded(value, unit: 1, what: "byte string length", start: start)
            defer { offset += length }
            return .bytes(Array(input[offset..<offset + length]))
        case 3:
            let length = try bounded(value, unit: 1, what: "text string length", start: start)
            guard let text = String(validating: input[offset..<offset + length], as: UTF8.self) else {
                throw CBORDecodingError(reason: "text string at offset \(start) is not valid UTF-8")
            }
            offset += length
            return .text(text)
        case 4:
            let count = try bounded(value, unit: 1, what: "array element count", start: start)
            var elements: [CBORItem] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try item(depth: depth + 1)) }
            return .array(elements)
        case 5:
            let count = try bounded(value, unit: 2, what: "map pair count", start: start)
            var pairs: [CBORPair] = []
            pairs.reserveCapacity(count)
            for _ in 0..<count {
                let key = try item(depth: depth + 1)
                pairs.append(CBORPair(key: key, value: try item(depth: depth + 1)))
            }
            return .map(pairs)
        default:  // 6
            return .tag(value, try item(depth: depth + 1))
        }
    }
}

extension CBORItem {
    /// The value for a text key in a map; nil when absent. Throws when the key occurs twice.
    func value(forTextKey key: String) throws(CBORDecodingError) -> CBORItem? {
        guard case .map(let pairs) = self else { return nil }
        let matches = pairs.filter { $0.key == .text(key) }
        guard matches.count <= 1 else {
            throw CBORDecodingError(reason: "the map has the key \"\(key)\" \(matches.count) times")
        }
        return matches.first?.value
    }

    /// A short name of the item's kind for messages.
    var kind: String {
        switch self {
        case .unsigned: "unsigned integer"
        case .negative: "negative integer"
        case .bytes: "byte string"
        case .text: "text string"
        case .array(let a): "array of \(a.count)"
        case .map(let m): "map of \(m.count)"
        case .tag(let t, _): "tag \(t)"
        case .simple: "simple value or float"
        }
    }
}
