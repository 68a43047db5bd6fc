import Crypto
import Foundation
import SGXAttestation
import SGXSimulation
import SGXTypes
import Testing
import X509

/// RA-TLS certificates made on the host from simulated quotes, in all three formats.
@Suite struct RATLSVerifierTests {
    /// Runs `body` and returns the RA-TLS error it threw (nil when it did not throw).
    func error(_ body: () throws -> Void) -> RATLSVerificationError? {
        do { try body() } catch let error as RATLSVerificationError { return error } catch {
            Issue.record("not an RATLSVerificationError: \(error)")
            return nil
        }
        return nil
    }

    @Test(arguments: RATLSEvidence.Format.allCases) func validCertificateVerifies(_ format: RATLSEvidence.Format) throws {
        let made = try RATLS.make(format)
        let verified = try RATLS.verifier().verify(made.certificate, at: Date())
        #expect(verified.format == format)
        #expect(verified.quote.reportBody.mrEnclave == RATLS.app.mrEnclave)
        #expect(verified.quote.reportBody.mrSigner == RATLS.app.mrSigner)
        #expect(verified.quote.tcbStatus == .upToDate)
        #expect(verified.evidence.subjectPublicKeyInfo == Array(made.key.publicKey.derRepresentation))
        // PEM and DER inputs both work.
        #expect(try RATLS.verifier().verify(certificateBytes: Array(made.pem.utf8), at: Date()).format == format)
        #expect(try RATLS.verifier().verify(certificateBytes: made.der, at: Date()).format == format)
    }

    @Test(arguments: RATLSEvidence.Format.allCases) func simulatedQuoteRejectedWithoutTheSimulationRoot(_ format: RATLSEvidence.Format) throws {
        let made = try RATLS.make(format)
        let failure = error { _ = try RATLS.verifier(trustSimulation: false).verify(made.certificate, at: Date()) }
        guard case .quoteVerificationFailed(let inner) = failure else { Issue.record("got \(String(describing: failure))"); return }
        #expect(inner.code == .untrustedCertificateChain)
    }

    @Test(arguments: RATLSEvidence.Format.allCases) func keyNotMatchingReportData(_ format: RATLSEvidence.Format) throws {
        // The evidence binds another key than the certificate's.
        let other = P256.Signing.PrivateKey().publicKey
        let made = try RATLS.make(format, bindKey: other)
        let failure = error { _ = try RATLS.verifier().verify(made.certificate, at: Date()) }
        guard case .keyNotBound(let failedFormat, let reason) = failure else { Issue.record("got \(String(describing: failure))"); return }
        #expect(failedFormat == format)
        #expect(reason.contains(format == .dice ? "pubkey-hash" : "REPORTDATA[0..<32]"))
    }

    @Test func diceReportDataNotHashOfClaims() throws {
        // Claims name the right key, but REPORTDATA is not SHA-256(claims) ‖ 0.
        let made = try RATLS.make(.dice, reportData: [UInt8](repeating: 0x11, count: 64))
        let failure = error { _ = try RATLS.verifier().verify(made.certificate, at: Date()) }
        guard case .keyNotBound(.dice, let reason) = failure else { Issue.record("got \(String(describing: failure))"); return }
        #expect(reason.contains("SHA-256 of the claims"))
        // The right prefix but a non-zero tail.
        let good = try RATLS.make(.dice)
        let evidence = try RATLSEvidence(certificate: good.certificate)
        let prefix = evidence.expectedReportDataPrefix.prefix
        let tailFailure = error { try evidence.checkKeyBinding(reportData: prefix + [UInt8](repeating: 1, count: 32)) }
        guard case .keyNotBound(.dice, let tailReason) = tailFailure else { Issue.record("got \(String(describing: tailFailure))"); return }
        #expect(tailReason.contains("[32..<64]"))
        #expect(error { try evidence.checkKeyBinding(reportData: prefix + [UInt8](repeating: 0, count: 32)) } == nil)
    }

    @Test(arguments: RATLSEvidence.Format.allCases) func truncatedQuote(_ format: RATLSEvidence.Format) throws {
        let made = try RATLS.make(format, mutateQuote: { $0.removeLast(100) })
        let failure = error { _ = try RATLS.verifier().verify(made.certificate, at: Date()) }
        guard case .quoteVerificationFailed(let inner) = failure else { Issue.record("got \(String(describing: failure))"); return }
        #expect(inner.code == .malformedQuote)
    }

    @Test(arguments: RATLSEvidence.Format.allCases) func bitFlippedQuote(_ format: RATLSEvidence.Format) throws {
        // One bit of MRENCLAVE (report body offset 64, quote offset 48 + 64).
        let made = try RATLS.make(format, mutateQuote: { $0[48 + 64] ^= 0x01 })
        let failure = error { _ = try RATLS.verifier().verify(made.certificate, at: Date()) }
        guard case .quoteVerificationFailed(let inner) = failure else { Issue.record("got \(String(describing: failure))"); return }
        #expect(inner.code == .invalidISVSignature)
    }

    @Test(arguments: RATLSEvidence.Format.allCases) func wrongCertificateSignature(_ format: RATLSEvidence.Format) throws {
        let made = try RATLS.make(format, signingKey: P256.Signing.PrivateKey())
        let failure = error { _ = try RATLS.verifier().verify(made.certificate, at: Date()) }
        guard case .invalidSelfSignature = failure else { Issue.record("got \(String(describing: failure))"); return }
    }

    @Test func certificateWithoutEvidence() throws {
        let made = try RATLS.make(.dice, withExtension: false)
        #expect(error { _ = try RATLS.verifier().verify(made.certificate, at: Date()) } == .noEvidenceExtension)
    }

    @Test func eachPolicyFieldViolated() throws {
        let made = try RATLS.make(.dice)
        let debugMade = try RATLS.make(.legacy, identity: RATLS.debugApp)
        var wrong = RATLS.app.mrEnclave
        wrong[0] ^= 0xff
        let cases: [(RATLSPolicy.Field, RATLSPolicy, RATLS.Made)] = [
            (.mrEnclave, RATLSPolicy(mrEnclaves: [wrong, RATLS.app.mrSigner]), made),
            (.mrSigner, RATLSPolicy(mrSigners: [wrong]), made),
            (.isvProdID, RATLSPolicy(isvProdID: 8), made),
            (.isvSVN, RATLSPolicy(minimumISVSVN: 3), made),
            (.debug, RATLSPolicy(), debugMade),
            (.tcbStatus, RATLSPolicy(acceptedTCBStatuses: [.outOfDate]), made),
            (.additional, RATLSPolicy(additionalPolicies: [ExpectedReportData([1, 2, 3])]), made),
        ]
        for (field, policy, certificate) in cases {
            let failure = error { _ = try RATLS.verifier(policy: policy).verify(certificate.certificate, at: Date()) }
            guard case .policyViolation(let failedField, _) = failure else { Issue.record("\(field): got \(String(describing: failure))"); continue }
            #expect(failedField == field)
        }
        // Any of a set: the right MRENCLAVE among others passes; debug passes when allowed.
        _ = try RATLS.verifier(policy: RATLSPolicy(mrEnclaves: [wrong, RATLS.app.mrEnclave], mrSigners: [wrong, RATLS.app.mrSigner]))
            .verify(made.certificate, at: Date())
        _ = try RATLS.verifier(policy: RATLSPolicy(allowDebug: true)).verify(debugMade.certificate, at: Date())
    }

    @Test func notACertificate() {
        let failure = error { _ = try RATLS.verifier().verify(certificateBytes: Array("hello".utf8), at: Date()) }
        guard case .malformedCertificate = failure else { Issue.record("got \(String(describing: failure))"); return }
        let truncated = error { _ = try RATLS.verifier().verify(certificateBytes: [0x30, 0x82, 0x10], at: Date()) }
        guard case .malformedCertificate = truncated else { Issue.record("got \(String(describing: truncated))"); return }
    }

    /// A DER certificate is taken byte for byte: one whose signature ends in 0x00 (1 in 256
    /// certificates) once lost that byte to the PEM path's trailing-NUL trimming and failed.
    @Test func derEndingInAZeroByteParses() throws {
        var found: RATLS.Made?
        for _ in 0..<4096 {
            let made = try RATLS.certificate(key: P256.Signing.PrivateKey(), extensions: [])
            if made.der.last == 0 { found = made; break }
        }
        let made = try #require(found)
        #expect(try RATLSVerifier.parseCertificate(made.der) == made.certificate)
        // PEM text with a C terminator still parses.
        let pem = Array(made.pem.utf8) + [0, 0]
        #expect(try RATLSVerifier.parseCertificate(pem) == made.certificate)
    }

    @Test func openEnclavePEMMatchesFoundationWrapping() throws {
        for _ in 0..<4 {
            let spki = Array(P256.Signing.PrivateKey().publicKey.derRepresentation)
            #expect(RATLSEvidence.openEnclavePublicKeyPEM(subjectPublicKeyInfo: spki) == RATLS.openEnclavePEM(spki))
        }
        // 91-byte P-256 SPKI → 124 base64 characters → two lines (64 + 60).
        let pem = String(decoding: RATLSEvidence.openEnclavePublicKeyPEM(subjectPublicKeyInfo: [UInt8](repeating: 7, count: 91)).dropLast(), as: UTF8.self)
        #expect(pem.split(separator: "\n").map(\.count) == [26, 64, 60, 24])
    }
}
