import Foundation
import Testing
import SGXAttestation
import SGXTypes

/// The results each fixture set's README states (issue 6, item 5).
@Suite struct FixtureResultTests {
    @Test func setAJSONBundle() throws {
        let collateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        let verified = try QuoteVerifier().verify(Fixtures.quote("A-phala-sgx-v3/quote.bin"), collateral: collateral, at: Fixtures.timeA)
        #expect(verified.tcbStatus == .configurationAndSWHardeningNeeded)
        #expect(verified.platformTCBStatus == .configurationAndSWHardeningNeeded)
        #expect(verified.qeTCBStatus == .upToDate)
        #expect(Set(verified.advisoryIDs) == ["INTEL-SA-00289", "INTEL-SA-00615"])
        #expect(verified.advisoryIDs.count == 2)
        #expect(verified.reportBody.mrEnclave.hexString.hasPrefix("33d8736d"))
        #expect(verified.reportBody.mrSigner.hexString.hasPrefix("815f42f1"))
        #expect(!verified.reportBody.isDebug)
        #expect(verified.fmspc.hexString == "00a067110000")
        #expect(verified.skippedChecks.isEmpty)
    }

    @Test func setASplitFilesGiveTheSameResult() throws {
        let split = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3"))
        let verified = try QuoteVerifier().verify(Fixtures.quote("A-phala-sgx-v3/quote.bin"), collateral: split, at: Fixtures.timeA)
        #expect(verified.tcbStatus == .configurationAndSWHardeningNeeded)
        #expect(Set(verified.advisoryIDs) == ["INTEL-SA-00289", "INTEL-SA-00615"])
    }

    @Test func setBUnderItsOwnTestRoot() throws {
        let collateral = try Collateral.load(contentsOf: Fixtures.url("B-intel-qvl-sample-testpki"))
        let root = try Fixtures.root("B-intel-qvl-sample-testpki/trustedRootCaCert.pem")
        let verified = try QuoteVerifier(trustedRoots: [root]).verify(Fixtures.quote("B-intel-qvl-sample-testpki/quote.dat"),
                                                                      collateral: collateral, at: Fixtures.timeB)
        #expect(verified.tcbStatus == .upToDate)
        #expect(verified.platformTCBStatus == .upToDate)
        #expect(verified.qeTCBStatus == .upToDate)
        #expect(verified.advisoryIDs.isEmpty)
        #expect(verified.reportBody == ReportBody())
    }

    @Test func setBUnderIntelsRootIsUntrusted() throws {
        let collateral = try Collateral.load(contentsOf: Fixtures.url("B-intel-qvl-sample-testpki"))
        let error = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verify(Fixtures.quote("B-intel-qvl-sample-testpki/quote.dat"), collateral: collateral, at: Fixtures.timeB)
        }
        #expect(error?.code == .untrustedCertificateChain)
    }

    @Test func setCFortanixWrapper() throws {
        let collateral = try Collateral.load(contentsOf: Fixtures.url("C-fortanix-pcs-2020"))
        let verifier = QuoteVerifier(options: .init(requireRootCACRL: false))
        let verified = try verifier.verify(Fixtures.quote("C-fortanix-pcs-2020/quote.bin"), collateral: collateral, at: Fixtures.timeC)
        #expect(verified.tcbStatus == .swHardeningNeeded)
        #expect(verified.platformTCBStatus == .swHardeningNeeded)
        #expect(verified.qeTCBStatus == .upToDate)
        #expect(verified.advisoryIDs.isEmpty)
        #expect(verified.skippedChecks.count == 1)
        // Without the option, the missing root CA CRL is an error.
        let error = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verify(Fixtures.quote("C-fortanix-pcs-2020/quote.bin"), collateral: collateral, at: Fixtures.timeC)
        }
        #expect(error?.code == .missingCollateral)
    }

    // Set D. The README says D's root key is not Intel's production key. It is: the chain
    // embedded in quote_pck_cert_chain.bin ends in a root with SPKI SHA-256 a0af0312... (Intel's
    // pinned key), and `openssl verify` accepts the chain under the Intel root. The files are
    // misnamed: `root_ca.cert` is the PCK Processor CA (notBefore 10:45:08, the date the README
    // quotes) and `processor_ca.cert` is the Intel SGX Root CA (2033 variant). So the tests pin
    // what is true: D chains to Intel's root, its corrupted quote has an invalid ISV signature,
    // and under a root that did not issue it (B's test root) it is untrusted.

    @Test func setDSignaturesValidUnderIntelsRoot() throws {
        let check = try QuoteVerifier().verifySignatures(
            Fixtures.quote("D-fortanix-dcapql-sigonly/quote_pck_cert_chain.bin"), at: Fixtures.timeD)
        #expect(check.trustedRoot == .intelSGXRootCA)
        #expect(check.pckCertificatePath.count == 3)  // PCK, Processor CA, root: reordered from [PCK, Root, Processor CA]
        #expect(check.pckCertificatePath[1].subject.description.contains("Intel SGX PCK Processor CA"))
        #expect(check.pckExtension.fmspc.hexString == "00906ea10000")
        #expect(check.pckExtension.tcbComponents.prefix(7) == [6, 6, 2, 4, 1, 128, 1])
        #expect(check.pckExtension.pceSVN == 7)
        #expect(check.pckExtension.pceID == [0, 0])
    }

    @Test func setDFilesAreMisnamed() throws {
        #expect(try Fixtures.root("D-fortanix-dcapql-sigonly/processor_ca.cert") == .intelSGXRootCA)
        #expect(try Fixtures.root("D-fortanix-dcapql-sigonly/root_ca.cert") != .intelSGXRootCA)
    }

    @Test func setDCorruptedHasInvalidISVSignature() throws {
        let error = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verifySignatures(
                Fixtures.quote("D-fortanix-dcapql-sigonly/quote_pck_cert_chain_corrupted.bin"), at: Fixtures.timeD)
        }
        #expect(error?.code == .invalidISVSignature)
        #expect(error?.detail.contains("offset 436") == true)
    }

    @Test func setDFullVerificationNeedsTCBInfo() throws {
        let collateral = try Collateral.load(contentsOf: Fixtures.url("D-fortanix-dcapql-sigonly"))
        let error = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verify(Fixtures.quote("D-fortanix-dcapql-sigonly/quote_pck_cert_chain.bin"), collateral: collateral, at: Fixtures.timeD)
        }
        #expect(error?.code == .missingCollateral)
    }

    @Test func setDUnderAnotherRootIsUntrusted() throws {
        let testRoot = try Fixtures.root("B-intel-qvl-sample-testpki/trustedRootCaCert.pem")
        for file in ["quote_pck_cert_chain.bin", "quote_pck_cert_chain_corrupted.bin"] {
            let error = #expect(throws: QuoteVerificationError.self) {
                try QuoteVerifier(trustedRoots: [testRoot]).verifySignatures(Fixtures.quote("D-fortanix-dcapql-sigonly/" + file), at: Fixtures.timeD)
            }
            #expect(error?.code == .untrustedCertificateChain)
            #expect(error?.detail.contains("not a trusted root") == true)
        }
    }

    @Test func setDQuoteWithSetCCollateral() throws {
        // Same FMSPC (00906EA10000) and PCK CA as set C, so C's 2020 collateral applies.
        let collateral = try Collateral.load(contentsOf: Fixtures.url("C-fortanix-pcs-2020"))
        let verified = try QuoteVerifier(options: .init(requireRootCACRL: false)).verify(
            Fixtures.quote("D-fortanix-dcapql-sigonly/quote_pck_cert_chain.bin"), collateral: collateral, at: Fixtures.timeC)
        #expect(verified.platformTCBStatus == .outOfDate)
        #expect(verified.qeTCBStatus == .outOfDate)
        #expect(verified.tcbStatus == .outOfDate)
        #expect(verified.trustedRoot == .intelSGXRootCA)
    }

    @Test func setDQEIdentityEvaluation() throws {
        // README: under qe3_identity.json the QE is OutOfDate; under corrupt_qe3_identity.json UpToDate.
        let quote = try Fixtures.quote("D-fortanix-dcapql-sigonly/quote_pck_cert_chain.bin")
        let identity = try Collateral.load(contentsOf: Fixtures.url("D-fortanix-dcapql-sigonly")).qeIdentity!.content
        #expect(try identity.evaluate(quote.quote.signatureData.qeReport).status == .outOfDate)
        let corruptJSON = Fixtures.bytes("D-fortanix-dcapql-sigonly/corrupt_qe3_identity.json")
        let corrupt = try EnclaveIdentity(json: Array(String(decoding: corruptJSON, as: UTF8.self)
            .split(separator: "\"enclaveIdentity\":", maxSplits: 1)[1].split(separator: ",\"signature\"")[0].utf8))
        #expect(try corrupt.evaluate(quote.quote.signatureData.qeReport).status == .upToDate)
    }

    @Test func setDRawTCBQuoteParses() throws {
        let quote = try Fixtures.quote("D-fortanix-dcapql-sigonly/quote_raw_tcb.bin")
        guard case .ppidEncryptedRSA3072(let info) = quote.quote.signatureData.certificationData else {
            Issue.record("expected certification data type 3"); return
        }
        #expect(info.ppid == Fixtures.bytes("D-fortanix-dcapql-sigonly/encrypted_ppid.bin"))
        #expect(info.cpuSVN.hexString == "05050205ff8001000000000000000000")
        #expect(info.pceSVN == 6)
        #expect(info.pceID == 0)
        #expect(quote.quote.header.userData.prefix(16).map { $0 } .hexString == "00fbe6733336eaf7a4e3d8b966a82e64")
        // Without a PCK certificate the verifier says so.
        let error = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verifySignatures(quote, at: Fixtures.timeD)
        }
        #expect(error?.code == .missingPCKCertificate)
    }
}
