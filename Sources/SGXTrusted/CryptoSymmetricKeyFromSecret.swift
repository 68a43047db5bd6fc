/// Moving key material from an EGETKEY result (``SecretKey``) into the crypto API's
/// ``SymmetricKey`` without an intermediate array that nothing would zero.
extension SymmetricKey {
    /// A symmetric key holding a copy of `secret` (for example the SEAL or REPORT key from
    /// ENCLU[EGETKEY]); both owners zero their copy when they go away.
    public init(copying secret: borrowing SecretKey) {
        let count = secret.count
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        secret.withUnsafeBytes { source in
            if let base = source.baseAddress, count > 0 { buffer.baseAddress!.copyMemory(from: base, byteCount: count) }
        }
        storage = buffer
        byteCount = count
    }
}
