import Foundation
import Crypto
import SwiftASN1
import X509

/// A trust anchor for DCAP verification, pinned by its public key (not by certificate
/// bytes: Intel's SGX Root CA exists as two certificates, valid to 2033 and to 2049, with one
/// key).
///
/// Production verification uses ``intelSGXRootCA``. Test PKIs (Intel's QVL sample data) and
/// the swift-sgx simulated quoting service have roots of their own, which a caller must pass
/// explicitly; nothing other than Intel's key is ever trusted by default.
public struct TrustedRoot: Sendable, Hashable, CustomStringConvertible {
    /// The DER SubjectPublicKeyInfo of the root key.
    public let subjectPublicKeyInfo: [UInt8]
    /// A name for messages and reports.
    public let name: String
    let publicKey: Certificate.PublicKey

    /// Trusts `certificate`'s public key.
    public init(certificate: Certificate, name: String? = nil) {
        self.publicKey = certificate.publicKey
        self.subjectPublicKeyInfo = spkiDER(certificate.publicKey)
        self.name = name ?? certificate.subject.description
    }

    /// Trusts the key encoded as DER SubjectPublicKeyInfo.
    public init(subjectPublicKeyInfo: [UInt8], name: String) throws(QuoteVerificationError) {
        do {
            self.publicKey = try Certificate.PublicKey(derEncoded: subjectPublicKeyInfo)
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "trusted root \(name): not a DER SubjectPublicKeyInfo: \(error)")
        }
        self.subjectPublicKeyInfo = spkiDER(publicKey)
        self.name = name
    }

    /// Trusts the key of the first certificate in a PEM or DER file's contents.
    public init(certificateFileContents data: [UInt8]) throws(QuoteVerificationError) {
        let certificates = try parseCertificates(data, context: "trusted root")
        guard let first = certificates.first else {
            throw QuoteVerificationError(.malformedCollateral, "trusted root: no certificate found")
        }
        self.init(certificate: first)
    }

    /// Intel SGX Root CA (production), SPKI SHA-256
    /// a0af031289f5d5d4132f9186068a7fc13628633ba235777472e29b6b6c67a49e.
    public static let intelSGXRootCA: TrustedRoot = {
        let spki = [UInt8](hexString:
            "3059301306072a8648ce3d020106082a8648ce3d030107034200040ba9c4c0c0c86193a3fe23d6b02cda10a8bbd4e8"
            + "8e48b4458561a36e705525f567918e2edc88e40d860bd0cc4ee26aacc988e505a953558c453f6b0904ae7394")!
        return try! TrustedRoot(subjectPublicKeyInfo: spki, name: "Intel SGX Root CA")
    }()

    /// SHA-256 of the SubjectPublicKeyInfo, lowercase hex.
    public var fingerprint: String { Array(SHA256.hash(data: subjectPublicKeyInfo)).hexString }

    public var description: String { "\(name) (SPKI SHA-256 \(fingerprint))" }

    public static func == (lhs: TrustedRoot, rhs: TrustedRoot) -> Bool { lhs.subjectPublicKeyInfo == rhs.subjectPublicKeyInfo }
    public func hash(into hasher: inout Hasher) { hasher.combine(subjectPublicKeyInfo) }

    func holds(_ key: Certificate.PublicKey) -> Bool {
        key == publicKey
    }
}

/// Certificates from PEM text (any number of blocks, trailing NULs tolerated) or one DER certificate.
///
/// DER is taken byte for byte: a signature may well end in 0x00, so only PEM text (which C
/// APIs often hand over with its terminating NUL) has trailing NULs removed.
func parseCertificates(_ data: [UInt8], context: String) throws(QuoteVerificationError) -> [Certificate] {
    if data.first == 0x30 {
        do {
            return [try Certificate(derEncoded: data)]
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "\(context): not a DER certificate: \(error)")
        }
    }
    var text = data
    while text.last == 0 { text.removeLast() }
    let blocks = try pemBlocks(String(decoding: text, as: UTF8.self), context: context)
    return try blocks.map { (block) throws(QuoteVerificationError) in
        guard block.label == "CERTIFICATE" else {
            throw QuoteVerificationError(.malformedCollateral, "\(context): PEM block \(block.label) is not a CERTIFICATE")
        }
        do {
            return try Certificate(derEncoded: block.der)
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "\(context): bad certificate: \(error)")
        }
    }
}

/// The blocks of a PEM text. Lenient about line lengths (Intel and Fortanix data use 64- and
/// 76-column lines; swift-asn1's `PEMDocument` accepts only 64).
func pemBlocks(_ text: String, context: String) throws(QuoteVerificationError) -> [(label: String, der: [UInt8])] {
    var blocks: [(label: String, der: [UInt8])] = []
    var label: String? = nil
    var body = ""
    for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
            guard label == nil else { throw QuoteVerificationError(.malformedCollateral, "\(context): nested PEM BEGIN") }
            label = String(line.dropFirst(11).dropLast(5))
            body = ""
        } else if line.hasPrefix("-----END "), line.hasSuffix("-----") {
            guard let open = label, String(line.dropFirst(9).dropLast(5)) == open else {
                throw QuoteVerificationError(.malformedCollateral, "\(context): PEM END without a matching BEGIN")
            }
            guard let der = Data(base64Encoded: body), !der.isEmpty else {
                throw QuoteVerificationError(.malformedCollateral, "\(context): PEM block \(open) is not valid base64")
            }
            blocks.append((open, [UInt8](der)))
            label = nil
        } else if label != nil {
            body += line
        }
    }
    guard label == nil else { throw QuoteVerificationError(.malformedCollateral, "\(context): unterminated PEM block") }
    guard !blocks.isEmpty else { throw QuoteVerificationError(.malformedCollateral, "\(context): no PEM block found") }
    return blocks
}

/// The DER SubjectPublicKeyInfo of a key (swift-certificates' `subjectPublicKeyInfoBytes` is
/// only the key bits).
func spkiDER(_ key: Certificate.PublicKey) -> [UInt8] {
    var serializer = DER.Serializer()
    try! serializer.serialize(key)
    return serializer.serializedBytes
}
