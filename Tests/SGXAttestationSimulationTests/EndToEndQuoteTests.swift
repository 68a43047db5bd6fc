import Foundation
import SGXEnclaveBuild
@_spi(Testing) import SGXHost
import SGXAttestation
import SGXSimulation
import SGXTypes
import Testing

/// An enclave asks for a quote with `Attestation.quote(reportData:)`; the host's simulated
/// quoting service answers; a relying party verifies it with the simulation root.
@Suite(.serialized) struct EndToEndQuoteTests {
    static let reportData = (0..<64).map { UInt8(0xc0 ^ $0) }
    var qe: SimulatedQuotingEnclave { SimulatedQuoting.quotingEnclave }

    @Test func enclaveQuoteVerifiesEndToEnd() throws {
        let enclave = try QuoteEnclave.load()
        let bytes = try enclave.quote(reportData: Self.reportData)
        let quote = try UnverifiedQuote(bytes: bytes)
        let verifier = QuoteVerifier(trustedRoots: [qe.trustedRoot])
        let verified = try verifier.verify(quote, collateral: qe.collateral, at: Date())
        #expect(verified.tcbStatus == .upToDate)
        #expect(verified.reportBody.mrEnclave == enclave.identity.mrenclave)
        #expect(verified.reportBody.mrSigner == enclave.identity.mrsigner)
        #expect(verified.reportBody.isvProdID == 21)
        #expect(verified.reportBody.isvSVN == 3)
        #expect(verified.reportBody.reportData == Self.reportData)
        #expect(verified.reportBody.isDebug)  // enclave.json leaves debug at its default, true
        #expect(verified.pckCertificatePath.allSatisfy { $0.subject.description.contains("SIMULATED") })

        // Policies.
        let pass = AllOf {
            ExpectedMREnclave(enclave.identity.mrenclave)
            ExpectedMRSigner(enclave.identity.mrsigner)
            ExpectedISVProdID(21)
            MinimumISVSVN(3)
            ExpectedReportData(Self.reportData)
            DebugPolicy(allowDebug: true)
            AcceptedTCBStatuses([.upToDate])
        }
        _ = try verifier.verify(quote, collateral: qe.collateral, at: Date(), policy: pass)
        var wrongMREnclave = enclave.identity.mrenclave
        wrongMREnclave[0] ^= 1
        let failures: [any QuotePolicy] = [
            ExpectedMREnclave(wrongMREnclave),
            DebugPolicy(allowDebug: false),
            MinimumISVSVN(4),
            ExpectedReportData([UInt8](repeating: 0, count: 64)),
        ]
        for policy in failures {
            #expect(throws: QuoteVerificationError.self) {
                _ = try verifier.verify(quote, collateral: qe.collateral, at: Date(), policy: AllOf([policy]))
            }
            do {
                _ = try verifier.verify(quote, collateral: qe.collateral, at: Date(), policy: AllOf([policy]))
            } catch {
                #expect(error.code == .policyViolation)
            }
        }

        // Intel's root alone rejects it as untrusted.
        #expect {
            _ = try QuoteVerifier().verify(quote, collateral: qe.collateral, at: Date())
        } throws: { ($0 as? QuoteVerificationError)?.code == .untrustedCertificateChain }
    }

    @Test func twoQuotesCarryTheirOwnReportData() throws {
        let enclave = try QuoteEnclave.load()
        let other = [UInt8](repeating: 0x5a, count: 64)
        let a = try UnverifiedQuote(bytes: try enclave.quote(reportData: Self.reportData))
        let b = try UnverifiedQuote(bytes: try enclave.quote(reportData: other))
        #expect(a.quote.reportBody.reportData == Self.reportData)
        #expect(b.quote.reportBody.reportData == other)
        // Swapping the report bodies breaks the ISV signature.
        var forged = b.quote.bytes
        forged.replaceSubrange(48..<432, with: a.quote.bytes[48..<432])
        #expect {
            _ = try QuoteVerifier(trustedRoots: [qe.trustedRoot]).verify(UnverifiedQuote(bytes: forged), collateral: qe.collateral, at: Date())
        } throws: { ($0 as? QuoteVerificationError)?.code == .invalidISVSignature }
    }

    @Test func oversizedReportDataIsRefusedInside() throws {
        let enclave = try QuoteEnclave.load()
        let frame = QuoteFrame()
        #expect(throws: SGXError(.invalidParameter)) { try enclave.ecall(1, frame: frame.pointer) }
    }

    /// A host that names another target: the enclave's REPORT is not addressed to the QE,
    /// and the QE refuses it.
    @Test func wrongTargetFromTheHostMakesTheQuoteFail() throws {
        let enclave = try QuoteEnclave.load()
        enclave.setRuntimeOCallInterceptor { request in
            guard request.index == EnclaveABI.ocallQuoteTargetInfo else { return request.forward() }
            let status = request.forward()
            let slot = RuntimeInterface.offset(of: "target_info", in: "sgx_ocall_qe_target_info")!
            request.buffer(at: slot).storeBytes(of: 0xff, as: UInt8.self)  // MRENCLAVE[0]
            return status
        }
        defer { enclave.setRuntimeOCallInterceptor(nil) }
        #expect(throws: SGXError(.macMismatch)) { _ = try enclave.quote(reportData: Self.reportData) }
    }

    /// A host that lies about the quote: a length beyond the frame, a quote of another
    /// REPORT, garbage. The enclave rejects each.
    @Test func hostileQuoteAnswersAreRejected() throws {
        let enclave = try QuoteEnclave.load()
        let foreign = try qe.quote(for: SimulatedCPU().ereport(
            targetInfo: qe.targetInfo, reportData: [UInt8](repeating: 9, count: 64),
            for: SECSIdentity(mrEnclave: [UInt8](repeating: 1, count: 32), mrSigner: [UInt8](repeating: 2, count: 32),
                              attributes: Attributes(flags: [.initted, .mode64Bit], xfrm: 3))))
        // The answer lives in two [out] buffers the frame points at: the quote (capacity
        // bytes) and its length.
        let quoteSlot = RuntimeInterface.offset(of: "quote", in: "sgx_ocall_qe_quote")!
        let lengthSlot = RuntimeInterface.offset(of: "quote_length", in: "sgx_ocall_qe_quote")!
        let capacitySlot = RuntimeInterface.offset(of: "capacity", in: "sgx_ocall_qe_quote")!
        let tamperings: [@Sendable (RuntimeOCallRequest) -> Void] = [
            { $0.buffer(at: lengthSlot).storeBytes(of: UInt64(1 << 40), as: UInt64.self) },
            { $0.buffer(at: lengthSlot).storeBytes(of: $0.u64(at: capacitySlot) + 1, as: UInt64.self) },
            { $0.buffer(at: lengthSlot).storeBytes(of: UInt64(100), as: UInt64.self) },
            { request in
                foreign.withUnsafeBytes { request.buffer(at: quoteSlot).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                request.buffer(at: lengthSlot).storeBytes(of: UInt64(foreign.count), as: UInt64.self)
            },
            { $0.buffer(at: quoteSlot).storeBytes(of: 0x7f, as: UInt8.self) },  // version 0x7f
        ]
        for tamper in tamperings {
            enclave.setRuntimeOCallInterceptor { request in
                guard request.index == EnclaveABI.ocallQuote else { return request.forward() }
                let status = request.forward()
                tamper(request)
                return status
            }
            #expect(throws: SGXError(.unexpected)) { _ = try enclave.quote(reportData: Self.reportData) }
        }
        enclave.setRuntimeOCallInterceptor(nil)
        _ = try enclave.quote(reportData: Self.reportData)
    }

    /// `swift-sgx verify-quote` as a function: quote, bundle and root PEM in files.
    @Test func verifyQuoteCommandLogic() throws {
        let enclave = try QuoteEnclave.load()
        let quote = try enclave.quote(reportData: Self.reportData)
        let directory = URL(fileURLWithPath: QuoteEnclave.workRoot).appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let quotePath = directory.appendingPathComponent("quote.bin")
        let collateralPath = directory.appendingPathComponent("collateral.json")
        let rootPath = directory.appendingPathComponent("simulation-root.pem")
        try Data(quote).write(to: quotePath)
        try Data(try qe.collateral.bundleJSON()).write(to: collateralPath)
        try Data(qe.pki.rootCertificatePEM.utf8).write(to: rootPath)

        let trusted = QuoteVerificationRequest(quotePath: quotePath, collateralPath: collateralPath, rootCertificatePaths: [rootPath],
                                               allowDebug: true, expectedReportData: Self.reportData).run()
        #expect(trusted.verified, "\(trusted.errorCode ?? "") \(trusted.error ?? "")")
        #expect(trusted.status == "UpToDate")
        #expect(trusted.mrenclave == enclave.identity.mrenclave.hexString)
        #expect(trusted.reportData == Self.reportData.hexString)

        let untrusted = QuoteVerificationRequest(quotePath: quotePath, collateralPath: collateralPath, allowDebug: true).run()
        #expect(!untrusted.verified)
        #expect(untrusted.errorCode == "untrustedCertificateChain")

        let debugRefused = QuoteVerificationRequest(quotePath: quotePath, collateralPath: collateralPath, rootCertificatePaths: [rootPath]).run()
        #expect(!debugRefused.verified)
        #expect(debugRefused.errorCode == "policyViolation")
    }
}
