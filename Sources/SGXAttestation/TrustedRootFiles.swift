import Foundation

extension QuoteVerifier {
    /// A verifier trusting the keys of the root certificates in `rootCertificatePaths` (PEM or
    /// DER files), or only Intel's SGX Root CA when the list is empty; the code path of
    /// `swift-sgx verify-quote --root` and `swift-sgx ratls verify --root`.
    public init(rootCertificatePaths: [URL], options: Options = Options()) throws(QuoteVerificationError) {
        var roots: [TrustedRoot] = []
        for path in rootCertificatePaths {
            let contents: [UInt8]
            do {
                contents = [UInt8](try Data(contentsOf: path))
            } catch {
                throw QuoteVerificationError(.malformedCollateral, "cannot read root certificate \(path.path): \(error.localizedDescription)")
            }
            roots.append(try TrustedRoot(certificateFileContents: contents))
        }
        self.init(trustedRoots: roots.isEmpty ? [.intelSGXRootCA] : roots, options: options)
    }
}
