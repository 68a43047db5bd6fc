/// HKDF with SHA-256 (RFC 5869) over BoringSSL's `HKDF(3)`: extract with `salt`, expand
/// with `info` to `outputByteCount` bytes.
public enum HKDFSHA256 {
    /// Largest output RFC 5869 allows for SHA-256: 255 × 32 bytes.
    public static let maximumOutputByteCount = 255 * 32

    /// Derives a key of `outputByteCount` bytes (1 ... 8160) from `inputKey`.
    public static func deriveKey(inputKey: borrowing SymmetricKey, salt: [UInt8], info: [UInt8],
                                 outputByteCount: Int) throws(CryptoError) -> SymmetricKey {
        guard outputByteCount > 0, outputByteCount <= maximumOutputByteCount else {
            throw .invalidOutputSize(outputByteCount)
        }
        var output = [UInt8](repeating: 0, count: outputByteCount)
        let ok = inputKey.withKeyPointer { secret, secretCount in
            withInput(salt) { saltPointer, saltCount in
                withInput(info) { infoPointer, infoCount in
                    output.withUnsafeMutableBufferPointer { out in
                        boring_hkdf(out.baseAddress, outputByteCount, boring_evp_sha256(), secret, secretCount,
                                    saltPointer, saltCount, infoPointer, infoCount)
                    }
                }
            }
        }
        defer { output.withUnsafeMutableBytes { boring_cleanse($0.baseAddress, $0.count) } }
        guard ok == 1 else { boring_err_clear(); throw .internalFailure }
        return SymmetricKey(bytes: output)
    }
}
