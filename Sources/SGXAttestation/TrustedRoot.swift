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
        self.subjectPublicKeyInfo = Array(certificate.publicKey.subjectPublicKeyInfoBytes)
        self.name = name ?? certificate.subject.description
    }

    /// Trusts the key encoded as DER SubjectPublicKeyInfo.
    public init(subjectPublicKeyInfo: [UInt8], name: String) throws(QuoteVerificationError) {
        do {
            self.publicKey = try Certificate.PublicKey(derEncoded: subjectPublicKeyInfo)
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "trusted root \(name): not a DER SubjectPublicKeyInfo: \(error)")
        }
        self.subjectPublicKeyInfo = subjectPublicKeyInfo
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
        Array(key.subjectPublicKeyInfoBytes) == subjectPublicKeyInfo
    }
}

/// Certificates from PEM text (any number of blocks, trailing NULs tolerated) or one DER certificate.
func parseCertificates(_ data: [UInt8], context: String) throws(QuoteVerificationError) -> [Certificate] {
    var text = data
    while text.last == 0 { text.removeLast() }
    if text.first == 0x30 {
        do {
            return [try Certificate(derEncoded: text)]
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "\(context): not a DER certificate: \(error)")
        }
    }
    let string = String(decoding: text, as: UTF8.self)
    do {
        let documents = try PEMDocument.parseMultiple(pemString: string)
        return try documents.map { document in
            guard document.discriminator == "CERTIFICATE" else {
                throw QuoteVerificationError(.malformedCollateral, "\(context): PEM block \(document.discriminator) is not a CERTIFICATE")
            }
            return try Certificate(derEncoded: document.derBytes)
        }
    } catch let error as QuoteVerificationError {
        throw error
    } catch {
        throw QuoteVerificationError(.malformedCollateral, "\(context): bad PEM certificate: \(error)")
    }
}
