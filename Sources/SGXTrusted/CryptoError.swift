/// What can go wrong in the enclave's cryptography (`Crypto*.swift`, over BoringSSL).
/// Every case is something the caller or an attacker can cause; broken invariants inside
/// BoringSSL end the enclave instead.
public enum CryptoError: Error, Equatable {
    /// A key of the wrong length for the algorithm (e.g. 24 bytes for AES-GCM here).
    case invalidKeySize(Int)
    /// A nonce/IV of the wrong length (AES-GCM takes 12 bytes, AES-CTR 16).
    case invalidNonceSize(Int)
    /// AES-GCM: the tag does not match key, nonce, ciphertext and AAD (or is truncated).
    case authenticationFailure
    /// A public key that is not a valid point on the curve (or not uncompressed SEC 1).
    case invalidPoint
    /// A private key scalar that is zero, not below the group order, or of the wrong length.
    case invalidPrivateKey
    /// A signature that is malformed (bad length, not strict DER) — not "did not verify",
    /// which verification reports as `false`.
    case invalidSignatureEncoding
    /// An RSA public key BoringSSL rejects (modulus size, even or too large exponent).
    case invalidRSAKey
    /// A requested output length out of range (e.g. HKDF beyond 255 × 32 bytes).
    case invalidOutputSize(Int)
    /// BoringSSL failed for a reason not listed above (its error queue is cleared).
    case internalFailure

    /// The closest Intel `sgx_status_t` value, for crossing the ECALL boundary.
    public var status: UInt32 {
        switch self {
        case .authenticationFailure: return 0x3001 // SGX_ERROR_MAC_MISMATCH
        case .internalFailure: return 0x0001       // SGX_ERROR_UNEXPECTED
        default: return 0x0002                     // SGX_ERROR_INVALID_PARAMETER
        }
    }
}

/// Runs `body` with a pointer to `bytes` that is never nil (BoringSSL treats some NULL
/// inputs specially even with length 0).
@inline(__always)
func withInput<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
    if bytes.isEmpty {
        var zero: UInt8 = 0
        return withUnsafePointer(to: &zero) { body($0, 0) }
    }
    return bytes.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
}
