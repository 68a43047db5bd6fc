/// A secret key for AES, HMAC and HKDF, held in enclave heap memory that is wiped
/// (`OPENSSL_cleanse`) when the key goes away. Not copyable: a key has one owner.
///
/// The array a key is made from is the caller's copy; wipe it too if it was secret.
public struct SymmetricKey: ~Copyable {
    let storage: UnsafeMutableRawBufferPointer

    /// A key holding a copy of `bytes`.
    public init(bytes: [UInt8]) {
        storage = .allocate(byteCount: max(bytes.count, 1), alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        for (i, b) in bytes.enumerated() { storage[i] = b }
        byteCount = bytes.count
    }

    /// A fresh random key of `byteCount` bytes (RDRAND, see ``randomBytes(_:)``).
    public init(randomByteCount byteCount: Int) {
        storage = .allocate(byteCount: max(byteCount, 1), alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        if byteCount > 0 { sgx_read_rand(storage.baseAddress!, byteCount) }
        self.byteCount = byteCount
    }

    /// Length of the key in bytes.
    public let byteCount: Int

    /// Length in bits.
    public var bitCount: Int { byteCount * 8 }

    /// Calls `body` with the key bytes; do not let the pointer escape.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[0..<byteCount]))
    }

    /// The key bytes as a never-nil pointer and a length (storage is at least one byte).
    func withKeyPointer<R>(_ body: (UnsafeRawPointer, Int) -> R) -> R {
        body(UnsafeRawPointer(storage.baseAddress!), byteCount)
    }

    deinit {
        boring_cleanse(storage.baseAddress, storage.count)
        storage.deallocate()
    }
}
