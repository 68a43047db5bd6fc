import SGXTypes

/// The attestation evidence an RA-TLS certificate carries, in the formats swift-sgx
/// writes and reads inside the enclave (`../reference` "RA-TLS certificate extensions"):
///
/// - ``Format/dice``: the interoperable TCG DICE conceptual-message-wrapper extension,
///   OID 2.23.133.5.4.9, whose value is CBOR tag 60000 around `[bstr quote, bstr claims]`;
///   `claims` = `{"pubkey-hash": bstr(CBOR [1, bstr SHA-256(DER SubjectPublicKeyInfo)])}`
///   (1 = SHA-256) and the quote's REPORTDATA = SHA-256(claims) ‖ 32 zero bytes.
/// - ``Format/legacy``: Gramine's raw-quote extension, OID 1.2.840.113741.1.13.1, whose
///   value is the quote; REPORTDATA = SHA-256(DER SubjectPublicKeyInfo) ‖ 32 zero bytes.
///
/// Open Enclave's format (1.2.840.113556.10.1.1) is read by the host verifier in
/// SGXAttestation; enclaves do not write it.
public enum RATLSEvidence {
    /// Which extension carries the quote.
    public enum Format: Sendable {
        case dice
        case legacy

        /// The extension's object identifier, dotted.
        public var oid: String {
            switch self {
            case .dice: "2.23.133.5.4.9"
            case .legacy: "1.2.840.113741.1.13.1"
            }
        }
    }

    /// The CBOR tag of the DICE conceptual message wrapper.
    public static let diceTag: UInt64 = 60000
    /// The hash-algorithm identifier for SHA-256 in the `pubkey-hash` claim.
    public static let sha256AlgorithmID: UInt64 = 1

    /// The DICE claims for a public key: `{"pubkey-hash": bstr(CBOR [1, bstr hash])}`.
    public static func diceClaims(subjectPublicKeyInfo spki: [UInt8]) -> [UInt8] {
        var inner = CBOR.head(major: 4, 2)                 // array(2)
        inner += CBOR.head(major: 0, sha256AlgorithmID)     // 1
        inner += CBOR.byteString(SHA256.hash(spki))        // bstr hash
        var claims = CBOR.head(major: 5, 1)                 // map(1)
        claims += CBOR.textString("pubkey-hash")
        claims += CBOR.byteString(inner)
        return claims
    }

    /// The DICE extension value: tag 60000 around `[bstr quote, bstr claims]`.
    public static func diceExtensionValue(quote: [UInt8], claims: [UInt8]) -> [UInt8] {
        var value = CBOR.head(major: 6, diceTag)
        value += CBOR.head(major: 4, 2)
        value += CBOR.byteString(quote)
        value += CBOR.byteString(claims)
        return value
    }

    /// The 64-byte REPORTDATA binding `spki` in `format`.
    public static func reportData(format: Format, subjectPublicKeyInfo spki: [UInt8]) -> [UInt8] {
        let digest: [UInt8]
        switch format {
        case .dice: digest = SHA256.hash(diceClaims(subjectPublicKeyInfo: spki))
        case .legacy: digest = SHA256.hash(spki)
        }
        return digest + [UInt8](repeating: 0, count: 32)
    }

    /// What a DICE extension value holds.
    public struct DICEContents: Sendable {
        public var quote: [UInt8]
        public var claims: [UInt8]
        /// The SHA-256 public-key hash the claims assert.
        public var publicKeyHash: [UInt8]
    }

    /// Parses a DICE extension value, checking every length against the input: the tag,
    /// the two-element array, both byte strings with nothing after them, and within the
    /// claims a `pubkey-hash` entry holding `[1, bstr(32 bytes)]`. Unknown claims are
    /// skipped. Throws `invalidParameter` naming what is wrong.
    public static func parseDICE(_ value: [UInt8]) throws(SGXError) -> DICEContents {
        var reader = CBOR.Reader(value)
        guard try reader.head(expecting: 6) == diceTag else { throw SGXError(.invalidParameter, "DICE evidence: not CBOR tag 60000") }
        guard try reader.head(expecting: 4) == 2 else { throw SGXError(.invalidParameter, "DICE evidence: tagged item is not a 2-element array") }
        let quote = try reader.byteString()
        let claims = try reader.byteString()
        guard reader.atEnd else { throw SGXError(.invalidParameter, "DICE evidence: trailing bytes") }

        var claimReader = CBOR.Reader(claims)
        let entries = try claimReader.head(expecting: 5)
        var hash: [UInt8]? = nil
        var index: UInt64 = 0
        while index < entries {
            let key = try claimReader.textString()
            if key == Array("pubkey-hash".utf8) {
                guard hash == nil else { throw SGXError(.invalidParameter, "DICE evidence: pubkey-hash claimed twice") }
                var inner = CBOR.Reader(try claimReader.byteString())
                guard try inner.head(expecting: 4) == 2 else { throw SGXError(.invalidParameter, "DICE evidence: pubkey-hash is not [alg, hash]") }
                guard try inner.head(expecting: 0) == sha256AlgorithmID else {
                    throw SGXError(.invalidParameter, "DICE evidence: pubkey-hash algorithm is not SHA-256 (1)")
                }
                let digest = try inner.byteString()
                guard digest.count == 32, inner.atEnd else { throw SGXError(.invalidParameter, "DICE evidence: pubkey-hash is not 32 bytes") }
                hash = digest
            } else {
                try claimReader.skipItem(depth: 0)
            }
            index += 1
        }
        guard claimReader.atEnd else { throw SGXError(.invalidParameter, "DICE evidence: trailing bytes after the claims") }
        guard let publicKeyHash = hash else { throw SGXError(.invalidParameter, "DICE evidence: no pubkey-hash claim") }
        return DICEContents(quote: quote, claims: claims, publicKeyHash: publicKeyHash)
    }
}

/// The few CBOR (RFC 8949) items RA-TLS evidence uses: definite-length heads, byte and
/// text strings, arrays, maps and tags. Indefinite lengths and floats are refused.
enum CBOR {
    /// The head of an item of major type `major` with argument `value`, shortest form.
    static func head(major: UInt8, _ value: UInt64) -> [UInt8] {
        let type = major << 5
        switch value {
        case 0..<24: return [type | UInt8(value)]
        case 24...0xff: return [type | 24, UInt8(value)]
        case 0x100...0xffff: return [type | 25] + bigEndian(value, 2)
        case 0x1_0000...0xffff_ffff: return [type | 26] + bigEndian(value, 4)
        default: return [type | 27] + bigEndian(value, 8)
        }
    }

    static func byteString(_ bytes: [UInt8]) -> [UInt8] { head(major: 2, UInt64(bytes.count)) + bytes }

    static func textString(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        return head(major: 3, UInt64(utf8.count)) + utf8
    }

    private static func bigEndian(_ value: UInt64, _ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        for index in (0..<count).reversed() { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
        return out
    }

    /// A bounds-checked reader over one encoded item sequence.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { offset == bytes.count }

        /// Reads a head; returns (major type, argument).
        mutating func anyHead() throws(SGXError) -> (UInt8, UInt64) {
            guard offset < bytes.count else { throw SGXError(.invalidParameter, "CBOR: truncated") }
            let initial = bytes[offset]
            offset += 1
            let major = initial >> 5
            let info = initial & 0x1f
            switch info {
            case 0..<24:
                return (major, UInt64(info))
            case 24, 25, 26, 27:
                let count = 1 << Int(info - 24)
                guard bytes.count - offset >= count else { throw SGXError(.invalidParameter, "CBOR: truncated argument") }
                var value: UInt64 = 0
                for index in 0..<count { value = value << 8 | UInt64(bytes[offset + index]) }
                offset += count
                return (major, value)
            case 31:
                throw SGXError(.invalidParameter, "CBOR: indefinite lengths are not accepted")
            default:
                throw SGXError(.invalidParameter, "CBOR: reserved additional information \(info)")
            }
        }

        /// Reads a head of major type `major` and returns its argument.
        mutating func head(expecting major: UInt8) throws(SGXError) -> UInt64 {
            let (found, value) = try anyHead()
            guard found == major else { throw SGXError(.invalidParameter, "CBOR: major type \(found) where \(major) was expected") }
            return value
        }

        mutating func byteString() throws(SGXError) -> [UInt8] {
            let count = try head(expecting: 2)
            return try take(count)
        }

        /// A text string's bytes (compared as bytes; not validated as UTF-8).
        mutating func textString() throws(SGXError) -> [UInt8] {
            let count = try head(expecting: 3)
            return try take(count)
        }

        /// Skips one complete item (nesting at most 16 deep).
        mutating func skipItem(depth: Int) throws(SGXError) {
            guard depth < 16 else { throw SGXError(.invalidParameter, "CBOR: nested too deeply") }
            let (major, value) = try anyHead()
            switch major {
            case 0, 1, 7: return
            case 2, 3: _ = try take(value)
            case 4:
                var index: UInt64 = 0
                while index < value { try skipItem(depth: depth + 1); index += 1 }
            case 5:
                var index: UInt64 = 0
                while index < value { try skipItem(depth: depth + 1); try skipItem(depth: depth + 1); index += 1 }
            default: try skipItem(depth: depth + 1) // tag
            }
        }

        private mutating func take(_ count: UInt64) throws(SGXError) -> [UInt8] {
            guard count <= UInt64(bytes.count - offset) else { throw SGXError(.invalidParameter, "CBOR: string longer than its input") }
            let out = bytes.bytes(at: offset, count: Int(count))
            offset += Int(count)
            return out
        }
    }
}
