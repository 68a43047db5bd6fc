import BigInt
import SGXTypes

/// Produces signed SIGSTRUCTs (SDM 34.13): fills MODULUS, SIGNATURE (RSASSA-PKCS1-v1_5,
/// SHA-256 over ``SGXTypes/Sigstruct/signedBytes``), Q1 and Q2.
public enum SigstructSigner {
    /// Signs in one step with a key held in this process.
    public static func sign(enclaveHash: [UInt8], fields: SigstructFields, key: SigningKey) throws(SGXError) -> Sigstruct {
        var sigstruct = try fields.unsignedSigstruct(enclaveHash: enclaveHash)
        let signature = try key.signature(for: sigstruct.signedBytes)
        try sigstruct.attachSignature(signature, publicKey: key.publicKey)
        return sigstruct
    }

    /// Q1 = floor(S² / N) and Q2 = floor((S² mod N) · S / N), each 384 bytes little-endian.
    /// Throws `invalidSignature` if the signature is not below the modulus.
    public static func q1q2(signatureLittleEndian: [UInt8], modulusLittleEndian: [UInt8]) throws(SGXError) -> (q1: [UInt8], q2: [UInt8]) {
        let s = BigUInt(littleEndian: signatureLittleEndian)
        let n = BigUInt(littleEndian: modulusLittleEndian)
        guard !n.isZero, s < n else { throw .invalidSignature("signature is not less than the modulus") }
        let square = s * s
        let (q1, remainder) = square.quotientAndRemainder(dividingBy: n)
        let q2 = (remainder * s) / n
        // Both quotients are below N, so they fit 384 bytes.
        return (q1.littleEndianBytes(width: 384)!, q2.littleEndianBytes(width: 384)!)
    }
}

extension Sigstruct {
    /// Second step of two-step (HSM) signing: sign ``signedBytes`` elsewhere
    /// (RSASSA-PKCS1-v1_5, SHA-256, RSA-3072 e = 3), then attach the signature here.
    /// `signature` is 384 bytes little-endian (reverse the big-endian output of most HSMs
    /// and OpenSSL). Sets MODULUS, SIGNATURE, Q1 and Q2, and throws `invalidSignature`
    /// unless the signature verifies.
    public mutating func attachSignature(_ signature: [UInt8], publicKey: PublicSigningKey) throws(SGXError) {
        guard signature.count == Sigstruct.keyByteCount else {
            throw .invalidParameter("signature must be 384 bytes, got \(signature.count)")
        }
        guard publicKey.isValidSignature(littleEndian: signature, for: signedBytes) else {
            throw .invalidSignature("signature does not verify over the SIGSTRUCT's signed bytes with this public key")
        }
        let (q1, q2) = try SigstructSigner.q1q2(signatureLittleEndian: signature, modulusLittleEndian: publicKey.modulusLittleEndian)
        self.modulus = publicKey.modulusLittleEndian
        self.signature = signature
        self.q1 = q1
        self.q2 = q2
    }
}
