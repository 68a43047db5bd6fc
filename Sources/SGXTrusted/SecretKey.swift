import SGXTypes

/// Key material inside the enclave (for example a key from EGETKEY): not copyable, so
/// exactly one owner holds it, and zeroed when that owner's lifetime ends.
///
/// Read it only through ``withUnsafeBytes(_:)``; ``copiedBytes()`` makes an ordinary,
/// copyable array that is *not* zeroed automatically, for tests and for code that
/// knowingly takes over that responsibility.
public struct SecretKey: ~Copyable {
    private let storage: UnsafeMutableRawPointer
    /// The key's length in bytes.
    public let count: Int

    /// A zero-filled key of `count` bytes, to be filled through `storage`.
    init(zeroedCount count: Int) {
        self.count = count
        storage = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        sgx_zeroize(storage, max(count, 1))
    }

    /// A key holding `bytes` (the caller should zero its own copy).
    public init(bytes: [UInt8]) {
        self.init(zeroedCount: bytes.count)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { storage.copyMemory(from: base, byteCount: source.count) }
        }
    }

    /// Where an instruction writes the key.
    var mutableBytes: UnsafeMutableRawPointer { storage }

    /// Calls `body` with the key bytes; they must not escape.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    /// A copy of the key as an ordinary array, which nothing zeroes. Avoid outside tests.
    public func copiedBytes() -> [UInt8] {
        withUnsafeBytes { [UInt8]($0) }
    }

    deinit {
        sgx_zeroize(storage, max(count, 1))
        storage.deallocate()
    }
}
