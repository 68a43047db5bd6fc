/// HMAC-SHA-256 (RFC 2104, FIPS 198-1) over BoringSSL's one-shot `HMAC(3)`.
public enum HMACSHA256 {
    /// The 32-byte tag of `message` under `key` (any key length, as RFC 2104 allows).
    public static func authenticationCode(for message: [UInt8], using key: borrowing SymmetricKey) -> [UInt8] {
        key.withKeyPointer { keyPointer, keyCount in
            [UInt8](unsafeUninitializedCapacity: 32) { out, count in
                var written: UInt32 = 0
                _ = withInput(message) { boring_hmac(boring_evp_sha256(), keyPointer, keyCount, $0, $1, out.baseAddress, &written) }
                count = 32
            }
        }
    }

    /// True when `code` is the tag of `message` under `key`, compared in constant time.
    public static func isValid(_ code: [UInt8], for message: [UInt8], using key: borrowing SymmetricKey) -> Bool {
        constantTimeEquals(authenticationCode(for: message, using: key), code)
    }
}
