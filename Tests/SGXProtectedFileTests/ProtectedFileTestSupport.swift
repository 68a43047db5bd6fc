import Crypto
import SGXSimulation
import SGXTypes
import Testing

/// Shared inputs of the protected-file tests.
enum PFSTest {
    static let kdk: [UInt8] = Array(0..<16)
    static let otherKDK: [UInt8] = Array(100..<116)

    /// Deterministic, non-repeating-looking plaintext of `count` bytes.
    static func plaintext(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        var out = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            out[index] = UInt8(truncatingIfNeeded: state >> 56)
        }
        return out
    }

    /// An enclave identity signed by `signer` (a byte repeated to 32).
    static func enclave(signer: UInt8, isvSVN: UInt16 = 1) -> SECSIdentity {
        SECSIdentity(mrEnclave: [UInt8](repeating: 0xe0, count: 32), mrSigner: [UInt8](repeating: signer, count: 32),
                     attributes: Attributes(flags: [.initted, .debug, .mode64Bit], xfrm: 3), isvSVN: isvSVN)
    }

    /// The error `body` throws, or nil.
    static func error(_ body: () throws(ProtectedFileError) -> [UInt8]) -> ProtectedFileError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    /// `file` (user KDK ``kdk``, current layout) with the metadata's `size` replaced and the
    /// metadata re-encrypted under the right key: what a writer holding the key could make.
    static func resealed(_ file: [UInt8], size: Int64) throws -> [UInt8] {
        let header = try #require(ProtectedFileMetadataPlain(bytes: file))
        let key = try ProtectedFileKey.metadataKey(userKDK: kdk, keyID: header.metadataKeyID)
        let symmetric = SymmetricKey(data: key)
        let nonce = try AES.GCM.Nonce(data: [UInt8](repeating: 0, count: 12))
        let box = try AES.GCM.SealedBox(nonce: nonce, ciphertext: file[94..<(94 + 3372)], tag: header.metadataGMAC)
        var encrypted = [UInt8](try AES.GCM.open(box, using: symmetric))
        encrypted.storeLE(size, at: 260)
        let sealed = try AES.GCM.seal(encrypted, using: symmetric, nonce: nonce)
        var out = file
        var newHeader = header
        newHeader.metadataGMAC = Array(sealed.tag)
        out.replaceSubrange(0..<94, with: newHeader.bytes)
        out.replaceSubrange(94..<(94 + 3372), with: Array(sealed.ciphertext))
        return out
    }
}
