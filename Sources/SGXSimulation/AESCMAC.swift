import Crypto
import _CryptoExtras

/// AES-128-CMAC (NIST SP 800-38B), the MAC of EGETKEY's key derivation and of REPORT.
enum AESCMAC {
    static func mac(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        do {
            var cmac = try AES.CMAC(key: SymmetricKey(data: key))
            cmac.update(data: message)
            return cmac.finalize().withUnsafeBytes { Array($0) }
        } catch {
            // Only a key of the wrong size fails, and every key here is 16 bytes.
            preconditionFailure("AES-CMAC with a \(key.count)-byte key: \(error)")
        }
    }
}
