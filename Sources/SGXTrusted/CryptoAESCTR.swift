/// AES in counter mode (NIST SP 800-38A), the whole 16-byte block as a big-endian
/// counter, over BoringSSL's `AES_set_encrypt_key` + `AES_ctr128_encrypt`. Unauthenticated:
/// pair it with a MAC. Encryption and decryption are the same operation.
public enum AESCTR {
    public static let counterByteCount = 16
    /// `AES_KEY` is 244 bytes (60 round-key words + round count); rounded up.
    static let scheduleByteCount = 256

    /// XORs `data` with the key stream that starts at counter block `counter`.
    public static func apply(_ data: [UInt8], using key: borrowing SymmetricKey, counter: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard key.byteCount == 16 || key.byteCount == 24 || key.byteCount == 32 else { throw .invalidKeySize(key.byteCount) }
        guard counter.count == counterByteCount else { throw .invalidNonceSize(counter.count) }
        let schedule = UnsafeMutableRawPointer.allocate(byteCount: scheduleByteCount, alignment: 16)
        defer {
            boring_cleanse(schedule, scheduleByteCount)
            schedule.deallocate()
        }
        let status = key.withKeyPointer { boring_aes_set_encrypt_key($0, UInt32($1 * 8), schedule) }
        guard status == 0 else { throw .invalidKeySize(key.byteCount) }
        var iv = counter
        var keystream = [UInt8](repeating: 0, count: 16)
        var used: UInt32 = 0
        defer { keystream.withUnsafeMutableBytes { boring_cleanse($0.baseAddress, $0.count) } }
        if data.isEmpty { return [] }
        return [UInt8](unsafeUninitializedCapacity: data.count) { out, count in
            data.withUnsafeBytes { input in
                iv.withUnsafeMutableBufferPointer { ivPointer in
                    keystream.withUnsafeMutableBufferPointer { ks in
                        boring_aes_ctr128(input.baseAddress, out.baseAddress, data.count, schedule,
                                          ivPointer.baseAddress, ks.baseAddress, &used)
                    }
                }
            }
            count = data.count
        }
    }
}
