import Foundation
import Testing
import SGXAttestation
import SGXTypes

@Suite struct PolicyAndCLITests {
    func verifiedA() throws -> VerifiedQuote {
        let collateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        return try QuoteVerifier().verify(Fixtures.quote("A-phala-sgx-v3/quote.bin"), collateral: collateral, at: Fixtures.timeA)
    }

    func fails(_ policy: some QuotePolicy, _ quote: VerifiedQuote) -> Bool {
        if case .failsToMeetPolicy = policy.evaluate(quote) { return true }
        return false
    }

    @Test func eachPolicy() throws {
        let quote = try verifiedA()
        let body = quote.reportBody
        #expect(!fails(ExpectedMREnclave(body.mrEnclave), quote))
        #expect(fails(ExpectedMREnclave([UInt8](repeating: 0, count: 32)), quote))
        #expect(!fails(ExpectedMRSigner(body.mrSigner), quote))
        #expect(fails(ExpectedMRSigner(body.mrEnclave), quote))
        #expect(!fails(ExpectedISVProdID(0), quote))
        #expect(fails(ExpectedISVProdID(1), quote))
        #expect(!fails(MinimumISVSVN(0), quote))
        #expect(fails(MinimumISVSVN(1), quote))
        #expect(!fails(DebugPolicy(allowDebug: false), quote))
        #expect(fails(AcceptedTCBStatuses([.upToDate]), quote))
        #expect(!fails(AcceptedTCBStatuses([.upToDate, .configurationAndSWHardeningNeeded]), quote))
        #expect(!fails(ExpectedReportData(Array("Hello, world!".utf8)), quote))
        #expect(fails(ExpectedReportData(Array("Hello, world?".utf8)), quote))
        // The oldest collateral document of set A is the root CA CRL (thisUpdate 2025-03-20T11:21:57Z).
        #expect(quote.collateralIssueDate == Fixtures.date("2025-03-20T11:21:57Z"))
        let youngEnough = !fails(MaximumCollateralAge(seconds: 120 * 86400), quote)
        let tooOld = fails(MaximumCollateralAge(seconds: 30 * 86400), quote)
        #expect(youngEnough)
        #expect(tooOld)
    }

    @Test func composedPolicyReportsTheFirstFailure() throws {
        let quote = try verifiedA()
        let strict = true
        let policy = AllOf {
            ExpectedMRSigner(quote.reportBody.mrSigner)
            if strict { MinimumISVSVN(5) }
            AcceptedTCBStatuses([.configurationAndSWHardeningNeeded])
        }
        let error = #expect(throws: QuoteVerificationError.self) { try quote.check(policy) }
        #expect(error?.code == .policyViolation)
        #expect(error?.detail.contains("ISVSVN 0 is below the minimum 5") == true)
        #expect(throws: Never.self) {
            try quote.check(AllOf { ExpectedMRSigner(quote.reportBody.mrSigner); AcceptedTCBStatuses([.configurationAndSWHardeningNeeded]) })
        }
    }

    @Test func cliLogicSetA() throws {
        var request = QuoteVerificationRequest(quotePath: Fixtures.url("A-phala-sgx-v3/quote.bin"),
                                               collateralPath: Fixtures.url("A-phala-sgx-v3/collateral.json"), time: Fixtures.timeA)
        var report = request.run()
        #expect(!report.verified)  // default policy accepts only UpToDate
        #expect(report.errorCode == "policyViolation")
        #expect(report.status == "ConfigurationAndSWHardeningNeeded")
        #expect(report.advisoryIDs == ["INTEL-SA-00289", "INTEL-SA-00615"])
        #expect(report.mrenclave == "33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb")
        #expect(report.mrsigner == "815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6")
        #expect(report.debug == false)
        request.acceptedStatuses = [.configurationAndSWHardeningNeeded]
        request.expectedMRSigner = [UInt8](hexString: "815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6")
        report = request.run()
        #expect(report.verified)
        #expect(report.collateralExpiry == "2025-07-19T10:01:18Z")
        let json = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as! [String: Any]
        for key in ["status", "advisoryIDs", "mrenclave", "mrsigner", "isvProdID", "isvSvn", "debug", "reportData", "verified"] {
            #expect(json[key] != nil, "JSON lacks \(key)")
        }
    }

    @Test func cliLogicSetBWithItsRootAndWithout() {
        var request = QuoteVerificationRequest(quotePath: Fixtures.url("B-intel-qvl-sample-testpki/quote.dat"),
                                               collateralPath: Fixtures.url("B-intel-qvl-sample-testpki"), time: Fixtures.timeB)
        #expect(request.run().errorCode == "untrustedCertificateChain")
        request.rootCertificatePaths = [Fixtures.url("B-intel-qvl-sample-testpki/trustedRootCaCert.pem")]
        let report = request.run()
        #expect(report.verified)
        #expect(report.status == "UpToDate")
    }

    @Test func cliLogicSetCAndBadQuote() {
        var request = QuoteVerificationRequest(quotePath: Fixtures.url("C-fortanix-pcs-2020/quote.bin"),
                                               collateralPath: Fixtures.url("C-fortanix-pcs-2020"), time: Fixtures.timeC,
                                               options: .init(requireRootCACRL: false), allowDebug: true,
                                               acceptedStatuses: [.swHardeningNeeded])
        #expect(request.run().verified)
        request.quotePath = Fixtures.url("D-fortanix-dcapql-sigonly/quote_pck_cert_chain_corrupted.bin")
        #expect(request.run().errorCode == "invalidISVSignature")
        request.quotePath = Fixtures.url("README.md")
        let report = request.run()
        #expect(!report.verified)
        #expect(report.errorCode == "unsupportedQuote")  // "# DCAP" read as version 0x4423
    }

    @Test func bundleRoundTrip() throws {
        for source in ["A-phala-sgx-v3/collateral.json", "B-intel-qvl-sample-testpki", "C-fortanix-pcs-2020"] {
            let collateral = try Collateral.load(contentsOf: Fixtures.url(source))
            let again = try Collateral(json: collateral.bundleJSON())
            #expect(again.tcbInfo == collateral.tcbInfo, "\(source)")
            #expect(again.qeIdentity == collateral.qeIdentity, "\(source)")
            #expect(again.pckCRL == collateral.pckCRL, "\(source)")
            #expect(again.rootCACRL == collateral.rootCACRL, "\(source)")
        }
    }
}
