import Foundation
import SGXAttestation
import SGXSimulation
import SGXTypes
import Testing

/// `swift-sgx ratls verify` as a function (``RATLSVerificationRequest``), with the simulated
/// quoting service's root and collateral written to files as a user would pass them.
@Suite struct RATLSCLITests {
    struct Files {
        let directory: URL
        let certificate: URL
        let collateral: URL
        let root: URL
    }

    func files(_ made: RATLS.Made, pem: Bool) throws -> Files {
        let directory = try RATLS.temporaryDirectory()
        let certificate = directory.appendingPathComponent(pem ? "cert.pem" : "cert.der")
        try (pem ? Data(made.pem.utf8) : Data(made.der)).write(to: certificate)
        let collateral = directory.appendingPathComponent("collateral.json")
        try Data(try RATLS.qe.collateral.bundleJSON()).write(to: collateral)
        let root = directory.appendingPathComponent("root.pem")
        try Data(RATLS.qe.pki.rootCertificatePEM.utf8).write(to: root)
        return Files(directory: directory, certificate: certificate, collateral: collateral, root: root)
    }

    @Test(arguments: RATLSEvidence.Format.allCases) func verifiesWithTheSimulationRoot(_ format: RATLSEvidence.Format) throws {
        let f = try files(try RATLS.make(format), pem: format != .legacy)
        defer { try? FileManager.default.removeItem(at: f.directory) }
        let request = RATLSVerificationRequest(certificatePath: f.certificate, collateralPath: f.collateral,
                                               rootCertificatePaths: [f.root], policy: RATLS.appPolicy)
        let report = request.run()
        #expect(report.verified, "\(report.errorCode ?? ""): \(report.error ?? "")")
        #expect(report.extension == format.rawValue)
        #expect(report.keyBound == true)
        #expect(report.mrenclave == RATLS.app.mrEnclave.hexString)
        #expect(report.status == "UpToDate")
        // The JSON has verify-quote's keys plus extension and keyBound.
        let json = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as! [String: Any]
        for key in ["verified", "status", "platformStatus", "qeStatus", "advisoryIDs", "mrenclave", "mrsigner", "isvProdID", "isvSvn",
                    "debug", "reportData", "fmspc", "collateralExpiry", "verificationTime", "trustedRoot", "skippedChecks",
                    "extension", "keyBound"] {
            #expect(json[key] != nil, "JSON lacks \(key)")
        }
        #expect(json["extension"] as? String == format.rawValue)
    }

    @Test func failures() throws {
        let f = try files(try RATLS.make(.dice), pem: true)
        defer { try? FileManager.default.removeItem(at: f.directory) }
        var request = RATLSVerificationRequest(certificatePath: f.certificate, collateralPath: f.collateral)
        // Intel's root only: the simulated quote is untrusted.
        var report = request.run()
        #expect(!report.verified)
        #expect(report.errorCode == "untrustedCertificateChain")
        #expect(report.extension == "dice")
        #expect(report.keyBound == nil)
        // Trusted, but the policy pins another MRENCLAVE: key bound, policy fails.
        request.rootCertificatePaths = [f.root]
        request.policy = RATLSPolicy(mrEnclaves: [[UInt8](repeating: 0, count: 32)])
        report = request.run()
        #expect(report.errorCode == "policyViolation")
        #expect(report.error?.contains("MRENCLAVE") == true)
        #expect(report.keyBound == true)
        #expect(report.status == "UpToDate")
        // No collateral.
        request.policy = RATLSPolicy()
        request.collateralPath = nil
        #expect(request.run().errorCode == "missingCollateral")
        // Not a certificate (the collateral file).
        request.collateralPath = f.collateral
        request.certificatePath = f.collateral
        #expect(request.run().errorCode == "malformedCertificate")
        // Key not bound.
        let unbound = try files(try RATLS.make(.openEnclave, bindKey: RATLS.make(.legacy).key.publicKey), pem: false)
        defer { try? FileManager.default.removeItem(at: unbound.directory) }
        report = RATLSVerificationRequest(certificatePath: unbound.certificate, collateralPath: unbound.collateral,
                                          rootCertificatePaths: [unbound.root]).run()
        #expect(report.errorCode == "keyNotBound")
        #expect(report.keyBound == false)
    }
}
