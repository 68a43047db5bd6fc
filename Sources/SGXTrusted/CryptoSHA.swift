/// SHA-2 digests (FIPS 180-4) over BoringSSL: one-shot (`SHA256(3)`, `SHA384(3)`) and
/// incremental through ``SHAHasher`` (`EVP_DigestInit_ex` / `EVP_DigestUpdate` /
/// `EVP_DigestFinal_ex`), the counterpart of Rust-SGX's `SgxShaHandle`.
public enum SHAAlgorithm: Sendable {
    case sha256
    case sha384

    /// Digest length in bytes (32 or 48).
    public var digestByteCount: Int { self == .sha256 ? 32 : 48 }

    var evp: OpaquePointer? { self == .sha256 ? boring_evp_sha256() : boring_evp_sha384() }
}

public enum SHA256 {
    /// SHA-256 of `data` (32 bytes).
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            _ = withInput(data) { boring_sha256($0, $1, out.baseAddress) }
            count = 32
        }
    }
}

public enum SHA384 {
    /// SHA-384 of `data` (48 bytes).
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 48) { out, count in
            _ = withInput(data) { boring_sha384($0, $1, out.baseAddress) }
            count = 48
        }
    }
}

/// An incremental SHA-256/384 computation. Not copyable: the hash state has one owner and
/// is freed (and wiped by BoringSSL's allocator) when the hasher is finalized or dropped.
public struct SHAHasher: ~Copyable {
    private let context: OpaquePointer
    public let algorithm: SHAAlgorithm

    /// Starts a digest. Traps only if the enclave is out of memory (which already ends it).
    public init(_ algorithm: SHAAlgorithm) {
        guard let context = boring_md_ctx_new(), boring_digest_init(context, algorithm.evp, nil) == 1 else {
            fatalError("EVP_DigestInit_ex failed")
        }
        self.context = context
        self.algorithm = algorithm
    }

    /// Feeds `data` into the digest.
    public mutating func update(_ data: [UInt8]) {
        if data.isEmpty { return }
        _ = data.withUnsafeBytes { boring_digest_update(context, $0.baseAddress, $0.count) }
    }

    /// Feeds raw bytes (for data already in enclave memory).
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        if buffer.isEmpty { return }
        _ = boring_digest_update(context, buffer.baseAddress, buffer.count)
    }

    /// The digest of everything fed in; the hasher is consumed.
    public consuming func finalize() -> [UInt8] {
        let count = algorithm.digestByteCount
        let context = self.context
        return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            var written: UInt32 = 0
            _ = boring_digest_final(context, out.baseAddress, &written)
            initialized = count
        }
    }

    deinit { boring_md_ctx_free(context) }
}
