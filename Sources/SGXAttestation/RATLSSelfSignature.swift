import Crypto
import _CryptoExtras
import X509

/// The RA-TLS certificate's own signature (step 1 of ``RATLSVerifier``).
///
/// An RA-TLS certificate is self-signed by the key its evidence binds: checking the signature
/// shows that whoever made the certificate held that key. The key must be ECDSA P-256 (what
/// swift-sgx enclaves and Gramine use) or P-384; any other key type is
/// ``RATLSVerificationError/unsupportedKeyType(_:)`` before any signature is looked at.
/// Issuer and subject names are not compared: implementations name these certificates freely.
public enum RATLSSelfSignature {
    /// Throws unless `certificate` has an ECDSA P-256/P-384 key and its signature verifies
    /// under that key.
    public static func check(_ certificate: Certificate) throws(RATLSVerificationError) {
        if P256.Signing.PublicKey(certificate.publicKey) == nil, P384.Signing.PublicKey(certificate.publicKey) == nil {
            throw .unsupportedKeyType(keyDescription(certificate.publicKey))
        }
        guard certificate.publicKey.isValidSignature(certificate.signature, for: certificate) else {
            throw .invalidSelfSignature(reason: "the \(certificate.signatureAlgorithm) signature over the TBSCertificate does not verify under the certificate's own key")
        }
    }

    /// A short description of a key type for messages.
    static func keyDescription(_ key: Certificate.PublicKey) -> String {
        if _RSA.Signing.PublicKey(key) != nil { return "RSA" }
        if P521.Signing.PublicKey(key) != nil { return "ECDSA P-521" }
        if Curve25519.Signing.PublicKey(key) != nil { return "Ed25519" }
        return "an unrecognised key type"
    }
}
