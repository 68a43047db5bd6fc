import Foundation
import Crypto
import SGXTypes
import X509

/// DCAP ECDSA quote verification following Intel's rules (Intel QVL; checklist in
/// `reference/sgx-formats.md`):
///
/// 1. PCK certificate path (any order in the quote) to a pinned root key; validity at `time`.
/// 2. QE report signature (ECDSA-P256-SHA256 by the PCK key over the 384-byte QE report).
/// 3. Attestation-key binding: QE report data = SHA-256(attestation key ‖ QE auth data) ‖ 0³².
/// 4. ISV signature by the attestation key over quote[0..<432].
/// 5. TCB info and QE identity: signature over their exact signed JSON bytes, by a TCB
///    signing certificate with a path to the same root as the PCK chain;
///    issueDate ≤ time ≤ nextUpdate.
/// 6. CRLs: the root CA CRL (signed by the root key) for the intermediate CA and the TCB
///    signing certificate; the PCK CRL (signed by the PCK's issuer) for the PCK.
/// 7. PCK SGX extension: FMSPC and PCE-ID equal the TCB info's; platform TCB level = the
///    first level with all 16 components ≥ and PCESVN ≥.
/// 8. QE identity: MRSIGNER, ISVPRODID, masked MISCSELECT/ATTRIBUTES; QE level = first level
///    with ISVSVN ≥.
/// 9. Status = ``TCBStatus/combine(platform:qe:)``.
///
/// Parse the ``Collateral`` once and call ``verify(_:collateral:at:)`` as often as needed.
public struct QuoteVerifier: Sendable {
    public struct Options: Sendable, Hashable {
        /// Fail when the collateral has no root CA CRL (default true). Historic collateral
        /// without one (Fortanix's 2020 sample) needs false; the skipped check is listed in
        /// ``VerifiedQuote/skippedChecks``.
        public var requireRootCACRL: Bool
        /// Fail when the collateral has no PCK CRL (default true).
        public var requirePCKCRL: Bool

        public init(requireRootCACRL: Bool = true, requirePCKCRL: Bool = true) {
            self.requireRootCACRL = requireRootCACRL
            self.requirePCKCRL = requirePCKCRL
        }
    }

    /// Keys trusted as roots; by default only Intel's production SGX Root CA. Pass another
    /// root (Intel's QVL test PKI, the swift-sgx simulation root) explicitly to trust it.
    public var trustedRoots: [TrustedRoot]
    public var options: Options

    public init(trustedRoots: [TrustedRoot] = [.intelSGXRootCA], options: Options = Options()) {
        self.trustedRoots = trustedRoots
        self.options = options
    }

    /// Result of the quote-only checks (steps 1–4), which need no TCB info or QE identity.
    public struct SignatureCheck: Sendable {
        public let pckCertificatePath: [Certificate]
        public let trustedRoot: TrustedRoot
        public let pckExtension: PCKCertificateExtension
    }

    /// Steps 1–4: the PCK path and the three signature/binding checks. `extraCertificates`
    /// supply the PCK certificate for quotes that do not carry it.
    public func verifySignatures(_ quote: UnverifiedQuote, extraCertificates: [Certificate] = [],
                                 at time: Date) throws(QuoteVerificationError) -> SignatureCheck {
        let pool = quote.embeddedCertificates + extraCertificates
        let leaf = try pckLeaf(in: quote.embeddedCertificates.isEmpty ? extraCertificates : quote.embeddedCertificates)
        let path = try CertificatePath.build(leaf: leaf, pool: pool, roots: trustedRoots, at: time, purpose: "PCK certificate chain")
        let pckExtension = try PCKCertificateExtension(certificate: leaf)

        let signatureData = quote.quote.signatureData
        guard let pckKey = P256.Signing.PublicKey(leaf.publicKey) else {
            throw QuoteVerificationError(.untrustedCertificateChain, "PCK certificate key is not ECDSA P-256")
        }
        guard verifyRaw(signatureData.qeReportSignature, by: pckKey, over: signatureData.qeReport.bytes) else {
            throw QuoteVerificationError(.invalidQEReportSignature,
                "the QE report signature (quote offset \(qeReportSignatureOffset(quote.quote))) does not verify under the PCK key of \"\(leaf.subject)\"")
        }
        let expected = Array(SHA256.hash(data: signatureData.attestationKey + signatureData.qeAuthData)) + [UInt8](repeating: 0, count: 32)
        guard signatureData.qeReport.reportData == expected else {
            throw QuoteVerificationError(.attestationKeyBindingMismatch,
                "QE report data \(signatureData.qeReport.reportData.hexString) is not SHA-256(attestation key ‖ QE auth data) ‖ zeros = \(expected.hexString)")
        }
        guard let attestationKey = try? P256.Signing.PublicKey(rawRepresentation: signatureData.attestationKey) else {
            throw QuoteVerificationError(.invalidISVSignature, "the attestation key (quote offset 500) is not a P-256 point")
        }
        guard verifyRaw(signatureData.isvSignature, by: attestationKey, over: quote.quote.signedBytes) else {
            throw QuoteVerificationError(.invalidISVSignature,
                "the ISV signature (quote offset 436) over quote[0..<432] does not verify under the attestation key")
        }
        return SignatureCheck(pckCertificatePath: path.certificates, trustedRoot: path.anchor, pckExtension: pckExtension)
    }

    /// Full verification at `time` (steps 1–9).
    public func verify(_ quote: UnverifiedQuote, collateral: Collateral, at time: Date) throws(QuoteVerificationError) -> VerifiedQuote {
        let signatures = try verifySignatures(quote, extraCertificates: collateral.pckCertificates, at: time)
        let pckPath = signatures.pckCertificatePath
        var skipped: [String] = []
        var expiry = pckPath.map(\.notValidAfter).min()!
        var issued: [Date] = []

        guard let tcbInfo = collateral.tcbInfo else {
            throw QuoteVerificationError(.missingCollateral, "the collateral has no TCB info")
        }
        guard let qeIdentity = collateral.qeIdentity else {
            throw QuoteVerificationError(.missingCollateral, "the collateral has no QE identity")
        }

        // Step 5: signed collateral documents, under the same root as the PCK chain.
        let anchor = [signatures.trustedRoot]
        let tcbSigner = try checkSignedDocument(tcbInfo.body, tcbInfo.signature, tcbInfo.issuerChain, name: "tcbInfo", roots: anchor,
                                                issueDate: tcbInfo.content.issueDate, nextUpdate: tcbInfo.content.nextUpdate,
                                                badSignature: .invalidTCBInfoSignature, at: time)
        let qeSigner = try checkSignedDocument(qeIdentity.body, qeIdentity.signature, qeIdentity.issuerChain, name: "enclaveIdentity", roots: anchor,
                                               issueDate: qeIdentity.content.issueDate, nextUpdate: qeIdentity.content.nextUpdate,
                                               badSignature: .invalidQEIdentitySignature, at: time)
        expiry = min(expiry, tcbInfo.content.nextUpdate, qeIdentity.content.nextUpdate)
        expiry = min(expiry, tcbSigner.certificates.map(\.notValidAfter).min()!, qeSigner.certificates.map(\.notValidAfter).min()!)
        issued += [tcbInfo.content.issueDate, qeIdentity.content.issueDate]

        // Step 6: revocation.
        if let rootCRL = collateral.rootCACRL {
            guard rootCRL.isSigned(by: signatures.trustedRoot.publicKey) else {
                throw QuoteVerificationError(.invalidCRLSignature, "the root CA CRL (issuer \"\(rootCRL.issuer)\") is not signed by the trusted root \(signatures.trustedRoot)")
            }
            try checkCRLDates(rootCRL, "root CA CRL", at: time)
            let covered = Array(pckPath.dropFirst()) + tcbSigner.certificates + qeSigner.certificates
            for certificate in covered where !signatures.trustedRoot.holds(certificate.publicKey) && rootCRL.isRevoked(certificate.serialNumber) {
                throw QuoteVerificationError(.certificateRevoked,
                    "certificate \"\(certificate.subject)\" serial \(certificate.serialNumber) is revoked by the root CA CRL")
            }
            if let next = rootCRL.nextUpdate { expiry = min(expiry, next) }
            issued.append(rootCRL.thisUpdate)
        } else if options.requireRootCACRL {
            throw QuoteVerificationError(.missingCollateral, "the collateral has no root CA CRL")
        } else {
            skipped.append("root CA CRL (intermediate CA and TCB signing certificate revocation)")
        }
        if let pckCRL = collateral.pckCRL {
            guard let issuer = pckPath.count > 1 ? pckPath[1] : nil, pckCRL.issuer == issuer.subject,
                  pckCRL.isSigned(by: issuer.publicKey) else {
                throw QuoteVerificationError(.invalidCRLSignature,
                    "the PCK CRL (issuer \"\(pckCRL.issuer)\") is not signed by the PCK certificate's issuer \"\(pckPath[0].issuer)\"")
            }
            try checkCRLDates(pckCRL, "PCK CRL", at: time)
            if pckCRL.isRevoked(pckPath[0].serialNumber) {
                throw QuoteVerificationError(.certificateRevoked,
                    "PCK certificate serial \(pckPath[0].serialNumber) is revoked by the PCK CRL of \"\(pckCRL.issuer)\"")
            }
            if let next = pckCRL.nextUpdate { expiry = min(expiry, next) }
            issued.append(pckCRL.thisUpdate)
        } else if options.requirePCKCRL {
            throw QuoteVerificationError(.missingCollateral, "the collateral has no PCK CRL")
        } else {
            skipped.append("PCK CRL (PCK certificate revocation)")
        }

        // Step 7: platform TCB level.
        let pck = signatures.pckExtension
        let info = tcbInfo.content
        guard pck.fmspc == info.fmspc else {
            throw QuoteVerificationError(.fmspcMismatch,
                "PCK certificate FMSPC \(pck.fmspc.hexString) differs from the TCB info's \(info.fmspc.hexString)")
        }
        guard pck.pceID == info.pceID else {
            throw QuoteVerificationError(.pceIDMismatch,
                "PCK certificate PCE-ID \(pck.pceID.hexString) differs from the TCB info's \(info.pceID.hexString)")
        }
        guard let platformLevel = info.level(components: pck.tcbComponents, pceSVN: pck.pceSVN) else {
            throw QuoteVerificationError(.tcbLevelNotFound,
                "platform TCB (components \(pck.tcbComponents.map(String.init).joined(separator: ",")), PCESVN \(pck.pceSVN)) is below every level of the TCB info for FMSPC \(info.fmspc.hexString)")
        }

        // Step 8: QE identity.
        let qeLevel = try qeIdentity.content.evaluate(quote.quote.signatureData.qeReport)

        // Step 9.
        var advisories: [String] = []
        for id in platformLevel.advisoryIDs + qeLevel.advisoryIDs where !advisories.contains(id) { advisories.append(id) }
        return VerifiedQuote(
            quote: quote.quote,
            tcbStatus: TCBStatus.combine(platform: platformLevel.status, qe: qeLevel.status),
            platformTCBStatus: platformLevel.status, qeTCBStatus: qeLevel.status, advisoryIDs: advisories,
            tcbDate: platformLevel.tcbDate, fmspc: pck.fmspc, pceID: pck.pceID,
            collateralExpiry: expiry, collateralIssueDate: issued.min() ?? time, verificationTime: time,
            pckCertificatePath: pckPath, trustedRoot: signatures.trustedRoot, skippedChecks: skipped)
    }

    /// Verifies and then applies `policy`; a policy failure throws `policyViolation`.
    public func verify<Policy: QuotePolicy>(_ quote: UnverifiedQuote, collateral: Collateral, at time: Date,
                                            policy: Policy) throws(QuoteVerificationError) -> VerifiedQuote {
        let verified = try verify(quote, collateral: collateral, at: time)
        try verified.check(policy)
        return verified
    }

    // MARK: helpers

    /// The PCK leaf: the certificate carrying the SGX extension that issued no other certificate.
    private func pckLeaf(in certificates: [Certificate]) throws(QuoteVerificationError) -> Certificate {
        let candidates = certificates.filter { candidate in
            candidate.extensions.contains { $0.oid == PCKCertificateExtension.oid }
                && !certificates.contains { $0 != candidate && $0.issuer == candidate.subject }
        }
        guard let leaf = candidates.first else {
            throw QuoteVerificationError(.missingPCKCertificate,
                certificates.isEmpty
                    ? "the quote's certification data carries no PCK certificate and the collateral supplies none"
                    : "no PCK certificate (with the SGX extension) among the \(certificates.count) certificates supplied")
        }
        return leaf
    }

    private func checkSignedDocument(_ body: [UInt8], _ signature: [UInt8], _ chain: [Certificate], name: String, roots: [TrustedRoot],
                                     issueDate: Date, nextUpdate: Date, badSignature: QuoteVerificationError.Code,
                                     at time: Date) throws(QuoteVerificationError) -> CertificatePath {
        guard let signer = chain.first(where: { candidate in !chain.contains { $0 != candidate && $0.issuer == candidate.subject } }) else {
            throw QuoteVerificationError(.missingCollateral, "\(name): no signing certificate in its issuer chain")
        }
        let path = try CertificatePath.build(leaf: signer, pool: chain, roots: roots, at: time, purpose: "\(name) signing chain")
        guard let key = P256.Signing.PublicKey(signer.publicKey), verifyRaw(signature, by: key, over: body) else {
            throw QuoteVerificationError(badSignature, "\(name): the signature does not verify over the signed JSON bytes with the key of \"\(signer.subject)\"")
        }
        if time < issueDate {
            throw QuoteVerificationError(.collateralNotYetValid,
                "\(name) is valid from issueDate \(iso(issueDate)) to nextUpdate \(iso(nextUpdate)); verification time \(iso(time)) is before")
        }
        if time > nextUpdate {
            throw QuoteVerificationError(.collateralExpired,
                "\(name) is valid from issueDate \(iso(issueDate)) to nextUpdate \(iso(nextUpdate)); verification time \(iso(time)) is after")
        }
        return path
    }

    private func checkCRLDates(_ crl: CertificateRevocationList, _ name: String, at time: Date) throws(QuoteVerificationError) {
        let next = crl.nextUpdate.map(iso) ?? "(none)"
        if time < crl.thisUpdate {
            throw QuoteVerificationError(.collateralNotYetValid,
                "\(name) is valid from thisUpdate \(iso(crl.thisUpdate)) to nextUpdate \(next); verification time \(iso(time)) is before")
        }
        if let nextUpdate = crl.nextUpdate, time > nextUpdate {
            throw QuoteVerificationError(.collateralExpired,
                "\(name) is valid from thisUpdate \(iso(crl.thisUpdate)) to nextUpdate \(next); verification time \(iso(time)) is after")
        }
    }

    private func qeReportSignatureOffset(_ quote: Quote) -> Int {
        quote.header.version == 3 ? Quote.signatureDataOffset + 512 : Quote.signatureDataOffset + 128 + 6 + 384
    }
}

/// ECDSA-P256-SHA256 check of a raw r‖s signature.
func verifyRaw<D: DataProtocol>(_ signature: [UInt8], by key: P256.Signing.PublicKey, over data: D) -> Bool {
    guard let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
    return key.isValidSignature(ecdsa, for: data)
}
