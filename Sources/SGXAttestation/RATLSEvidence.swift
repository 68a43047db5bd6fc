import SGXTypes
import SwiftASN1
import X509

/// The attestation evidence an RA-TLS certificate carries in an X.509 extension: which of the
/// three formats, the SGX quote, and (DICE) the claims the quote's REPORTDATA commits to.
///
/// Formats (`reference/sgx-formats.md`, "RA-TLS certificate extensions"):
///
/// | format | OID | extnValue | REPORTDATA binds the key as |
/// |---|---|---|---|
/// | ``Format/dice`` | 2.23.133.5.4.9 | CBOR tag 60000 [bstr quote, bstr claims] | [0..<32] = SHA-256(claims), [32..<64] = 0; claims {"pubkey-hash": bstr(CBOR [1, bstr SHA-256(SPKI)])} |
/// | ``Format/legacy`` | 1.2.840.113741.1.13.1 | the raw quote | [0..<32] = SHA-256(DER SPKI) |
/// | ``Format/openEnclave`` | 1.2.840.113556.10.1.1 | {u32 version 1, u32 type 2, u64 size} ‖ quote (`size` bytes) | [0..<32] = SHA-256(PEM public key ‖ NUL) |
///
/// Parsing checks structure only: nothing here is trusted until ``RATLSVerifier`` has verified
/// the quote and the key binding (``checkKeyBinding(reportData:)``).
public struct RATLSEvidence: Sendable, Hashable {
    /// The RA-TLS evidence extensions, in the order a certificate is searched for them.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// TCG DICE conceptual message wrapper (Gramine ≥ 1.8, Intel's SDK).
        case dice
        /// Gramine's and Intel's raw-quote extension.
        case legacy
        /// Open Enclave's header + quote extension.
        case openEnclave = "openenclave"

        /// The extension's object identifier.
        public var oid: ASN1ObjectIdentifier {
            switch self {
            case .dice: [2, 23, 133, 5, 4, 9]
            case .legacy: [1, 2, 840, 113741, 1, 13, 1]
            case .openEnclave: [1, 2, 840, 113556, 10, 1, 1]
            }
        }
    }

    /// Which extension carried the evidence.
    public let format: Format
    /// The SGX quote bytes (not yet parsed or verified).
    public let quote: [UInt8]
    /// DICE only: the exact claims bytes the REPORTDATA hashes.
    public let claims: [UInt8]?
    /// DICE only: the SHA-256 of the SubjectPublicKeyInfo claimed in `pubkey-hash`.
    public let claimedPublicKeyHash: [UInt8]?
    /// The DER SubjectPublicKeyInfo of the certificate (the key the evidence must bind).
    public let subjectPublicKeyInfo: [UInt8]

    /// The CBOR tag of the DICE wrapper (TCG "tagged evidence").
    public static let diceTag: UInt64 = 60000
    /// The `hash-alg` of `pubkey-hash` this verifier accepts: 1, SHA-256 (IANA Named
    /// Information Hash Algorithm Registry).
    public static let sha256HashAlgorithm: UInt64 = 1
    /// Open Enclave's header: version 1 and evidence type 2 (SGX ECDSA quote).
    public static let openEnclaveHeaderSize = 16

    /// The evidence in `certificate`: the first of ``Format/allCases`` present.
    public init(certificate: Certificate) throws(RATLSVerificationError) {
        let spki = spkiDER(certificate.publicKey)
        for format in Format.allCases {
            if let found = certificate.extensions.first(where: { $0.oid == format.oid }) {
                try self.init(format: format, extensionValue: Array(found.value), subjectPublicKeyInfo: spki)
                return
            }
        }
        throw .noEvidenceExtension
    }

    /// Parses the content of an evidence extension's extnValue OCTET STRING in `format`.
    /// `subjectPublicKeyInfo` is the DER key of the certificate it came from.
    public init(format: Format, extensionValue value: [UInt8], subjectPublicKeyInfo: [UInt8]) throws(RATLSVerificationError) {
        self.format = format
        self.subjectPublicKeyInfo = subjectPublicKeyInfo
        switch format {
        case .legacy:
            guard !value.isEmpty else { throw .malformedExtension(format, reason: "the extension value is empty") }
            quote = value
            claims = nil
            claimedPublicKeyHash = nil
        case .openEnclave:
            quote = try Self.openEnclaveQuote(value)
            claims = nil
            claimedPublicKeyHash = nil
        case .dice:
            let parts = try Self.diceParts(value)
            quote = parts.quote
            claims = parts.claims
            claimedPublicKeyHash = parts.publicKeyHash
        }
    }

    /// The quote inside Open Enclave's 16-byte header.
    static func openEnclaveQuote(_ value: [UInt8]) throws(RATLSVerificationError) -> [UInt8] {
        guard value.count >= openEnclaveHeaderSize else {
            throw .malformedExtension(.openEnclave, reason: "\(value.count) bytes, shorter than the 16-byte header")
        }
        let version = value.loadLE(UInt32.self, at: 0), type = value.loadLE(UInt32.self, at: 4), size = value.loadLE(UInt64.self, at: 8)
        guard version == 1 else {
            throw .malformedExtension(.openEnclave, reason: "header version \(version) (offset 0), expected 1")
        }
        guard type == 2 else {
            throw .malformedExtension(.openEnclave, reason: "header evidence type \(type) (offset 4), expected 2 (SGX ECDSA quote)")
        }
        let available = value.count - openEnclaveHeaderSize
        guard size == UInt64(available) else {
            throw .malformedExtension(.openEnclave, reason: "header size \(size) (offset 8) but \(available) bytes follow the header")
        }
        guard size > 0 else { throw .malformedExtension(.openEnclave, reason: "header size 0: no quote") }
        return Array(value[openEnclaveHeaderSize...])
    }

    /// Quote, claims and the claimed key hash of a DICE tagged-evidence value.
    static func diceParts(_ value: [UInt8]) throws(RATLSVerificationError) -> (quote: [UInt8], claims: [UInt8], publicKeyHash: [UInt8]) {
        func malformed(_ reason: String) -> RATLSVerificationError { .malformedExtension(.dice, reason: reason) }
        let item: CBORItem
        do {
            item = try CBORDecoder.decode(value)
        } catch {
            throw malformed("extension value: \(error.reason)")
        }
        guard case .tag(let tag, let wrapped) = item, tag == diceTag else {
            throw malformed("the value is a CBOR \(item.kind), expected tag \(diceTag)")
        }
        guard case .array(let elements) = wrapped, elements.count == 2 else {
            throw malformed("tag \(diceTag) wraps a \(wrapped.kind), expected an array of 2 [quote, claims]")
        }
        guard case .bytes(let quote) = elements[0], !quote.isEmpty else {
            throw malformed("element 0 (quote) is a \(elements[0].kind), expected a non-empty byte string")
        }
        guard case .bytes(let claims) = elements[1] else {
            throw malformed("element 1 (claims) is a \(elements[1].kind), expected a byte string")
        }
        let claimsItem: CBORItem
        do {
            claimsItem = try CBORDecoder.decode(claims)
        } catch {
            throw malformed("claims: \(error.reason)")
        }
        guard case .map = claimsItem else { throw malformed("claims are a CBOR \(claimsItem.kind), expected a map") }
        let pubkeyHash: CBORItem?
        do {
            pubkeyHash = try claimsItem.value(forTextKey: "pubkey-hash")
        } catch {
            throw malformed("claims: \(error.reason)")
        }
        guard let pubkeyHash else { throw malformed("claims have no \"pubkey-hash\"") }
        guard case .bytes(let hashEncoding) = pubkeyHash else {
            throw malformed("claims \"pubkey-hash\" is a \(pubkeyHash.kind), expected a byte string")
        }
        let hashItem: CBORItem
        do {
            hashItem = try CBORDecoder.decode(hashEncoding)
        } catch {
            throw malformed("claims \"pubkey-hash\": \(error.reason)")
        }
        guard case .array(let hashParts) = hashItem, hashParts.count == 2 else {
            throw malformed("claims \"pubkey-hash\" holds a \(hashItem.kind), expected an array of 2 [hash-alg, hash]")
        }
        guard case .unsigned(let algorithm) = hashParts[0] else {
            throw malformed("\"pubkey-hash\" hash-alg is a \(hashParts[0].kind), expected an unsigned integer")
        }
        guard algorithm == sha256HashAlgorithm else {
            throw malformed("\"pubkey-hash\" hash-alg \(algorithm) is not supported (only 1, SHA-256)")
        }
        guard case .bytes(let hash) = hashParts[1], hash.count == 32 else {
            throw malformed("\"pubkey-hash\" hash is a \(hashParts[1].kind) (\(hashParts[1].byteCount.map { "\($0) bytes" } ?? "")), expected 32 bytes")
        }
        return (quote, claims, hash)
    }
}

extension CBORItem {
    fileprivate var byteCount: Int? { if case .bytes(let b) = self { b.count } else { nil } }
}
