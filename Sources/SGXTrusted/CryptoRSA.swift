/// RSA PKCS #1 v1.5 signature verification with SHA-256 (RFC 8017, 8.2.2), over
/// BoringSSL's `RSA_new_public_key` + `RSA_verify`: what checks an enclave signer's
/// SIGSTRUCT (RSA-3072, e = 3) or a host's certificate (e = 65537).
public struct RSAPublicKey: Equatable {
    /// Big-endian modulus (no leading zero bytes needed).
    public let modulus: [UInt8]
    /// Big-endian public exponent.
    public let exponent: [UInt8]

    /// A key of 2048 to 4096 bits; BoringSSL checks the exponent (odd, > 1, at most 33 bits).
    public init(modulus: [UInt8], exponent: [UInt8]) throws(CryptoError) {
        var trimmed = modulus[...]
        while let first = trimmed.first, first == 0 { trimmed = trimmed.dropFirst() }
        guard trimmed.count >= 256, trimmed.count <= 512 else { throw .invalidRSAKey }
        self.modulus = Array(trimmed)
        self.exponent = exponent
        guard let rsa = makeRSA() else { throw .invalidRSAKey }
        boring_rsa_free(rsa)
    }

    /// Modulus size in bytes (384 for RSA-3072).
    public var modulusByteCount: Int { modulus.count }

    /// True when `signature` is a PKCS #1 v1.5 signature of SHA-256(`message`).
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        isValidSignature(signature, forDigest: SHA256.hash(message))
    }

    /// True when `signature` is a PKCS #1 v1.5 signature over the 32-byte SHA-256 `digest`.
    public func isValidSignature(_ signature: [UInt8], forDigest digest: [UInt8]) -> Bool {
        guard digest.count == 32, let rsa = makeRSA() else { return false }
        defer { boring_rsa_free(rsa) }
        let ok = withInput(digest) { d, dc in withInput(signature) { s, sc in boring_rsa_verify(BoringNID.sha256, d, dc, s, sc, rsa) } }
        if ok != 1 { boring_err_clear() }
        return ok == 1
    }

    private func makeRSA() -> OpaquePointer? {
        let n = modulus.withUnsafeBytes { boring_bn_bin2bn($0.baseAddress, $0.count, nil) }
        let e = withInput(exponent) { boring_bn_bin2bn($0, $1, nil) }
        defer {
            boring_bn_free(n)
            boring_bn_free(e)
        }
        guard n != nil, e != nil else { return nil }
        let rsa = boring_rsa_new_public_key(n, e)
        if rsa == nil { boring_err_clear() }
        return rsa
    }
}
