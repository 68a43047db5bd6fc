import Foundation
import SGXSign
import SGXTypes

/// `swift-sgx sign`: measure an image with the layout function, build its SIGSTRUCT as
/// Intel's signer would, sign it (RSA-3072, e = 3, PKCS#1 v1.5 SHA-256) and write it into
/// the image's `.sgx_sigstruct` slot.
public enum EnclaveSigning {
    public static func loadKey(path: String?) throws(SGXError) -> SigningKey {
        guard let path else { return try SigningKey(pemRepresentation: DevelopmentKey.pem) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SGXError(.enclaveFileAccess, "cannot read key file \(path)")
        }
        do {
            return try SigningKey(pemRepresentation: String(decoding: data, as: UTF8.self))
        } catch {
            throw SGXError(error.status, "\(path): \(error.detail)")
        }
    }

    public static func sign(image: EnclaveELF, key: SigningKey, date: UInt32? = nil) throws(SGXError) -> (image: [UInt8], sigstruct: Sigstruct) {
        let layout = try EnclaveLayout(image: image)
        let mrenclave = layout.measure().mrenclave
        let sigstruct = try SigstructSigner.sign(enclaveHash: mrenclave, fields: layout.sigstructFields(date: date), key: key)
        return (try image.signed(with: sigstruct.bytes), sigstruct)
    }
}
