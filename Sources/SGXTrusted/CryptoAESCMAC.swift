/// AES-CMAC (NIST SP 800-38B, RFC 4493) over BoringSSL's `AES_CMAC`: the MAC Intel's
/// SDK uses for reports and key derivation (`sgx_rijndael128_cmac_msg`).
public enum AESCMAC {
    public static let tagByteCount = 16

    /// The 16-byte CMAC of `message` under a 128-bit (or 256-bit) AES key.
    public static func authenticationCode(for message: [UInt8], using key: borrowing SymmetricKey) throws(CryptoError) -> [UInt8] {
        guard key.byteCount == 16 || key.byteCount == 32 else { throw .invalidKeySize(key.byteCount) }
        var ok: Int32 = 0
        let tag = key.withKeyPointer { keyPointer, keyCount in
            [UInt8](unsafeUninitializedCapacity: tagByteCount) { out, count in
                ok = withInput(message) { boring_aes_cmac(out.baseAddress, keyPointer, keyCount, $0, $1) }
                count = tagByteCount
            }
        }
        guard ok == 1 else { boring_err_clear(); throw .internalFailure }
        return tag
    }

    /// True when `tag` is the CMAC of `message`, compared in constant time.
    public static func isValid(_ tag: [UInt8], for message: [UInt8], using key: borrowing SymmetricKey) throws(CryptoError) -> Bool {
        constantTimeEquals(try authenticationCode(for: message, using: key), tag)
    }
}
