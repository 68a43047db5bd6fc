import Foundation
import SwiftASN1
import X509
import Crypto

/// An X.509 certificate revocation list (RFC 5280 §5, `CertificateList`), as Intel's PCS
/// issues them for the SGX Root CA and the PCK Processor/Platform CAs.
///
/// swift-certificates has no CRL type, so this decodes the DER with swift-asn1 and checks
/// the ECDSA-P256-SHA256 signature over the exact `tbsCertList` bytes with swift-crypto.
public struct CertificateRevocationList: Sendable, Hashable {
    /// The CRL's DER encoding, as received.
    public let derBytes: [UInt8]
    /// The signed part, `tbsCertList`, as encoded in `derBytes`.
    public let tbsBytes: [UInt8]
    public let issuer: DistinguishedName
    public let thisUpdate: Date
    public let nextUpdate: Date?
    /// Serial numbers of revoked certificates (big-endian integer bytes, no leading zeros).
    public let revokedSerials: Set<[UInt8]>
    public let signatureAlgorithm: ASN1ObjectIdentifier
    public let signature: [UInt8]

    /// ecdsa-with-SHA256 (1.2.840.10045.4.3.2).
    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]

    /// Field-wise construction (tests edit parsed CRLs with it).
    init(derBytes: [UInt8], tbsBytes: [UInt8], issuer: DistinguishedName, thisUpdate: Date, nextUpdate: Date?,
         revokedSerials: Set<[UInt8]>, signatureAlgorithm: ASN1ObjectIdentifier, signature: [UInt8]) {
        self.derBytes = derBytes
        self.tbsBytes = tbsBytes
        self.issuer = issuer
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.revokedSerials = revokedSerials
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
    }

    /// Decodes a DER CRL.
    public init(derEncoded der: [UInt8]) throws(QuoteVerificationError) {
        do {
            let root = try DER.parse(der)
            var parsed: (tbs: [UInt8], issuer: DistinguishedName, thisUpdate: Date, nextUpdate: Date?, serials: Set<[UInt8]>,
                         algorithm: ASN1ObjectIdentifier, signature: [UInt8])!
            parsed = try DER.sequence(root, identifier: .sequence) { nodes in
                guard let tbsNode = nodes.next() else { throw CRLError("missing tbsCertList") }
                let tbs = try Self.parseTBS(tbsNode)
                guard let algorithmNode = nodes.next() else { throw CRLError("missing signatureAlgorithm") }
                let algorithm = try Self.parseAlgorithm(algorithmNode)
                guard let signatureNode = nodes.next() else { throw CRLError("missing signatureValue") }
                let signature = try ASN1BitString(derEncoded: signatureNode)
                return (Array(tbsNode.encodedBytes), tbs.issuer, tbs.thisUpdate, tbs.nextUpdate, tbs.serials, algorithm, Array(signature.bytes))
            }
            derBytes = der
            tbsBytes = parsed.tbs
            issuer = parsed.issuer
            thisUpdate = parsed.thisUpdate
            nextUpdate = parsed.nextUpdate
            revokedSerials = parsed.serials
            signatureAlgorithm = parsed.algorithm
            signature = parsed.signature
        } catch let error as CRLError {
            throw QuoteVerificationError(.malformedCollateral, "CRL: \(error.message)")
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "CRL: not valid DER: \(error)")
        }
    }

    /// Decodes a PEM CRL (`-----BEGIN X509 CRL-----`).
    public init(pemEncoded pem: String) throws(QuoteVerificationError) {
        let blocks = try pemBlocks(pem, context: "CRL")
        guard blocks.count == 1, blocks[0].label == "X509 CRL" else {
            throw QuoteVerificationError(.malformedCollateral, "CRL: expected one X509 CRL PEM block, found \(blocks.map(\.label))")
        }
        try self.init(derEncoded: blocks[0].der)
    }

    /// True when `certificate`'s key verifies this CRL's signature (ECDSA-P256-SHA256 only).
    public func isSigned(by publicKey: Certificate.PublicKey) -> Bool {
        guard signatureAlgorithm == Self.ecdsaWithSHA256, let key = P256.Signing.PublicKey(publicKey),
              let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
        return key.isValidSignature(ecdsa, for: tbsBytes)
    }

    /// True when `serial` is listed.
    public func isRevoked(_ serial: Certificate.SerialNumber) -> Bool {
        revokedSerials.contains(normalizedSerial(serial.bytes))
    }

    // MARK: DER decoding

    private struct CRLError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func parseTBS(_ node: ASN1Node) throws -> (issuer: DistinguishedName, thisUpdate: Date, nextUpdate: Date?, serials: Set<[UInt8]>) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            // version INTEGER OPTIONAL (v2 = 1)
            var peek = nodes
            if let first = peek.next(), first.identifier == .integer {
                _ = nodes.next()
            }
            guard let algorithmNode = nodes.next() else { throw CRLError("missing tbsCertList.signature") }
            _ = try parseAlgorithm(algorithmNode)
            guard let issuerNode = nodes.next() else { throw CRLError("missing issuer") }
            let issuer = try DistinguishedName(derEncoded: issuerNode)
            guard let thisUpdateNode = nodes.next() else { throw CRLError("missing thisUpdate") }
            let thisUpdate = try parseTime(thisUpdateNode)
            var nextUpdate: Date? = nil
            var serials = Set<[UInt8]>()
            while let next = nodes.next() {
                if next.identifier == .utcTime || next.identifier == .generalizedTime {
                    guard nextUpdate == nil else { throw CRLError("two nextUpdate fields") }
                    nextUpdate = try parseTime(next)
                } else if next.identifier == .sequence {
                    try derChildren(next).forEach { entry in
                        try DER.sequence(entry, identifier: .sequence) { fields in
                            guard let serialNode = fields.next() else { throw CRLError("revoked entry without serial") }
                            let serial = try ArraySlice<UInt8>(derEncoded: serialNode)
                            serials.insert(normalizedSerial(serial))
                            while fields.next() != nil {}
                        }
                    }
                } else if next.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                    // crlExtensions [0] EXPLICIT: CRL number, authority key identifier; not needed.
                } else {
                    throw CRLError("unexpected field \(next.identifier) in tbsCertList")
                }
            }
            return (issuer, thisUpdate, nextUpdate, serials)
        }
    }

    private static func parseAlgorithm(_ node: ASN1Node) throws -> ASN1ObjectIdentifier {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let oidNode = nodes.next() else { throw CRLError("empty AlgorithmIdentifier") }
            let oid = try ASN1ObjectIdentifier(derEncoded: oidNode)
            while nodes.next() != nil {}
            return oid
        }
    }
}

/// Converts a DER UTCTime or GeneralizedTime node to a `Date`.
func parseTime(_ node: ASN1Node) throws -> Date {
    var components = DateComponents()
    components.timeZone = TimeZone(identifier: "UTC")
    if node.identifier == .utcTime {
        let time = try UTCTime(derEncoded: node)
        (components.year, components.month, components.day) = (time.year, time.month, time.day)
        (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
    } else {
        let time = try GeneralizedTime(derEncoded: node)
        (components.year, components.month, components.day) = (time.year, time.month, time.day)
        (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    guard let date = calendar.date(from: components) else {
        throw ASN1Error.invalidASN1Object(reason: "time out of range")
    }
    return date
}

/// Serial number bytes without leading zero bytes, so that certificate and CRL encodings compare.
func normalizedSerial(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    Array(bytes.drop(while: { $0 == 0 }))
}

/// The elements of a DER SEQUENCE node.
func derChildren(_ node: ASN1Node) throws -> [ASN1Node] {
    try DER.sequence(node, identifier: .sequence) { nodes in
        var children: [ASN1Node] = []
        while let child = nodes.next() { children.append(child) }
        return children
    }
}
