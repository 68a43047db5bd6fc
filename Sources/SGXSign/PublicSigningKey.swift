import _CryptoExtras
import Crypto
import Foundation
import SGXTypes

/// An SGX signer's public key: an RSA-3072 modulus with public exponent 3, as SIGSTRUCT
/// carries it (SDM 34.13: MODULUS 384 bytes little-endian, EXPONENT = 3).
public struct PublicSigningKey: Sendable, Hashable {
    /// SGX signing keys are RSA-3072.
    public static let modulusBitCount = 3072
    public static let modulusByteCount = 384
    /// SGX requires public exponent 3.
    public static let publicExponent = 3

    /// The modulus N, 384 bytes big-endian (DER / X.509 order).
    public let modulusBigEndian: [UInt8]

    /// The modulus N, 384 bytes little-endian (SIGSTRUCT.MODULUS order).
    public var modulusLittleEndian: [UInt8] { modulusBigEndian.reversed() }

    /// From a big-endian modulus; throws `invalidParameter` unless it is exactly 3072 bits
    /// (384 bytes after leading zeros are dropped, top bit set) and odd.
    public init(modulusBigEndian: [UInt8]) throws(SGXError) {
        let trimmed = Array(modulusBigEndian.drop(while: { $0 == 0 }))
        let bits = trimmed.isEmpty ? 0 : trimmed.count * 8 - trimmed[0].leadingZeroBitCount
        guard bits == Self.modulusBitCount else {
            throw .invalidParameter("RSA modulus is \(bits) bits; SGX signing keys must be 3072 bits")
        }
        guard trimmed[trimmed.count - 1] & 1 == 1 else {
            throw .invalidParameter("RSA modulus is even")
        }
        self.modulusBigEndian = trimmed
    }

    /// From SIGSTRUCT.MODULUS (384 bytes little-endian).
    public init(modulusLittleEndian: [UInt8]) throws(SGXError) {
        guard modulusLittleEndian.count == Self.modulusByteCount else {
            throw .invalidParameter("SIGSTRUCT modulus must be 384 bytes, got \(modulusLittleEndian.count)")
        }
        try self.init(modulusBigEndian: modulusLittleEndian.reversed())
    }

    /// MRSIGNER: SHA-256 of the 384-byte little-endian modulus (SDM 39.1.2 / EINIT).
    public var mrsigner: [UInt8] {
        Self.mrsigner(ofModulus: modulusLittleEndian)
    }

    /// SHA-256 of any little-endian modulus bytes, valid key or not.
    public static func mrsigner(ofModulus modulusLittleEndian: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: modulusLittleEndian))
    }

    /// Verifies an RSASSA-PKCS1-v1_5 SHA-256 signature (little-endian, as in SIGSTRUCT)
    /// over `message`, with swift-crypto's `_RSA.Signing.PublicKey` (BoringSSL accepts e = 3).
    public func isValidSignature(littleEndian signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == Self.modulusByteCount,
              let key = try? _RSA.Signing.PublicKey(n: modulusBigEndian, e: [UInt8(Self.publicExponent)])
        else { return false }
        let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: Array(signature.reversed()))
        return key.isValidSignature(rsaSignature, for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5)
    }
}
