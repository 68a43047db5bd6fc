import SGXTypes

/// What can be checked of a SIGSTRUCT without an enclave (what EINIT checks of it, SDM
/// 40.3 EINIT): the RSA signature over ``SGXTypes/Sigstruct/signedBytes`` with the embedded
/// modulus, and Q1/Q2; plus MRSIGNER, SHA-256 of the modulus.
public struct SigstructVerification: Sendable, Hashable {
    /// The RSASSA-PKCS1-v1_5 SHA-256 signature verifies with MODULUS and e = 3.
    public let signatureValid: Bool
    /// Q1 and Q2 equal floor(S²/N) and floor((S² mod N)·S/N).
    public let q1q2Valid: Bool
    /// MRSIGNER: SHA-256 of the 384-byte little-endian modulus.
    public let mrsigner: [UInt8]

    /// Both checks passed.
    public var isValid: Bool { signatureValid && q1q2Valid }

    public init(_ sigstruct: Sigstruct) {
        if let key = try? PublicSigningKey(modulusLittleEndian: sigstruct.modulus) {
            signatureValid = key.isValidSignature(littleEndian: sigstruct.signature, for: sigstruct.signedBytes)
            if let expected = try? SigstructSigner.q1q2(
                signatureLittleEndian: sigstruct.signature, modulusLittleEndian: sigstruct.modulus) {
                q1q2Valid = expected.q1 == sigstruct.q1 && expected.q2 == sigstruct.q2
            } else {
                q1q2Valid = false
            }
            mrsigner = key.mrsigner
        } else {
            signatureValid = false
            q1q2Valid = false
            mrsigner = PublicSigningKey.mrsigner(ofModulus: sigstruct.modulus)
        }
    }

    /// Throws `invalidSignature` saying which check failed.
    public func check() throws(SGXError) {
        guard signatureValid else { throw .invalidSignature("SIGSTRUCT signature does not verify with its modulus") }
        guard q1q2Valid else { throw .invalidSignature("SIGSTRUCT Q1/Q2 do not match its signature and modulus") }
    }
}
