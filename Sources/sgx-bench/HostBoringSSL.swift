// The host side of the AES-GCM rows: the same BoringSSL (swift-nio-ssl's, which the enclave
// is built from) and the same AEAD, called the same way as inside the enclave: one key
// context, one freshly allocated output per operation. swift-crypto's `AES.GCM.seal` is not
// used as the baseline: on Linux it copies through `Data` and measured ~10x slower than
// its own `open`, which would flatter the enclave.
import CNIOBoringSSL

/// An AES-128-GCM key in the host's BoringSSL (`EVP_AEAD_CTX`).
final class HostAESGCM {
    private var context = EVP_AEAD_CTX()
    static let tagSize = 16

    init(key: [UInt8]) throws {
        guard key.count == 16,
              EVP_AEAD_CTX_init(&context, EVP_aead_aes_128_gcm(), key, key.count, Self.tagSize, nil) == 1
        else { throw BenchFailure("EVP_AEAD_CTX_init failed") }
    }

    deinit { EVP_AEAD_CTX_cleanup(&context) }

    /// Ciphertext followed by the tag, in a new array.
    func seal(_ plaintext: [UInt8], nonce: [UInt8]) throws -> [UInt8] {
        let capacity = plaintext.count + Self.tagSize
        var written = 0
        let output = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            guard EVP_AEAD_CTX_seal(&context, buffer.baseAddress, &written, capacity, nonce, nonce.count,
                                                  plaintext, plaintext.count, nil, 0) == 1 else {
                throw BenchFailure("EVP_AEAD_CTX_seal failed")
            }
            count = written
        }
        return output
    }

    /// The plaintext of `sealed` (ciphertext followed by the tag), in a new array.
    func open(_ sealed: [UInt8], nonce: [UInt8]) throws -> [UInt8] {
        var written = 0
        return try [UInt8](unsafeUninitializedCapacity: sealed.count) { buffer, count in
            guard EVP_AEAD_CTX_open(&context, buffer.baseAddress, &written, sealed.count, nonce, nonce.count,
                                                  sealed, sealed.count, nil, 0) == 1 else {
                throw BenchFailure("EVP_AEAD_CTX_open failed")
            }
            count = written
        }
    }
}
