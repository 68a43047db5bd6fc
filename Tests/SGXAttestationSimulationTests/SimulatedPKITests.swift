import Foundation
import SGXAttestation
import SGXSimulation
import SGXTypes
import Testing
import X509

/// The simulated quoting service on its own (no enclave): its PKI, its quotes, and its
/// refusal of REPORTs that are not addressed to it.
@Suite struct SimulatedPKITests {
    static let qe = try! SimulatedQuotingEnclave()
    /// An enclave identity the test invents; its REPORT is made by the simulated CPU.
    static let app = SECSIdentity(mrEnclave: [UInt8](repeating: 0xa1, count: 32), mrSigner: [UInt8](repeating: 0xb2, count: 32),
                                  attributes: Attributes(flags: [.initted, .mode64Bit], xfrm: 3), isvProdID: 7, isvSVN: 2)
    static let reportData = (0..<64).map { UInt8($0) }

    func report(for target: TargetInfo, data: [UInt8] = reportData) throws -> Report {
        try SimulatedCPU().ereport(targetInfo: target, reportData: data, for: Self.app)
    }

    @Test func everyCertificateSubjectSaysSimulated() throws {
        let pki = Self.qe.pki
        #expect(pki.certificates.count == 4)
        for certificate in pki.certificates + (Self.qe.collateral.tcbInfo?.issuerChain ?? []) + Self.qe.collateral.pckCRLIssuerChain {
            #expect(certificate.subject.description.contains("SIMULATED"), "\(certificate.subject)")
            #expect(certificate.issuer.description.contains("SIMULATED"), "\(certificate.issuer)")
        }
        #expect(Self.qe.collateral.pckCRL?.issuer.description.contains("SIMULATED") == true)
        #expect(Self.qe.collateral.rootCACRL?.issuer.description.contains("SIMULATED") == true)
        #expect(String(decoding: Self.qe.collateral.tcbInfo!.body, as: UTF8.self).contains("SIMULATED"))
        #expect(String(decoding: Self.qe.collateral.qeIdentity!.body, as: UTF8.self).contains("SIMULATED"))
        // The embedded chain in a quote too.
        let quote = try UnverifiedQuote(bytes: try Self.qe.quote(for: report(for: Self.qe.targetInfo)))
        #expect(quote.embeddedCertificates.count == 3)
        #expect(quote.embeddedCertificates.allSatisfy { $0.subject.description.contains("SIMULATED") })
    }

    @Test func pckExtensionReadsBack() throws {
        let ext = try PCKCertificateExtension(certificate: Self.qe.pki.pckCertificate)
        let configuration = Self.qe.pki.configuration
        #expect(ext.fmspc == configuration.fmspc)
        #expect(ext.pceID == configuration.pceID)
        #expect(ext.tcbComponents == configuration.tcbComponents)
        #expect(ext.pceSVN == Int(configuration.pceSVN))
        #expect(ext.cpuSVN == SimulatedCPU().cpuSVN.bytes)
        #expect(ext.ppid.count == 16)
        #expect(ext.sgxType == 0)
    }

    @Test func quoteVerifiesUnderTheSimulationRoot() throws {
        let bytes = try Self.qe.quote(for: report(for: Self.qe.targetInfo))
        let quote = try UnverifiedQuote(bytes: bytes)
        #expect(quote.quote.header.version == 3)
        #expect(quote.quote.header.attestationKeyType == 2)
        #expect(quote.quote.header.qeVendorID == QuoteHeader.intelQEVendorID)
        #expect(quote.quote.signatureData.certificationData.type == 5)
        let verified = try QuoteVerifier(trustedRoots: [Self.qe.trustedRoot]).verify(quote, collateral: Self.qe.collateral, at: Date())
        #expect(verified.tcbStatus == .upToDate)
        #expect(verified.advisoryIDs.isEmpty)
        #expect(verified.reportBody.mrEnclave == Self.app.mrEnclave)
        #expect(verified.reportBody.mrSigner == Self.app.mrSigner)
        #expect(verified.reportBody.reportData == Self.reportData)
        #expect(verified.skippedChecks.isEmpty)
        #expect(verified.trustedRoot == Self.qe.trustedRoot)
    }

    @Test func intelRootAloneRejectsSimulatedQuotes() throws {
        let quote = try UnverifiedQuote(bytes: try Self.qe.quote(for: report(for: Self.qe.targetInfo)))
        #expect {
            _ = try QuoteVerifier().verify(quote, collateral: Self.qe.collateral, at: Date())
        } throws: { ($0 as? QuoteVerificationError)?.code == .untrustedCertificateChain }
        // Another simulation PKI's root is no more trusted than Intel's.
        let other = try SimulatedQuotingEnclave()
        #expect {
            _ = try QuoteVerifier(trustedRoots: [other.trustedRoot]).verify(quote, collateral: Self.qe.collateral, at: Date())
        } throws: { ($0 as? QuoteVerificationError)?.code == .untrustedCertificateChain }
    }

    @Test func refusesReportsNotTargetedAtTheQE() throws {
        // Addressed to the enclave itself, not to the QE.
        let selfTargeted = try report(for: Self.app.targetInfo)
        #expect(throws: SGXError(.macMismatch)) { try Self.qe.quote(for: selfTargeted) }
        // Addressed to the QE but altered: body bit and MAC bit.
        var altered = try report(for: Self.qe.targetInfo)
        altered.body.reportData[0] ^= 1
        #expect(throws: SGXError(.macMismatch)) { try Self.qe.quote(for: altered) }
        var badMAC = try report(for: Self.qe.targetInfo)
        badMAC.mac[15] ^= 0x80
        #expect(throws: SGXError(.macMismatch)) { try Self.qe.quote(for: badMAC) }
        // Made on a CPU at another CPUSVN (another platform's report key).
        let elsewhere = try SimulatedCPU(cpuSVN: .upgraded).ereport(targetInfo: Self.qe.targetInfo, reportData: Self.reportData, for: Self.app)
        #expect(throws: SGXError(.macMismatch)) { try Self.qe.quote(for: elsewhere) }
        #expect(throws: SGXError(.invalidParameter)) { try Self.qe.quote(reportBytes: [UInt8](repeating: 0, count: 100)) }
    }

    @Test func seedGivesTheSameKeys() throws {
        let configuration = SimulatedPKI.Configuration(seed: Array("swift-sgx test seed".utf8))
        let a = try SimulatedQuotingEnclave(configuration: configuration)
        let b = try SimulatedQuotingEnclave(configuration: configuration)
        #expect(a.trustedRoot == b.trustedRoot)
        #expect(a.attestationPublicKey == b.attestationPublicKey)
        #expect(a.pki.pckCertificate.publicKey == b.pki.pckCertificate.publicKey)
        #expect(a.collateral.tcbInfo?.body == b.collateral.tcbInfo?.body)
        #expect(a.trustedRoot != Self.qe.trustedRoot)
        // A quote of one verifies under the other's root: the keys are the same.
        let bytes = try a.quote(for: report(for: a.targetInfo))
        _ = try QuoteVerifier(trustedRoots: [b.trustedRoot]).verify(UnverifiedQuote(bytes: bytes), collateral: b.collateral, at: Date())
    }

    @Test func collateralValidityWindowIsEnforced() throws {
        let quote = try UnverifiedQuote(bytes: try Self.qe.quote(for: report(for: Self.qe.targetInfo)))
        let verifier = QuoteVerifier(trustedRoots: [Self.qe.trustedRoot])
        let before = Self.qe.pki.configuration.notValidBefore.addingTimeInterval(-1)
        #expect {
            _ = try verifier.verify(quote, collateral: Self.qe.collateral, at: before)
        } throws: { ($0 as? QuoteVerificationError)?.code == .certificateNotYetValid }
        let bundle = try Collateral(json: try Self.qe.collateral.bundleJSON())
        _ = try verifier.verify(quote, collateral: bundle, at: Date())
    }

    @Test func rejectsBadConfiguration() {
        #expect(throws: SGXError(.invalidParameter)) {
            try SimulatedQuotingEnclave(configuration: .init(fmspc: [1, 2, 3]))
        }
    }
}
