import Foundation
import X509

/// A certificate path from a leaf up to a ``TrustedRoot``'s key, built from an unordered pool
/// (Intel's quotes carry the PCK chain in any order).
///
/// Path building matches issuers by name *and* signature, so a certificate named "Intel SGX
/// Root CA" under a different key never passes for the real root. Every certificate on the
/// path, and the root certificate when present, must be valid at the verification time;
/// every certificate above the leaf must be a CA.
struct CertificatePath: Sendable {
    /// Leaf first; the last element is the root certificate when the pool holds it, otherwise
    /// the certificate that the anchor's key signed.
    let certificates: [Certificate]
    let anchor: TrustedRoot

    var leaf: Certificate { certificates[0] }
    /// The leaf's issuer (the PCK Processor/Platform CA, or the root for a TCB signing cert).
    var issuer: Certificate? { certificates.count > 1 ? certificates[1] : nil }

    static let maximumDepth = 5

    /// Builds and checks the path for `leaf` (`purpose` names it in errors).
    static func build(leaf: Certificate, pool: [Certificate], roots: [TrustedRoot], at time: Date,
                      purpose: String) throws(QuoteVerificationError) -> CertificatePath {
        var path = [leaf]
        var current = leaf
        for _ in 0..<maximumDepth {
            try checkValidity(current, at: time, purpose: purpose)
            if path.count > 1 { try checkIsCA(current, purpose: purpose) }
            // The current certificate carries a trusted key itself (a root certificate in the pool).
            if let anchor = roots.first(where: { $0.holds(current.publicKey) }) {
                return CertificatePath(certificates: path, anchor: anchor)
            }
            // The current certificate is signed by a trusted key.
            if let anchor = roots.first(where: { $0.publicKey.isValidSignature(current.signature, for: current) }) {
                if let rootCertificate = pool.first(where: { anchor.holds($0.publicKey) && $0.subject == current.issuer }) {
                    try checkValidity(rootCertificate, at: time, purpose: purpose)
                    path.append(rootCertificate)
                }
                return CertificatePath(certificates: path, anchor: anchor)
            }
            if current.subject == current.issuer, current.publicKey.isValidSignature(current.signature, for: current) {
                throw QuoteVerificationError(.untrustedCertificateChain,
                    "\(purpose): the chain ends in the self-signed \"\(current.subject)\" whose key (SPKI SHA-256 \(TrustedRoot(certificate: current).fingerprint)) is not a trusted root; trusted: \(roots.map(\.description).joined(separator: ", "))")
            }
            guard let issuer = pool.first(where: {
                $0.subject == current.issuer && $0 != current && $0.publicKey.isValidSignature(current.signature, for: current)
            }) else {
                throw QuoteVerificationError(.untrustedCertificateChain,
                    "\(purpose): no certificate issued \"\(current.subject)\" (issuer \"\(current.issuer)\" not found or its signature does not verify), and no trusted root key signed it")
            }
            path.append(issuer)
            current = issuer
        }
        throw QuoteVerificationError(.untrustedCertificateChain, "\(purpose): chain longer than \(maximumDepth) certificates")
    }

    static func checkValidity(_ certificate: Certificate, at time: Date, purpose: String) throws(QuoteVerificationError) {
        if time < certificate.notValidBefore {
            throw QuoteVerificationError(.certificateNotYetValid,
                "\(purpose): certificate \"\(certificate.subject)\" is valid from \(iso(certificate.notValidBefore)) to \(iso(certificate.notValidAfter)); verification time \(iso(time)) is before")
        }
        if time > certificate.notValidAfter {
            throw QuoteVerificationError(.certificateExpired,
                "\(purpose): certificate \"\(certificate.subject)\" is valid from \(iso(certificate.notValidBefore)) to \(iso(certificate.notValidAfter)); verification time \(iso(time)) is after")
        }
    }

    static func checkIsCA(_ certificate: Certificate, purpose: String) throws(QuoteVerificationError) {
        let constraints: BasicConstraints?
        do {
            constraints = try certificate.extensions.basicConstraints
        } catch {
            throw QuoteVerificationError(.untrustedCertificateChain, "\(purpose): \"\(certificate.subject)\" has malformed basic constraints")
        }
        guard case .isCertificateAuthority = constraints else {
            throw QuoteVerificationError(.untrustedCertificateChain, "\(purpose): issuer \"\(certificate.subject)\" is not a CA")
        }
    }
}
