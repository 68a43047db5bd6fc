import Crypto

/// AES-128-GCM as every protected-file node uses it (`sgx_rijndael128GCM_encrypt/decrypt`):
/// 12-byte zero IV, no AAD, detached 16-byte tag. A zero IV is safe only because no key
/// ever encrypts two different plaintexts: every write draws fresh keys.
enum ProtectedFileGCM {
    /// Decrypts and verifies; nil when the tag does not verify.
    static func open(_ ciphertext: ArraySlice<UInt8>, key: [UInt8], tag: [UInt8]) -> [UInt8]? {
        guard key.count == 16, tag.count == 16 else { return nil }
        do {
            let box = try AES.GCM.SealedBox(nonce: zeroNonce, ciphertext: ciphertext, tag: tag)
            return Array(try AES.GCM.open(box, using: SymmetricKey(data: key)))
        } catch {
            return nil
        }
    }

    /// Encrypts: the ciphertext (same length) and the tag.
    static func seal(_ plaintext: [UInt8], key: [UInt8]) -> (ciphertext: [UInt8], tag: [UInt8]) {
        do {
            let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: key), nonce: zeroNonce)
            return (Array(box.ciphertext), Array(box.tag))
        } catch {
            // Only a key of the wrong size fails, and every key here is 16 bytes.
            preconditionFailure("AES-GCM seal with a \(key.count)-byte key: \(error)")
        }
    }

    /// 16 bytes from the system's secure random number generator.
    static func randomKey() -> [UInt8] {
        SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
    }

    /// 32 random bytes (a `meta_data_key_id`).
    static func randomKeyID() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    private static let zeroNonce: AES.GCM.Nonce = {
        do { return try AES.GCM.Nonce(data: [UInt8](repeating: 0, count: 12)) } catch {
            preconditionFailure("a 12-byte GCM nonce is valid: \(error)")
        }
    }()
}
