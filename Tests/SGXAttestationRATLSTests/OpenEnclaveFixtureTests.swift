import Crypto
import Foundation
import SGXAttestation
import SGXTypes
import Testing
import X509

/// Open Enclave's negative RA-TLS fixtures (Fixtures/ratls/README.md): each is rejected, for
/// its own reason, while the parts that are well formed parse as Open Enclave evidence.
@Suite struct OpenEnclaveFixtureTests {
    func verify(_ bytes: [UInt8]) -> RATLSVerificationError? {
        do {
            _ = try RATLSVerifier(collateral: Collateral()).verify(certificateBytes: bytes, at: Date())
            return nil
        } catch { return error }
    }

    @Test func ecdsaCertificateIsRejectedAsMalformed() throws {
        let bytes = try RATLS.fixture("ratls/openenclave-negative/sgx_cert_ec_bad.der")
        // Its signature AlgorithmIdentifier is ecdsa-with-SHA256 *with* a NULL parameter,
        // which RFC 5758 §3.2 forbids; swift-certificates refuses it before any signature or
        // evidence check, so this certificate never gets as far as its (also invalid) signature.
        guard case .malformedCertificate(let reason) = verify(bytes) else { Issue.record("got \(String(describing: verify(bytes)))"); return }
        #expect(reason.contains("unsupportedSignatureAlgorithm"))
    }

    @Test func rsaCertificateIsUnsupported() throws {
        let bytes = try RATLS.fixture("ratls/openenclave-negative/sgx_cert_rsa_bad.der")
        #expect(verify(bytes) == .unsupportedKeyType("RSA"))
        // Its evidence is Open Enclave's, and its REPORTDATA does bind the key the OE way
        // (SHA-256 of the PEM key with its NUL, here a multi-line RSA key): the rejection is the
        // key type's alone, and our PEM reconstruction matches Open Enclave's.
        let evidence = try RATLSEvidence(certificate: try Certificate(derEncoded: bytes))
        #expect(evidence.format == .openEnclave)
        #expect(evidence.quote.count == 4580)
        let quote = try Quote(bytes: evidence.quote)
        #expect(quote.reportBody.isDebug)
        try evidence.checkKeyBinding(reportData: quote.reportBody.reportData)
        // Its quote's embedded PCK chain is corrupt: DCAP parsing stops there.
        #expect { _ = try UnverifiedQuote(bytes: evidence.quote) } throws: { ($0 as? QuoteVerificationError)?.code == .malformedQuote }
        // A different key in the same evidence is not bound.
        let other = try RATLSEvidence(format: .openEnclave, extensionValue: RATLS.openEnclaveValue(quote: evidence.quote),
                                      subjectPublicKeyInfo: Array(P256.Signing.PrivateKey().publicKey.derRepresentation))
        #expect(throws: RATLSVerificationError.self) { try other.checkKeyBinding(reportData: quote.reportBody.reportData) }
    }

    @Test func reportWithoutCertificate() throws {
        let bytes = try RATLS.fixture("ratls/openenclave-negative/sgx_report_bad.bin")
        // As a certificate: not one.
        guard case .malformedCertificate = verify(bytes) else { Issue.record("got \(String(describing: verify(bytes)))"); return }
        // Through the evidence parser: a well-formed OE header and quote ...
        let evidence = try RATLSEvidence(format: .openEnclave, extensionValue: bytes, subjectPublicKeyInfo: [])
        #expect(evidence.quote.count == bytes.count - 16)
        // ... whose PCK chain leads to no trusted root (Intel's, at the quote's own time).
        let quote = try UnverifiedQuote(bytes: evidence.quote)
        let pck = try #require(quote.embeddedCertificates.first)
        #expect {
            _ = try QuoteVerifier().verifySignatures(quote, at: pck.notValidBefore + 86400)
        } throws: { ($0 as? QuoteVerificationError)?.code == .untrustedCertificateChain }
        // And it is a debug enclave, which the default policy refuses.
        #expect(quote.quote.reportBody.isDebug)
    }
}
